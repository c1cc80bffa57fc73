"""Terminal rendering of measures, comparisons, periods and claims."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from vertikal import fmt
from vertikal.cli.layout import Col, show
from vertikal.cli.render import _status, console
from vertikal.cli.words import tr

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
        console.rule(
            f"[bold]{tr('dimension {id}', lang, id=d['id'])}[/]: {escape(fmt.pick(d['label'], lang))}"
        )
        console.print(escape(d["about"]))
        for s in d["sources"]:
            console.print(f"  {tr('source:', lang)} {escape(s['cite'])}")
        for x in d["not_verified"]:
            console.print(f"  [red]{tr('not verified:', lang)}[/] {escape(x)}")
        none = tr("none (see the command named above)", lang)
        console.print(f"  {tr('measures:', lang)} {', '.join(d['measures']) or none}")
    for r in result["measures"]:
        console.rule(f"[bold]{r['id']}[/] ({r['dimension']}): {escape(fmt.pick(r['label'], lang))}")
        console.print(r["follows"])
        for s in r["sources"]:
            link = f" <{s['url']}>" if s.get("url") else ""
            console.print(
                f"  {tr('source:', lang)} {escape(s['cite'] + link)}"
                + (f" [dim]({escape(s['verified'])})[/]" if s.get("verified") else "")
            )
        for a in r["assumptions"]:
            console.print(f"  {tr('assumption:', lang)} {a}")
        if r["components"]:
            console.print(f"  {tr('components:', lang)} {', '.join(c['id'] for c in r['components'])}")
    console.print(f"\n[bold]{tr('Ranges.', lang)}[/] {escape(fmt.pick(result['ranges'], lang))}")


def score(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    vid = result["version"]
    cols = [
        Col(tr("component", lang), width=16, head=True),
        Col(tr("score", lang), "num", head=True),
        Col(tr("max", lang), "num"),
        Col(tr("rule", lang), width=16),
        Col(tr("evidence", lang), width=22),
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
    title = tr(
        "{measure} in {version}: {value} of {max}",
        lang,
        measure=result["measure"],
        version=vid,
        value=value,
        max=_num(result["max"], lang),
    )
    show(cols, rows, title=title, console=console)
    if result["low"] != result["high"]:
        exact = tr("exact" if result["range_exact"] else "an outer bound", lang)
        low, high = _num(result["low"], lang), _num(result["high"], lang)
        what = tr("range {low}–{high} ({exact}) from unknown codings:", lang, low=low, high=high, exact=exact)
        console.print(f"[magenta]{what}[/] {', '.join(result['unknown'])}")
    if result["low_confidence"]:
        low_conf = ", ".join(result["low_confidence"])
        console.print(f"[red]{tr('rests on low-confidence codings:', lang)}[/] {low_conf}")


def _band(point: float, high: float, top: float, width: int) -> str:
    """A bar for the point value, with ░ up to the high end of the range."""

    def cells(x: float) -> int:
        return 0 if top <= 0 else round(width * max(x, 0) / top)

    solid = cells(point)
    return "█" * solid + "░" * max(cells(high) - solid, 0)


def timeline(result: dict[str, Any], lang: str = "en") -> None:
    groups = result.get("dimensions") or [{"label": {"en": "Measures"}, "measures": result["measures"]}]
    for g in groups:
        cols = [Col(tr("version", lang), "id"), *(Col(m, "num") for m in g["measures"])]
        rows = [
            [
                row["version"],
                *(
                    escape(fmt.ranged(v["total"], v["low"], v["high"], lang))
                    + ("!" if v["uncertain"] else "")
                    for m in g["measures"]
                    for v in [row["measures"][m]]
                ),
            ]
            for row in result["versions"]
        ]
        what = "{label}: point value [low–high] by version (! = low-confidence codings)"
        title = escape(tr(what, lang, label=fmt.pick(g["label"], lang)))
        show(cols, rows, title=title, console=console)
    first = result["measures"][0]
    values = [row["measures"][first] for row in result["versions"]]
    top = max((v["high"] for v in values), default=0)
    peak = max((v["total"] for v in values), default=0)
    width = max(10, min(40, console.width - 40))
    legend = tr(
        "(█ point value, ░ up to the high end of the range; peak {peak})", lang, peak=_num(peak, lang)
    )
    console.print(f"\n[bold]{first}[/] {escape(legend)}")
    for row, v in zip(result["versions"], values, strict=True):
        mark = f" {tr('◀ peak', lang)}" if v["total"] == peak else ""
        shown = escape(fmt.ranged(v["total"], v["low"], v["high"], lang))
        console.print(f"{row['version']} {_band(v['total'], v['high'], top, width)} {shown}{mark}")


def compare(result: dict[str, Any], names: fmt.Names, lang: str = "en") -> None:
    a_id, b_id = result["from"], result["to"]
    cols = [
        Col(tr("item", lang), "id", head=True),
        Col(tr("change", lang), width=12, head=True),
        Col(tr("label", lang), width=20),
        Col(a_id, width=16),
        Col(b_id, width=16),
        Col(tr("attributes", lang), width=18),
    ]
    rows = []
    for c in result["changes"]:
        a, b = c["from"], c["to"]
        side_a = f"{_status(a['status'], lang)} {escape(names.cites(a['cite'], a_id, lang))}"
        side_b = f"{_status(b['status'], lang)} {escape(names.cites(b['cite'], b_id, lang))}"
        attrs = [names.attr_change(x["key"], x["from"], x["to"], lang) for x in c["attr_changes"]]
        if c["bodies_changed"]:
            attrs.append(tr("bodies: {list}", lang, list=names.bodies(c["bodies_changed"], lang)))
        effect = {1: " (+)", -1: " (−)"}.get(c["effect"], "")
        kind = "attributes" if c["change"] == "attrs" else c["change"]
        rows.append(
            [
                c["item"],
                f"{tr(kind, lang)}{effect}",
                escape(fmt.pick(c["label"], lang)),
                side_a,
                side_b,
                escape("; ".join(attrs)),
            ]
        )
    show(cols, rows, title=tr("{a} → {b}: what changed", lang, a=a_id, b=b_id), console=console)
    m_cols = [
        Col(tr("measure", lang), "id", head=True),
        Col(tr("from|value", lang), "num"),
        Col(tr("to|value", lang), "num"),
        Col(tr("delta", lang), "num"),
        Col(tr("step", lang), "id", head=True),
        Col(tr("up", lang), width=14),
        Col(tr("down", lang), width=14),
    ]
    m_rows = []
    for name, d in result["measures"].items():
        style = CLASS_STYLE[d["classification"]]
        step = f"[{style}]{tr(d['classification'], lang)}[/]"
        if len(d.get("possible", [])) > 1:
            allow = tr("(unknowns allow: {list})", lang, list=", ".join(tr(x, lang) for x in d["possible"]))
            step += f"\n[dim]{allow}[/]"
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
    show(m_cols, m_rows, title=escape(tr("Measures (point value [low–high])", lang)), console=console)


def periods(result: dict[str, Any], lang: str = "en") -> None:
    for name, p in result["measures"].items():
        peaks = ", ".join(
            f"{x['version']}" + (f"–{x['through']}" if x["through"] != x["version"] else "")
            for x in p["peaks"]
        )
        head = tr(
            "{measure}: global peak {versions} ({value})",
            lang,
            measure=f"[bold]{name}[/]",
            versions=", ".join(p["global_peak"]),
            value=_num(p["peak_value"], lang),
        )
        console.rule(head)
        console.print(tr("local peaks: {list}", lang, list=peaks or tr("none", lang)))
        for r in p["runs"]:
            console.print("  " + _run(r, lang))


def _run(r: dict[str, Any], lang: str) -> str:
    """'1995-08-30 → 1998-10-07: increase (+3 over 1 step)'."""
    if lang == "en":
        steps = f"{r['steps']} step{'' if r['steps'] == 1 else 's'}"
        return f"{r['from']} → {r['to']}: {r['direction']} ({fmt.signed(r['change'])} over {steps})"
    what = "{a} → {b}: {direction} ({change} over {steps} steps)"
    change = fmt.signed(r["change"], lang)
    return tr(
        what,
        lang,
        a=r["from"],
        b=r["to"],
        direction=tr(r["direction"], lang),
        change=change,
        steps=r["steps"],
    )


def claims(result: dict[str, Any], lang: str = "en") -> None:
    cols = [
        Col(tr("claim", lang), "id", head=True),
        Col(tr("verdict", lang), "id", head=True),
        Col(tr("text", lang), width=24),
        Col(tr("by dimension and measure", lang), width=18),
        Col(tr("evidence", lang), width=22),
    ]
    rows = []
    for c in result["claims"]:
        style = VERDICT_STYLE.get(c["verdict"], "")
        per = []
        for dim, verdict in c["by_dimension"].items():
            mine = [v for v in c["verdicts"] if v["dimension"] == dim and v["measure"]]
            detail = ", ".join(f"{v['measure']}: {tr(v['verdict'], lang)}" for v in mine)
            per.append(f"{dim}: {tr(verdict, lang)}" + (f" ({detail})" if detail else ""))
        first = c["verdicts"][0]
        ev = first["why"] or "; ".join(
            f"{e['call']} = {fmt.Names().evidence(e, lang)}" for e in first["evidence"][:4]
        )
        if c["depends_on"]:
            more = f" +{len(c['depends_on']) - 6}" if len(c["depends_on"]) > 6 else ""
            ev += "; " + tr("depends on: {list}", lang, list=", ".join(c["depends_on"][:6]) + more)
        about = ", ".join(c["dimensions"]) or tr("no dimension", lang)
        rows.append(
            [
                c["id"],
                f"[{style}]{tr(c['verdict'], lang)}[/]{'!' if c['uncertain'] else ''}",
                escape(fmt.pick(c["text"], lang))
                + f"\n[dim]{escape(tr('about: {list}', lang, list=about))}[/]",
                escape("; ".join(per)),
                escape(ev),
            ]
        )
    title = tr("Claims from the literature (! = rests on low-confidence codings)", lang)
    show(cols, rows, title=title, console=console)
    console.print(", ".join(f"{tr(k, lang)}: {v}" for k, v in sorted(result["counts"].items())))


def sensitivity(result: dict[str, Any], lang: str = "en") -> None:
    ids = [s["id"] for s in result["switches"]]
    for s in result["switches"]:
        what = tr("{about} ({n} codings recoded)", lang, about=s["about"], n=s["changed"])
        console.print(f"[bold]{escape(s['id'])}[/]: {escape(what)}")
    cols = [
        Col(tr("claim", lang), "id", head=True),
        Col(tr("as coded", lang), width=12),  # verdicts wrap at spaces (long ones in Kazakh)
        *(Col(i, width=12) for i in ids),
    ]
    rows = [
        [
            c["id"],
            tr(c["baseline"], lang),
            *(
                f"[bold]{tr(c['by_switch'][i], lang)}[/]"
                if i in c["changes"]
                else tr(c["by_switch"][i], lang)
                for i in ids
            ),
        ]
        for c in result["claims"]
    ]
    show(
        cols,
        rows,
        title=tr("Claims: the verdict as coded and under each switch (changes in bold)", lang),
        console=console,
    )

    def peak(x: dict[str, Any]) -> str:
        return f"{', '.join(v[:4] for v in x['versions'])} ({_num(x['value'], lang)})"

    m_cols = [
        Col(tr("measure", lang), "id", head=True),
        Col(tr("as coded", lang), width=10),
        *(Col(i, width=10) for i in ids),
    ]
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
    title = tr(
        "Measures: where the point values peak (years; ties listed), as coded and under each switch", lang
    )
    show(m_cols, m_rows, title=title, console=console)
