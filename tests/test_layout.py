"""The terminal layout: a table when it fits, one block per row when not; ids never split."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from tests.test_issue11_outputs import splits
from vertikal.cli.layout import Col, needed, show

COLS = [Col("id", "id", head=True), Col("n", "num"), Col("label", width=12), Col("text", width=16)]
ROW = ["art_44__para_3__subpara_2", "7", "A short label", "Some words that wrap at spaces, never inside."]


def _render(width: int, cols: list[Col], rows: list[list[str]]) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    show(cols, rows, title="T", caption="C", console=console)
    return console.export_text()


def test_a_table_when_it_fits() -> None:
    width = needed(COLS, [ROW])
    out = _render(width, COLS, [ROW])
    header = next(line for line in out.splitlines() if line.startswith("id"))
    assert header.split() == ["id", "n", "label", "text"]
    assert "art_44__para_3__subpara_2" in out
    assert all(cell_len(line) <= width for line in out.splitlines())


def test_one_block_per_row_when_it_does_not() -> None:
    out = _render(needed(COLS, [ROW]) - 1, COLS, [ROW, ROW])
    lines = out.splitlines()
    assert lines[0] == "T"
    assert lines[1] == "art_44__para_3__subpara_2"  # the heading line of the first block
    assert lines[2].split() == ["n", "7"]
    assert sum(1 for line in lines if line == "art_44__para_3__subpara_2") == 2
    assert lines[-1] == "C"


def test_empty_cells_are_left_out_of_a_block() -> None:
    out = _render(30, COLS, [["x_1", "", "label", "text"]])
    assert not any(line.strip().startswith("n ") or line.strip() == "n" for line in out.splitlines())


IDS = st.from_regex(r"\A(art_[1-9][0-9]{0,2}(__para_[1-9]){0,1}|[12][0-9]{3}-[01][0-9]-[0-3][0-9])\Z")
WORDS = st.lists(st.from_regex(r"\A[a-z]{1,12}\Z"), min_size=0, max_size=12).map(" ".join)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    rows=st.lists(st.tuples(IDS, IDS, WORDS, WORDS), min_size=1, max_size=5),
    width=st.integers(min_value=40, max_value=160),
)
def test_ids_are_never_split_and_lines_never_too_wide(rows: list[tuple[str, ...]], width: int) -> None:
    cols = [Col("id", "id", head=True), Col("other", "id"), Col("a", width=10), Col("b", width=14)]
    out = _render(width, cols, [list(r) for r in rows])
    ids = {r[0] for r in rows} | {r[1] for r in rows}
    assert not splits(out, ids)
    for r in rows:
        assert r[0] in out and r[1] in out
    assert all(cell_len(line) <= width for line in out.splitlines())
