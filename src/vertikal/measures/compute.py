"""Evaluate measure definitions on a version's codings: totals, breakdowns and evidence."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

from vertikal.dataset import Dataset
from vertikal.measures.defs import Component, Cond, MeasureDef, Rule
from vertikal.models import Coding, Item
from vertikal.references import describe

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)")
_MAJORITY = re.compile(r"\bmajority\b", re.I)


def as_number(value: Any) -> float | None:
    """Read a threshold such as '2/3 of each chamber', 'majority of all members', 7 or '5'."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list) and value:
        return as_number(value[0])
    if not isinstance(value, str):
        return None
    m = _FRACTION.search(value)
    if m and int(m[2]):
        return int(m[1]) / int(m[2])
    if _MAJORITY.search(value):
        return 0.5
    try:
        return float(value.strip())
    except ValueError:
        return None


def holds(cond: Cond, codings: Mapping[str, Coding]) -> bool:
    coding = codings.get(cond.item)
    if coding is None or coding.status not in cond.status:
        return False
    if cond.attr is None or cond.op is None:
        return True
    raw = coding.attrs.get(cond.attr)
    if raw is None:
        return False
    if isinstance(cond.value, int | float) and not isinstance(cond.value, bool):
        num = as_number(raw)
        return num is not None and _OPS[cond.op](round(num, 3), round(float(cond.value), 3))
    return _OPS[cond.op](raw, cond.value)


def rule_matches(rule: Rule, codings: Mapping[str, Coding]) -> bool:
    if not all(holds(c, codings) for c in rule.when):
        return False
    if rule.any and not any(holds(c, codings) for c in rule.any):
        return False
    return not rule.count or sum(holds(c, codings) for c in rule.count) >= rule.min


def component_items(comp: Component) -> list[str]:
    """The items a component reads: declared, or gathered from its rules."""
    if comp.items:
        return list(comp.items)
    seen: dict[str, None] = {}
    for rule in comp.rules:
        for cond in (*rule.when, *rule.any, *rule.count):
            seen.setdefault(cond.item, None)
    return list(seen)


def _evidence(
    ds: Dataset, vid: str, item_ids: list[str], codings: Mapping[str, Coding]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item_id in item_ids:
        c = codings.get(item_id)
        if c is None:
            out.append({"item": item_id, "status": None})
            continue
        out.append(
            {
                "item": item_id,
                "status": c.status,
                "attrs": dict(c.attrs),
                "cite": list(c.cite),
                "confidence": c.confidence,
                "sources": describe(ds, ds.sources_of(vid, c)),
            }
        )
    return out


def _counted(mdef: MeasureDef, items: list[Item]) -> list[tuple[Item, int]]:
    out: list[tuple[Item, int]] = []
    for part in mdef.parts:
        for it in items:
            if it.kind in part.kinds or it.id in part.items:
                out.append((it, part.sign))
    return out


def _says(sign: int, scores: Mapping[Any, float], c: Coding | None) -> str:
    if c is None:
        return "not coded: 0"
    return f"{'+' if sign > 0 else '-'}{scores[c.status]:g} for {c.status}"


def _score_count(ds: Dataset, mdef: MeasureDef, vid: str, codings: Mapping[str, Coding]) -> dict[str, Any]:
    comps = []
    by_domain: dict[str, float] = {}
    total = 0.0
    for it, sign in _counted(mdef, ds.items):
        c = codings.get(it.id)
        value = 0.0 if c is None else sign * mdef.scores[c.status]
        total += value
        by_domain[it.domain] = by_domain.get(it.domain, 0.0) + value
        comps.append(
            {
                "id": it.id,
                "label": it.label.model_dump(),
                "domain": it.domain,
                "score": value,
                "max": float(sign) * max(mdef.scores.values()),
                "says": _says(sign, mdef.scores, c),
                "evidence": _evidence(ds, vid, [it.id], codings),
            }
        )
    maximum = sum(max(mdef.scores.values()) for it, s in _counted(mdef, ds.items) if s > 0)
    return {"total": total, "max": maximum, "by_domain": by_domain, "subscales": {}, "components": comps}


def _score_rules(ds: Dataset, mdef: MeasureDef, vid: str, codings: Mapping[str, Coding]) -> dict[str, Any]:
    comps = []
    subscales: dict[str, float] = {k: 0.0 for k in mdef.subscales}
    total = 0.0
    domains = {it.id: it.domain for it in ds.items}
    by_domain: dict[str, float] = {}
    for comp in mdef.components:
        matched = next((r for r in comp.rules if rule_matches(r, codings)), None)
        value = matched.score if matched else comp.default
        total += value
        if comp.subscale:
            subscales[comp.subscale] = subscales.get(comp.subscale, 0.0) + value
        items = component_items(comp)
        if items:
            dom = domains.get(items[0], "other")
            by_domain[dom] = by_domain.get(dom, 0.0) + value
        comps.append(
            {
                "id": comp.id,
                "label": comp.label.model_dump(),
                "subscale": comp.subscale,
                "score": value,
                "max": comp.max,
                "says": matched.says if matched else "no rule matched: default score",
                "evidence": _evidence(ds, vid, items, codings),
            }
        )
    maximum = sum(c.max for c in mdef.components)
    return {
        "total": total,
        "max": maximum,
        "by_domain": by_domain,
        "subscales": subscales,
        "components": comps,
    }


def score(ds: Dataset, mdef: MeasureDef, vid: str) -> dict[str, Any]:
    """One measure on one version: total, breakdowns, and the codings behind every component.

    Results are memoised on the dataset (the loaded data do not change); callers must not mutate them.
    """
    key = ("score", mdef.id, vid)
    if key not in ds.memo:
        ds.memo[key] = _score(ds, mdef, vid)
    result: dict[str, Any] = ds.memo[key]
    return result


def _score(ds: Dataset, mdef: MeasureDef, vid: str) -> dict[str, Any]:
    codings = ds.codings.get(vid, {})
    body = (
        _score_count(ds, mdef, vid, codings)
        if mdef.method == "count"
        else _score_rules(ds, mdef, vid, codings)
    )
    low = sorted(
        {e["item"] for comp in body["components"] for e in comp["evidence"] if e.get("confidence") == "low"}
    )
    return {"measure": mdef.id, "version": vid, **body, "low_confidence": low, "uncertain": bool(low)}
