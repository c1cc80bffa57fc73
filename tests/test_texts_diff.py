"""`vertikal diff`: alignment by number and similarity, word changes, histories, JSON and HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vertikal.cli.app import app
from vertikal.texts import diff, parse, parse_file
from vertikal.texts.cache import store
from vertikal.texts.diff_html import diff_html

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
OLD = FIXTURES / "testland-2000.en.txt"
runner = CliRunner()


@pytest.fixture
def new(tmp_path: Path) -> Path:
    """The 2000 text amended: a word changed, article 9 renumbered 9-1, article 10 split in two."""
    text = OLD.read_text(encoding="utf-8")
    text = text.replace("appoints the Chief Minister", "appoints the First Minister")
    text = text.replace("Article 9\n", "Article 9-1\n")
    text = text.replace(
        "This charter enters into force on the day of its publication.",
        "This charter enters into force on the day of its publication.\n\n"
        "Footnote. Article 10 as amended by the Law of Testland No. 7 of 2 February 2011.",
    )
    text += "\nArticle 11\n\nThis charter enters into force on the day of its publication in the gazette.\n"
    f = tmp_path / "testland-2011.en.txt"
    f.write_text(text, encoding="utf-8")
    return f


def test_changes_renumbering_and_splits(new: Path) -> None:
    result = diff(parse_file(OLD), parse_file(new))
    assert result["summary"] == {"added": 1, "removed": 0, "changed": 1, "renumbered": 1, "unchanged": 8}
    by_num = {e["article"]: e for e in result["articles"]}
    art3 = by_num["3"]
    assert art3["status"] == "changed"
    assert [(c["op"], c["old"], c["new"], c["b_node"]) for c in art3["changes"]] == [
        ("replace", "Chief", "First", "art_3__para_1")
    ]
    assert "".join(t for op, t in art3["segments"] if op != "delete").startswith(
        "1. The Head of State appoints"
    )
    assert by_num["9-1"]["status"] == "renumbered" and by_num["9-1"]["a"] == "9"
    assert by_num["11"]["status"] == "added" and by_num["11"]["from"] == "10"
    assert "10" not in by_num  # only its footnote changed: the text is the same
    assert result["articles"][0]["history"] == {
        "a": ["2005-05-05", "2008-06-01"],
        "b": ["2005-05-05", "2008-06-01"],
    }


def test_one_article_even_unchanged(new: Path) -> None:
    result = diff(parse_file(OLD), parse_file(new), article="10")
    assert [(e["article"], e["status"]) for e in result["articles"]] == [("10", "unchanged")]
    assert result["articles"][0]["history"] == {"a": [], "b": ["2011-02-02"]}


def test_removed_and_merged() -> None:
    a = parse("Article 1\n\nalpha beta gamma delta.\n\nArticle 2\n\nepsilon zeta eta theta iota.\n")
    b = parse("Article 1\n\nalpha beta gamma delta epsilon zeta eta theta iota.\n")
    result = diff(a, b)
    (removed,) = (e for e in result["articles"] if e["status"] == "removed")
    assert (
        removed["a"] == "2" and removed["into"] == "1" and removed["text"] == "epsilon zeta eta theta iota."
    )


def test_html_is_self_contained(new: Path) -> None:
    page = diff_html(diff(parse_file(OLD), parse_file(new)))
    assert page.startswith("<!DOCTYPE html>")
    assert "appoints the <del>Chief </del><ins>First </ins>Minister" in page
    assert not re.search(r"<script|<link|<img|<iframe|\ssrc=|url\(|@import", page, re.I)
    assert not re.search(r"href=\"(?!#)", page)


def test_cli_json_equals_library(new: Path) -> None:
    result = runner.invoke(app, ["diff", str(OLD), str(new), "--json"])
    assert result.exit_code == 0, result.output
    expected = diff(parse_file(OLD), parse_file(new))
    assert json.loads(result.stdout) == json.loads(json.dumps(expected))
    html = runner.invoke(app, ["diff", str(OLD), str(new), "--html"])
    assert html.exit_code == 0 and html.stdout == diff_html(expected)
    plain = runner.invoke(app, ["diff", str(OLD), str(new)])
    assert plain.exit_code == 0 and "“Chief” → “First”" in plain.stdout  # issue 11: words, not a repr


def test_cli_diff_of_cached_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: Path) -> None:
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "c"))
    store("2000-01-01", "en", OLD.read_bytes(), "test", "text")
    store("2010-05-05", "en", new.read_bytes(), "test", "text")
    store("2010-05-05", "ru", (FIXTURES / "testland-2010.ru.md").read_bytes(), "test", "markdown")
    result = runner.invoke(app, ["diff", "2000-01-01", "2010-05-05", "--json", "--article", "3"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["b"]["lang"] == "en" and out["articles"][0]["changes"][0]["new"] == "First"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["2000-01-01", "2010-05-05"],
            "no cached text of 2000-01-01; run `vertikal corpus fetch 2000-01-01` first",
        ),
        (["nonsense", str(OLD)], "nonsense: neither a file nor a version id"),
        ([str(OLD), str(OLD), "--json", "--html"], "choose one of --json and --html"),
        ([str(OLD), str(OLD), "--article", "77"], "article 77 is in neither text"),
        ([str(OLD), str(FIXTURES / "broken" / "empty.txt")], "empty file"),
    ],
)
def test_cli_diff_errors(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "empty-cache"))
    result = runner.invoke(app, ["diff", *args])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_cli_diff_versions_without_a_shared_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "c"))
    store("2000-01-01", "en", OLD.read_bytes(), "test", "text")
    store("2010-05-05", "ru", (FIXTURES / "testland-2010.ru.md").read_bytes(), "test", "markdown")
    result = runner.invoke(app, ["diff", "2000-01-01", "2010-05-05"])
    assert result.exit_code == 1 and "share no language" in result.stderr
    forced = runner.invoke(app, ["diff", "2000-01-01", "2010-05-05", "--lang", "ru"])
    assert forced.exit_code == 1 and "no cached text of 2000-01-01 in ru" in forced.stderr
