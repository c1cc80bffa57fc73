"""Turning points: the peaks and the runs of increase and decrease of each measure."""

from __future__ import annotations

from typing import Any

from vertikal.dataset import Dataset
from vertikal.measures import definitions
from vertikal.measures.compute import score


def _runs(ids: list[str], values: list[float]) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    for i in range(1, len(values)):
        d = values[i] - values[i - 1]
        direction = "increase" if d > 0 else "decrease" if d < 0 else "flat"
        if runs and runs[-1]["direction"] == direction:
            runs[-1]["to"] = ids[i]
            runs[-1]["change"] += d
            runs[-1]["steps"] += 1
        else:
            runs.append({"direction": direction, "from": ids[i - 1], "to": ids[i], "change": d, "steps": 1})
    return runs


def _peaks(ids: list[str], values: list[float]) -> list[dict[str, Any]]:
    """Local maxima, plateaus included (a plateau's first version stands for it)."""
    peaks = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        left = values[i - 1] if i > 0 else float("-inf")
        right = values[j + 1] if j + 1 < len(values) else float("-inf")
        if values[i] > left and values[i] > right and len(values) > 1:
            peaks.append({"version": ids[i], "through": ids[j], "value": values[i]})
        i = j + 1
    return peaks


def series(ds: Dataset, measure_id: str) -> tuple[list[str], list[float]]:
    from vertikal.measures import get

    d = get(ds, measure_id)
    ids = [v.id for v in ds.versions]
    return ids, [score(ds, d, vid)["total"] for vid in ids]


def periods(ds: Dataset) -> dict[str, Any]:
    """Peaks and runs of every measure's point values, with each version's range beside them
    (`ranges`: [low, high] over the unknown codings)."""
    out = {}
    for d in definitions(ds):
        ids, values = series(ds, d.id)
        top = max(values) if values else 0.0
        scores = [score(ds, d, vid) for vid in ids]
        out[d.id] = {
            "values": dict(zip(ids, values, strict=True)),
            "ranges": {vid: [s["low"], s["high"]] for vid, s in zip(ids, scores, strict=True)},
            "global_peak": [vid for vid, v in zip(ids, values, strict=True) if v == top],
            "peak_value": top,
            "peaks": _peaks(ids, values),
            "runs": _runs(ids, values),
        }
    return {"measures": out}
