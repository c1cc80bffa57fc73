"""Decentralization of executive power: how akims are chosen, tier by tier, 1990-2026."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from vertikal import _yaml
from vertikal.akims import index as _index
from vertikal.akims.measures import breaks, series, weights
from vertikal.akims.models import AkimsFile
from vertikal.akims.rules import period_at, periods_of
from vertikal.dataset import Dataset
from vertikal.problems import VertikalError

__all__ = ["AkimsError", "akims", "decentralization", "load_akims"]


class AkimsError(VertikalError, ValueError):
    """The akims file is missing or invalid; names the file and line."""


_CACHE: dict[str, AkimsFile] = {}


def load_akims(ds: Dataset) -> AkimsFile:
    path = ds.root / "akims.yaml"
    key = str(path)
    if key in _CACHE:
        return _CACHE[key]
    if not path.is_file():
        raise AkimsError(f"{path}: no akims file in this data directory")
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        raise AkimsError(f"{path}:{exc.line}: {exc.message}") from None
    try:
        data = AkimsFile.model_validate(doc.value)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise AkimsError(f"{path}:{doc.line(loc)}: {'.'.join(map(str, loc))}: {err['msg']}") from None
    _CACHE[key] = data
    return data


def akims(ds: Dataset, tier: str | None = None, year: int | None = None) -> dict[str, Any]:
    """The selection rules (all periods, or those in force in `year`), with events and counts."""
    data = load_akims(ds)
    tiers = [t for t in data.tiers if tier is None or t.id == tier]
    if tier is not None and not tiers:
        from vertikal.queries import NotFound

        raise NotFound(f"unknown tier {tier!r}; known tiers: {', '.join(t.id for t in data.tiers)}")
    rows = []
    for t in tiers:
        if year is None:
            periods = periods_of(data, t.id)
        else:
            ps = [p for p in periods_of(data, t.id) if p.from_ <= f"{year}-12-31" and p.to >= f"{year}-01-01"]
            periods = ps
        rows.append(
            {
                "tier": t.model_dump(mode="json", by_alias=True),
                "periods": [p.model_dump(mode="json", by_alias=True) for p in periods],
            }
        )
    events = [
        e.model_dump(mode="json", by_alias=True)
        for e in sorted(data.events, key=lambda e: e.date)
        if (tier is None or tier in e.tiers) and (year is None or e.date.startswith(str(year)))
    ]
    shares = [
        s.model_dump(mode="json", by_alias=True)
        for s in data.direct_shares
        if (tier is None or s.tier == tier) and (year is None or s.date.startswith(str(year)))
    ]
    return {"tier": tier, "year": year, "tiers": rows, "events": events, "direct_shares": shares}


def decentralization(ds: Dataset) -> dict[str, Any]:
    """The index by year, 1990-2026, per tier and nationally, with its definition, weights and breaks.

    `index` is the methods entry (scale, mapping of methods, weighting, sources); `weights` the
    fixed number of units each tier weighs (with the date of the count); `years` the state on
    31 December; `breaks` every year where the tiers behind the national point change.
    """
    data = load_akims(ds)
    idx = _index.load_index(ds)
    years = series(data, idx)
    shares = [s.model_dump(mode="json", by_alias=True) for s in data.direct_shares]
    return {
        "index": _index.entry(idx),
        "weighting": idx.weighting.en,
        "tiers": [t.id for t in data.tiers],
        "weights": {t: None if n is None else n.to_dict() for t, n in weights(data).items()},
        "years": years,
        "breaks": breaks(years),
        "direct_shares": shares,
    }


def method_at(ds: Dataset, tier: str, date: str) -> str | None:
    p = period_at(load_akims(ds), tier, date)
    return None if p is None else p.method
