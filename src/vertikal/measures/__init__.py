"""Measures of concentration: definitions as data, evaluated on every version."""

from __future__ import annotations

from typing import Any

from vertikal.dataset import Dataset
from vertikal.measures.compute import score as _score
from vertikal.measures.defs import MeasureDef, load_defs
from vertikal.problems import VertikalError

__all__ = ["MeasureDef", "definitions", "methods", "score", "timeline"]


class MeasureError(VertikalError, LookupError):
    """Unknown measure, or measure files that do not validate."""


_CACHE: dict[str, list[MeasureDef]] = {}


def definitions(ds: Dataset) -> list[MeasureDef]:
    """The measures declared in the dataset's ``measures/`` directory, in their order."""
    key = str(ds.root)
    if key not in _CACHE:
        defs, errors = load_defs(ds.root / "measures")
        if errors:
            file, line, _code, msg = errors[0]
            raise MeasureError(f"{file}:{line}: {msg}")
        _CACHE[key] = defs
    return _CACHE[key]


def get(ds: Dataset, measure_id: str) -> MeasureDef:
    for d in definitions(ds):
        if d.id == measure_id:
            return d
    known = ", ".join(d.id for d in definitions(ds))
    raise MeasureError(f"unknown measure {measure_id!r}; known measures: {known}")


def score(ds: Dataset, measure_id: str, version_id: str) -> dict[str, Any]:
    """One measure on one version, with its breakdown and evidence."""
    from vertikal.queries import resolve_version

    version_id = resolve_version(ds, version_id)
    return _score(ds, get(ds, measure_id), version_id)


def timeline(ds: Dataset, measure_ids: list[str] | None = None) -> dict[str, Any]:
    """Every version with every (chosen) measure: totals, maxima, subscales and domain breakdowns."""
    chosen = [get(ds, m) for m in measure_ids] if measure_ids else definitions(ds)
    rows = []
    for v in ds.versions:
        values = {}
        for d in chosen:
            s = _score(ds, d, v.id)
            values[d.id] = {
                "total": s["total"],
                "max": s["max"],
                "subscales": s["subscales"],
                "by_domain": s["by_domain"],
                "uncertain": s["uncertain"],
                "low_confidence": s["low_confidence"],
            }
        rows.append(
            {"version": v.id, "in_force": v.in_force, "label": v.label.model_dump(), "measures": values}
        )
    return {"measures": [d.id for d in chosen], "versions": rows}


def methods(ds: Dataset) -> list[dict[str, Any]]:
    """Every measure's definition: what it follows, its sources, assumptions and items.

    Each source is shown as the registry describes it (`cite`, `url`), with what was checked in it.
    """
    from vertikal.references import describe

    out = []
    for d in definitions(ds):
        row = d.model_dump(mode="json", by_alias=True)
        described = describe(ds, [s.ref for s in d.sources])
        row["sources"] = [r | {"verified": s.verified} for s, r in zip(d.sources, described, strict=True)]
        out.append(row)
    return out
