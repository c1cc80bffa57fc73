"""Terminal rendering of measures, comparisons, periods and claims."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from vertikal import fmt
from vertikal.cli.layout import Col, show
from vertikal.cli.render import _status, console

VERDICT_STYLE = {
    "holds": "bold green",
    "contradicted": "bold red",
    "split": "yellow",
    "cannot be evaluated": "dim",
}
CLASS_STYLE = {"concentration": "red", "deconcentration": "green", "mixed": "yellow", "unchanged": "dim"}


def _num(x: float, lang: str = "en") -> str:
    return fmt.number(x, lang)


def methods(rows: list[dict[str, Any]], lang: str = "en") -> None:
    for r in rows:
        console.rule(f"[bold]{r['id']}[/]: {escape(fmt.pick(r['label'], lang))}")
        console.print(r["follows"])
        for s in r["sources"]:
            link = f" <{s['url']}>" if s.get("url") else ""
            console.print(
                f"  source: {escape(s['cite'] + link)}"
                + (f" [dim]({escape(s['verified'])})[/]" if s.get("verified") else "")
            )
        for a in r["assumptions"]:
            console.print(f"  assumption: {a}")
        if r["components"]:
            console.print(f"  components: {', '.join(c['id'] for c in r['components'])}")


def score(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    vid = result["version"]
    cols = [
        Col("component", width=16, head=True),
        Col("score", "num", head=True),
        Col("max", "num"),
        Col("rule", width=16),
        Col("evidence", width=22),
    ]
    rows = []
    for c in result["components"]:
        ev = "; ".join(
            f"{e['item']}: {fmt.status(e['status'], lang)}"
            + (f" ({names.cites(e['cite'], vid, lang)})" if e.get("cite") else "")
            for e in c["evidence"]
        )
        rows.append(
            [
                escape(fmt.pick(c["label"], lang)),
                _num(c["score"], lang),
                _num(c["max"], lang),
                escape(c["says"]),
                escape(ev),
            ]
        )
    title = f"{result['measure']} in {vid}: {_num(result['total'])} of {_num(result['max'])}"
    show(cols, rows, title=title, console=console)
    if result["low_confidence"]:
        console.print(f"[red]rests on low-confidence codings:[/] {', '.join(result['low_confidence'])}")


def _bar(value: float, top: float, width: int = 40) -> str:
    n = 0 if top <= 0 else round(width * max(value, 0) / top)
    return "█" * n


def timeline(result: dict[str, Any]) -> None:
    names = result["measures"]
    cols = [Col("version", "id"), *(Col(m, "num") for m in names)]
    rows = [
        [
            row["version"],
            *(
                f"{_num(row['measures'][m]['total'])}{'!' if row['measures'][m]['uncertain'] else ''}"
                for m in names
            ),
        ]
        for row in result["versions"]
    ]
    show(cols, rows, title="Measures by version (! = rests on low-confidence codings)", console=console)
    first = names[0]
    values = [row["measures"][first]["total"] for row in result["versions"]]
    top = max(values) if values else 0
    width = max(10, min(40, console.width - 30))
    console.print(f"\n[bold]{first}[/] (peak {_num(top)})")
    for row, v in zip(result["versions"], values, strict=True):
        mark = " ◀ peak" if v == top else ""
        console.print(f"{row['version']} {_bar(v, top, width)} {_num(v)}{mark}")


def compare(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    a_id, b_id = result["from"], result["to"]
    cols = [
        Col("item", "id", head=True),
        Col("change", width=12, head=True),
        Col("label", width=20),
        Col(a_id, width=16),
        Col(b_id, width=16),
        Col("attributes", width=18),
    ]
    rows = []
    for c in result["changes"]:
        a, b = c["from"], c["to"]
        side_a = f"{_status(a['status'], lang)} {escape(names.cites(a['cite'], a_id, lang))}"
        side_b = f"{_status(b['status'], lang)} {escape(names.cites(b['cite'], b_id, lang))}"
        attrs = [names.attr_change(x["key"], x["from"], x["to"], lang) for x in c["attr_changes"]]
        if c["bodies_changed"]:
            attrs.append(f"bodies: {names.bodies(c['bodies_changed'], lang)}")
        effect = {1: " (+)", -1: " (−)"}.get(c["effect"], "")
        kind = "attributes" if c["change"] == "attrs" else c["change"]
        rows.append(
            [
                c["item"],
                f"{kind}{effect}",
                escape(fmt.pick(c["label"], lang)),
                side_a,
                side_b,
                escape("; ".join(attrs)),
            ]
        )
    show(cols, rows, title=f"{a_id} → {b_id}: what changed", console=console)
    m_cols = [
        Col("measure", "id", head=True),
        Col("from", "num"),
        Col("to", "num"),
        Col("delta", "num"),
        Col("step", "id", head=True),
        Col("up", width=14),
        Col("down", width=14),
    ]
    m_rows = []
    for name, d in result["measures"].items():
        style = CLASS_STYLE[d["classification"]]
        m_rows.append(
            [
                name,
                _num(d["from"], lang),
                _num(d["to"], lang),
                fmt.signed(d["delta"], lang),
                f"[{style}]{d['classification']}[/]",
                ", ".join(d["up"]),
                ", ".join(d["down"]),
            ]
        )
    show(m_cols, m_rows, title="Measures", console=console)


def periods(result: dict[str, Any]) -> None:
    for name, p in result["measures"].items():
        peaks = ", ".join(
            f"{x['version']}" + (f"–{x['through']}" if x["through"] != x["version"] else "")
            for x in p["peaks"]
        )
        console.rule(f"[bold]{name}[/]: global peak {', '.join(p['global_peak'])} ({_num(p['peak_value'])})")
        console.print(f"local peaks: {peaks or 'none'}")
        for r in p["runs"]:
            steps = f"{r['steps']} step{'' if r['steps'] == 1 else 's'}"
            console.print(
                f"  {r['from']} → {r['to']}: {r['direction']} ({fmt.signed(r['change'])} over {steps})"
            )


def claims(result: dict[str, Any], lang: str = "en") -> None:
    cols = [
        Col("claim", "id", head=True),
        Col("verdict", "id", head=True),
        Col("text", width=24),
        Col("per measure", width=16),
        Col("evidence", width=22),
    ]
    rows = []
    for c in result["claims"]:
        style = VERDICT_STYLE[c["verdict"]]
        per = ""
        if c["per_measure"]:
            per = ", ".join(f"{v['measure']}: {v['verdict']}" for v in c["verdicts"])
        first = c["verdicts"][0]
        ev = first["why"] or "; ".join(
            f"{e['call']} = {fmt.value(e['value'], lang)}" for e in first["evidence"][:4]
        )
        rows.append(
            [
                c["id"],
                f"[{style}]{c['verdict']}[/]{'!' if c['uncertain'] else ''}",
                escape(fmt.pick(c["text"], lang)),
                per,
                escape(ev),
            ]
        )
    title = "Claims from the literature (! = rests on low-confidence codings)"
    show(cols, rows, title=title, console=console)
    console.print(", ".join(f"{k}: {v}" for k, v in sorted(result["counts"].items())))
