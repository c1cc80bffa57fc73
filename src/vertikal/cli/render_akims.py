"""Terminal rendering of akim rules and the decentralization series."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from vertikal import fmt
from vertikal.cli.layout import Col, show
from vertikal.cli.render import console
from vertikal.cli.words import tr

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
        Col(tr("from", lang), "id", head=True),
        Col(tr("to", lang), "id", head=True),
        Col(tr("method", lang), width=16),
        Col(tr("dismissal", lang), width=12),
        Col(tr("acts cancelled by President", lang), width=9),
        Col(tr("instrument", lang), width=20),
        Col(tr("confidence", lang), "id"),
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
            Col(tr("date", lang), "id", head=True),
            Col(tr("event", lang), width=24, head=True),
            Col(tr("tiers", lang), width=12),
            Col(tr("counts", lang), width=14),
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
        show(e_cols, e_rows, title=tr("Events", lang), console=console)


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
    what = "Directness of each unit: {steps}; E~ mixes two rules by the dated share of units."
    return tr(what, lang, steps="; ".join(steps))


def _shares(result: dict[str, Any], lang: str = "en") -> list[str]:
    lines = []
    for y in result["years"]:
        for tier, c in y["tiers"].items():
            sh = c["share"]
            if sh is None:
                continue
            new = (
                fmt.value(c["rollout"]["new"], lang)
                if lang != "en"
                else c["rollout"]["new"].replace("_", " ")
            )
            if sh["value"] is None:
                what = tr(
                    "share {new} unknown (at most {high})", lang, new=new, high=fmt.score(sh["high"], lang)
                )
            else:
                what = f"{fmt.score(sh['value'], lang)} {new}"
            how = {
                "reported": tr("as reported on {date}", lang, date=sh["from"]),
                "interpolated": tr("interpolated between {a} and {b}", lang, a=sh["from"], b=sh["to"]),
                "carried": tr("as of {date}, a lower bound", lang, date=sh["from"]),
                "unknown": tr("no dated count yet", lang),
            }[sh["basis"]]
            est = tr("; total taken from the tier's recorded units", lang) if sh["estimated_total"] else ""
            lines.append(f"  {y['year']} {tier}: {what}, {how}{est}")
    return lines


def decentralization(result: dict[str, Any], lang: str = "en") -> None:
    index = result["index"]
    reasons = {k: fmt.pick(v, lang) for k, v in index["reasons"].items()}
    broken = {b["year"] for b in result["breaks"]}
    t = Table(
        title=tr(
            "Directness of akim selection on 31 Dec (0 appointed by the centre, 1 elected directly)", lang
        ),
        box=None,
        pad_edge=False,
        collapse_padding=True,
    )
    t.add_column(tr("year", lang), no_wrap=True)
    for tier in result["tiers"]:
        t.add_column(tr(TIER_HEAD.get(tier, tier), lang), no_wrap=True)  # a tier's id, or a short name
    t.add_column(tr("nat.", lang), justify="right", no_wrap=True)
    t.add_column(tr("range", lang), no_wrap=True)
    for y in result["years"]:
        year = f"{y['year']}*" if y["year"] in broken else str(y["year"])
        cells = [_tier_cell(y["tiers"][tier], lang) for tier in result["tiers"]]
        low, high = y["national_low"], y["national_high"]
        t.add_row(year, *cells, fmt.score(y["national"], lang, 3), fmt.span(low, high, lang, 3))
    console.print(t)
    console.print(tr(LEGEND, lang))
    console.print(_scale(index, lang))
    console.print(tr("* a break: the tiers behind the national index change that year:", lang))
    for b in result["breaks"]:
        left = [
            tr("{tier} left out ({reason})", lang, tier=e["tier"], reason=reasons[e["reason"]])
            for e in b["left"]
        ]
        back = [tr("{tier} back in", lang, tier=tier) for tier in b["returned"]]
        console.print(f"  {b['year']}: " + "; ".join(left + back))
    weights = ", ".join(
        f"{tier} {w['units']} ({w['from']})" if w else f"{tier} {tr('none', lang)}"
        for tier, w in result["weights"].items()
    )
    console.print(tr("Fixed weights, units (count of): {list}", lang, list=weights))
    shares = _shares(result, lang)
    if shares:
        console.print(tr("Rollouts, share of units under the new rule:", lang))
        for line in shares:
            console.print(line)
    console.print(result["weighting"])
