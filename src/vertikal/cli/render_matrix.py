"""`vertikal matrix` in the terminal: items by versions, or versions by items, cut to what fits.

Items as rows need a full version id per column, so only a few versions fit in 80 columns; versions
as rows (the transposed view) number the items and list them below, so every version fits. By
default the first view is used when all the versions fit, else the transposed one when all the items
fit, else the most recent versions that fit; what is left out is said, with the options that show it.
"""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from vertikal import fmt
from vertikal.cli.layout import Col, min_width
from vertikal.cli.render import console
from vertikal.cli.words import tr

SYMBOL = {
    "sole": "[bold green]●[/]",
    "shared": "[yellow]◐[/]",
    "absent": "[dim]·[/]",
    "unknown": "[magenta]?[/]",
}
TITLE = "Powers across versions (● sole, ◐ shared, · absent; ! low confidence)"
GAP = 2  # two spaces between columns
LABEL = Col("item", width=24)


def _cell(c: dict[str, Any] | None) -> str:
    if c is None:
        return ""
    val = c["attrs"].get("years") or c["attrs"].get("count") or c["attrs"].get("max_terms")
    return f"{SYMBOL[c['status']]}{'' if val is None else val}{'!' if c['confidence'] == 'low' else ''}"


def _grid() -> Table:
    return Table(box=None, padding=(0, 1), pad_edge=False, header_style="bold underline", title_style="bold")


def _fits(widths: list[int]) -> int:
    return sum(widths) + GAP * (len(widths) - 1)


def _by_items(result: dict[str, Any], versions: list[str], lang: str = "en") -> Table:
    labels = [escape(fmt.pick(r["label"], lang)) for r in result["items"]]
    t = _grid()
    head = tr("item", lang)
    t.add_column(head, overflow="fold", min_width=min_width(Col(head, width=LABEL.width), labels))
    for vid in versions:
        t.add_column(vid, justify="center", no_wrap=True, min_width=len(vid))
    for row, label in zip(result["items"], labels, strict=True):
        t.add_row(label, *(_cell(row["cells"][vid]) for vid in versions))
    return t


def _cells_width(cells: list[str], header: str) -> int:
    return max([len(header), *(Text.from_markup(c).cell_len for c in cells)])


def _by_versions(result: dict[str, Any], count: int, lang: str = "en") -> Table:
    items = result["items"][:count]
    t = _grid()
    t.add_column(tr("version", lang), no_wrap=True)
    for n, _ in enumerate(items, 1):
        t.add_column(str(n), justify="center", no_wrap=True)
    for vid in result["versions"]:
        t.add_row(vid, *(_cell(row["cells"][vid]) for row in items))
    return t


def _legend(items: list[dict[str, Any]], lang: str = "en") -> Table:
    t = Table.grid(padding=(0, 1))
    t.add_column(justify="right", style="dim", no_wrap=True)
    t.add_column(no_wrap=True)
    t.add_column(overflow="fold")
    for n, row in enumerate(items, 1):
        t.add_row(str(n), row["item"], escape(fmt.pick(row["label"], lang)))
    return t


def _item_widths(result: dict[str, Any]) -> list[int]:
    versions = result["versions"]
    return [
        _cells_width([_cell(row["cells"][v]) for v in versions], str(n))
        for n, row in enumerate(result["items"], 1)
    ]


def matrix(result: dict[str, Any], transpose: bool | None = None, lang: str = "en") -> None:
    """Print the matrix cut to the terminal's width, and say what was left out and how to see it."""
    width = console.width
    versions = result["versions"]
    label = min_width(
        Col(tr("item", lang), width=LABEL.width),
        [escape(fmt.pick(r["label"], lang)) for r in result["items"]],
    )
    item_widths = _item_widths(result)
    all_versions = _fits([label, *(len(v) for v in versions)]) <= width
    all_items = _fits([10, *item_widths]) <= width
    if transpose is None:
        transpose = not all_versions and all_items
    if transpose:
        count = len(item_widths)
        while count > 1 and _fits([10, *item_widths[:count]]) > width:
            count -= 1
        console.print(tr(TITLE, lang), style="bold", highlight=False)
        console.print(_by_versions(result, count, lang))
        console.print(_legend(result["items"][:count], lang))
        if count < len(item_widths):
            hint = (
                "Showing items 1–{count} of {total}. Choose items with --item or --domain,"
                " or use a wider terminal."
            )
            console.print(tr(hint, lang, count=count, total=len(item_widths)), highlight=False)
        return
    shown = list(versions)
    while len(shown) > 1 and _fits([label, *(len(v) for v in shown)]) > width:
        shown.pop(0)
    console.print(tr(TITLE, lang), style="bold", highlight=False)
    console.print(_by_items(result, shown, lang))
    if len(shown) < len(versions):
        left = versions[: len(versions) - len(shown)]
        hint = (
            "Showing the {count} most recent of {total} versions ({first} to {last}). For the others:"
            " --to {left} (or --from/--to), --transpose for versions as rows, or a wider terminal."
        )
        what = dict(count=len(shown), total=len(versions), first=shown[0], last=shown[-1], left=left[-1])
        console.print(tr(hint, lang, **what), highlight=False)
