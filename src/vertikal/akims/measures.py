"""Decentralization per tier and year (31 December), and the national index with its range and breaks.

- Directness (the headline; the scale is data, ``decentralization.yaml``): each unit scores the level
  of the rule it is under over the top level (0 appointed by the centre ... 1 elected directly); a
  tier scores the mean over its units, from the share of its units under each rule. A rollout
  (`mixed_rollout`) splits the tier between its new rule and the rule the other units keep, with
  the dated shares of `direct_shares` (see `shares`).
- RAI executive selection (Hooghe, Marks, Schakel et al., the executive half of 'representation'):
  0 appointed by the centre, 1 dual, 2 chosen by the assembly or elected directly; for comparison.
- V-Dem style recode of `v2elsrgel` / `v2ellocelc` (0-5): 0 none elected, 1 executive elected but
  not the assembly, 2 assembly elected but not the executive, 3 executive elected and no assembly,
  4 assembly elected and no executive, 5 both. "Elected" includes election by an elected assembly.
  During a rollout the executive counts as elected when more than half the units elect it.
- The national index: the tiers' directness weighed by fixed weights (each tier's latest recorded
  number of units), so that only a change in how akims are chosen moves it. A tier with an unknown
  score is left out, with a break recorded where it leaves and returns; the range gives every
  completion of the unknowns.
"""

from __future__ import annotations

from typing import Any

from vertikal.akims.index import IndexDef
from vertikal.akims.models import AkimsFile, Assembly, Period, Tier
from vertikal.akims.rules import period_at, periods_of
from vertikal.akims.shares import Count, count_at, latest_count, share_at

RAI: dict[str, float | None] = {
    "appointed_by_president": 0,
    "appointed_by_president_on_pm_proposal": 0,
    "appointed_by_president_with_maslikhat_consent": 1,
    "appointed_by_president_from_nominees": 1,
    "appointed_by_higher_akim": 0,
    "appointed_by_higher_akim_with_maslikhat_consent": 1,
    "elected_by_maslikhat": 2,
    "elected_by_local_soviet": 2,
    "elected_directly": 2,
    "mixed_rollout": None,  # from the rollout's two rules and its share; else the period's elected_share
    "unknown": None,
}
ELECTED = {"elected_by_maslikhat", "elected_by_local_soviet", "elected_directly"}
FIRST_YEAR, LAST_YEAR = 1990, 2026
ROUND = 4


def rai(period: Period | None) -> float | None:
    """The RAI executive score of a period's rule (a rollout from its `elected_share`, when given)."""
    if period is None:
        return None
    if period.method == "mixed_rollout":
        return None if period.elected_share is None else round(2 * period.elected_share, 3)
    return RAI[period.method]


def executive_elected(period: Period | None) -> bool | None:
    if period is None or period.method == "unknown":
        return None
    if period.method == "mixed_rollout":
        return None if period.elected_share is None else period.elected_share > 0.5
    return period.method in ELECTED


def assembly_at(tier: Tier, date: str) -> Assembly | None:
    rows = [a for a in sorted(tier.assembly, key=lambda a: a.from_) if a.from_ <= date]
    return rows[-1] if rows else None


def vdem_code(executive: bool | None, assembly: Assembly | None) -> int | None:
    """The V-Dem 0-5 code from whether the executive is elected and the assembly."""
    if executive is None or assembly is None or (assembly.exists and assembly.elected is None):
        return None
    if not assembly.exists:
        return 3 if executive else 0
    if assembly.elected:
        return 5 if executive else 2
    return 1 if executive else 0


def vdem(period: Period | None, assembly: Assembly | None) -> int | None:
    """The V-Dem 0-5 code from a period's rule and the assembly."""
    return vdem_code(executive_elected(period), assembly)


def units_at(data: AkimsFile, tier: str, date: str) -> int | None:
    """The tier's number of units in force on `date` (the latest count from on or before it)."""
    n = count_at(data, tier, date)
    return None if n is None else n.value


def rollout_rules(data: AkimsFile, p: Period) -> tuple[str, str | None, str]:
    """(new rule, the rule the other units keep or None when unknown, the day the rollout began)."""
    ps = periods_of(data, p.tier)
    j = next(i for i, q in enumerate(ps) if q is p)
    new, rest = (p.rollout.new, p.rollout.rest) if p.rollout else ("elected_directly", None)
    while j > 0 and ps[j - 1].method == "mixed_rollout":  # one rollout over several periods
        j -= 1
        earlier = ps[j].rollout
        if rest is None and earlier is not None:
            rest = earlier.rest
    if rest is None and j > 0:
        rest = ps[j - 1].method
    return new, (None if rest in ("unknown", "mixed_rollout") else rest), ps[j].from_


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, ROUND)


def _mix_scores(index: IndexDef, mix: dict[str, float]) -> dict[str, Any]:
    """Directness, RAI, whether most units elect their executive, and shares per level, of a mix."""
    levels: dict[str, float] = {}
    for m, w in mix.items():
        lv = index.level_of(m)
        if lv is not None:
            levels[lv.id] = round(levels.get(lv.id, 0.0) + w, ROUND)
    score = sum(w * (index.score_of(m) or 0.0) for m, w in mix.items())
    rais = [RAI[m] for m in mix]
    rai_mix = None if None in rais else sum(w * (r or 0.0) for r, w in zip(rais, mix.values(), strict=True))
    elected = sum(w for m, w in mix.items() if m in ELECTED)
    return {"directness": score, "rai": rai_mix, "elected": elected > 0.5, "levels": levels}


