"""Bad input to `vertikal parse`: one clear line on stderr, exit 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from vertikal.cli.app import app
from vertikal.texts import MAX_BYTES, ParseError, parse

BROKEN = Path(__file__).parent / "fixtures" / "texts" / "broken"
runner = CliRunner()


def refused(path: Path, *extra: str) -> str:
    result = runner.invoke(app, ["parse", str(path), *extra])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == ""
    err = result.stderr
    assert err.startswith("vertikal: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("empty.txt", "empty file"),
        ("binary.bin", "a binary file"),
        ("latin1.txt", "unknown encoding: not UTF-8 (invalid byte at offset 15)"),
        ("page.html", "an HTML page, not a text"),
        ("no-articles.txt", "no articles found"),
        ("duplicate-article.txt", ":9: article 1 appears twice (first at line 1)"),
    ],
)
def test_broken_file(case: str, message: str) -> None:
    err = refused(BROKEN / case)
    assert f"{BROKEN / case}" in err
    assert message in err


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 50 MB on paper, nothing written
        fh.truncate(50 * 1024 * 1024)
    err = refused(big, "--json")
    assert "50.0 MB is over the 40 MB limit" in err


def test_text_over_the_size_limit_in_the_library() -> None:
    with pytest.raises(ParseError, match="over the 40 MB limit"):
        parse("x" * (MAX_BYTES + 1), "huge")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "no such file" in refused(tmp_path / "nope.txt")
    assert "a directory, not a file" in refused(tmp_path)


def test_pdf_passed_to_parse(tmp_path: Path) -> None:
    pdf = tmp_path / "law.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert "import it with `vertikal corpus add`" in refused(pdf)


def test_utf16_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "utf16.txt"
    f.write_bytes("Article 1\n\n1. Text.\n".encode("utf-16"))
    assert "a binary file" in refused(f)
