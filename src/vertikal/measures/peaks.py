"""Peaks and steps of a measure's series when the values are ranges.

Two meanings of "peak", kept apart because sources mean different things:

* ``peaked_by(d)``: no version after date `d` scores higher than the highest score reached by `d`
  (a later tie does not contradict it);
* ``unique_peak(v)``: version `v` scores higher than every other version (a tie anywhere contradicts it).

Versions are independent (each has its own codings), and each version's range is attained at its
extremes, so these verdicts are exact on the ranges: True (False) only when the statement holds
(fails) whatever the unknown codings turn out to be.
"""

from __future__ import annotations

from typing import Any

from vertikal.dataset import Dataset
from vertikal.measures import get
from vertikal.measures.compute import score
from vertikal.measures.logic import Maybe, Truth, one_of


def _deps(s: dict[str, Any]) -> list[str]:
    """The unknown codings that can move a score ('item@version')."""
    out: set[str] = set()
    for c in s["components"]:
        if c["low"] != c["high"]:
            out.update(e["item"] for e in c["evidence"] if e.get("status") == "unknown")
    return sorted(f"{i}@{s['version']}" for i in out)


def series(ds: Dataset, measure_id: str) -> list[dict[str, Any]]:
    """Every version's point value, low, high and the unknown codings that move it."""
    d = get(ds, measure_id)
    out = []
    for v in ds.versions:
        s = score(ds, d, v.id)
        out.append(
            {"version": v.id, "value": s["total"], "low": s["low"], "high": s["high"], "deps": _deps(s)}
        )
    return out


def _evidence(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    top = max(r["value"] for r in rows)
    return [
        {
            "version": r["version"],
            "value": r["value"],
            "low": r["low"],
            "high": r["high"],
            "at_max": r["value"] == top,
        }
        for r in rows
    ]


def peaked_by(rows: list[dict[str, Any]], date: str) -> tuple[Truth, list[dict[str, Any]]]:
    """No version after `date` scores higher than the best score reached by `date`."""
    before = [r for r in rows if r["version"] <= date]
    after = [r for r in rows if r["version"] > date]
    if not before:
        raise ValueError(f"no version on or before {date}")
    if not after:
        return True, _evidence(rows)
    if max(r["low"] for r in before) >= max(r["high"] for r in after):
        return True, _evidence(rows)
    if max(r["high"] for r in before) < max(r["low"] for r in after):
        return False, _evidence(rows)
    return Maybe(frozenset(d for r in rows for d in r["deps"])), _evidence(rows)


def unique_peak(rows: list[dict[str, Any]], version: str) -> tuple[Truth, list[dict[str, Any]]]:
    """`version` scores higher than every other version (ties count against it)."""
    mine = [r for r in rows if r["version"] == version]
    if not mine:
        raise ValueError(f"no version {version}")
    me, others = mine[0], [r for r in rows if r["version"] != version]
    if not others or me["low"] > max(r["high"] for r in others):
        return True, _evidence(rows)
    if me["high"] <= max(r["low"] for r in others):
        return False, _evidence(rows)
    return Maybe(frozenset(d for r in rows for d in r["deps"])), _evidence(rows)


def _moves(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """How one component can move from version a to version b: up, down, same."""
    out = set()
    if b["high"] > a["low"]:
        out.add("up")
    if b["low"] < a["high"]:
        out.add("down")
    if max(a["low"], b["low"]) <= min(a["high"], b["high"]):
        out.add("same")
    return out


def step_classes(ds: Dataset, measure_id: str, a: str, b: str) -> tuple[Any, dict[str, Any]]:
    """The classifications the step a -> b can get (concentration, deconcentration, mixed, unchanged).

    A step is mixed when some component rises and another falls, concentration when components only
    rise, deconcentration when they only fall. Components are treated as independent (an outer bound
    when an unknown coding feeds two of them).
    """
    d = get(ds, measure_id)
    sa, sb = score(ds, d, a), score(ds, d, b)
    before = {c["id"]: c for c in sa["components"]}
    moves = [_moves(before[c["id"]], c) for c in sb["components"]]
    classes = set()
    ups = [i for i, m in enumerate(moves) if "up" in m]
    downs = [i for i, m in enumerate(moves) if "down" in m]
    if any(u != w for u in ups for w in downs):
        classes.add("mixed")
    if ups and all(m - {"down"} for m in moves):
        classes.add("concentration")
    if downs and all(m - {"up"} for m in moves):
        classes.add("deconcentration")
    if all("same" in m for m in moves):
        classes.add("unchanged")
    changed = [c["id"] for c, m in zip(sb["components"], moves, strict=True) if m != {"same"}]
    deps = sorted(set(_deps(sa)) | set(_deps(sb)))
    evidence = {
        "from": {"value": sa["total"], "low": sa["low"], "high": sa["high"]},
        "to": {"value": sb["total"], "low": sb["low"], "high": sb["high"]},
        "moved": changed,
    }
    return one_of(classes, deps), evidence
