"""Terminal rendering of measures, comparisons, periods and claims."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from vertikal import fmt
from vertikal.cli.render import _status, console

VERDICT_STYLE = {
    "holds": "bold green",
    "contradicted": "bold red",
    "split": "yellow",
    "depends on unknowns": "magenta",
    "cannot be evaluated": "dim",
}
CLASS_STYLE = {"concentration": "red", "deconcentration": "green", "mixed": "yellow", "unchanged": "dim"}


def _num(x: float) -> str:
    return f"{x:g}"


def methods(result: dict[str, Any]) -> None:
    for d in result["dimensions"]:
        console.rule(f"[bold]dimension {d['id']}[/]: {d['label']['en']}")
        console.print(d["about"])
        for s in d["sources"]:
            console.print(f"  source: {s['cite']}")
        for x in d["not_verified"]:
            console.print(f"  [red]not verified:[/] {x}")
        console.print(f"  measures: {', '.join(d['measures']) or 'none (see the command named above)'}")
    for r in result["measures"]:
        console.rule(f"[bold]{r['id']}[/] ({r['dimension']}): {r['label']['en']}")
        console.print(r["follows"])
        for s in r["sources"]:
            console.print(
                f"  source: {s['cite']}" + (f" [dim]({s['verified']})[/]" if s.get("verified") else "")
            )
        for a in r["assumptions"]:
            console.print(f"  assumption: {a}")
        if r["components"]:
            console.print(f"  components: {', '.join(c['id'] for c in r['components'])}")
    console.print(f"\n[bold]Ranges.[/] {result['ranges']['en']}")


def score(result: dict[str, Any]) -> None:
    value = fmt.ranged(result["total"], result["low"], result["high"])
    t = Table(title=f"{result['measure']} in {result['version']}: {value} of {_num(result['max'])}")
    for col in ("component", "score", "max", "rule", "evidence"):
        t.add_column(col, overflow="fold")
    for c in result["components"]:
        ev = "; ".join(
            f"{e['item']}={e['status']}" + (f" [{fmt.cites(e['cite'])}]" if e.get("cite") else "")
            for e in c["evidence"]
        )
        t.add_row(
            c["label"]["en"], fmt.ranged(c["score"], c["low"], c["high"]), _num(c["max"]), c["says"], ev
        )
    console.print(t)
    if result["low"] != result["high"]:
        exact = "exact" if result["range_exact"] else "an outer bound"
        console.print(
            f"[magenta]range {_num(result['low'])}–{_num(result['high'])} ({exact}) from unknown codings:[/]"
            f" {', '.join(result['unknown'])}"
        )
    if result["low_confidence"]:
        console.print(f"[red]rests on low-confidence codings:[/] {', '.join(result['low_confidence'])}")


def _bar(value: float, top: float, width: int = 40) -> str:
    n = 0 if top <= 0 else round(width * max(value, 0) / top)
    return "█" * n


def _band(low: float, point: float, high: float, top: float, width: int = 40) -> str:
    """A bar for the point value, with ░ up to the high end of the range."""

    def cells(x: float) -> int:
        return 0 if top <= 0 else round(width * max(x, 0) / top)

    solid = cells(point)
    return "█" * solid + "░" * max(cells(high) - solid, 0)


def timeline(result: dict[str, Any]) -> None:
    groups = result.get("dimensions") or [{"id": "", "label": {"en": ""}, "measures": result["measures"]}]
    for g in groups:
        title = (
            f"{g['label']['en']}: point value \\[low–high] by version (! = rests on low-confidence codings)"
        )
        t = Table(title=title)
        t.add_column("version", no_wrap=True)
        for m in g["measures"]:
            t.add_column(m, justify="right", overflow="fold")
        for row in result["versions"]:
            cells = []
            for m in g["measures"]:
                v = row["measures"][m]
                cells.append(f"{fmt.ranged(v['total'], v['low'], v['high'])}{'!' if v['uncertain'] else ''}")
            t.add_row(row["version"], *cells)
        console.print(t)
    first = result["measures"][0]
    values = [row["measures"][first] for row in result["versions"]]
    top = max((v["high"] for v in values), default=0)
    peak = max((v["total"] for v in values), default=0)
    console.print(f"\n[bold]{first}[/] (█ point value, ░ up to the high end of the range; peak {_num(peak)})")
    for row, v in zip(result["versions"], values, strict=True):
        mark = " ◀ peak" if v["total"] == peak else ""
        bar = _band(v["low"], v["total"], v["high"], top)
        console.print(f"{row['version']} {bar} {fmt.ranged(v['total'], v['low'], v['high'])}{mark}")


def compare(result: dict[str, Any]) -> None:
    t = Table(title=f"{result['from']} → {result['to']}: what changed")
    for col in ("item", "change", "from", "to", "attributes"):
        t.add_column(col, overflow="fold")
    for c in result["changes"]:
        a, b = c["from"], c["to"]
        side_a = f"{_status(a['status'])} {', '.join(a['cite'])}"
        side_b = f"{_status(b['status'])} {', '.join(b['cite'])}"
        attrs = "; ".join(f"{x['key']}: {x['from']} → {x['to']}" for x in c["attr_changes"])
        effect = {1: " (+)", -1: " (−)"}.get(c["effect"], "")
        t.add_row(c["label"]["en"], f"{c['change']}{effect}", side_a, side_b, attrs)
    console.print(t)
    m = Table(title="Measures (point value \\[low–high])")
    for col in ("measure", "from", "to", "delta", "step", "up", "down"):
        m.add_column(col, overflow="fold")
    for name, d in result["measures"].items():
        style = CLASS_STYLE[d["classification"]]
        m.add_row(
            name,
            fmt.ranged(d["from"], d.get("from_low"), d.get("from_high")),
            fmt.ranged(d["to"], d.get("to_low"), d.get("to_high")),
            f"{d['delta']:+g}",
            f"[{style}]{d['classification']}[/]",
            ", ".join(d["up"]),
            ", ".join(d["down"]),
        )
    console.print(m)


def periods(result: dict[str, Any]) -> None:
    for name, p in result["measures"].items():
        peaks = ", ".join(
            f"{x['version']}" + (f"–{x['through']}" if x["through"] != x["version"] else "")
            for x in p["peaks"]
        )
        console.rule(f"[bold]{name}[/]: global peak {', '.join(p['global_peak'])} ({_num(p['peak_value'])})")
        console.print(f"local peaks: {peaks or 'none'}")
        for r in p["runs"]:
            console.print(
                f"  {r['from']} → {r['to']}: {r['direction']} ({r['change']:+g} over {r['steps']} step(s))"
            )


def claims(result: dict[str, Any]) -> None:
    t = Table(title="Claims from the literature (! = rests on low-confidence codings)")
    for col in ("claim", "verdict", "by dimension and measure", "evidence"):
        t.add_column(col, overflow="fold")
    for c in result["claims"]:
        style = VERDICT_STYLE.get(c["verdict"], "")
        per = []
        for dim, verdict in c["by_dimension"].items():
            mine = [v for v in c["verdicts"] if v["dimension"] == dim and v["measure"]]
            detail = ", ".join(f"{v['measure']}: {v['verdict']}" for v in mine)
            per.append(f"{dim}: {verdict}" + (f" ({detail})" if detail else ""))
        first = c["verdicts"][0]
        ev = first["why"] or "; ".join(f"{e['call']}={_shown(e)}" for e in first["evidence"][:4])
        if c["depends_on"]:
            more = f" +{len(c['depends_on']) - 6}" if len(c["depends_on"]) > 6 else ""
            ev += f"\n[magenta]depends on:[/] {', '.join(c['depends_on'][:6])}{more}"
        about = ", ".join(c["dimensions"]) or "no dimension"
        t.add_row(
            f"{c['id']}\n[dim]{c['text']['en']}[/]\n[dim]about: {about}[/]",
            f"[{style}]{c['verdict']}[/]{'!' if c['uncertain'] else ''}",
            "\n".join(per),
            ev,
        )
    console.print(t)
    console.print(", ".join(f"{k}: {v}" for k, v in sorted(result["counts"].items())))


def _shown(e: dict[str, Any]) -> str:
    """An evidence value as words: a range with its point, a set of possible values."""
    v = e["value"]
    if isinstance(v, dict) and "low" in v:
        return fmt.ranged(e.get("point"), v["low"], v["high"])
    if isinstance(v, dict) and "one_of" in v:
        return "one of " + "/".join(v["one_of"])
    return fmt.value(v)


def sensitivity(result: dict[str, Any]) -> None:
    ids = [s["id"] for s in result["switches"]]
    for s in result["switches"]:
        console.print(f"[bold]{s['id']}[/]: {s['about']} ({s['changed']} codings recoded)")
    t = Table(title="Claims: verdict as coded and under each switch (changes in bold)")
    t.add_column("claim", overflow="fold")
    t.add_column("as coded", overflow="fold")
    for i in ids:
        t.add_column(i, overflow="fold")
    for c in result["claims"]:
        cells = [f"[bold]{c['by_switch'][i]}[/]" if i in c["changes"] else c["by_switch"][i] for i in ids]
        t.add_row(c["id"], c["baseline"], *cells)
    console.print(t)
    m = Table(title="Measures: where the point values peak (ties listed), as coded and under each switch")
    m.add_column("measure", overflow="fold")
    m.add_column("as coded", overflow="fold")
    for i in ids:
        m.add_column(i, overflow="fold")
    for p in result["measures"]:

        def peak(x: dict[str, Any]) -> str:
            return f"{', '.join(v[:4] for v in x['versions'])} ({_num(x['value'])})"

        cells = [
            f"[bold]{peak(p['by_switch'][i])}[/]" if i in p["changes"] else peak(p["by_switch"][i])
            for i in ids
        ]
        m.add_row(p["id"], peak(p["baseline"]), *cells)
    console.print(m)
