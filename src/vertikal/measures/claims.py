"""Claims from the literature as machine-checkable predicates, evaluated against the data.

A predicate is a small expression, e.g. ``M(1993-01-28) > M(1990-04-24)`` or
``lost('decree_force_of_law', 2011-02-02, 2017-03-10)``. ISO dates need no quotes. ``M`` is the
measure being tried: a claim that uses it gets one verdict per measure. Only the functions below,
comparisons, ``and``/``or``/``not`` and literals are allowed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

from vertikal.dataset import Dataset
from vertikal.measures import definitions, get
from vertikal.measures.compare import CHANGE, measure_deltas
from vertikal.measures.compute import as_number, score
from vertikal.measures.periods import series
from vertikal.problems import VertikalError

_DATE = re.compile(r"(?<![\w'\"])(\d{4}-\d{2}-\d{2})(?![\w'\"])")
_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.BinOp,
    ast.Add,
    ast.Sub,
)


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
    "peak",
    "last_peak",
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
)


class Unevaluable(Exception):
    """The data cannot answer this claim (a version is not coded, an attribute is missing...)."""


class PredicateError(VertikalError, ValueError):
    """The predicate is not in the allowed language."""


def parse(predicate: str) -> ast.Expression:
    text = _DATE.sub(r"'\1'", predicate)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise PredicateError(f"not a valid predicate: {exc.msg}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise PredicateError(f"not allowed in a predicate: {type(node).__name__}")
        if isinstance(node, ast.Call) and not isinstance(node.func, ast.Name):
            raise PredicateError("only plain function calls are allowed")
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS:
            raise PredicateError(f"unknown name {node.id!r}; allowed: {', '.join(FUNCTIONS)}")
    return tree


PER_MEASURE = frozenset({"M", "step", "peak", "last_peak"})


def uses_measure(predicate: str) -> bool:
    """Whether the predicate reads the measure being tried (then it gets one verdict per measure)."""
    return any(isinstance(n, ast.Name) and n.id in PER_MEASURE for n in ast.walk(parse(predicate)))


class Evaluator:
    """Evaluates predicates for one measure, recording every value it looked at as evidence."""

    def __init__(self, ds: Dataset, measure: str | None) -> None:
        self.ds = ds
        self.measure = measure
        self.trace: list[dict[str, Any]] = []
        self.low: set[str] = set()
        self.ids = [v.id for v in ds.versions]

    def _version(self, vid: str) -> str:
        if vid not in self.ds.codings:
            raise Unevaluable(f"version {vid} is not coded")
        return vid

    def _coding(self, item: str, vid: str) -> Any:
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
        self.trace.append({"call": call, "value": value, **extra})
        return value

    # -- the predicate language --------------------------------------------------------------
    def M(self, vid: str) -> float:  # the measure placeholder reads best in capitals
        if self.measure is None:
            raise Unevaluable("M() needs a measure")
        return self.m(self.measure, vid)

    def m(self, measure: str, vid: str) -> float:
        s = score(self.ds, get(self.ds, measure), self._version(vid))
        self.low.update(f"{i}@{vid}" for i in s["low_confidence"])
        return float(self._note(f"{measure}({vid})", s["total"]))

    def status(self, item: str, vid: str) -> str:
        c = self._coding(item, vid)
        return str(self._note(f"status({item}, {vid})", c.status, cite=list(c.cite), confidence=c.confidence))

    def has(self, item: str, vid: str) -> bool:
        return self.status(item, vid) != "absent"

    def attr(self, item: str, key: str, vid: str) -> Any:
        c = self._coding(item, vid)
        if key not in c.attrs:
            raise Unevaluable(f"{item} in {vid} has no attribute {key!r}")
        return self._note(
            f"attr({item}, {key}, {vid})", c.attrs[key], cite=list(c.cite), confidence=c.confidence
        )

    def num(self, item: str, key: str, vid: str) -> float:
        value = as_number(self.attr(item, key, vid))
        if value is None:
            raise Unevaluable(f"{item}.{key} in {vid} is not a number")
        return value

    def _change(self, item: str, a: str, b: str) -> str | None:
        sa, sb = self.status(item, a), self.status(item, b)
        return CHANGE.get((sa, sb))

    def gained(self, item: str, a: str, b: str) -> bool:
        return self._change(item, a, b) == "gained"

    def lost(self, item: str, a: str, b: str) -> bool:
        return self._change(item, a, b) == "lost"

    def constrained(self, item: str, a: str, b: str) -> bool:
        return self._change(item, a, b) == "constrained"

    def loosened(self, item: str, a: str, b: str) -> bool:
        return self._change(item, a, b) == "loosened"

    def step(self, a: str, b: str) -> str:
        if self.measure is None:
            raise Unevaluable("step() needs a measure")
        d = measure_deltas(self.ds, self._version(a), self._version(b))[self.measure]
        return str(
            self._note(f"step({a}, {b})", d["classification"], delta=d["delta"], up=d["up"], down=d["down"])
        )

    def peak(self) -> list[str]:
        if self.measure is None:
            raise Unevaluable("peak() needs a measure")
        ids, values = series(self.ds, self.measure)
        top = max(values)
        return list(self._note("peak()", [v for v, x in zip(ids, values, strict=True) if x == top]))

    def last_peak(self) -> str:
        return str(self._note("last_peak()", self.peak()[-1]))

    def domain(self, domain: str, vid: str) -> float:
        """The volume of powers in one domain."""
        s = score(self.ds, get(self.ds, "volume"), self._version(vid))
        if domain not in s["by_domain"]:
            raise Unevaluable(f"no power items in domain {domain!r}")
        return float(self._note(f"domain({domain}, {vid})", s["by_domain"][domain]))

    def checks(self, vid: str) -> float:
        """The legislature's checks on the executive, scored 1 / 0.5 / 0 and summed."""
        total = 0.0
        for it in self.ds.items:
            if it.kind == "check":
                c = self._coding(it.id, vid)
                total += {"sole": 1.0, "shared": 0.5, "absent": 0.0}[c.status]
        return float(self._note(f"checks({vid})", total))

    def defined(self, item: str, key: str, vid: str) -> bool:
        c = self._coding(item, vid)
        return bool(self._note(f"defined({item}, {key}, {vid})", key in c.attrs, cite=list(c.cite)))

    def adopted(self, vid: str) -> str:
        return str(self._note(f"adopted({vid})", self.ds.version(self._version(vid)).adopted))

    def in_force(self, vid: str) -> str:
        return str(self._note(f"in_force({vid})", self.ds.version(self._version(vid)).in_force))

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

    def prev(self, vid: str) -> str:
        i = self.ids.index(self._version(vid))
        if i == 0:
            raise Unevaluable(f"{vid} is the first version")
        return self.ids[i - 1]

    def functions(self) -> dict[str, Callable[..., Any]]:
        return {n: getattr(self, n) for n in FUNCTIONS}

    def run(self, tree: ast.Expression) -> bool:
        code = compile(tree, "<predicate>", "eval")
        result = eval(code, {"__builtins__": {}}, self.functions())  # safe: the AST was whitelisted
        return bool(result)


def evaluate(ds: Dataset, predicate: str, measure: str | None = None) -> dict[str, Any]:
    """One verdict: holds, contradicted or cannot be evaluated, with the evidence."""
    tree = parse(predicate)
    ev = Evaluator(ds, measure)
    try:
        ok = ev.run(tree)
    except Unevaluable as exc:
        return {
            "measure": measure,
            "verdict": "cannot be evaluated",
            "why": str(exc),
            "evidence": ev.trace,
            "low_confidence": sorted(ev.low),
        }
    return {
        "measure": measure,
        "verdict": "holds" if ok else "contradicted",
        "why": "",
        "evidence": ev.trace,
        "low_confidence": sorted(ev.low),
    }


def evaluate_claim(ds: Dataset, claim: dict[str, Any]) -> list[dict[str, Any]]:
    """A claim's verdicts: one per measure if its predicate uses M, else one."""
    if uses_measure(claim["check"]):
        return [evaluate(ds, claim["check"], d.id) for d in definitions(ds)]
    return [evaluate(ds, claim["check"])]
