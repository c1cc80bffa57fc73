"""`vertikal corpus add/list` and `vertikal parse`: imports of every format, --json equal to the library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vertikal.cli.app import app
from vertikal.texts import parse_file
from vertikal.texts.cache import cache_dir, entries, find
from vertikal.texts.extract import add_file, html_text

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
RU = FIXTURES / "testland-2010.ru.md"
EN = FIXTURES / "testland-2000.en.txt"
runner = CliRunner()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("VERTIKAL_CACHE", str(root))
    return root


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica), written by hand."""
    shown = " ".join(f"({line}) '" for line in lines)
    content = f"BT /F1 11 Tf 72 760 Td 14 TL {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_cache_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VERTIKAL_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "vertikal"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "vertikal"
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "own"))
    assert cache_dir() == tmp_path / "own"


def test_add_markdown_json_equals_list(cache: Path) -> None:
    result = runner.invoke(
        app, ["corpus", "add", str(RU), "--version", "2022-09-17", "--lang", "ru", "--json"]
    )
    assert result.exit_code == 0, result.output
    added = json.loads(result.stdout)
    listed = runner.invoke(app, ["corpus", "list", "--json"])
    assert json.loads(listed.stdout) == [added] == [e.to_dict() for e in entries()]
    assert added["origin"] == str(RU.resolve()) and added["format"] == "text"
    assert parse_file(Path(added["path"])).root == parse_file(RU).root
    assert "2022-09-17" in runner.invoke(app, ["corpus", "list"]).stdout


def test_add_windows_1251(cache: Path, tmp_path: Path) -> None:
    cp = tmp_path / "cp1251.txt"
    cp.write_bytes(RU.read_text(encoding="utf-8").encode("cp1251"))
    entry = add_file(cp, "2022-09-17", "ru")
    assert entry.path.read_text(encoding="utf-8") == RU.read_text(encoding="utf-8")


def test_add_html_page(cache: Path, tmp_path: Path) -> None:
    page = tmp_path / "law.html"
    body = "".join(f"<p>{line}</p>" for line in EN.read_text(encoding="utf-8").split("\n\n"))
    page.write_text(
        "<!DOCTYPE html><html><head><style>p{}</style><script>var x;</script></head>"
        f"<body>{body}</body></html>"
    )
    entry = add_file(page, "2000-01-01", "en")
    assert entry.format == "html"
    tree = parse_file(entry.path)
    assert [a.num for a in tree.articles()] == [a.num for a in parse_file(EN).articles()]
    assert "var x" not in entry.path.read_text(encoding="utf-8")
    assert html_text("<p>a &amp; b</p><p>c<br>d</p>") == "a & b\n\nc\n\nd\n"


def test_add_pdf(cache: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "law.pdf"
    pdf.write_bytes(
        make_pdf(["Article 1", "1. The first rule.", "Article 2", "1. The second rule.", "2. More."])
    )
    entry = add_file(pdf, "2000-01-01", "en")
    assert entry.format == "pdf"
    tree = parse_file(entry.path)
    assert [n.id for n in tree.root.walk()][1:] == [
        "art_1",
        "art_1__para_1",
        "art_2",
        "art_2__para_1",
        "art_2__para_2",
    ]


@pytest.mark.parametrize(
    ("name", "data", "args", "message"),
    [
        (
            "a.txt",
            b"Article 1\n",
            ["--version", "1900-01-01", "--lang", "ru"],
            "unknown version '1900-01-01'",
        ),
        ("a.txt", b"Article 1\n", ["--version", "2022-09-17", "--lang", "de"], "bad language 'de'"),
        ("a.pdf", b"%PDF-1.4\ngarbage", ["--version", "2022-09-17", "--lang", "en"], "not a readable PDF"),
        ("b.pdf", make_pdf([]), ["--version", "2022-09-17", "--lang", "en"], "the PDF has no text layer"),
        ("e.txt", b"", ["--version", "2022-09-17", "--lang", "en"], "empty file"),
        (
            "p.html",
            b"<html><body><script>x</script></body></html>",
            ["--version", "2022-09-17", "--lang", "en"],
            "no visible text",
        ),
    ],
)
def test_add_refuses(
    cache: Path, tmp_path: Path, name: str, data: bytes, args: list[str], message: str
) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    result = runner.invoke(app, ["corpus", "add", str(f), *args])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert result.stderr.count("\n") == 1 and message in result.stderr
    # no text is cached (the dataset cache beside the texts holds the data that named the version)
    assert not cache.exists() or {p.name for p in cache.iterdir()} == {"dataset"}


def test_find_prefers_russian_then_english(cache: Path) -> None:
    add_file(EN, "2000-01-01", "en")
    assert (entry := find("2000-01-01")) is not None and entry.lang == "en"
    add_file(RU, "2000-01-01", "ru")
    assert (entry := find("2000-01-01")) is not None and entry.lang == "ru"
    assert find("2000-01-01", "kk") is None


def test_parse_json_equals_library() -> None:
    result = runner.invoke(app, ["parse", str(EN), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == parse_file(EN).to_dict()
    plain = runner.invoke(app, ["parse", str(EN)])
    assert "art_7" in plain.stdout and "(excluded)" in plain.stdout


def test_light_commands_do_not_import_texts_machinery() -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from vertikal.cli.app import app; "
        "r = CliRunner().invoke(app, ['versions', '--json']); assert r.exit_code == 0; "
        "print([m for m in ('pypdf', 'urllib.request', 'vertikal.texts') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
