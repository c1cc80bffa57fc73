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
    "depends on unknowns": "magenta",
    "cannot be evaluated": "dim",
}
CLASS_STYLE = {"concentration": "red", "deconcentration": "green", "mixed": "yellow", "unchanged": "dim"}


def _num(x: float, lang: str = "en") -> str:
    return fmt.number(x, lang)


def methods(result: dict[str, Any], lang: str = "en") -> None:
    for d in result["dimensions"]:
        console.rule(f"[bold]dimension {d['id']}[/]: {escape(fmt.pick(d['label'], lang))}")
        console.print(escape(d["about"]))
        for s in d["sources"]:
            console.print(f"  source: {escape(s['cite'])}")
        for x in d["not_verified"]:
            console.print(f"  [red]not verified:[/] {escape(x)}")
        console.print(f"  measures: {', '.join(d['measures']) or 'none (see the command named above)'}")
    for r in result["measures"]:
        console.rule(f"[bold]{r['id']}[/] ({r['dimension']}): {escape(fmt.pick(r['label'], lang))}")
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
    console.print(f"\n[bold]Ranges.[/] {escape(fmt.pick(result['ranges'], lang))}")


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
        score = escape(fmt.ranged(c["score"], c["low"], c["high"], lang))
        rows.append(
            [escape(fmt.pick(c["label"], lang)), score, _num(c["max"], lang), escape(c["says"]), escape(ev)]
        )
    value = escape(fmt.ranged(result["total"], result["low"], result["high"], lang))
    title = f"{result['measure']} in {vid}: {value} of {_num(result['max'], lang)}"
    show(cols, rows, title=title, console=console)
    if result["low"] != result["high"]:
        exact = "exact" if result["range_exact"] else "an outer bound"
        console.print(
            f"[magenta]range {_num(result['low'], lang)}–{_num(result['high'], lang)} ({exact})"
            f" from unknown codings:[/] {', '.join(result['unknown'])}"
        )
    if result["low_confidence"]:
        console.print(f"[red]rests on low-confidence codings:[/] {', '.join(result['low_confidence'])}")


def _band(point: float, high: float, top: float, width: int) -> str:
    """A bar for the point value, with ░ up to the high end of the range."""

    def cells(x: float) -> int:
        return 0 if top <= 0 else round(width * max(x, 0) / top)

    solid = cells(point)
    return "█" * solid + "░" * max(cells(high) - solid, 0)


def timeline(result: dict[str, Any]) -> None:
    groups = result.get("dimensions") or [{"label": {"en": "Measures"}, "measures": result["measures"]}]
    for g in groups:
        cols = [Col("version", "id"), *(Col(m, "num") for m in g["measures"])]
        rows = [
            [
                row["version"],
                *(
                    escape(fmt.ranged(v["total"], v["low"], v["high"])) + ("!" if v["uncertain"] else "")
                    for m in g["measures"]
                    for v in [row["measures"][m]]
                ),
            ]
            for row in result["versions"]
        ]
        title = (
            f"{escape(g['label']['en'])}: point value \\[low–high] by version (! = low-confidence codings)"
        )
        show(cols, rows, title=title, console=console)
    first = result["measures"][0]
    values = [row["measures"][first] for row in result["versions"]]
    top = max((v["high"] for v in values), default=0)
    peak = max((v["total"] for v in values), default=0)
    width = max(10, min(40, console.width - 40))
    console.print(f"\n[bold]{first}[/] (█ point value, ░ up to the high end of the range; peak {_num(peak)})")
    for row, v in zip(result["versions"], values, strict=True):
        mark = " ◀ peak" if v["total"] == peak else ""
        shown = escape(fmt.ranged(v["total"], v["low"], v["high"]))
        console.print(f"{row['version']} {_band(v['total'], v['high'], top, width)} {shown}{mark}")


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
        step = f"[{style}]{d['classification']}[/]"
        if len(d.get("possible", [])) > 1:
            step += f"\n[dim](unknowns allow: {', '.join(d['possible'])})[/]"
        m_rows.append(
            [
                name,
                escape(fmt.ranged(d["from"], d.get("from_low"), d.get("from_high"), lang)),
                escape(fmt.ranged(d["to"], d.get("to_low"), d.get("to_high"), lang)),
                fmt.signed(d["delta"], lang),
                step,
                ", ".join(d["up"]),
                ", ".join(d["down"]),
            ]
        )
    show(m_cols, m_rows, title="Measures (point value \\[low–high])", console=console)


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
        Col("by dimension and measure", width=18),
        Col("evidence", width=22),
    ]
    rows = []
    for c in result["claims"]:
        style = VERDICT_STYLE.get(c["verdict"], "")
        per = []
        for dim, verdict in c["by_dimension"].items():
            mine = [v for v in c["verdicts"] if v["dimension"] == dim and v["measure"]]
            detail = ", ".join(f"{v['measure']}: {v['verdict']}" for v in mine)
            per.append(f"{dim}: {verdict}" + (f" ({detail})" if detail else ""))
        first = c["verdicts"][0]
        ev = first["why"] or "; ".join(
            f"{e['call']} = {fmt.Names().evidence(e, lang)}" for e in first["evidence"][:4]
        )
        if c["depends_on"]:
            more = f" +{len(c['depends_on']) - 6}" if len(c["depends_on"]) > 6 else ""
            ev += f"; depends on: {', '.join(c['depends_on'][:6])}{more}"
        about = ", ".join(c["dimensions"]) or "no dimension"
        rows.append(
            [
                c["id"],
                f"[{style}]{c['verdict']}[/]{'!' if c['uncertain'] else ''}",
                escape(fmt.pick(c["text"], lang)) + f"\n[dim]about: {escape(about)}[/]",
                escape("; ".join(per)),
                escape(ev),
            ]
        )
    title = "Claims from the literature (! = rests on low-confidence codings)"
    show(cols, rows, title=title, console=console)
    console.print(", ".join(f"{k}: {v}" for k, v in sorted(result["counts"].items())))


def sensitivity(result: dict[str, Any], lang: str = "en") -> None:
    ids = [s["id"] for s in result["switches"]]
    for s in result["switches"]:
        console.print(f"[bold]{s['id']}[/]: {escape(s['about'])} ({s['changed']} codings recoded)")
    cols = [Col("claim", "id", head=True), Col("as coded", "id"), *(Col(i, "id") for i in ids)]
    rows = [
        [
            c["id"],
            c["baseline"],
            *(f"[bold]{c['by_switch'][i]}[/]" if i in c["changes"] else c["by_switch"][i] for i in ids),
        ]
        for c in result["claims"]
    ]
    show(
        cols,
        rows,
        title="Claims: the verdict as coded and under each switch (changes in bold)",
        console=console,
    )

    def peak(x: dict[str, Any]) -> str:
        return f"{', '.join(v[:4] for v in x['versions'])} ({_num(x['value'], lang)})"

    m_cols = [Col("measure", "id", head=True), Col("as coded", width=10), *(Col(i, width=10) for i in ids)]
    m_rows = [
        [
            p["id"],
            peak(p["baseline"]),
            *(
                f"[bold]{peak(p['by_switch'][i])}[/]" if i in p["changes"] else peak(p["by_switch"][i])
                for i in ids
            ),
        ]
        for p in result["measures"]
    ]
    title = "Measures: where the point values peak (years; ties listed), as coded and under each switch"
    show(m_cols, m_rows, title=title, console=console)
