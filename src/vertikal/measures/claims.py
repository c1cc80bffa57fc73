"""Claims from the literature as machine-checkable predicates, evaluated against the data.

A predicate is a small expression, e.g. ``M(1993-01-28) > M(1990-04-24)`` or
``lost('decree_force_of_law', 2011-02-02, 2017-03-10)`` (see `vertikal.measures.predicate`). ``M`` is
the measure being tried: a claim that uses it gets one verdict per measure of the dimensions it is
about. Unknown codings make look-ups uncertain; the verdict is

* ``holds`` / ``contradicted`` only when the predicate is true / false at every completion of the
  unknown codings it reads (each unknown given each status its item admits);
* ``depends on unknowns`` otherwise, with the unknown codings it depends on;
* ``cannot be evaluated`` when the data cannot answer (a version not coded, an attribute not given).

Values of measures are ranges (low-high) with their point value as evidence. Comparisons of ranges are
exact for the measures' ranges; when a predicate reads the same unknown coding directly more than once
(``has(x, v) and not has(x, v)``), its statuses are enumerated, so such predicates are decided exactly.
"""

from __future__ import annotations

import ast
import functools
import itertools
from collections.abc import Callable
from typing import Any

from vertikal import attrs as _attrs
from vertikal.dataset import Dataset
from vertikal.measures import get, of_dimension
from vertikal.measures import logic as L
from vertikal.measures.compare import CHANGE
from vertikal.measures.compute import score
from vertikal.measures.peaks import peaked_by, series, step_classes, unique_peak
from vertikal.measures.predicate import PredicateError, Unevaluable, names, run
from vertikal.measures.predicate import parse as _parse
from vertikal.models import Coding
from vertikal.problems import VertikalError

__all__ = [
    "FUNCTIONS",
    "PER_MEASURE",
    "PredicateError",
    "evaluate",
    "evaluate_claim",
    "parse",
    "uses_measure",
]

FUNCTIONS = (
    "M",
    "m",
    "status",
    "has",
    "attr",
    "num",
    "gained",
    "lost",
    "constrained",
    "loosened",
    "step",
    "peaked_by",
    "unique_peak",
    "domain",
    "checks",
    "defined",
    "adopted",
    "in_force",
    "prev",
    "akim",
    "ever",
    "event",
    "national",
    "holder_status",
)
PER_MEASURE = frozenset({"M", "step", "peaked_by", "unique_peak"})
MAX_BRANCHES = 4096  # statuses of directly read unknown codings enumerated at most
HOLDS, CONTRADICTED, DEPENDS, CANNOT = "holds", "contradicted", "depends on unknowns", "cannot be evaluated"
VERDICTS = (HOLDS, CONTRADICTED, DEPENDS, CANNOT)


@functools.lru_cache(maxsize=1024)
def parse(predicate: str) -> ast.Expression:
    """The predicate's syntax tree (cached: trees are only read, never changed)."""
    return _parse(predicate, FUNCTIONS)


def uses_measure(predicate: str) -> bool:
    """Whether the predicate reads the measure being tried (then it gets one verdict per measure)."""
    return bool(names(parse(predicate)) & PER_MEASURE)


