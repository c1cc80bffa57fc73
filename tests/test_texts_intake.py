"""Issue 11 part 8 and issue 14 part 5: input checked at the door, and the language of a text.

Every refusal is one line on stderr, exit 1, and leaves the cache exactly as it was; --force imports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.test_texts_cli import make_pdf
from vertikal.cli.app import app
from vertikal.texts.cache import find, store
from vertikal.texts.extract import add_file
from vertikal.texts.intake import Refused, admit

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
EN = FIXTURES / "testland-2000.en.txt"
RU = FIXTURES / "testland-2010.ru.md"
KK = FIXTURES / "testland-2010.kk.md"
V = "2022-09-17"
runner = CliRunner()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("VERTIKAL_CACHE", str(root))
    return root


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Everything in the cache but the dataset cache (`<cache>/dataset`), which reading the data that
    name the version may fill whatever becomes of the text."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in root.rglob("*")
        if p.relative_to(root).parts[0] != "dataset"
    }


def add(path: Path, lang: str, *more: str) -> object:
    return runner.invoke(app, ["corpus", "add", str(path), "--version", V, "--lang", lang, *more])


def refused(result: object, *words: str) -> None:
    assert getattr(result, "exit_code", None) == 1, getattr(result, "output", "")
    err = getattr(result, "stderr", "")
    assert err.startswith("vertikal: ") and err.count("\n") == 1 and "Traceback" not in err, err
    for w in words:
        assert w in err, err


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    f = tmp_path / name
    f.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return f


# --- corpus add: each refusal, then --force -------------------------------------------------------


def test_lorem_ipsum_has_no_article(cache: Path, tmp_path: Path) -> None:
    lorem = write(tmp_path, "lorem.txt", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n")
    refused(add(lorem, "en"), "lorem.txt: not imported: no articles found", "nothing was written", "--force")
    assert snapshot(cache) == {}
    forced = add(lorem, "en", "--force")
    assert forced.exit_code == 0, forced.output
    assert (entry := find(V, "en")) is not None and entry.kind == "file"


def test_a_non_pdf_named_pdf(cache: Path, tmp_path: Path) -> None:
    fake = write(tmp_path, "law.pdf", EN.read_bytes())
    refused(add(fake, "en"), "law.pdf: named .pdf but not a PDF (it does not start with %PDF-)")
    assert snapshot(cache) == {}
    forced = add(fake, "en", "--force")  # imported by its content: a text
    assert forced.exit_code == 0, forced.output
    assert (entry := find(V, "en")) is not None and entry.format == "text"


@pytest.mark.parametrize(
    ("path", "lang", "reads_as"),
    [(EN, "ru", "English"), (RU, "en", "Russian"), (RU, "kk", "Russian"), (KK, "ru", "Kazakh")],
)
def test_a_text_in_another_language(cache: Path, path: Path, lang: str, reads_as: str) -> None:
    result = add(path, lang)
    refused(result, f"filed as --lang {lang}, but it reads as {reads_as}, not ", "confidence")
    assert snapshot(cache) == {}
    forced = add(path, lang, "--force")
    assert forced.exit_code == 0 and "imported under --force although it reads as" in forced.stderr
    assert find(V, lang) is not None


def test_overwriting_a_cached_text(cache: Path, tmp_path: Path) -> None:
    assert add(EN, "en").exit_code == 0
    before = snapshot(cache)
    other = write(tmp_path, "other.txt", EN.read_text(encoding="utf-8") + "\nArticle 99\n\nOne more rule.\n")
    refused(add(other, "en"), f"the cache already has a text of {V} in en (from {EN.resolve()}, added ")
    assert snapshot(cache) == before
    forced = add(other, "en", "--force")
    assert forced.exit_code == 0 and "replaced the cached text from" in forced.stderr
    assert (entry := find(V, "en")) is not None and entry.origin == str(other.resolve())


def test_the_same_text_again_writes_nothing(cache: Path) -> None:
    assert add(EN, "en").exit_code == 0
    before = snapshot(cache)
    again = add(EN, "en")
    assert again.exit_code == 0 and "nothing was written" in again.stdout
    assert snapshot(cache) == before


def test_every_reason_in_one_line(cache: Path) -> None:
    assert add(EN, "en").exit_code == 0
    before = snapshot(cache)
    result = add(RU, "en")  # wrong language and an existing, different text
    refused(result, "it reads as Russian, not English", f"the cache already has a text of {V} in en")
    assert snapshot(cache) == before


def test_the_library_refuses_too(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(Refused, match="it reads as English, not Kazakh"):
        add_file(EN, V, "kk")
    assert snapshot(cache) == {}
    done = admit(KK, V, "kk")
    assert done.detected.lang == "kk" and not done.unchanged and done.warnings() == []
    assert admit(KK, V, "kk").unchanged


def test_an_undetectable_language_is_imported_with_a_warning(cache: Path, tmp_path: Path) -> None:
    short = write(tmp_path, "short.txt", "Article 1\n\nRule.\n")
    result = add(short, "ru")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("vertikal: warning: could not tell the language of the text")


# --- PDF errors: one line, whatever pypdf says ----------------------------------------------------

ENCRYPT = b"<< /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>"
PDF = make_pdf(
    ["Article 1", "1. The first rule applies to everyone here.", "Article 2", "1. The second one."]
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (PDF[: len(PDF) * 2 // 3], "not a readable PDF"),
        (PDF.replace(b"%%EOF", b""), "not a readable PDF"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8, "not a readable PDF"),
        (
            PDF.replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt " + ENCRYPT),
            "an encrypted PDF; decrypt it first",
        ),
    ],
    ids=["truncated", "no-eof", "garbage", "encrypted"],
)
def test_pdf_errors_are_one_line(
    cache: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], data: bytes, message: str
) -> None:
    result = add(write(tmp_path, "law.pdf", data), "en", "--force")
    refused(result, f"law.pdf: {message}")
    assert capfd.readouterr().err == ""  # nothing from pypdf's logger reaches the terminal
    assert snapshot(cache) == {}


def test_a_repairable_pdf_imports_silently(
    cache: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    damaged = PDF.replace(b"startxref\n", b"startxref\n9")  # a wrong xref offset pypdf repairs
    result = add(write(tmp_path, "law.pdf", damaged), "en")
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert capfd.readouterr().err == ""


# --- --lang: only supported languages, everywhere ------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["corpus", "add", str(EN), "--version", V, "--lang", "xx"],
        ["corpus", "fetch", V, "--lang", "de"],
        ["parse", str(EN), "--lang", "english"],
        ["diff", str(EN), str(EN), "--lang", "EN"],
        ["extract", str(EN), "--lang", "fr"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_unsupported_lang_is_one_line(cache: Path, args: list[str]) -> None:
    result = runner.invoke(app, args)
    refused(result, "bad language", "for --lang: expected one of en, ru, kk")
    assert snapshot(cache) == {}


def test_corpus_add_needs_a_language(cache: Path) -> None:
    refused(runner.invoke(app, ["corpus", "add", str(EN), "--version", V]), "give the text's language")


# --- parse, diff, extract use the detector -------------------------------------------------------


def test_parse_refuses_a_wrong_lang_unless_forced() -> None:
    refused(runner.invoke(app, ["parse", str(RU), "--lang", "kk"]), "--lang kk, but it reads as Russian")
    assert runner.invoke(app, ["parse", str(RU), "--lang", "ru"]).exit_code == 0
    forced = runner.invoke(app, ["parse", str(RU), "--lang", "kk", "--force", "--json"])
    assert forced.exit_code == 0 and json.loads(forced.stdout)["counts"]["article"] > 0
    assert forced.stderr.startswith("vertikal: warning: ")


def test_diff_warns_when_the_languages_differ() -> None:
    mixed = runner.invoke(app, ["diff", str(EN), str(RU)])
    assert mixed.exit_code == 0
    assert mixed.stderr.count("\n") == 1
    assert "the texts are in different languages" in mixed.stderr and "English" in mixed.stderr
    assert "Russian" in mixed.stderr
    as_json = runner.invoke(app, ["diff", str(RU), str(KK), "--json"])
    assert as_json.exit_code == 0 and "as Kazakh)" in as_json.stderr
    json.loads(as_json.stdout)  # the warning stays out of the JSON
    same = runner.invoke(app, ["diff", str(RU), str(RU)])
    assert same.exit_code == 0 and same.stderr == ""


def test_extract_that_finds_nothing_says_what_it_looked_for(cache: Path) -> None:
    refused(
        runner.invoke(app, ["extract", str(EN), "--lang", "ru"]),
        "--lang ru, but it reads as English, not Russian",
        "use --lang en, or --force",
    )
    forced = runner.invoke(app, ["extract", str(EN), "--lang", "ru", "--force"])
    assert forced.exit_code == 0 and "0 proposals" in forced.stdout
    assert "no proposals: looked for the Russian (ru) patterns in 19 provisions" in forced.stderr
    assert "the text reads as English" in forced.stderr and "try --lang en" in forced.stderr


# --- check --texts lists what it checked ---------------------------------------------------------


def test_check_texts_lists_the_texts_it_checked(mini: Path, cache: Path) -> None:
    store("2000-01-01", "en", b"Article 3\n\n1. The President appoints the Prime Minister.\n", "t", "text")
    store("2030-01-01", "ru", RU.read_bytes(), "t", "markdown")  # not a version of the data
    result = runner.invoke(app, ["check", "--texts", "--data", str(mini), "--json"])
    listing = json.loads(result.stdout)["texts"]
    [checked] = listing["checked"]
    assert checked["version"] == "2000-01-01" and checked["lang"] == "en"
    assert checked["citations"] > 0 and checked["unresolved"] > 0 and checked["error"] is None
    assert checked["path"] == str(cache / "texts" / "2000-01-01" / "en.txt")
    assert listing["not_in_data"] == ["2030-01-01/ru"]
    assert listing["without_text"] and "2000-01-01" not in listing["without_text"]
    plain = runner.invoke(app, ["check", "--texts", "--data", str(mini)])
    assert "Citations checked against 1 cached text:" in plain.stdout
    assert (
        f"  2000-01-01 en  {checked['citations']} citations, {checked['unresolved']} unresolved"
        in plain.stdout
    )
    assert "No cached text, not checked: " in plain.stdout and "2030-01-01/ru" in plain.stdout
    assert all(len(line) <= 80 for line in plain.stdout.splitlines())
    assert "texts" not in json.loads(runner.invoke(app, ["check", "--data", str(mini), "--json"]).stdout)
