"""How every table reaches the terminal: a table when it fits the width, one block per row when not.

Ids and dates are never split: their columns never wrap and are as wide as their widest cell. Text
columns wrap at spaces, never narrower than their longest word. When the table needs more than the
terminal's width, each row becomes a block: its heading line (the `head` columns), then one line
per other column, `header  value`, the value wrapping under itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

Kind = Literal["id", "num", "text"]
GAP = 3  # what separates two columns: a blank one-cell divider and a space either side


@dataclass(frozen=True)
class Col:
    """A column: `id` (never wraps), `num` (never wraps, right-aligned) or `text` (wraps at spaces).

    `width` is the narrowest a text column may get (unless its content is narrower); `head` puts the
    column on the heading line of a row's block in the folded layout.
    """

    header: str
    kind: Kind = "text"
    width: int = 16
    head: bool = False
    justify: Literal["left", "center", "right"] = "left"


def _lines(cell: str) -> list[str]:
    return Text.from_markup(cell).plain.splitlines() or [""]


def _widest(cell: str) -> int:
    return max(Text(line).cell_len for line in _lines(cell))


def _longest_word(cell: str) -> int:
    return max((Text(w).cell_len for line in _lines(cell) for w in line.split()), default=0)


def min_width(col: Col, cells: Sequence[str]) -> int:
    """The narrowest the column can be without splitting an id, a number or a word."""
    header = max((len(w) for w in col.header.split()), default=0)
    if col.kind != "text":
        return max([header, *(_widest(c) for c in cells)])
    widest = max((_widest(c) for c in cells), default=0)
    words = max((_longest_word(c) for c in cells), default=0)
    return max(header, words, min(col.width, widest))


def needed(cols: Sequence[Col], rows: Sequence[Sequence[str]]) -> int:
    """The width the table needs: every column at its narrowest, and the gaps between them."""
    widths = [min_width(col, [r[i] for r in rows]) for i, col in enumerate(cols)]
    return sum(widths) + GAP * (len(cols) - 1)


def widths(cols: Sequence[Col], rows: Sequence[Sequence[str]], total: int) -> list[int]:
    """Each column's width when the table has `total` cells: the narrowest widths, and what is left
    shared among the text columns in proportion to what more they could use."""
    lows = [min_width(col, [r[i] for r in rows]) for i, col in enumerate(cols)]
    highs = [max([lo, *(_widest(r[i]) for r in rows)]) for i, lo in enumerate(lows)]
    spare = total - GAP * (len(cols) - 1) - sum(lows)
    out = list(lows)
    while spare > 0:
        want = [h - w for h, w in zip(highs, out, strict=True)]
        if not any(want):
            break
        whole = sum(want)
        for i, w in enumerate(want):
            give = min(w, max(1, spare * w // whole)) if w else 0
            out[i] += min(give, spare)
            spare -= min(give, spare)
    return out


def grid(cols: Sequence[Col], rows: Sequence[Sequence[str]], total: int, **kw: object) -> Table:
    """The rich table at `total` cells wide: id and number columns never wrap; text wraps at spaces."""
    t = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        caption_justify="left",
        **kw,  # type: ignore[arg-type]
    )
    for col, width in zip(cols, widths(cols, rows, total), strict=True):
        fixed = col.kind != "text"
        justify = "right" if col.kind == "num" and col.justify == "left" else col.justify
        t.add_column(
            Text(col.header, no_wrap=False, overflow="fold"),  # a header wraps at spaces
            justify=justify,
            no_wrap=fixed,
            overflow="ellipsis" if fixed else "fold",
            width=width,
        )
    for r in rows:
        t.add_row(*r)
    return t


def blocks(cols: Sequence[Col], rows: Sequence[Sequence[str]], console: Console) -> Text:
    """One block per row: the heading line, then `header  value` for every other non-empty cell,
    the value wrapped at spaces under itself (an id longer than the line is folded, never cut)."""
    heads = [i for i, c in enumerate(cols) if c.head] or [0]
    out = Text()
    for r in rows:
        heading = Text("  ").join(Text.from_markup(r[i]) for i in heads if r[i].strip())
        heading.stylize("bold")
        out.append_text(heading)
        out.append("\n")
        cells = [(col.header, Text.from_markup(r[i])) for i, col in enumerate(cols) if i not in heads]
        cells = [(h, v) for h, v in cells if v.plain.strip()]
        key = max((len(h) for h, _ in cells), default=0)
        width = max(console.width - key - 4, 20)
        for header, value in cells:
            for n, line in enumerate(value.wrap(console, width, overflow="fold")):
                out.append(f"  {header if n == 0 else '':<{key}}  ", style="dim" if n == 0 else "")
                line.rstrip()
                out.append_text(line)
                out.append("\n")
        out.append("\n")
    return out


def show(
    cols: Sequence[Col],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    caption: str | None = None,
    console: Console,
) -> None:
    """Print the rows as a table if it fits the console, else as one block per row."""
    if needed(cols, rows) <= console.width:
        console.print(grid(cols, rows, console.width, title=title, caption=caption))
        return
    if title:
        console.print(Text.from_markup(title, style="bold"))
    console.print(blocks(cols, rows, console), end="")
    if caption:
        console.print(Text.from_markup(caption, style="dim"))
