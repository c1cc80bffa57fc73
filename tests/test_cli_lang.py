"""The CLI's own words (titles, headings, captions, fixed lines) in the command's --lang."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.cli import run_at_width
from vertikal.cli import layout, render, render_akims, render_legal, render_measures
from vertikal.cli.app import app
from vertikal.cli.words import WORDS, tr

runner = CliRunner()
LANGS = ("ru", "kk")
CLI = Path(__file__).resolve().parents[1] / "src" / "vertikal" / "cli"

# The table commands, each with the title (or a fixed line) its English output opens with.
COMMANDS: list[tuple[list[str], str]] = [
    (["versions"], "Versions"),
    (["powers", "2007-05-21"], ""),
    (["power", "veto"], ""),
    (["codebook"], "Codebook ("),
    (["timeline"], ": point value [low–high] by version"),
    (["timeline", "--by", "date"], "Measures by date"),
    (["compare", "1995", "2022-09"], "1995-08-30 → 2022-09-17: what changed"),
    (["instruments"], "Instruments ("),
    (["events"], "Events ("),
    (["at", "2020-06-01"], "Powers on 2020-06-01"),
    (["compare", "2020-06-01", "2022-07-01"], "2020-06-01 → 2022-07-01: what changed"),
    (["claims"], "Claims from the literature"),
    (["sensitivity"], "Claims: the verdict as coded"),
    (["measure", "volume", "2007-05-21"], "volume in 2007-05-21"),
    (["akims"], "Events"),
]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dict[str, Any]]]:
    """Every table the renderers lay out: its headings, title and caption (and it is still printed)."""
    tables: list[dict[str, Any]] = []

    def record(cols: Sequence[layout.Col], rows: Sequence[Sequence[str]], **kw: Any) -> None:
        fits = layout.needed(cols, rows) <= render.console.width  # else no heading line: a block per row
        heads = [c.header for c in cols]
        tables.append({"heads": heads, "title": kw.get("title"), "caption": kw.get("caption"), "fits": fits})
        layout.show(cols, rows, **kw)

    for module in (render, render_legal, render_measures, render_akims):
        monkeypatch.setattr(module, "show", record)
    yield tables


def _run(*args: str, columns: int = 200) -> str:
    return run_at_width(*args, columns=columns)


def _tables(shown: list[dict[str, Any]], *args: str) -> tuple[str, list[dict[str, Any]]]:
    shown.clear()
    out = _run(*args)
    return out, list(shown)


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize(("args", "opening"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_tables_speak_the_language_asked(
    shown: list[dict[str, Any]], args: list[str], opening: str, lang: str
) -> None:
    _, english = _tables(shown, *args)
    out, tables = _tables(shown, *args, "--lang", lang)
    assert english and len(tables) == len(english)
    flat = " ".join(out.split())
    for en, there in zip(english, tables, strict=True):
        words = [h for h in en["heads"] if h in WORDS]
        assert words, en["heads"]
        ours = {pair[LANGS.index(lang)] for pair in WORDS.values()}
        assert len(there["heads"]) == len(en["heads"])
        for h, t in zip(en["heads"], there["heads"], strict=True):
            assert (t in ours) if h in WORDS else (t == h), (h, t)  # words translated, ids as they are
        assert not set(words) & set(there["heads"]), there["heads"]  # no English heading is left
        for head in there["heads"] if there["fits"] else []:
            assert all(w in flat for w in head.split())  # printed
        if en["caption"] and en["caption"] in WORDS:
            assert there["caption"] == tr(en["caption"], lang)
        if en["title"] and opening:
            assert there["title"] != en["title"]
            assert " ".join(there["title"].replace("\\[", "[").split())[:8] in flat
    if opening:
        assert opening not in flat


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_fixed_lines_speak_the_language_asked(lang: str) -> None:
    check = _run("check", "--lang", lang)
    assert check.startswith("ok: ") and tr("no problems", lang) in check and "items" not in check
    periods = _run("periods", "--lang", lang)
    assert tr("local peaks: {list}", lang, list="")[:8] in periods and "local peaks" not in periods
    matrix = " ".join(_run("matrix", "--lang", lang, "--no-transpose", columns=80).split())
    assert "Showing" not in matrix and "Powers across versions" not in matrix
    assert tr("Powers across versions (● sole, ◐ shared, · absent; ! low confidence)", lang) in matrix
    akims = " ".join(_run("decentralization", "--lang", lang).split())
    assert "Directness of akim selection" not in akims and "Fixed weights" not in akims
    methods = _run("methods", "--lang", lang)
    assert "not verified:" not in methods and tr("not verified:", lang) in methods


def test_english_is_what_it_was() -> None:
    """The English words of main, recorded: a few headings, titles, captions and fixed lines."""
    versions = " ".join(_run("versions").split())
    for words in ("Versions", "in force", "basis", "powers", "checks", "constr.", "checks, constr.: the"):
        assert words in versions
    events = " ".join(_run("events", "--lang", "en").split())
    assert "~ the date is a lower bound or a placeholder" in events and "in force" in events
    assert _run("check").startswith("ok: ") and " items, " in _run("check")
    periods = _run("periods")
    assert "global peak" in periods and "local peaks:" in periods and " step" in periods
    compare = " ".join(_run("compare", "1995", "2022-09").split())
    assert (
        "1995-08-30 → 2022-09-17: what changed" in compare and "Measures (point value [low–high])" in compare
    )
    assert "gained (+)" in compare and "unchanged" in compare


COMMANDS_JSON = [
    ["versions"],
    ["powers", "2007-05-21"],
    ["timeline"],
    ["timeline", "--by", "date"],
    ["compare", "1995", "2022-09"],
    ["instruments"],
    ["events"],
    ["at", "2020-06-01"],
    ["compare", "2020-06-01", "2022-07-01"],
    ["claims"],
    ["periods"],
    ["akims"],
    ["check"],
]


@pytest.mark.parametrize("args", COMMANDS_JSON, ids=[" ".join(a) for a in COMMANDS_JSON])
def test_json_is_the_same_in_every_language(args: list[str]) -> None:
    outs = {lang: runner.invoke(app, [*args, "--json", "--lang", lang]).stdout for lang in ("en", "ru", "kk")}
    assert outs["en"].startswith(("{", "[")) and outs["en"] == outs["ru"] == outs["kk"]


def _literals() -> Iterator[str]:
    """The English words the renderers pass to `tr`: every one must be in the table."""
    for path in CLI.glob("render*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield arg.value


def test_every_word_the_renderers_ask_for_is_translated() -> None:
    asked = set(_literals())
    assert len(asked) > 80
    assert asked - set(WORDS) == set()
    assert render_akims.LEGEND in WORDS and render_matrix_title() in WORDS
    for en, (ru, kk) in WORDS.items():
        assert ru.strip() and kk.strip(), en
        fields = {f for f in en.split("{")[1:]}
        assert {f.split("}")[0] for f in fields} == {f.split("}")[0] for f in ru.split("{")[1:]}, en
        assert {f.split("}")[0] for f in fields} == {f.split("}")[0] for f in kk.split("{")[1:]}, en


def render_matrix_title() -> str:
    from vertikal.cli import render_matrix

    return render_matrix.TITLE


def test_the_console_width_is_read_at_print_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Known trap: a COLUMNS set when render.py was first imported no longer sticks for later tests."""
    monkeypatch.setenv("COLUMNS", "71")
    console = render._terminal()  # as made when render.py is first imported
    assert console.width == 71
    monkeypatch.setenv("COLUMNS", "93")
    assert console.width == 93
    console.width = 60  # what tests/test_issue11_cli.py does
    assert console.width == 60
