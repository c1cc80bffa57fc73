"""The fetcher against a local HTTP server (127.0.0.1): success, retries, and failures that change nothing."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vertikal.cli.app import app
from vertikal.texts.cache import entries, store
from vertikal.texts.fetcher import FetchError, fetch
from vertikal.texts.sources import Sources, SourcesError, load_sources

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
BODY = (FIXTURES / "testland-2010.ru.md").read_bytes()
SHA = hashlib.sha256(BODY).hexdigest()
SRC = Path(__file__).resolve().parents[1] / "src" / "vertikal"
runner = CliRunner()


class Handler(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self) -> None:
        self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/slow.md":
            time.sleep(1.5)
        if self.path == "/missing.md":
            self.send_error(404, "Not Found")
            return
        if self.path == "/flaky.md" and self.hits[self.path] == 1:
            self.send_error(503, "Busy")
            return
        body = b"<!DOCTYPE html><html><body>Sign in</body></html>" if self.path == "/login.md" else BODY
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            if self.path == "/cut.md":  # the server goes away mid-body
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout, a size limit): no traceback on another test's stderr

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def sources(base: str, path: str, sha256: str = SHA) -> Sources:
    return Sources.model_validate(
        {"schema": 1, "texts": {"2010-05-05": {"ru": {"urls": [f"{base}{path}"], "sha256": sha256}}}}
    )


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every path under root, with the bytes of each file (None for folders)."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None) for p in root.rglob("*")}


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A cache that already holds an older text of the same version (which a failure must keep)."""
    root = tmp_path / "cache"
    store("2010-05-05", "ru", b"Article 1\n\nold text\n", "earlier", "text", root)
    return root


