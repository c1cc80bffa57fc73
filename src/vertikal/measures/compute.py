"""Evaluate measure definitions on a version's codings: a range and a point, breakdowns and evidence.

Unknown codings (no source read settles them) make every measure a range:

* ``point`` counts every unknown as absent, with no attributes: the value vertikal reported before the
  `unknown` status existed, and the value a reader gets by ignoring what is not known;
* ``low`` and ``high`` are the least and the greatest value over the completions of the unknowns (each
  unknown coding given each status its item admits and, where a rule reads an attribute, each value
  that can change the rule's outcome). For a count measure the items are independent, so the range is
  exact. For a rules measure each component's range is exact; the total's range is the sum of the
  components' ranges: exact when no unknown item feeds two components, otherwise an outer bound
  (``range_exact`` says which).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

from vertikal import attrs
from vertikal.dataset import Dataset
from vertikal.measures.defs import UNARY, Component, Cond, MeasureDef, Rule
from vertikal.models import AttrSpec, Coding, Item
from vertikal.references import describe

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
}
MAX_COMPLETIONS = 65536  # beyond this many completions a component falls back to its rules' extremes


class Completion(NamedTuple):
    """A possible coding of an unknown item: a status and typed attributes."""

    status: str
    attrs: Mapping[str, Any]


ABSENT = Completion("absent", {})
Reading = Coding | Completion


def target(spec: AttrSpec | None, value: Any) -> Any:
    """A condition's value in the attribute's type (a fraction written '2/3' compares exactly)."""
    if spec is not None and spec.type == "fraction":
        return attrs.fraction(value) if isinstance(value, str) else Fraction(str(value))
    if spec is not None and spec.type == "integer" and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def holds(cond: Cond, coding: Reading | None, item: Item | None = None) -> bool:
    """Whether one condition holds for one reading of an item (a coding or a completion)."""
    if coding is None or coding.status not in cond.status:
        return False
    if cond.attr is None or cond.op is None:
        return True
    spec = item.attributes.get(cond.attr) if item is not None else None
    raw = coding.attrs.get(cond.attr)
    if cond.op in UNARY:
        given = raw not in (None, "", [])
        return given if cond.op == "set" else not given
    if raw is None:
        return False
    value = attrs.typed(spec, raw)
    if cond.op == "has":
        return isinstance(value, list) and cond.value in value
    try:
        return _OPS[cond.op](value, target(spec, cond.value))
    except TypeError:  # a value of another type never satisfies the comparison
        return False


def _rule_score(
    rule_list: Sequence[Rule], truth: Callable[[Cond], bool], default: float
) -> tuple[float, int]:
    """The score of the first rule whose conditions hold (and its index; -1 for the default)."""
    for i, rule in enumerate(rule_list):
        if not all(truth(c) for c in rule.when):
            continue
        if rule.any and not any(truth(c) for c in rule.any):
            continue
        if rule.count and sum(truth(c) for c in rule.count) < rule.min:
            continue
        return rule.score, i
    return default, -1


def rule_matches(rule: Rule, codings: Mapping[str, Reading], items: Mapping[str, Item] | None = None) -> bool:
    def truth(c: Cond) -> bool:
        return holds(c, codings.get(c.item), (items or {}).get(c.item))

    return _rule_score([rule], truth, 0.0)[1] == 0


def component_items(comp: Component) -> list[str]:
    """The items a component reads: declared, or gathered from its rules."""
    if comp.items:
        return list(comp.items)
    seen: dict[str, None] = {}
    for rule in comp.rules:
        for cond in (*rule.when, *rule.any, *rule.count):
            seen.setdefault(cond.item, None)
    return list(seen)


def _conds(comp: Component) -> list[Cond]:
    return [c for rule in comp.rules for c in (*rule.when, *rule.any, *rule.count)]


def _candidates(spec: AttrSpec | None, conds: list[Cond]) -> list[Any]:
    """Attribute values (typed) that together reach every outcome the conditions can have."""
    out: list[Any] = [None]
    consts = [target(spec, c.value) for c in conds if c.op not in UNARY and c.value is not None]
    kind = spec.type if spec is not None else "text"
    if kind in ("integer", "fraction"):
        step: Any = 1 if kind == "integer" else Fraction(1, 1000)
        for c in consts:
            if isinstance(c, int | Fraction):
                out += [c - step, c, c + step]
    elif kind == "boolean":
        out += [True, False]
    elif kind in attrs.LIST_TYPES:
        out += [[], ["\x00other"], *[[c] for c in consts if isinstance(c, str)]]
    else:
        out += ["\x00other", *consts]
    return out


def _options(item: Item, conds: list[Cond]) -> set[tuple[bool, ...]]:
    """Every vector of truth values the item's conditions can take over its completions."""
    keys = sorted({c.attr for c in conds if c.attr is not None})
    values = [_candidates(item.attributes.get(k), [c for c in conds if c.attr == k]) for k in keys]
    out: set[tuple[bool, ...]] = set()
    for status in item.known:
        for combo in itertools.product(*values):
            reading = Completion(status, {k: v for k, v in zip(keys, combo, strict=True) if v is not None})
            out.add(tuple(holds(c, reading, item) for c in conds))
    return out