class Evaluator:
    """Evaluates predicates for one measure, recording every value it looked at as evidence.

    `fixed` gives statuses to unknown codings ('item@version' -> status) for one branch of an
    enumeration; `direct` collects the unknown codings the predicate reads directly.
    """

    def __init__(self, ds: Dataset, measure: str | None, fixed: dict[str, str] | None = None) -> None:
        self.ds = ds
        self.measure = measure
        self.fixed = fixed or {}
        self.trace: list[dict[str, Any]] = []
        self.low: set[str] = set()
        self.direct: dict[str, list[str]] = {}
        self.ids = [v.id for v in ds.versions]

    def _version(self, vid: str) -> str:
        if vid not in self.ds.codings:
            raise Unevaluable(f"version {vid} is not coded")
        return vid

    def _coding(self, item: str, vid: str) -> Coding:
        self._version(vid)
        try:
            self.ds.item(item)
        except KeyError:
            raise Unevaluable(f"no item {item!r} in the codebook") from None
        c = self.ds.codings[vid].get(item)
        if c is None:
            raise Unevaluable(f"{item} is not coded in {vid}")
        if c.confidence == "low":
            self.low.add(f"{item}@{vid}")
        return c

    def _note(self, call: str, value: Any, **extra: Any) -> Any:
        self.trace.append({"call": call, "value": _shown(value), **extra})
        return value

    def _measure(self, name: str) -> str:
        if self.measure is None:
            raise Unevaluable(f"{name}() needs a measure")
        return self.measure

    # -- measures ---------------------------------------------------------------------------
    def M(self, vid: str) -> Any:  # the measure placeholder reads best in capitals
        return self.m(self._measure("M"), vid)

    def m(self, measure: str, vid: str) -> Any:
        s = score(self.ds, get(self.ds, measure), self._version(vid))
        self.low.update(f"{i}@{vid}" for i in s["low_confidence"])
        deps = [f"{i}@{vid}" for c in s["components"] if c["low"] != c["high"] for i in _unknown_items(c)]
        value = L.number(s["low"], s["high"], deps)
        return self._note(
            f"{measure}({vid})", value, point=s["total"], low=s["low"], high=s["high"], exact=s["range_exact"]
        )

    def step(self, a: str, b: str) -> Any:
        value, ev = step_classes(self.ds, self._measure("step"), self._version(a), self._version(b))
        return self._note(f"step({a}, {b})", value, **ev)

    def peaked_by(self, date: str) -> L.Truth:
        rows = series(self.ds, self._measure("peaked_by"))
        try:
            t, ev = peaked_by(rows, str(date))
        except ValueError as exc:
            raise Unevaluable(str(exc)) from None
        self._note(f"peaked_by({date})", t, series=ev)
        return t

    def unique_peak(self, vid: str) -> L.Truth:
        rows = series(self.ds, self._measure("unique_peak"))
        try:
            t, ev = unique_peak(rows, self._version(vid))
        except ValueError as exc:
            raise Unevaluable(str(exc)) from None
        self._note(f"unique_peak({vid})", t, series=ev)
        return t

    def domain(self, domain: str, vid: str) -> Any:
        """The volume of powers in one domain."""
        s = score(self.ds, get(self.ds, "volume"), self._version(vid))
        if domain not in s["by_domain"]:
            raise Unevaluable(f"no power items in domain {domain!r}")
        lo, hi = s["by_domain_range"][domain]
        deps = [
            f"{c['id']}@{vid}" for c in s["components"] if c["domain"] == domain and c["low"] != c["high"]
        ]
        return self._note(f"domain({domain}, {vid})", L.number(lo, hi, deps), point=s["by_domain"][domain])

    def checks(self, vid: str) -> Any:
        """The legislature's checks on the executive, scored 1 / 0.5 / 0 and summed."""
        weights = {"sole": 1.0, "shared": 0.5, "absent": 0.0}
        lo = hi = point = 0.0
        deps = []
        for it in self.ds.items:
            if it.kind != "check":
                continue
            c = self._coding(it.id, vid)
            if c.status == "unknown":
                values = [weights[s] for s in it.known]
                lo, hi = lo + min(values), hi + max(values)
                deps.append(f"{it.id}@{vid}")
            else:
                lo, hi, point = lo + weights[c.status], hi + weights[c.status], point + weights[c.status]
        return self._note(f"checks({vid})", L.number(lo, hi, deps), point=point)

    # -- codings ------------------------------------------------------------------------------
    def _statuses(self, item: str, vid: str) -> tuple[Any, Coding]:
        c = self._coding(item, vid)
        key = f"{item}@{vid}"
        if c.status != "unknown":
            return c.status, c
        if key in self.fixed:
            return self.fixed[key], c
        known = self.ds.item(item).known
        self.direct[key] = known
        return L.one_of(known, [key]), c

    def status(self, item: str, vid: str) -> Any:
        value, c = self._statuses(item, vid)
        return self._note(f"status({item}, {vid})", value, cite=list(c.cite), confidence=c.confidence)

    def has(self, item: str, vid: str) -> L.Truth:
        return L.compare("!=", self.status(item, vid), "absent")

    def attr(self, item: str, key: str, vid: str) -> Any:
        c = self._coding(item, vid)
        if c.status == "unknown":
            return self._note(f"attr({item}, {key}, {vid})", L.Anything(frozenset([f"{item}@{vid}"])))
        if key not in c.attrs:
            raise Unevaluable(f"{item} in {vid} has no attribute {key!r}")
        return self._note(
            f"attr({item}, {key}, {vid})", c.attrs[key], cite=list(c.cite), confidence=c.confidence
        )

    def num(self, item: str, key: str, vid: str) -> Any:
        raw = self.attr(item, key, vid)
        if isinstance(raw, L.Anything):
            return raw
        value = _attrs.number(self.ds.item(item), self._coding(item, vid), key)
        if value is None:
            raise Unevaluable(f"{item}.{key} in {vid} is not a number")
        return value

    def defined(self, item: str, key: str, vid: str) -> L.Truth:
        c = self._coding(item, vid)
        value: L.Truth = L.Maybe(frozenset([f"{item}@{vid}"])) if c.status == "unknown" else key in c.attrs
        self._note(f"defined({item}, {key}, {vid})", value, cite=list(c.cite))
        return value

    def _change(self, item: str, a: str, b: str, kind: str) -> L.Truth:
        sa, sb = self.status(item, a), self.status(item, b)
        xs = sa.options if isinstance(sa, L.OneOf) else [sa]
        ys = sb.options if isinstance(sb, L.OneOf) else [sb]
        outcomes = {CHANGE.get((x, y)) == kind for x in xs for y in ys}
        if len(outcomes) == 1:
            return outcomes.pop()
        return L.Maybe(L.deps(sa) | L.deps(sb))

    def gained(self, item: str, a: str, b: str) -> L.Truth:
        return self._change(item, a, b, "gained")

    def lost(self, item: str, a: str, b: str) -> L.Truth:
        return self._change(item, a, b, "lost")

    def constrained(self, item: str, a: str, b: str) -> L.Truth:
        return self._change(item, a, b, "constrained")

    def loosened(self, item: str, a: str, b: str) -> L.Truth:
        return self._change(item, a, b, "loosened")

    # -- versions -------------------------------------------------------------------------------
    def adopted(self, vid: str) -> str:
        return str(self._note(f"adopted({vid})", self.ds.version(self._version(vid)).adopted))

    def in_force(self, vid: str) -> str:
        return str(self._note(f"in_force({vid})", self.ds.version(self._version(vid)).in_force))

    def prev(self, vid: str) -> str:
        i = self.ids.index(self._version(vid))
        if i == 0:
            raise Unevaluable(f"{vid} is the first version")
        return self.ids[i - 1]

    def holder_status(self, holder: str, item: str, day: str) -> Any:
        """The status of `item` for `holder` on `day`, from the governing instrument (vertikal.legal)."""
        from vertikal import legal

        try:
            found = legal.at(self.ds, day, holder)
        except VertikalError as exc:
            raise Unevaluable(str(exc)) from None
        p = next((p for p in found["powers"] if p["item"] == item), None)
        if p is None:
            raise Unevaluable(f"no instrument in force on {day} codes {item} for {holder}")
        call = f"holder_status({holder}, {item}, {day})"
        value: Any = p["status"]
        if value == "unknown":
            value = L.one_of(legal.all_items(self.ds)[item].known, [f"{holder}/{item}@{day}"])
        where = {"instrument": p["instrument"], "version": p["version"], "citation": p["citation"]}
        return self._note(call, value, cite=list(p["cite"]), confidence=p["confidence"], **where)

    # -- akims ---------------------------------------------------------------------------------
    def _akims(self) -> Any:
        from vertikal.akims import AkimsError, load_akims

        try:
            return load_akims(self.ds)
        except AkimsError as exc:
            raise Unevaluable(str(exc)) from None

    def akim(self, tier: str, date: str) -> str:
        """How the akims of a tier were chosen on a date."""
        from vertikal.akims.rules import period_at

        p = period_at(self._akims(), tier, date)
        if p is None:
            raise Unevaluable(f"no akim rule for {tier} on {date}")
        return str(
            self._note(
                f"akim({tier}, {date})",
                p.method,
                instruments=[i.title for i in p.instruments],
                confidence=p.confidence,
            )
        )

    def ever(self, tier: str, method: str) -> bool:
        """Whether any period of the tier used `method` (a rollout counts for elected_directly)."""
        from vertikal.akims.rules import periods_of

        ps = periods_of(self._akims(), tier)
        if not ps:
            raise Unevaluable(f"no akim rules for tier {tier!r}")
        hits = [
            p
            for p in ps
            if p.method == method or (method == "elected_directly" and p.method == "mixed_rollout")
        ]
        return bool(self._note(f"ever({tier}, {method})", bool(hits), periods=[p.from_ for p in hits]))

    def event(self, event_id: str, key: str) -> Any:
        for e in self._akims().events:
            if e.id == event_id:
                if key == "date":
                    return self._note(f"event({event_id}, date)", e.date)
                if key not in e.counts:
                    raise Unevaluable(f"event {event_id} has no count {key!r}")
                return self._note(f"event({event_id}, {key})", e.counts[key])
        raise Unevaluable(f"no event {event_id!r}")

    def national(self, year: int) -> float:
        """The national decentralization index (directness, 0-1) on 31 December of `year`."""
        from vertikal.akims import AkimsError
        from vertikal.akims.index import load_index
        from vertikal.akims.measures import year_row

        try:
            row = year_row(self._akims(), load_index(self.ds), int(year))
        except AkimsError as exc:
            raise Unevaluable(str(exc)) from None
        value = row["national"]
        if value is None:
            raise Unevaluable(
                f"the national decentralization index for {year} is unknown "
                f"(range {row['national_low']}-{row['national_high']})"
            )
        return float(
            self._note(
                f"national({year})",
                value,
                low=row["national_low"],
                high=row["national_high"],
                excluded=[e["tier"] for e in row["excluded"]],
            )
        )

    def functions(self) -> dict[str, Callable[..., Any]]:
        return {n: getattr(self, n) for n in FUNCTIONS}