def test_fetch_stores_the_verified_text(server: str, cache: Path) -> None:
    entry = fetch("2010-05-05", "ru", sources=sources(server, "/ok.md"), cache=cache, backoff=0)
    assert entry.path.read_bytes() == BODY and entry.sha256 == SHA
    assert [e.to_dict() for e in entries(cache)] == [entry.to_dict()]
    meta = json.loads(entry.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["origin"] == f"{server}/ok.md" and meta["format"] == "markdown"


def test_fetch_retries_a_server_error(server: str, cache: Path) -> None:
    entry = fetch("2010-05-05", "ru", sources=sources(server, "/flaky.md"), cache=cache, backoff=0)
    assert entry.sha256 == SHA and Handler.hits["/flaky.md"] == 2


@pytest.mark.parametrize(
    ("path", "sha256", "message"),
    [
        ("/slow.md", SHA, "timed out after 0.3 s (gave up after 2 attempts)"),
        ("/missing.md", SHA, "HTTP 404 Not Found"),
        ("/ok.md", "0" * 64, f"checksum mismatch: expected sha256 {'0' * 64}, got {SHA}"),
        (
            "/cut.md",
            SHA,
            f"interrupted: got {len(BODY) // 2} of {len(BODY)} bytes (gave up after 2 attempts)",
        ),
        ("/login.md", "", "the server sent an HTML page, not the text"),
    ],
)
def test_failed_download_leaves_the_cache_unchanged(
    server: str, cache: Path, path: str, sha256: str, message: str
) -> None:
    before = snapshot(cache)
    with pytest.raises(FetchError) as info:
        fetch(
            "2010-05-05",
            "ru",
            sources=sources(server, path, sha256),
            cache=cache,
            timeout=0.3,
            attempts=2,
            backoff=0,
        )
    assert message in str(info.value) and "\n" not in str(info.value)
    assert "the cache was not changed" in str(info.value)
    assert snapshot(cache) == before


def test_failure_into_an_empty_cache_creates_nothing(server: str, tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    with pytest.raises(FetchError):
        fetch("2010-05-05", "ru", sources=sources(server, "/missing.md"), cache=root, backoff=0)
    assert not root.exists()


def test_no_source_for_a_version(server: str, cache: Path) -> None:
    with pytest.raises(
        FetchError, match="no source for version 1999-01-01 in language ru; known: 2010-05-05/ru"
    ):
        fetch("1999-01-01", "ru", sources=sources(server, "/ok.md"), cache=cache)


def write_sources(tmp_path: Path, server: str, path: str) -> Path:
    f = tmp_path / "sources.yaml"
    f.write_text(
        f"schema: 1\ntexts:\n  2010-05-05:\n    ru:\n      urls: ['{server}{path}']\n      sha256: {SHA}\n"
    )
    return f


def test_cli_fetch_json_and_list(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERTIKAL_SOURCES", str(write_sources(tmp_path, server, "/ok.md")))
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "c"))
    result = runner.invoke(app, ["corpus", "fetch", "2010-05-05", "--json"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["corpus", "list", "--json"])
    assert json.loads(result.stdout) == json.loads(listed.stdout) == [e.to_dict() for e in entries()]
    assert json.loads(listed.stdout)[0]["sha256"] == SHA


def test_cli_fetch_failure_is_one_line(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERTIKAL_SOURCES", str(write_sources(tmp_path, server, "/missing.md")))
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "c"))
    result = runner.invoke(app, ["corpus", "fetch", "--all"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "HTTP 404" in result.stderr
    assert not (tmp_path / "c").exists()
    for args in (
        ["corpus", "fetch"],
        ["corpus", "fetch", "2010-05-05", "--all"],
        ["corpus", "fetch", "x", "--lang", "de"],
    ):
        bad = runner.invoke(app, args)
        assert bad.exit_code == 1 and bad.stderr.startswith("vertikal: ") and bad.stderr.count("\n") == 1


def test_shipped_sources_manifest() -> None:
    import vertikal

    manifest = load_sources()
    known = {v.id for v in vertikal.load().versions}
    assert manifest.pairs() and {v for v, _ in manifest.pairs()} <= known
    for version, lang in manifest.pairs():
        src = manifest.get(version, lang)
        assert src is not None and all(u.startswith("https://raw.githubusercontent.com/") for u in src.urls)
        if lang in ("ru", "kk"):
            assert all("/kazakhstan-law/codes/" in u for u in src.urls)


def test_shipped_manifest_knows_the_kazakh_texts() -> None:
    """Issue 14: every version with an official Russian text has the Kazakh one of the same commit."""
    manifest = load_sources()
    ru = {v: manifest.get(v, "ru") for v, lang in manifest.pairs() if lang == "ru"}
    kk = {v: manifest.get(v, "kk") for v, lang in manifest.pairs() if lang == "kk"}
    assert set(ru) == set(kk) and {"2022-09-17", "2026-07-01"} <= set(kk)
    for version, src in ru.items():
        other = kk[version]
        assert src is not None and other is not None
        assert [u.replace("/rus.md", "/kaz.md") for u in src.urls] == other.urls
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    for lang, name in (("ru", "ru.md"), ("kk", "kk.md")):
        copy = corpus / f"kz-constitution-1995-rev2022-09.{name}"
        pinned = manifest.get("2022-09-17", lang)
        if copy.is_file():  # the shared corpus holds byte-for-byte copies of the pinned files
            assert pinned is not None and pinned.sha256 == hashlib.sha256(copy.read_bytes()).hexdigest()


def test_cli_fetch_kazakh(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(
        f"schema: 1\ntexts:\n  2010-05-05:\n    ru:\n      urls: ['{server}/ok.md']\n"
        f"    kk:\n      urls: ['{server}/kaz.md']\n      sha256: {SHA}\n"
    )
    monkeypatch.setenv("VERTIKAL_SOURCES", str(f))
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "c"))
    result = runner.invoke(app, ["corpus", "fetch", "2010-05-05", "--lang", "kk", "--json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert [(e["lang"], e["origin"], e["sha256"]) for e in got] == [("kk", f"{server}/kaz.md", SHA)]
    assert [e.lang for e in entries()] == ["kk"]


def test_sources_manifest_is_strict(tmp_path: Path) -> None:
    f = tmp_path / "sources.yaml"
    f.write_text(
        "schema: 1\ntexts:\n  2010-05-05:\n    ru:\n      urls: [https://example.org/a]\n      sha256: abc\n"
    )
    with pytest.raises(
        SourcesError, match=r"sources.yaml:6: texts.2010-05-05.ru.sha256: expected 64 lowercase hex"
    ):
        load_sources(f)
    f.write_text("schema: 1\ntexts:\n  2010-05-05:\n    ru:\n      url: https://example.org/a\n")
    with pytest.raises(SourcesError, match="unknown key"):
        load_sources(f)


def test_only_the_fetcher_uses_the_network() -> None:
    client = re.compile(
        r"^\s*(?:import|from)\s+(?:urllib\.request|http\.client|requests|httpx|aiohttp)\b", re.M
    )
    users = sorted(
        str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if client.search(p.read_text(encoding="utf-8"))
    )
    assert users == ["texts/fetcher.py"]


def test_cli_fetch_names_the_source(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11 part 11: a fetched text says what it came from: mirror, publisher, official page."""
    f = tmp_path / "sources.yaml"
    official = "https://zan.gov.kz/client/#!/doc/1/rus/05.05.2010"
    f.write_text(
        f"schema: 1\ntexts:\n  2010-05-05:\n    ru:\n      urls: ['{server}/ok.md']\n      sha256: {SHA}\n"
        f"      kind: mirror\n      publisher: testland/codes (GitHub)\n      official: '{official}'\n"
    )
    monkeypatch.setenv("VERTIKAL_SOURCES", str(f))
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "c"))
    result = runner.invoke(app, ["corpus", "fetch", "2010-05-05"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"2010-05-05 ru: {len(BODY)} bytes, matches the pinned hash",
        f"  sha256    {SHA}",
        "  from      mirror repository: testland/codes (GitHub)",
        f"  official  {official}",
    ]
    [entry] = json.loads(runner.invoke(app, ["corpus", "list", "--json"]).stdout)
    assert (entry["kind"], entry["publisher"], entry["official"]) == (
        "mirror",
        "testland/codes (GitHub)",
        official,
    )
    listed = runner.invoke(app, ["corpus", "list"]).stdout
    assert "mirror repository: testland/codes (GitHub)" in listed
    # every line fits 80 columns, except the cache's own path (as long as the reader's file system makes it)
    assert all(len(line) <= 80 for line in listed.splitlines() if line.strip() != str(tmp_path / "c"))


def test_shipped_sources_say_what_they_are() -> None:
    """Every built-in source is a mirror or a copy, names its publisher and the official page it copies."""
    manifest = load_sources()
    for version, lang in manifest.pairs():
        src = manifest.get(version, lang)
        assert src is not None
        assert src.kind == ("mirror" if lang in ("ru", "kk") else "copy"), (version, lang)
        assert src.publisher.endswith("(GitHub)")
        assert src.official.startswith(("https://zan.gov.kz/", "https://adilet.zan.kz/")), (version, lang)


def test_pinned_hashes_are_those_of_the_corpus_files() -> None:
    """The pins of 2022-09-17: the SHA-256 of the shared corpus files, copied byte for byte from the URLs."""
    corpus = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
    files = {"ru": "ru.md", "kk": "kk.md", "en": "en.txt"}
    manifest = load_sources()
    for lang, suffix in files.items():
        src = manifest.get("2022-09-17", lang)
        assert src is not None and src.sha256, lang
        path = corpus / f"kz-constitution-1995-rev2022-09.{suffix}"
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == src.sha256, lang