Compiled = list[tuple[float, list[int], list[int], list[int], int]]


def _compile(comp: Component, conds: list[Cond]) -> Compiled:
    """The component's rules with conditions replaced by their positions in `conds` (fast to evaluate)."""
    pos = {id(c): i for i, c in enumerate(conds)}
    return [
        (
            r.score,
            [pos[id(c)] for c in r.when],
            [pos[id(c)] for c in r.any],
            [pos[id(c)] for c in r.count],
            r.min,
        )
        for r in comp.rules
    ]


def _first(rules: Compiled, t: list[bool], default: float) -> float:
    for score, when, any_, count, least in rules:
        matched = all(t[i] for i in when) and (not any_ or any(t[i] for i in any_))
        if matched and (not count or sum(t[i] for i in count) >= least):
            return score
    return default


def component_range(
    comp: Component,
    codings: Mapping[str, Coding],
    items: Mapping[str, Item],
    cache: dict[Any, Any] | None = None,
) -> tuple[float, float, list[str]]:
    """The least and greatest score of a component over the completions of the unknowns it reads.

    Every combination of the unknown items' possible condition outcomes is tried (stopping early once
    the component's lowest and highest possible scores are both reached). `cache` keeps what does not
    depend on the version: the compiled rules and the outcomes an item's conditions can take.
    """
    cache = {} if cache is None else cache
    conds = _conds(comp)
    unknown = [
        i for i in component_items(comp) if (c := codings.get(i)) is not None and c.status == "unknown"
    ]
    if ("rules", id(comp)) not in cache:
        cache[("rules", id(comp))] = _compile(comp, conds)
    rules: Compiled = cache[("rules", id(comp))]
    base = [False if c.item in unknown else holds(c, codings.get(c.item), items.get(c.item)) for c in conds]
    if not unknown:
        value = _first(rules, base, comp.default)
        return value, value, unknown
    per_item = []
    for item_id in unknown:
        positions = [i for i, c in enumerate(conds) if c.item == item_id]
        key = ("options", id(comp), item_id)
        if key not in cache:
            mine = [conds[i] for i in positions]
            cache[key] = sorted(_options(items[item_id], mine)) if mine else [()]
        per_item.append((positions, cache[key]))
    total = 1
    for _, opts in per_item:
        total *= len(opts)
    scores = [r.score for r in comp.rules] + [comp.default]
    floor, ceiling = min(scores), max(scores)
    if total > MAX_COMPLETIONS:  # too many to enumerate: every rule (or the default) may apply
        return floor, ceiling, unknown
    lo, hi = float("inf"), float("-inf")
    t = list(base)
    for choice in itertools.product(*(opts for _, opts in per_item)):
        for (positions, _), vector in zip(per_item, choice, strict=True):
            for i, v in zip(positions, vector, strict=True):
                t[i] = v
        value = _first(rules, t, comp.default)
        lo, hi = min(lo, value), max(hi, value)
        if lo == floor and hi == ceiling:
            break
    return lo, hi, unknown


def _evidence(
    ds: Dataset, vid: str, item_ids: list[str], codings: Mapping[str, Coding]
) -> list[dict[str, Any]]:
    """The codings behind a component (shared between measures through the memo: do not mutate)."""
    out: list[dict[str, Any]] = []
    for item_id in item_ids:
        key = ("evidence", vid, item_id)
        if key not in ds.memo:
            c = codings.get(item_id)
            ds.memo[key] = (
                {"item": item_id, "status": None}
                if c is None
                else {
                    "item": item_id,
                    "status": c.status,
                    "attrs": dict(c.attrs),
                    "cite": list(c.cite),
                    "confidence": c.confidence,
                    "sources": describe(ds, ds.sources_of(vid, c)),
                }
            )
        out.append(ds.memo[key])
    return out


def _counted(mdef: MeasureDef, items: list[Item]) -> list[tuple[Item, int]]:
    out: list[tuple[Item, int]] = []
    for part in mdef.parts:
        for it in items:
            if it.kind in part.kinds or it.id in part.items:
                out.append((it, part.sign))
    return out


def _label(ds: Dataset, it: Item) -> dict[str, str]:
    key = ("label", it.id)
    if key not in ds.memo:
        ds.memo[key] = it.label.model_dump()
    label: dict[str, str] = ds.memo[key]
    return label


def _says(sign: int, scores: Mapping[Any, float], c: Coding | None) -> str:
    if c is None:
        return "not coded: 0"
    if c.status == "unknown":
        return "unknown: counted as absent in the point value"
    return f"{'+' if sign > 0 else '-'}{scores[c.status]:g} for {c.status}"


def _add(table: dict[str, list[float]], key: str, point: float, lo: float, hi: float) -> None:
    row = table.setdefault(key, [0.0, 0.0, 0.0])
    row[0] += point
    row[1] += lo
    row[2] += hi