def tier_cell(data: AkimsFile, index: IndexDef, tier: Tier, date: str) -> dict[str, Any]:
    """One tier on one date: its rule, its directness (point, low, high), RAI and V-Dem codes."""
    p = period_at(data, tier.id, date)
    n = count_at(data, tier.id, date)
    cell: dict[str, Any] = {
        "method": p.method if p else None,
        "directness": None,
        "low": 0.0,
        "high": 1.0,
        "levels": {},
        "rollout": None,
        "share": None,
        "rai_executive": rai(p),
        "vdem": vdem(p, assembly_at(tier, date)),
        "units": None if n is None else n.value,
        "reason": None,
    }
    if p is None or p.method == "unknown":
        cell["reason"] = "no_rule" if p is None else "unknown_method"
        return cell
    if p.method != "mixed_rollout":
        s = _mix_scores(index, {p.method: 1.0})
        cell.update(directness=s["directness"], low=s["directness"], high=s["directness"])
        cell.update(levels=s["levels"])
        return cell
    new, rest, start = rollout_rules(data, p)
    share = share_at(data, tier.id, start, date)
    cell["rollout"] = {"new": new, "rest": rest, "from": start}
    cell["share"] = share.to_dict()
    s_new = index.score_of(new) or 0.0
    if rest is None:
        cell.update(low=_r(share.low * s_new), high=_r(1 - share.low * (1 - s_new)), reason="unknown_rest")
        return cell
    s_rest = index.score_of(rest) or 0.0
    bounds = [x * s_new + (1 - x) * s_rest for x in (share.low, share.high)]
    cell.update(low=_r(min(bounds)), high=_r(max(bounds)))
    if share.value is None:
        cell["reason"] = "unknown_share"
        return cell
    mix = {new: share.value}
    mix[rest] = mix.get(rest, 0.0) + 1 - share.value
    s = _mix_scores(index, mix)
    cell.update(directness=_r(s["directness"]), levels=s["levels"], rai_executive=_r(s["rai"]))
    cell["vdem"] = vdem_code(s["elected"], assembly_at(tier, date))
    return cell


def weights(data: AkimsFile) -> dict[str, Count | None]:
    """Each tier's fixed weight: its latest recorded number of units (None when it has none)."""
    return {t.id: latest_count(data, t.id) for t in data.tiers}


def national(
    cells: dict[str, dict[str, Any]], fixed: dict[str, Count | None], max_unknown: float
) -> dict[str, Any]:
    """The national point, range, RAI and equal-weight check over the tiers with a known score."""
    excluded = [
        {"tier": t, "reason": "no_units" if fixed[t] is None else c["reason"] or "unknown_method"}
        for t, c in cells.items()
        if fixed[t] is None or c["directness"] is None
    ]
    out = {t["tier"] for t in excluded}
    covered = [t for t in cells if t not in out]
    w = {t: float(n.value) for t, n in fixed.items() if n is not None}
    total = sum(w.values())
    known = sum(w[t] for t in covered)
    row: dict[str, Any] = {
        "national": None,
        "national_low": _r(sum(w[t] * cells[t]["low"] for t in w) / total) if total else None,
        "national_high": _r(sum(w[t] * cells[t]["high"] for t in w) / total) if total else None,
        "national_rai": None,
        "national_equal": None,
        "covered": covered,
        "excluded": excluded,
    }
    if not known or (total - known) / total > max_unknown:
        return row
    row["national"] = _r(sum(w[t] * cells[t]["directness"] for t in covered) / known)
    row["national_equal"] = _r(sum(cells[t]["directness"] for t in covered) / len(covered))
    rais = [cells[t]["rai_executive"] for t in covered]
    if None not in rais:
        row["national_rai"] = _r(sum(w[t] * cells[t]["rai_executive"] / 2 for t in covered) / known)
    return row


def year_row(data: AkimsFile, index: IndexDef, year: int) -> dict[str, Any]:
    """The state on 31 December of `year`."""
    date = f"{year}-12-31"
    cells: dict[str, dict[str, Any]] = {t.id: tier_cell(data, index, t, date) for t in data.tiers}
    return {
        "year": year,
        "date": date,
        "tiers": cells,
        **national(cells, weights(data), index.max_unknown_weight),
    }


def breaks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every year where the tiers behind the national point change: who left (and why), who returned."""
    found: list[dict[str, Any]] = []
    before: set[str] | None = None
    for r in rows:
        now = {e["tier"] for e in r["excluded"]}
        if before is None:
            left, back = [e for e in r["excluded"]], []
        else:
            left = [e for e in r["excluded"] if e["tier"] not in before]
            back = [t for t in r["covered"] if t in before]
        if left or back:
            found.append({"year": r["year"], "left": left, "returned": back})
        before = now
    return found


def series(data: AkimsFile, index: IndexDef) -> list[dict[str, Any]]:
    return [year_row(data, index, y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
