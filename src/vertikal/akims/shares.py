"""Unit counts and rollout shares on a date, each with the basis it rests on (recorded or estimated).

A tier's `units` are counts from a date on: the count in force on a date is the latest one from
on or before it. Before the first count there is none; a share's denominator then uses the first
later count, flagged as back-cast. A rollout's share of units under the new rule comes from the
dated `direct_shares`: reported on the day, interpolated between two dated counts (bounded by
them), carried after the last one (a lower bound), unknown before the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from vertikal.akims.models import AkimsFile, DirectShare

CountBasis = Literal["in force", "back-cast"]
ShareBasis = Literal["reported", "interpolated", "carried", "unknown"]


@dataclass(frozen=True)
class Count:
    """A number of units and where it comes from: the count in force, or the first later one."""

    value: int
    since: str
    basis: CountBasis

    def to_dict(self) -> dict[str, Any]:
        return {"units": self.value, "from": self.since, "basis": self.basis}


@dataclass(frozen=True)
class Share:
    """The share of a tier's units under a rollout's new rule on a date, with bounds and basis."""

    value: float | None
    low: float
    high: float
    basis: ShareBasis
    since: str | None = None  # the dated count the value rests on (the one before, when interpolated)
    until: str | None = None  # the next dated count, when interpolated
    estimated_total: bool = False  # a denominator taken from the tier's units, not from the source

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "basis": self.basis,
            "from": self.since,
            "to": self.until,
            "estimated_total": self.estimated_total,
        }


def _counts(data: AkimsFile, tier: str) -> list[tuple[str, int]]:
    for t in data.tiers:
        if t.id == tier:
            return sorted((u.from_, u.count) for u in t.units)
    return []


def count_at(data: AkimsFile, tier: str, date: str, backcast: bool = False) -> Count | None:
    """The count in force on `date`; with `backcast`, the first later count when none is in force yet."""
    rows = _counts(data, tier)
    before = [r for r in rows if r[0] <= date]
    if before:
        return Count(before[-1][1], before[-1][0], "in force")
    if backcast and rows:
        return Count(rows[0][1], rows[0][0], "back-cast")
    return None


def latest_count(data: AkimsFile, tier: str) -> Count | None:
    """The tier's latest recorded count: the fixed weight of the national score."""
    rows = _counts(data, tier)
    return Count(rows[-1][1], rows[-1][0], "in force") if rows else None


def ratio(data: AkimsFile, s: DirectShare) -> tuple[float | None, bool]:
    """(share, estimated denominator) of one dated count; a stated share when no count is given."""
    if s.directly_elected is not None:
        if s.total:
            return min(1.0, s.directly_elected / s.total), False
        n = count_at(data, s.tier, s.date, backcast=True)
        if n is not None and n.value > 0:
            return min(1.0, s.directly_elected / n.value), True
    return s.share, False


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def share_at(data: AkimsFile, tier: str, start: str, date: str) -> Share:
    """The share under the new rule on `date` of a rollout that began on `start`."""
    known: list[tuple[str, float, bool]] = []
    for s in sorted(data.direct_shares, key=lambda s: s.date):
        if s.tier == tier and s.date >= start:
            value, estimated = ratio(data, s)
            if value is not None:
                known.append((s.date, value, estimated))
    before = [k for k in known if k[0] <= date]
    after = [k for k in known if k[0] > date]
    if not before:
        high = after[0][1] if after else 1.0
        return Share(None, 0.0, high, "unknown", None, after[0][0] if after else None)
    d0, v0, e0 = before[-1]
    if d0 == date:
        return Share(v0, v0, v0, "reported", d0, None, e0)
    if not after:
        return Share(v0, v0, 1.0, "carried", d0, None, e0)
    d1, v1, e1 = after[0]
    hi = max(v0, v1)
    value = v0 + (v1 - v0) * _days(d0, date) / _days(d0, d1)
    return Share(round(value, 4), min(v0, v1), hi, "interpolated", d0, d1, e0 or e1)