def _unknown_items(component: dict[str, Any]) -> list[str]:
    return [e["item"] for e in component["evidence"] if e.get("status") == "unknown"]


def _shown(value: Any) -> Any:
    """A value as evidence shows it (plain JSON): a range as {low, high}, a set as its sorted options."""
    if isinstance(value, L.Range):
        return {"low": value.lo, "high": value.hi}
    if isinstance(value, L.OneOf):
        return {"one_of": sorted(map(str, value.options))}
    if isinstance(value, L.Anything | L.Maybe):
        return "unknown"
    return value


def _verdict(result: Any) -> tuple[str, frozenset[str]]:
    t = L.truth(result)
    if isinstance(t, L.Maybe):
        return DEPENDS, t.deps
    return (HOLDS if t else CONTRADICTED), frozenset()


def decide(
    tree: ast.Expression, make: Callable[[dict[str, str]], Evaluator]
) -> tuple[str, frozenset[str], Evaluator]:
    """The verdict of a parsed predicate, the unknown codings it depends on, and the evaluator whose trace
    is the evidence. `make(fixed)` gives an evaluator with some unknown codings' statuses fixed.

    A first pass reads the data with the unknowns as they are. If that leaves the verdict open and the
    predicate read unknown codings directly (status, has, gained...), every combination of their statuses
    is tried (up to MAX_BRANCHES): the verdict holds or fails only if it does in every branch.
    Raises Unevaluable when the data cannot answer.
    """
    first = make({})
    verdict, deps = _verdict(run(tree, first.functions()))
    if verdict == DEPENDS and first.direct and _branches(first.direct) <= MAX_BRANCHES:
        keys = sorted(first.direct)
        outcomes: set[str] = set()
        seen: set[str] = set()
        for combo in itertools.product(*(first.direct[k] for k in keys)):
            branch_verdict, more = _verdict(run(tree, make(dict(zip(keys, combo, strict=True))).functions()))
            outcomes.add(branch_verdict)
            seen |= more
            if len(outcomes) > 1:
                break
        if outcomes in ({HOLDS}, {CONTRADICTED}):
            return outcomes.pop(), frozenset(), first
        return DEPENDS, frozenset(seen) | frozenset(keys), first
    return verdict, deps, first


