"""Terminal rendering of akim rules and the decentralization series."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from vertikal import fmt
from vertikal.cli.layout import Col, show
from vertikal.cli.render import console

SHORT = {
    "appointed_by_president": "P",
    "appointed_by_president_on_pm_proposal": "P+PM",
    "appointed_by_president_with_maslikhat_consent": "P+M",
    "appointed_by_president_from_nominees": "P+M2",
    "appointed_by_higher_akim": "A",
    "elected_by_maslikhat": "eM",
    "elected_by_local_soviet": "eS",
    "elected_directly": "E",
    "mixed_rollout": "E~",
    "unknown": "?",
}


LEGEND = (
    "P appointed by the President; +PM on the PM's proposal; +M with maslikhat consent; "
    "+M2 from two or more nominees voted on by maslikhats; A by a higher akim; "
    "eM/eS elected by the maslikhat or local soviet; E elected directly; "
    "E~ direct elections rolling out; ? unknown"
)


def akims(result: dict[str, Any]) -> None:
    cols = [
        Col("from", "id", head=True),
        Col("to", "id", head=True),
        Col("method", width=16),
        Col("dismissal", width=12),
        Col("acts cancelled by President", width=9),
        Col("instrument", width=20),
        Col("confidence", "id"),
    ]
    for row in result["tiers"]:
        rows = []
        for p in row["periods"]:
            inst = "; ".join(
                i["title"] + (f", Art. {i['article']}" if i["article"] else "") for i in p["instruments"]
            )
            rows.append(
                [
                    p["from"],
                    p["to"] or fmt.word("none"),
                    fmt.value(p["method"]),
                    fmt.value(p["dismissal"]),
                    fmt.value(p["president_cancels_acts"])
                    if p["president_cancels_acts"] is not None
                    else "?",
                    escape(inst),
                    fmt.confidence(p["confidence"]),
                ]
            )
        show(cols, rows, title=escape(row["tier"]["label"]["en"]), console=console)
    if result["events"]:
        e_cols = [
            Col("date", "id", head=True),
            Col("event", width=24, head=True),
            Col("tiers", width=12),
            Col("counts", width=14),
        ]
        e_rows = [
            [
                ev["date"],
                escape(ev["title"]["en"]),
                ", ".join(ev["tiers"]),
                escape(", ".join(f"{fmt.key(k)}: {fmt.value(v)}" for k, v in ev["counts"].items())),
            ]
            for ev in result["events"]
        ]
        show(e_cols, e_rows, title="Events", console=console)


def decentralization(result: dict[str, Any]) -> None:
    cols = [
        Col("year", "id"),
        *(Col(tier.replace("_", " "), "id", justify="center") for tier in result["tiers"]),
    ]
    cols.append(Col("national 0-1", "num"))
    rows = []
    for y in result["years"]:
        cells = []
        for tier in result["tiers"]:
            c = y["tiers"][tier]
            score = "" if c["rai_executive"] is None else f" {fmt.number(c['rai_executive'])}"
            cells.append(f"{SHORT.get(c['method'] or '', '')}{score}")
        national = "" if y["national"] is None else f"{y['national']:.3f}"
        rows.append([str(y["year"]), *cells, national])
    title = "Akim selection by tier (31 Dec of each year); RAI executive score 0-2"
    show(cols, rows, title=title, caption=escape(result["weighting"]), console=console)
    console.print(LEGEND, highlight=False)
