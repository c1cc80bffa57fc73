"""Decentralization measures per tier and year, and the national score weighted by units.

- RAI executive selection (Hooghe, Marks, Schakel et al., Regional Authority Index, the executive
  half of the 'representation' dimension): 0 appointed by the centre, 1 dual (centre and region),
  2 chosen by the regional assembly or elected directly.
- V-Dem style recode of `v2elsrgel` / `v2ellocelc` (0-5): 0 none elected, 1 executive elected but
  not the assembly, 2 assembly elected but not the executive, 3 executive elected and no assembly,
  4 assembly elected and no executive, 5 both elected. "Elected" includes indirect election by an
  elected assembly; appointment by another level is not election. During a rollout the executive
  counts as elected when more than half the units elect it.
- The national score: each tier's RAI executive score halved (0..1), averaged with weights equal
  to the tier's number of units that year. Because rural units outnumber regions a hundredfold,
  this score follows the rural tier; `national_equal` (every tier weighing the same) is given
  beside it as a check on that choice.
"""

from __future__ import annotations

from typing import Any

from vertikal.akims.models import AkimsFile, Assembly, Method, Period, Tier
from vertikal.akims.rules import period_at

RAI: dict[Method, float | None] = {
    "appointed_by_president": 0,
    "appointed_by_president_on_pm_proposal": 0,
    "appointed_by_president_with_maslikhat_consent": 1,
    "appointed_by_president_from_nominees": 1,
    "appointed_by_higher_akim": 0,
    "elected_by_maslikhat": 2,
    "elected_by_local_soviet": 2,
    "elected_directly": 2,
    "mixed_rollout": None,  # from the period's elected_share, when known
    "unknown": None,
}
ELECTED = {"elected_by_maslikhat", "elected_by_local_soviet", "elected_directly"}
FIRST_YEAR, LAST_YEAR = 1990, 2026


def rai(period: Period | None) -> float | None:
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


def vdem(period: Period | None, assembly: Assembly | None) -> int | None:
    """The V-Dem 0-5 code from the executive's selection and the assembly."""
    executive = executive_elected(period)
    if executive is None or assembly is None or (assembly.exists and assembly.elected is None):
        return None
    if not assembly.exists:
        return 3 if executive else 0
    if assembly.elected:
        return 5 if executive else 2
    return 1 if executive else 0


def units_at(data: AkimsFile, tier: str, date: str) -> int | None:
    for t in data.tiers:
        if t.id == tier:
            rows = [u for u in sorted(t.units, key=lambda u: u.from_) if u.from_ <= date]
            return rows[-1].count if rows else None
    return None


def year_row(data: AkimsFile, year: int) -> dict[str, Any]:
    """The state on 31 December of `year` (or on the last day of the series)."""
    date = f"{year}-12-31"
    tiers: dict[str, Any] = {}
    weighted, weight = 0.0, 0
    missing: list[str] = []
    for t in data.tiers:
        p = period_at(data, t.id, date)
        score = rai(p)
        units = units_at(data, t.id, date)
        tiers[t.id] = {
            "method": p.method if p else None,
            "rai_executive": score,
            "vdem": vdem(p, assembly_at(t, date)),
            "units": units,
        }
        if score is None or units is None:
            missing.append(t.id)
            continue
        weighted += units * score / 2
        weight += units
    national = round(weighted / weight, 4) if weight else None
    scored = [c["rai_executive"] / 2 for c in tiers.values() if c["rai_executive"] is not None]
    equal = round(sum(scored) / len(scored), 4) if scored else None
    return {
        "year": year,
        "date": date,
        "tiers": tiers,
        "national": national,
        "national_equal": equal,
        "national_excludes": missing,
    }


def series(data: AkimsFile) -> list[dict[str, Any]]:
    return [year_row(data, y) for y in range(FIRST_YEAR, LAST_YEAR + 1)]
