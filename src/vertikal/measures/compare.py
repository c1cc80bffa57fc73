"""Compare two versions: every power's change with citations on both sides, and every measure's delta."""

from __future__ import annotations

from typing import Any

from vertikal.dataset import Dataset
from vertikal.measures import definitions
from vertikal.measures.compute import score
from vertikal.models import Coding
from vertikal.references import describe

# status change -> kind of change
CHANGE = {
    ("absent", "sole"): "gained",
    ("absent", "shared"): "gained",
    ("sole", "absent"): "lost",
    ("shared", "absent"): "lost",
    ("sole", "shared"): "constrained",
    ("shared", "sole"): "loosened",
}
# does the change add to (+1) or take from (-1) the President's power, by item kind
EFFECT = {
    "power": {"gained": 1, "loosened": 1, "lost": -1, "constrained": -1},
    "constraint": {"gained": -1, "loosened": -1, "lost": 1, "constrained": 1},
    "check": {"gained": -1, "loosened": -1, "lost": 1, "constrained": 1},
    "status": {},
}


def _side(ds: Dataset, vid: str, c: Coding | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "version": vid,
        "status": c.status,
        "with": list(c.with_),
        "attrs": dict(c.attrs),
        "cite": list(c.cite),
        "paraphrase": c.paraphrase,
        "confidence": c.confidence,
        "sources": describe(ds, ds.sources_of(vid, c)),
    }


def _attr_changes(a: Coding, b: Coding) -> list[dict[str, Any]]:
    keys = sorted(set(a.attrs) | set(b.attrs))
    return [
        {"key": k, "from": a.attrs.get(k), "to": b.attrs.get(k)}
        for k in keys
        if a.attrs.get(k) != b.attrs.get(k)
    ]


def power_changes(ds: Dataset, a: str, b: str) -> list[dict[str, Any]]:
    """Every item whose status, bodies or attributes differ between versions a and b."""
    out = []
    for it in ds.items:
        ca, cb = ds.codings.get(a, {}).get(it.id), ds.codings.get(b, {}).get(it.id)
        if ca is None or cb is None:
            continue
        change = CHANGE.get((ca.status, cb.status))
        attrs = _attr_changes(ca, cb)
        bodies = sorted(set(ca.with_) ^ set(cb.with_)) if ca.status == cb.status == "shared" else []
        if change is None and not attrs and not bodies:
            continue
        out.append(
            {
                "item": it.id,
                "label": it.label.model_dump(),
                "domain": it.domain,
                "kind": it.kind,
                "change": change or "attrs",
                "effect": EFFECT[it.kind].get(change or "", 0),
                "attr_changes": attrs,
                "bodies_changed": bodies,
                "from": _side(ds, a, ca),
                "to": _side(ds, b, cb),
            }
        )
    return out


def classify(delta: float, ups: list[str], downs: list[str]) -> str:
    """Concentration if the step only adds, deconcentration if it only takes away, mixed if both."""
    if ups and downs:
        return "mixed"
    if ups or delta > 0:
        return "concentration"
    if downs or delta < 0:
        return "deconcentration"
    return "unchanged"


def measure_deltas(ds: Dataset, a: str, b: str) -> dict[str, Any]:
    out = {}
    for d in definitions(ds):
        sa, sb = score(ds, d, a), score(ds, d, b)
        before = {c["id"]: c for c in sa["components"]}
        ups: list[str] = []
        downs: list[str] = []
        moves = []
        for comp in sb["components"]:
            prev = before[comp["id"]]["score"]
            if comp["score"] != prev:
                (ups if comp["score"] > prev else downs).append(comp["id"])
                moves.append({"id": comp["id"], "from": prev, "to": comp["score"], "says": comp["says"]})
        delta = sb["total"] - sa["total"]
        out[d.id] = {
            "from": sa["total"],
            "to": sb["total"],
            "delta": delta,
            "classification": classify(delta, ups, downs),
            "up": ups,
            "down": downs,
            "moves": moves,
            "uncertain": sa["uncertain"] or sb["uncertain"],
        }
    return out


def compare(ds: Dataset, a: str, b: str) -> dict[str, Any]:
    """The step from version a to version b (ids, unique prefixes or years; see `queries.resolve_id`).

    The same version on both sides raises `queries.SameVersion`.
    """
    from vertikal.queries import resolve_pair

    a, b = resolve_pair(ds, a, b)
    return {"from": a, "to": b, "changes": power_changes(ds, a, b), "measures": measure_deltas(ds, a, b)}
