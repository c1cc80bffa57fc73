"""Terminal rendering of akim rules and the decentralization series."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from vertikal import fmt
from vertikal.cli.layout import Col, show
from vertikal.cli.render import console

SHORT = {
    "appointed_by_president": "P",
    "appointed_by_president_on_pm_proposal": "P+PM",
    "appointed_by_president_with_maslikhat_consent": "P+M",
    "appointed_by_president_from_nominees": "P+M2",
    "appointed_by_higher_akim": "A",
    "appointed_by_higher_akim_with_maslikhat_consent": "A+M",
    "elected_by_maslikhat": "eM",
    "elected_by_local_soviet": "eS",
    "elected_directly": "E",
    "mixed_rollout": "E~",
    "unknown": "?",
}


LEGEND = (
    "P appointed by the President; +PM on the PM's proposal; +M with maslikhat consent; "
    "+M2 from two or more nominees voted on by maslikhats; A by a higher akim; "
    "A+M by a higher akim with maslikhat consent; "
    "eM/eS elected by the maslikhat or local soviet; E elected directly; "
    "E~ direct elections rolling out; ? unknown"
)


def akims(result: dict[str, Any], lang: str = "en") -> None:
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
                i["title"] + (f", {fmt.articles(i['article'], lang)}" if i["article"] else "")
                for i in p["instruments"]
            )
            rows.append(
                [
                    p["from"],
                    p["to"] or fmt.word("none", lang),
                    fmt.value(p["method"], lang),
                    fmt.value(p["dismissal"], lang),
                    fmt.value(p["president_cancels_acts"], lang)
                    if p["president_cancels_acts"] is not None
                    else "?",
                    escape(inst),
                    fmt.confidence(p["confidence"], lang),
                ]
            )
        show(cols, rows, title=escape(fmt.pick(row["tier"]["label"], lang)), console=console)
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
                escape(fmt.pick(ev["title"], lang)),
                ", ".join(ev["tiers"]),
                escape(", ".join(f"{fmt.key(k)}: {fmt.value(v, lang)}" for k, v in ev["counts"].items())),
            ]
            for ev in result["events"]
        ]
        show(e_cols, e_rows, title="Events", console=console)


TIER_HEAD = {"republican_city": "rep. city", "city_district": "city dist."}


def _tier_cell(c: dict[str, Any], lang: str = "en") -> str:
    code = SHORT.get(c["method"] or "", "—")
    return f"{code} {fmt.score(c['directness'], lang)}" if c["directness"] is not None else code


def _scale(index: dict[str, Any], lang: str = "en") -> str:
    top = index["scale"][-1]["level"]
    steps = [
        f"{fmt.number(lv['level'] / top, lang)} {fmt.pick(lv['label'], lang)} "
        f"({', '.join(SHORT[m] for m in lv['methods'])})"
        for lv in index["scale"]
    ]
    return (
        "Directness of each unit: " + "; ".join(steps) + "; E~ mixes two rules by the dated share of units."
    )


def _shares(result: dict[str, Any]) -> list[str]:
    lines = []
    for y in result["years"]:
        for tier, c in y["tiers"].items():
            sh = c["share"]
            if sh is None:
                continue
            new = c["rollout"]["new"].replace("_", " ")
            if sh["value"] is None:
                what = f"share {new} unknown (at most {fmt.score(sh['high'])})"
            else:
                what = f"{fmt.score(sh['value'])} {new}"
            how = {
                "reported": f"as reported on {sh['from']}",
                "interpolated": f"interpolated between {sh['from']} and {sh['to']}",
                "carried": f"as of {sh['from']}, a lower bound",
                "unknown": "no dated count yet",
            }[sh["basis"]]
            est = "; total taken from the tier's recorded units" if sh["estimated_total"] else ""
            lines.append(f"  {y['year']} {tier}: {what}, {how}{est}")
    return lines


def decentralization(result: dict[str, Any], lang: str = "en") -> None:
    index = result["index"]
    reasons = {k: fmt.pick(v, lang) for k, v in index["reasons"].items()}
    broken = {b["year"] for b in result["breaks"]}
    t = Table(
        title="Directness of akim selection on 31 Dec (0 appointed by the centre, 1 elected directly)",
        box=None,
        pad_edge=False,
        collapse_padding=True,
    )
    t.add_column("year", no_wrap=True)
    for tier in result["tiers"]:
        t.add_column(TIER_HEAD.get(tier, tier), no_wrap=True)
    t.add_column("nat.", justify="right", no_wrap=True)
    t.add_column("range", no_wrap=True)
    for y in result["years"]:
        year = f"{y['year']}*" if y["year"] in broken else str(y["year"])
        cells = [_tier_cell(y["tiers"][tier], lang) for tier in result["tiers"]]
        low, high = y["national_low"], y["national_high"]
        t.add_row(year, *cells, fmt.score(y["national"], lang, 3), fmt.span(low, high, lang, 3))
    console.print(t)
    console.print(LEGEND)
    console.print(_scale(index, lang))
    console.print("* a break: the tiers behind the national index change that year:")
    for b in result["breaks"]:
        left = [f"{e['tier']} left out ({reasons[e['reason']]})" for e in b["left"]]
        back = [f"{tier} back in" for tier in b["returned"]]
        console.print(f"  {b['year']}: " + "; ".join(left + back))
    weights = ", ".join(
        f"{tier} {w['units']} ({w['from']})" if w else f"{tier} none" for tier, w in result["weights"].items()
    )
    console.print(f"Fixed weights, units (count of): {weights}")
    shares = _shares(result)
    if shares:
        console.print("Rollouts, share of units under the new rule:")
        for line in shares:
            console.print(line)
    console.print(result["weighting"])
