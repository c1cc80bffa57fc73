"""Terminal rendering of measures, comparisons, periods and claims."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from vertikal.cli.render import _status, console

VERDICT_STYLE = {
    "holds": "bold green",
    "contradicted": "bold red",
    "split": "yellow",
    "cannot be evaluated": "dim",
}
CLASS_STYLE = {"concentration": "red", "deconcentration": "green", "mixed": "yellow", "unchanged": "dim"}


def _num(x: float) -> str:
    return f"{x:g}"


def methods(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        console.rule(f"[bold]{r['id']}[/]: {r['label']['en']}")
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


def score(result: dict[str, Any]) -> None:
    t = Table(
        title=f"{result['measure']} in {result['version']}: {_num(result['total'])} of {_num(result['max'])}"
    )
    for col in ("component", "score", "max", "rule", "evidence"):
        t.add_column(col, overflow="fold")
    for c in result["components"]:
        ev = "; ".join(
            f"{e['item']}={e['status']}" + (f" [{', '.join(e['cite'])}]" if e.get("cite") else "")
            for e in c["evidence"]
        )
        t.add_row(c["label"]["en"], _num(c["score"]), _num(c["max"]), c["says"], ev)
    console.print(t)
    if result["low_confidence"]:
        console.print(f"[red]rests on low-confidence codings:[/] {', '.join(result['low_confidence'])}")


def _bar(value: float, top: float, width: int = 40) -> str:
    n = 0 if top <= 0 else round(width * max(value, 0) / top)
    return "█" * n


def timeline(result: dict[str, Any]) -> None:
    names = result["measures"]
    t = Table(title="Measures by version (! = rests on low-confidence codings)")
    t.add_column("version")
    for m in names:
        t.add_column(m, justify="right")
    for row in result["versions"]:
        cells = []
        for m in names:
            v = row["measures"][m]
            cells.append(f"{_num(v['total'])}{'!' if v['uncertain'] else ''}")
        t.add_row(row["version"], *cells)
    console.print(t)
    first = names[0]
    values = [row["measures"][first]["total"] for row in result["versions"]]
    top = max(values) if values else 0
    console.print(f"\n[bold]{first}[/] (peak {_num(top)})")
    for row, v in zip(result["versions"], values, strict=True):
        mark = " ◀ peak" if v == top else ""
        console.print(f"{row['version']} {_bar(v, top)} {_num(v)}{mark}")


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
    m = Table(title="Measures")
    for col in ("measure", "from", "to", "delta", "step", "up", "down"):
        m.add_column(col, overflow="fold")
    for name, d in result["measures"].items():
        style = CLASS_STYLE[d["classification"]]
        m.add_row(
            name,
            _num(d["from"]),
            _num(d["to"]),
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
    for col in ("claim", "verdict", "per measure", "evidence"):
        t.add_column(col, overflow="fold")
    for c in result["claims"]:
        style = VERDICT_STYLE[c["verdict"]]
        per = ""
        if c["per_measure"]:
            per = ", ".join(f"{v['measure']}: {v['verdict']}" for v in c["verdicts"])
        first = c["verdicts"][0]
        ev = first["why"] or "; ".join(f"{e['call']}={e['value']}" for e in first["evidence"][:4])
        t.add_row(
            f"{c['id']}\n[dim]{c['text']['en']}[/]",
            f"[{style}]{c['verdict']}[/]{'!' if c['uncertain'] else ''}",
            per,
            ev,
        )
    console.print(t)
    console.print(", ".join(f"{k}: {v}" for k, v in sorted(result["counts"].items())))
