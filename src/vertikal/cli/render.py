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
from vertikal.cli.words import tr

if TYPE_CHECKING:
    from vertikal.dataset import Dataset
    from vertikal.problems import Problem


def _terminal() -> Console:
    """The console of every table. Rich reads COLUMNS once, when a console is made, and keeps it; this
    one reads it (else the terminal's size) at each print, whenever this module was first imported.
    `console.width = N` still fixes the width (as the tests do)."""
    out = Console()
    out._width = None  # what Rich took from COLUMNS at import: forgotten, read at print time instead
    return out


console = _terminal()

STATUS_STYLE = {"sole": "bold green", "shared": "yellow", "absent": "dim", "unknown": "magenta"}
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
        Col(tr("label", lang), width=22, head=True),
        Col(tr("domain", lang), "id"),
        Col(tr("kind", lang), "id"),
        Col(tr("maps", lang), width=18),
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
    show(cols, body, title=tr("Codebook ({n} items)", lang, n=len(rows)), console=console)


def _in_force(n: dict[str, int]) -> str:
    """How many items of a kind are in force (sole or shared), '+n?' for the unknown ones."""
    return f"{n.get('sole', 0) + n.get('shared', 0)}" + (f"+{n['unknown']}?" if n.get("unknown") else "")


def versions(rows: list[dict[str, Any]], lang: str = "en") -> None:
    cols = [
        Col("id", "id", head=True),
        Col(tr("in force", lang), "id"),
        Col(tr("basis", lang), "id"),
        Col(tr("powers", lang), "num"),
        Col(tr("checks", lang), "num"),
        Col(tr("constr.", lang), "num"),
        Col(tr("version", lang), width=20, head=True),
    ]
    body = []
    for r in rows:
        c, k = r["counts"], r.get("counts_by_kind", {})
        body.append(
            [
                r["id"],
                r["in_force"] + (f"\n→ {r['until']}" if r["until"] else ""),
                tr(r["basis"], lang),
                f"{c['sole']}/{c['shared']}/{c['absent']}"
                + (f"/{c['unknown']}?" if c.get("unknown") else ""),
                _in_force(k.get("check", {})),
                _in_force(k.get("constraint", {})),
                f"{escape(fmt.pick(r['label'], lang))}\n"
                f"[dim]{tr(fmt.value(r['kind']), lang)}: {escape(fmt.pick(r['act'], lang))}[/]",
            ]
        )
    caption = tr(
        "powers: items of kind power held sole/shared/absent(/unknown?); checks, constr.: the legislature's"
        " checks and the constraints on the President in force (+n? unknown)",
        lang,
    )
    show(cols, body, title=tr("Versions", lang), caption=caption, console=console)


def powers(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    v = result["version"]
    cols = [
        Col(tr("item", lang), "id", head=True),
        Col(tr("status", lang), width=12, head=True),
        Col(tr("confidence", lang), "id", head=True),
        Col(tr("with", lang), width=14),
        Col(tr("domain", lang), "id"),
        Col(tr("cite", lang), width=14),
        Col(tr("attributes", lang), width=16),
        Col(tr("paraphrase", lang), width=24),
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
        Col(tr("version", lang), "id", head=True),
        Col(tr("status", lang), width=12, head=True),
        Col(tr("confidence", lang), "id", head=True),
        Col(tr("with", lang), width=14),
        Col(tr("change", lang), width=10),
        Col(tr("cite", lang), width=14),
        Col(tr("attributes", lang), width=16),
        Col(tr("paraphrase", lang), width=24),
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
    "VK042": "settled codings whose notes say no source read settles them",
    "VK060": "texts without Kazakh; the English is shown",
    "VK061": "definitions without Russian; the English is shown",
}


def _plural(n: int, word: str, lang: str = "en") -> str:
    if lang != "en":
        return tr(f"{word}s: {{n}}", lang, n=n)
    return f"{n} {word}{'' if n == 1 else 's'}"


def warning_summary(counts: Counter[str], listed: bool, lang: str = "en") -> str:
    """'96 warnings: VK022 ×96 (uncited codings of secondary-source versions); --warnings lists them'.

    The notes on the codes stay English (as the problems' own messages do)."""
    from vertikal.problems import CODES

    parts = ", ".join(
        f"{code} ×{n} ({WARNING_NOTES.get(code) or CODES.get(code, 'unknown').replace('-', ' ')})"
        for code, n in sorted(counts.items())
    )
    return f"{_plural(sum(counts.values()), 'warning', lang)}: {parts}" + (
        "" if listed else f"; {tr('--warnings lists them', lang)}"
    )


def check(problems: list[Problem], ds: Dataset, listed: str = "default", lang: str = "en") -> None:
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
            warning_summary(Counter(p.code for p in warnings), listed == "warnings", lang),
            markup=False,
            soft_wrap=True,
        )
    if errors:
        err.print(
            f"{_plural(len(errors), 'error', lang)}, {_plural(len(warnings), 'warning', lang)}", markup=False
        )
        return
    n = sum(len(c) for c in ds.codings.values())
    tail = f"; {_plural(len(warnings), 'warning', lang)}" if warnings else f"; {tr('no problems', lang)}"
    ok = tr("ok: {items} items, {versions} versions, {codings} codings", lang)
    ok = ok.format(items=len(ds.items), versions=len(ds.versions), codings=n)
    console.print(f"[green]ok[/]{escape(ok[2:])}{tail}")