def _score_count(ds: Dataset, mdef: MeasureDef, vid: str, codings: Mapping[str, Coding]) -> dict[str, Any]:
    comps = []
    by_domain: dict[str, list[float]] = {}
    counted = ds.memo.get(("counted", mdef.id))
    if counted is None:
        counted = ds.memo[("counted", mdef.id)] = _counted(mdef, ds.items)
    for it, sign in counted:
        c = codings.get(it.id)
        if c is None:
            point = lo = hi = 0.0
        elif c.status == "unknown":
            values = [sign * mdef.scores[s] for s in it.known if s in mdef.scores]
            point, lo, hi = sign * mdef.scores["absent"], min(values), max(values)
        else:
            point = lo = hi = sign * mdef.scores[c.status]
        _add(by_domain, it.domain, point, lo, hi)
        comps.append(
            {
                "id": it.id,
                "label": _label(ds, it),
                "domain": it.domain,
                "score": point,
                "low": lo,
                "high": hi,
                "max": float(sign) * max(mdef.scores.values()),
                "says": _says(sign, mdef.scores, c),
                "evidence": _evidence(ds, vid, [it.id], codings),
            }
        )
    maximum = sum(max(mdef.scores.values()) for it, s in counted if s > 0)
    return {"max": maximum, "by_domain": by_domain, "subscales": {}, "components": comps, "range_exact": True}


def _score_rules(ds: Dataset, mdef: MeasureDef, vid: str, codings: Mapping[str, Coding]) -> dict[str, Any]:
    comps = []
    subscales: dict[str, list[float]] = {k: [0.0, 0.0, 0.0] for k in mdef.subscales}
    items = {it.id: it for it in ds.items}
    point_view: dict[str, Reading] = {k: (ABSENT if c.status == "unknown" else c) for k, c in codings.items()}
    by_domain: dict[str, list[float]] = {}
    readers: dict[str, int] = {}
    for comp in mdef.components:
        matched = next((r for r in comp.rules if rule_matches(r, point_view, items)), None)
        point = matched.score if matched else comp.default
        lo, hi, unknown = component_range(comp, codings, items, ds.memo.setdefault(("options", mdef.id), {}))
        for u in unknown:
            readers[u] = readers.get(u, 0) + 1
        if comp.subscale:
            _add(subscales, comp.subscale, point, lo, hi)
        comp_items = component_items(comp)
        if comp_items:
            _add(by_domain, items[comp_items[0]].domain if comp_items[0] in items else "other", point, lo, hi)
        comps.append(
            {
                "id": comp.id,
                "label": comp.label.model_dump(),
                "subscale": comp.subscale,
                "score": point,
                "low": lo,
                "high": hi,
                "max": comp.max,
                "says": matched.says if matched else "no rule matched: default score",
                "unknown": unknown,
                "evidence": _evidence(ds, vid, comp_items, codings),
            }
        )
    return {
        "max": sum(c.max for c in mdef.components),
        "by_domain": by_domain,
        "subscales": subscales,
        "components": comps,
        "range_exact": all(n == 1 for n in readers.values()),
    }


def score(ds: Dataset, mdef: MeasureDef, vid: str) -> dict[str, Any]:
    """One measure on one version: point, low, high, breakdowns, and the codings behind every component.

    Results are memoised on the dataset (the loaded data do not change); callers must not mutate them.
    """
    key = ("score", mdef.id, vid)
    if key not in ds.memo:
        ds.memo[key] = _score(ds, mdef, vid)
    result: dict[str, Any] = ds.memo[key]
    return result


def _split(table: Mapping[str, list[float]]) -> tuple[dict[str, float], dict[str, list[float]]]:
    return {k: v[0] for k, v in table.items()}, {k: [v[1], v[2]] for k, v in table.items()}


def _score(ds: Dataset, mdef: MeasureDef, vid: str) -> dict[str, Any]:
    codings = ds.codings.get(vid, {})
    body = (
        _score_count(ds, mdef, vid, codings)
        if mdef.method == "count"
        else _score_rules(ds, mdef, vid, codings)
    )
    comps = body["components"]
    low_conf = sorted({e["item"] for c in comps for e in c["evidence"] if e.get("confidence") == "low"})
    unknown = sorted({e["item"] for c in comps for e in c["evidence"] if e.get("status") == "unknown"})
    by_domain, by_domain_range = _split(body.pop("by_domain"))
    subscales, subscale_ranges = _split(body.pop("subscales"))
    return {
        "measure": mdef.id,
        "dimension": mdef.dimension,
        "version": vid,
        "total": sum(c["score"] for c in comps),
        "low": sum(c["low"] for c in comps),
        "high": sum(c["high"] for c in comps),
        **body,
        "by_domain": by_domain,
        "by_domain_range": by_domain_range,
        "subscales": subscales,
        "subscale_ranges": subscale_ranges,
        "unknown": unknown,
        "low_confidence": low_conf,
        "uncertain": bool(low_conf) or bool(unknown),
    }
