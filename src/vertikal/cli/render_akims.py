"""Terminal rendering of akim rules and the decentralization series."""

from __future__ import annotations

from typing import Any

from rich.table import Table

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
    for row in result["tiers"]:
        t = Table(title=f"{row['tier']['label']['en']}")
        for col in (
            "from",
            "to",
            "method",
            "dismissal",
            "acts cancelled by President",
            "instrument",
            "conf.",
        ):
            t.add_column(col, overflow="fold")
        for p in row["periods"]:
            inst = "; ".join(f"{i['title']} {i['article']}".strip() for i in p["instruments"])
            cancels = {True: "yes", False: "no", None: "?"}[p["president_cancels_acts"]]
            t.add_row(p["from"], p["to"], p["method"], p["dismissal"], cancels, inst, p["confidence"])
        console.print(t)
    if result["events"]:
        e = Table(title="Events")
        for col in ("date", "tiers", "event", "counts"):
            e.add_column(col, overflow="fold")
        for ev in result["events"]:
            counts = ", ".join(f"{k}={v}" for k, v in ev["counts"].items())
            e.add_row(ev["date"], ", ".join(ev["tiers"]), ev["title"]["en"], counts)
        console.print(e)


def decentralization(result: dict[str, Any]) -> None:
    t = Table(
        title="Akim selection by tier (31 Dec of each year); RAI executive score 0-2",
        caption=result["weighting"],
    )
    t.add_column("year")
    for tier in result["tiers"]:
        t.add_column(tier, justify="center")
    t.add_column("national 0-1", justify="right")
    for y in result["years"]:
        cells = []
        for tier in result["tiers"]:
            c = y["tiers"][tier]
            score = "" if c["rai_executive"] is None else f" {c['rai_executive']:g}"
            cells.append(f"{SHORT.get(c['method'] or '', '')}{score}")
        national = "" if y["national"] is None else f"{y['national']:.3f}"
        t.add_row(str(y["year"]), *cells, national)
    console.print(t)
    console.print(LEGEND)
