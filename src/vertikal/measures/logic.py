"""Three-valued values for the claims language: what a predicate knows when some codings are unknown.

A value is either known (a plain Python value) or uncertain:

* `Range(lo, hi)` - a number somewhere in [lo, hi] (a measure whose unknown codings could move it);
* `OneOf(options)` - one of a few possible values (the statuses an unknown coding could have, the
  classifications a step could get);
* `Anything()` - nothing is known (an attribute of an unknown coding);
* `Maybe()` - a truth value that is neither known true nor known false.

Each uncertain value carries `deps`, the unknown codings ('item@version') it depends on. Comparisons
of ranges and sets, and `and` / `or` / `not` (Kleene's strong three-valued logic), return True, False
or a Maybe that keeps the union of the deps.

>>> compare(">", Range(3, 5), 2), compare(">", Range(3, 5), 4), compare("<", Range(3, 5), 3)
(True, Maybe(deps=frozenset()), False)
>>> both(Maybe(), False), either(Maybe(), True), negate(Maybe())
(False, True, Maybe(deps=frozenset()))
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

Deps = frozenset[str]


@dataclass(frozen=True)
class Range:
    lo: float
    hi: float
    deps: Deps = field(default=frozenset())


@dataclass(frozen=True)
class OneOf:
    options: frozenset[Any]
    deps: Deps = field(default=frozenset())


@dataclass(frozen=True)
class Anything:
    deps: Deps = field(default=frozenset())


@dataclass(frozen=True)
class Maybe:
    deps: Deps = field(default=frozenset())


Uncertain = Range | OneOf | Anything | Maybe
Truth = bool | Maybe


def deps(value: Any) -> Deps:
    return value.deps if isinstance(value, Range | OneOf | Anything | Maybe) else frozenset()


def number(lo: float, hi: float, dependencies: Iterable[str] = ()) -> float | Range:
    """A known number when lo == hi, else a Range."""
    return float(lo) if lo == hi else Range(float(lo), float(hi), frozenset(dependencies))


def one_of(options: Iterable[Any], dependencies: Iterable[str] = ()) -> Any:
    """The value itself when only one is possible, else a OneOf."""
    opts = frozenset(options)
    return next(iter(opts)) if len(opts) == 1 else OneOf(opts, frozenset(dependencies))


def _maybe(*values: Any) -> Maybe:
    out: frozenset[str] = frozenset()
    for v in values:
        out |= deps(v)
    return Maybe(out)


def truth(value: Any) -> Truth:
    """The truth of a value: a known value by Python's rules, a set by whether all / none of it is true."""
    if isinstance(value, Maybe):
        return value
    if isinstance(value, OneOf):
        kinds = {bool(x) for x in value.options}
        return kinds.pop() if len(kinds) == 1 else Maybe(value.deps)
    if isinstance(value, Range):
        if value.lo > 0 or value.hi < 0:
            return True
        return False if value.lo == value.hi == 0 else Maybe(value.deps)
    if isinstance(value, Anything):
        return Maybe(value.deps)
    return bool(value)


def negate(t: Truth) -> Truth:
    return t if isinstance(t, Maybe) else not t


def both(a: Truth, b: Truth) -> Truth:
    if a is False or b is False:
        return False
    if a is True and b is True:
        return True
    return _maybe(a, b)


def either(a: Truth, b: Truth) -> Truth:
    if a is True or b is True:
        return True
    if a is False and b is False:
        return False
    return _maybe(a, b)


_CMP: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def _bounds(v: Any) -> tuple[Any, Any] | None:
    if isinstance(v, Range):
        return v.lo, v.hi
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    return v, v


def compare(op: str, a: Any, b: Any) -> Truth:
    """`a op b` for known or uncertain operands: True or False only when it holds (fails) for every
    value the operands can take."""
    if op in ("in", "not in"):
        t = contains(b, a)
        return negate(t) if op == "not in" else t
    if not isinstance(a, Range | OneOf | Anything) and not isinstance(b, Range | OneOf | Anything):
        return bool(_CMP[op](a, b))
    if isinstance(a, Anything) or isinstance(b, Anything):
        return _maybe(a, b)
    if isinstance(a, OneOf) or isinstance(b, OneOf):
        xs = a.options if isinstance(a, OneOf) else [a]
        ys = b.options if isinstance(b, OneOf) else [b]
        outcomes = set()
        for x in xs:
            for y in ys:
                r = compare(op, x, y)
                outcomes.add(r if isinstance(r, bool) else None)
        if outcomes == {True}:
            return True
        if outcomes == {False}:
            return False
        return _maybe(a, b)
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return _maybe(a, b)
    (al, ah), (bl, bh) = ba, bb
    if op == "<":
        result: Truth = True if ah < bl else False if al >= bh else _maybe(a, b)
    elif op == "<=":
        result = True if ah <= bl else False if al > bh else _maybe(a, b)
    elif op == ">":
        result = True if al > bh else False if ah <= bl else _maybe(a, b)
    elif op == ">=":
        result = True if al >= bh else False if ah < bl else _maybe(a, b)
    else:
        same = al == ah == bl == bh
        apart = ah < bl or bh < al
        eq: Truth = True if same else False if apart else _maybe(a, b)
        result = eq if op == "==" else negate(eq)
    return result


def contains(container: Any, item: Any) -> Truth:
    """`item in container` where either may be uncertain."""
    if isinstance(container, Anything | Maybe | Range):
        return _maybe(container, item)
    if isinstance(container, OneOf):
        outcomes = {contains(c, item) for c in container.options}
        if outcomes <= {True}:
            return True
        if outcomes <= {False}:
            return False
        return _maybe(container, item)
    if isinstance(item, OneOf):
        hits = {x in container for x in item.options}
        if hits == {True}:
            return True
        if hits == {False}:
            return False
        return _maybe(item)
    if isinstance(item, Anything | Range):
        return _maybe(item)
    return item in container


def add(a: Any, b: Any, sign: int = 1) -> Any:
    """a + b (sign 1) or a - b (sign -1) on known numbers or ranges."""
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        if isinstance(a, Anything | Maybe | OneOf) or isinstance(b, Anything | Maybe | OneOf):
            return Anything(deps(a) | deps(b))
        return a + b if sign > 0 else a - b
    lo = ba[0] + bb[0] if sign > 0 else ba[0] - bb[1]
    hi = ba[1] + bb[1] if sign > 0 else ba[1] - bb[0]
    return number(lo, hi, deps(a) | deps(b))


def neg(a: Any) -> Any:
    if isinstance(a, Range):
        return Range(-a.hi, -a.lo, a.deps)
    if isinstance(a, Anything | Maybe | OneOf):
        return Anything(deps(a))
    return -a
