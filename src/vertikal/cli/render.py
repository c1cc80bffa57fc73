"""Rich tables for the terminal. Each function renders exactly what the library returned."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from vertikal.dataset import Dataset
    from vertikal.problems import Problem

console = Console()

STATUS_STYLE = {"sole": "bold green", "shared": "yellow", "absent": "dim"}
CONF_STYLE = {"high": "green", "medium": "yellow", "low": "red"}


def _status(s: str) -> str:
    return f"[{STATUS_STYLE.get(s, '')}]{s}[/]"


def _cites(cites: list[dict[str, Any]]) -> str:
    return ", ".join(
        c["id"].replace("art_", "").replace("__para_", ".").replace("__subpara_", " sub ") for c in cites
    )


def codebook(rows: list[dict[str, Any]]) -> None:
    t = Table(title=f"Codebook ({len(rows)} items)", show_lines=False)
    for col in ("id", "domain", "kind", "label", "maps"):
        t.add_column(col, overflow="fold")
    for r in rows:
        maps = "; ".join(f"{k}: {', '.join(v)}" for k, v in r["maps"].items() if v)
        t.add_row(r["id"], r["domain"], r["kind"], r["label"]["en"], maps)
    console.print(t)


def versions(rows: list[dict[str, Any]]) -> None:
    t = Table(title="Versions")
    for col in ("id", "kind", "label", "act", "in force", "until", "basis", "sole/shared/absent"):
        t.add_column(col, overflow="fold")
    for r in rows:
        c = r["counts"]
        t.add_row(
            r["id"],
            r["kind"],
            r["label"]["en"],
            r["act"]["en"],
            r["in_force"],
            r["until"] or "",
            r["basis"],
            f"{c['sole']}/{c['shared']}/{c['absent']}",
        )
    console.print(t)


def powers(result: dict[str, Any]) -> None:
    v = result["version"]
    t = Table(title=f"{v['id']}: {v['label']['en']}")
    for col in ("domain", "item", "status", "with", "cite", "paraphrase", "conf."):
        t.add_column(col, overflow="fold")
    for r in result["codings"]:
        t.add_row(
            r["domain"],
            r["item"],
            _status(r["status"]),
            ", ".join(r["with"]),
            _cites(r["cite"]),
            r["paraphrase"],
            f"[{CONF_STYLE[r['confidence']]}]{r['confidence']}[/]",
        )
    console.print(t)


def history(result: dict[str, Any]) -> None:
    item = result["item"]
    t = Table(title=f"{item['id']}: {item['label']['en']}", caption=item["definition"]["en"])
    for col in ("version", "status", "change", "attrs", "cite", "paraphrase", "conf."):
        t.add_column(col, overflow="fold")
    for r in result["versions"]:
        attrs = "; ".join(f"{k}={v}" for k, v in r["attrs"].items())
        t.add_row(
            r["version"],
            _status(r["status"]),
            r["change"] or "",
            attrs,
            _cites(r["cite"]),
            r["paraphrase"],
            f"[{CONF_STYLE[r['confidence']]}]{r['confidence']}[/]",
        )
    console.print(t)


SYMBOL = {"sole": "[bold green]●[/]", "shared": "[yellow]◐[/]", "absent": "[dim]·[/]"}


def matrix(result: dict[str, Any]) -> None:
    t = Table(title="Powers across versions (● sole, ◐ shared, · absent)", caption="! marks low confidence")
    t.add_column("item")
    for vid in result["versions"]:
        t.add_column(vid[:4] if vid[:4] not in ("1990", "2022") else vid[:7], justify="center")
    for row in result["items"]:
        cells = []
        for vid in result["versions"]:
            c = row["cells"][vid]
            if c is None:
                cells.append("")
                continue
            mark = SYMBOL[c["status"]]
            val = c["attrs"].get("years") or c["attrs"].get("count") or c["attrs"].get("max_terms")
            cells.append(f"{mark}{'' if val is None else val}{'!' if c['confidence'] == 'low' else ''}")
        t.add_row(row["label"]["en"], *cells)
    console.print(t)


def check(problems: list[Problem], ds: Dataset) -> None:
    err = Console(stderr=True, highlight=False)
    for p in problems:
        err.print(str(p), markup=False, soft_wrap=True)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors:
        err.print(f"{errors} error(s), {warnings} warning(s)", markup=False)
        return
    n = sum(len(c) for c in ds.codings.values())
    tail = f"; {warnings} warning(s): documented gaps, listed above" if warnings else "; no problems"
    console.print(f"[green]ok[/]: {len(ds.items)} items, {len(ds.versions)} versions, {n} codings{tail}")