def evaluate(ds: Dataset, predicate: str, measure: str | None = None) -> dict[str, Any]:
    """One verdict (holds, contradicted, depends on unknowns, cannot be evaluated) with the evidence.

    The single function that decides a verdict: the CLI, the web and the report show its result.
    """
    tree = parse(predicate)
    out: dict[str, Any] = {"measure": measure, "why": ""}
    made: list[Evaluator] = []

    def make(fixed: dict[str, str]) -> Evaluator:
        made.append(Evaluator(ds, measure, fixed))
        return made[-1]

    try:
        verdict, deps, first = decide(tree, make)
    except Unevaluable as exc:
        verdict, deps, first = CANNOT, frozenset(), made[0]
        out["why"] = str(exc)
    out.update(
        verdict=verdict,
        depends_on=sorted(deps),
        evidence=first.trace,
        low_confidence=sorted(first.low),
    )
    return out


def _branches(direct: dict[str, list[str]]) -> int:
    n = 1
    for options in direct.values():
        n *= len(options)
    return n


def evaluate_claim(ds: Dataset, check: str | dict[str, str], dimensions: list[str]) -> list[dict[str, Any]]:
    """A claim's verdicts, each naming its dimension and measure.

    `check` is one predicate for every dimension the claim is about, or one per dimension. A predicate
    that reads the measure being tried (M, step, peaked_by, unique_peak) gets one verdict per measure of
    its dimension(s); any other predicate gets one verdict."""
    parts = list(check.items()) if isinstance(check, dict) else [(None, check)]
    out = []
    for key, predicate in parts:
        if not uses_measure(predicate):
            out.append({"dimension": key, **evaluate(ds, predicate)})
            continue
        for dim in [key] if key else dimensions:
            for d in of_dimension(ds, dim):
                out.append({"dimension": dim, **evaluate(ds, predicate, d.id)})
    return out
