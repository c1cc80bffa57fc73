"""Queries over the akim rules: the period in force, gaps, and agreement with the constitutional codings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from vertikal.akims.models import AkimsFile, Period

if TYPE_CHECKING:
    from vertikal.dataset import Dataset, Source

START, END = "1990-01-01", "2026-12-31"

# the codings' `appoint_regional_akims.method` and the rules' methods that agree with it
CODING_METHOD = {
    "pm_proposal": "appointed_by_president_on_pm_proposal",
    "maslikhat_consent": "appointed_by_president_with_maslikhat_consent",
    "maslikhat_vote_two_nominees": "appointed_by_president_from_nominees",
    "by_president_alone": "appointed_by_president",
}


def _next_day(date: str) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=1)).isoformat()


def periods_of(data: AkimsFile, tier: str) -> list[Period]:
    return sorted((p for p in data.periods if p.tier == tier), key=lambda p: p.from_)


def period_at(data: AkimsFile, tier: str, date: str) -> Period | None:
    """The rule in force for a tier on a date."""
    for p in periods_of(data, tier):
        if p.from_ <= date <= p.to:
            return p
    return None


def gaps(data: AkimsFile, start: str = START, end: str = END) -> Iterator[tuple[str, int, str]]:
    """(tier, index of the period, message) for every gap, overlap or reversed period."""
    for tier in data.tiers:
        expected = start
        ps = periods_of(data, tier.id)
        if not ps:
            yield tier.id, -1, f"tier {tier.id} has no periods"
            continue
        for i, p in enumerate(ps):
            if p.to < p.from_:
                yield tier.id, i, f"{tier.id}: period from {p.from_} ends before it starts ({p.to})"
            if p.from_ > expected:
                yield tier.id, i, f"{tier.id}: no rule from {expected} to the day before {p.from_}"
            elif p.from_ < expected:
                yield (
                    tier.id,
                    i,
                    f"{tier.id}: period from {p.from_} overlaps the one before it",
                )
            expected = _next_day(p.to)
        if ps[-1].to < end:
            yield tier.id, len(ps) - 1, f"{tier.id}: no rule after {ps[-1].to} (the series runs to {end})"


def consistency(ds: Dataset, data: AkimsFile) -> Iterator[tuple[str, str, str]]:
    """(version, item, message) where a version's akim codings disagree with the rules in force."""
    for v in ds.versions:
        codings = ds.codings.get(v.id, {})
        region = period_at(data, "region", v.in_force)
        if region is None or region.method == "unknown":
            continue
        appoint = codings.get("appoint_regional_akims")
        if appoint is not None:
            coded = appoint.attrs.get("method")
            expected = CODING_METHOD.get(str(coded)) if coded else None
            if appoint.status == "absent" and region.method.startswith("appointed_by_president"):
                yield v.id, "appoint_regional_akims", f"coded absent, but the rules say {region.method}"
            elif expected is not None and expected != region.method and region.method != "mixed_rollout":
                yield (
                    v.id,
                    "appoint_regional_akims",
                    f"coded method {coded}, but the rules say {region.method}",
                )
        dismiss = codings.get("dismiss_akims")
        if dismiss is not None and region.dismissal != "unknown":
            by_president = "president" in region.dismissal.lower()
            if (dismiss.status != "absent") != by_president:
                yield (
                    v.id,
                    "dismiss_akims",
                    f"coded {dismiss.status}, but the rules say dismissal by {region.dismissal}",
                )
        cancel = codings.get("cancel_akim_acts")
        cancels = region.president_cancels_acts
        if cancel is not None and cancels is not None and (cancel.status != "absent") != cancels:
            yield (
                v.id,
                "cancel_akim_acts",
                (
                    f"coded {cancel.status}, but the rules say the President "
                    f"{'may' if region.president_cancels_acts else 'may not'} cancel akims' acts"
                ),
            )


def counts(data: AkimsFile) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(place in the file, code, message) for unit counts the index cannot use: VK037, VK038."""
    from vertikal.akims.shares import count_at

    for i, t in enumerate(data.tiers):
        if not t.units:
            yield (
                ("tiers", i, "id"),
                "VK038",
                (
                    f"tier {t.id} has no recorded number of units, so the national decentralization index "
                    "cannot weigh it and leaves it out of every year"
                ),
            )
    for i, s in enumerate(data.direct_shares):
        if s.directly_elected is None:
            continue
        total = s.total
        if total is None:
            n = count_at(data, s.tier, s.date, backcast=True)
            total = None if n is None else n.value
        if total is not None and s.directly_elected > total:
            yield (
                ("direct_shares", i, "directly_elected"),
                "VK037",
                (
                    f"{s.tier} on {s.date}: {s.directly_elected} directly elected, more than the "
                    f"{total} units {'the source gives' if s.total is not None else 'recorded for the tier'}"
                ),
            )


def report(ds: Dataset, src: Source, data: AkimsFile) -> None:
    """Add gap (VK017), consistency (VK018), index (VK036) and count (VK037, VK038) problems."""
    from vertikal.akims import index as _index

    _index.report(ds)
    for where, code, message in counts(data):
        ds.problem(src, src.line(*where), code, message)
    index = {id(p): i for i, p in enumerate(data.periods)}
    for tier, i, message in gaps(data):
        ps = periods_of(data, tier)
        line = src.line("periods", index[id(ps[i])], "from") if i >= 0 else src.line("tiers")
        ds.problem(src, line, "VK017", message)
    for vid, item, message in consistency(ds, data):
        coding_src = next((s for s in ds.sources.values() if s.path.stem == vid), None)
        line = coding_src.line("codings", item) if coding_src else 0
        ds.problem(coding_src, line, "VK018", f"{vid} {item}: {message} (akims.yaml)")
