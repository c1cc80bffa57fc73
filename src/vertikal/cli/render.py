"""Rich tables for the terminal. Each function renders exactly what the library returned.

Values are formatted by `vertikal.fmt` (citations, bodies, attribute values) and laid out by
`vertikal.cli.layout` (a table when it fits the terminal, one block per row when not).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape

from vertikal import fmt
from vertikal.cli.layout import Col, show

if TYPE_CHECKING:
    from vertikal.dataset import Dataset
    from vertikal.problems import Problem

console = Console()

STATUS_STYLE = {"sole": "bold green", "shared": "yellow", "absent": "dim"}
CONF_STYLE = {"high": "green", "medium": "yellow", "low": "red"}


def _status(s: str, lang: str = "en") -> str:
    return f"[{STATUS_STYLE.get(s, '')}]{fmt.status(s, lang)}[/]"


def _conf(c: str, lang: str = "en") -> str:
    return f"[{CONF_STYLE.get(c, '')}]{fmt.confidence(c, lang)}[/]"


def _ids(cites: list[Any]) -> list[str]:
    return [c["id"] if isinstance(c, dict) else c for c in cites]


def codebook(rows: list[dict[str, Any]], lang: str = "en") -> None:
    cols = [
        Col("id", "id", head=True),
        Col("label", width=22, head=True),
        Col("domain", "id"),
        Col("kind", "id"),
        Col("maps", width=18),
    ]
    body = [
        [
            r["id"],
            escape(fmt.pick(r["label"], lang)),
            r["domain"],
            r["kind"],
            "; ".join(f"{k}: {', '.join(v)}" for k, v in r["maps"].items() if v),
        ]
        for r in rows
    ]
    show(cols, body, title=f"Codebook ({len(rows)} items)", console=console)


def versions(rows: list[dict[str, Any]], lang: str = "en") -> None:
    cols = [
        Col("id", "id", head=True),
        Col("in force", "id"),
        Col("basis", "id"),
        Col("powers", "num"),
        Col("version", width=20, head=True),
    ]
    body = []
    for r in rows:
        c = r["counts"]
        body.append(
            [
                r["id"],
                r["in_force"] + (f"\n→ {r['until']}" if r["until"] else ""),
                r["basis"],
                f"{c['sole']}/{c['shared']}/{c['absent']}",
                f"{escape(fmt.pick(r['label'], lang))}\n"
                f"[dim]{fmt.value(r['kind'])}: {escape(fmt.pick(r['act'], lang))}[/]",
            ]
        )
    show(cols, body, title="Versions", caption="powers: items held sole/shared/absent", console=console)


def powers(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    v = result["version"]
    cols = [
        Col("item", "id", head=True),
        Col("status", width=12, head=True),
        Col("confidence", "id", head=True),
        Col("with", width=14),
        Col("domain", "id"),
        Col("cite", width=14),
        Col("attributes", width=16),
        Col("paraphrase", width=24),
    ]
    body = [
        [
            r["item"],
            _status(r["status"], lang),
            _conf(r["confidence"], lang),
            escape(names.bodies(r["with"], lang)) if r["with"] else "",
            r["domain"],
            escape(names.cites(_ids(r["cite"]), v["id"], lang)),
            escape(names.attrs(r["attrs"], lang)) if r["attrs"] else "",
            escape(r["paraphrase"]),
        ]
        for r in result["codings"]
    ]
    show(cols, body, title=f"{v['id']}: {escape(fmt.pick(v['label'], lang))}", console=console)


def history(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    item = result["item"]
    cols = [
        Col("version", "id", head=True),
        Col("status", width=12, head=True),
        Col("confidence", "id", head=True),
        Col("with", width=14),
        Col("change", width=10),
        Col("cite", width=14),
        Col("attributes", width=16),
        Col("paraphrase", width=24),
    ]
    body = []
    for r in result["versions"]:
        change = " → ".join(fmt.status(x, lang) for x in r["change"].split("->")) if r["change"] else ""
        body.append(
            [
                r["version"],
                _status(r["status"], lang),
                _conf(r["confidence"], lang),
                escape(names.bodies(r["with"], lang)) if r["with"] else "",
                change,
                escape(names.cites(_ids(r["cite"]), r["version"], lang)),
                escape(names.attrs(r["attrs"], lang)) if r["attrs"] else "",
                escape(r["paraphrase"]),
            ]
        )
    title = f"{item['id']}: {escape(fmt.pick(item['label'], lang))}"
    show(cols, body, title=title, caption=escape(fmt.pick(item["definition"], lang)), console=console)


# What each kind of warning is, in a few words, for the summary line (else the code's name).
WARNING_NOTES = {
    "VK022": "uncited codings of secondary-source versions",
    "VK060": "texts without Kazakh; the English is shown",
    "VK061": "definitions without Russian; the English is shown",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def warning_summary(counts: Counter[str], listed: bool) -> str:
    """'96 warnings: VK022 ×96 (uncited codings of secondary-source versions); --warnings lists them'."""
    from vertikal.problems import CODES

    parts = ", ".join(
        f"{code} ×{n} ({WARNING_NOTES.get(code) or CODES.get(code, 'unknown').replace('-', ' ')})"
        for code, n in sorted(counts.items())
    )
    return f"{_plural(sum(counts.values()), 'warning')}: {parts}" + (
        "" if listed else "; --warnings lists them"
    )


def check(problems: list[Problem], ds: Dataset, listed: str = "default") -> None:
    """Errors first, then the warnings: one summary line by code, or each one (`listed="warnings"`)."""
    err = Console(stderr=True, highlight=False)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    for p in errors:
        err.print(str(p), markup=False, soft_wrap=True)
    if listed == "warnings":
        for p in warnings:
            err.print(str(p), markup=False, soft_wrap=True)
    if warnings and listed != "errors":
        err.print(
            warning_summary(Counter(p.code for p in warnings), listed == "warnings"),
            markup=False,
            soft_wrap=True,
        )
    if errors:
        err.print(f"{_plural(len(errors), 'error')}, {_plural(len(warnings), 'warning')}", markup=False)
        return
    n = sum(len(c) for c in ds.codings.values())
    tail = f"; {_plural(len(warnings), 'warning')}" if warnings else "; no problems"
    console.print(f"[green]ok[/]: {len(ds.items)} items, {len(ds.versions)} versions, {n} codings{tail}")
