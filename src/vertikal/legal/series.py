"""Measures by date: the per-version measures at every event date, plus counts per holder.

A row per distinct event date (`vertikal.legal.events`): the measures of the Constitution's version in
force that day (as `vertikal.measures.timeline` gives them; they read the Constitution's codings only),
and, from `vertikal.legal.at`, the powers each holder holds that day (items of kind `power`, counted
as the governing coding's status) and the presidential-type power as a whole: the union over the
holders whose office or status is presidential, an item counted once at the strongest status any of
them holds (sole over shared over absent; unknown only when no holder's status is known).
docs/instruments.md defines it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vertikal.dataset import Dataset

PRESIDENTIAL = ("president", "first_president")  # the holders whose office or status is presidential
UNION = "presidential_type"
_STRENGTH = {"sole": 3, "shared": 2, "absent": 1, "unknown": 0}


def _counts(statuses: dict[str, str]) -> dict[str, Any]:
    out = {"sole": 0, "shared": 0, "absent": 0, "unknown": 0}
    for s in statuses.values():
        out[s] += 1
    held = sorted(k for k, s in statuses.items() if s in ("sole", "shared"))
    return {
        **out,
        "held": out["sole"] + out["shared"],
        # the range: unknown items could each be held (high) or not (low)
        "low": out["sole"] + out["shared"],
        "high": out["sole"] + out["shared"] + out["unknown"],
        "items": held,
    }


def holder_counts(day_result: dict[str, Any]) -> dict[str, Any]:
    """Powers per holder and for the presidential-type union, from a result of `at`."""
    per: dict[str, dict[str, str]] = {}
    for p in day_result["powers"]:
        if p["kind"] == "power":
            per.setdefault(p["holder"], {})[p["item"]] = p["status"]
    union: dict[str, str] = {}
    for h in PRESIDENTIAL:
        for item, status in per.get(h, {}).items():
            if item not in union or _STRENGTH[status] > _STRENGTH[union[item]]:
                union[item] = status
    out = {h: _counts(s) for h, s in per.items()}
    out[UNION] = _counts(union)
    return out


def timeline_by_date(ds: Dataset, measure_ids: list[str] | None = None) -> dict[str, Any]:
    """The measures at every event date, per holder and for presidential-type power as a whole."""
    from vertikal import measures
    from vertikal.legal.api import at, events

    base = measures.timeline(ds, measure_ids)
    by_version = {row["version"]: row for row in base["versions"]}
    dates: dict[str, list[dict[str, Any]]] = {}
    for e in events(ds):
        dates.setdefault(e["date"], []).append(
            {"instrument": e["instrument"], "version": e["version"], "what": e["what"]}
        )
    rows = []
    for day, happened in sorted(dates.items()):
        result = at(ds, day)
        vid = result["constitution_version"]
        row = by_version.get(vid) if vid else None
        rows.append(
            {
                "date": day,
                "event": happened,
                "version": vid,
                "in_force": row["in_force"] if row else None,
                "label": row["label"] if row else None,
                "measures": row["measures"] if row else {},
                "holders": holder_counts(result),
            }
        )
    return {"measures": base["measures"], "dimensions": base["dimensions"], "versions": rows}
