"""Typed attributes: what each declared type accepts, and the typed value measures and claims read.

The codebook declares each item's attributes with a type (``years: {type: integer, about: ...}``).
Codings give values in YAML; this module is the one place that checks them and turns them into
Python values, so that no measure or claim reads an attribute with a regular expression.

>>> fraction("2/3"), fraction("majority")
(Fraction(2, 3), Fraction(1, 2))
>>> spec = AttrSpec(type="integer", about="term in years")
>>> problem(spec, "7", set(), set()), problem(spec, 7, set(), set())
('expected a whole number (e.g. 7), got a string', None)
"""

from __future__ import annotations

from collections.abc import Collection
from fractions import Fraction
from typing import Any

from vertikal.models import AttrSpec, Coding, Item

__all__ = ["fraction", "number", "problem", "typed"]

MAJORITY = "majority"  # a majority of all members: more than one half, read as 1/2 in comparisons
LIST_TYPES = frozenset({"holders", "bodies", "texts"})
NUMBER_TYPES = frozenset({"integer", "fraction"})


def fraction(value: Any) -> Fraction | None:
    """A share written as 'n/d' (0 < n/d <= 1) or the word 'majority'; None for anything else."""
    if isinstance(value, Fraction):
        return value
    if value == MAJORITY:
        return Fraction(1, 2)
    if not isinstance(value, str) or value.count("/") != 1:
        return None
    num, den = (part.strip() for part in value.split("/"))
    if not (num.isdigit() and den.isdigit()) or int(den) == 0:
        return None
    f = Fraction(int(num), int(den))
    return f if 0 < f <= 1 else None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


def _ids(value: Any) -> list[str] | None:
    """A list of ids (or one id, read as a list of one)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def problem(spec: AttrSpec, value: Any, bodies: Collection[str], holders: Collection[str]) -> str | None:
    """Why `value` does not fit `spec`, or None when it does."""
    t = spec.type
    if t == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a whole number (e.g. 7), got a {_kind(value)}"
    elif t == "boolean":
        if not isinstance(value, bool):
            return f"expected true or false, got a {_kind(value)}"
    elif t == "fraction":
        if fraction(value) is None:
            return f"expected a share such as '2/3' or 'majority', got {value!r}"
    elif t in ("body", "bodies", "holders"):
        if t == "body" and not isinstance(value, str):
            return f"expected a body id, got a {_kind(value)}"
        ids = _ids(value)
        if ids is None:
            return f"expected a list of ids, got a {_kind(value)}"
        known, what = (holders, "holder") if t == "holders" else (bodies, "body")
        bad = [i for i in ids if i not in known]
        if bad:
            return f"unknown {what} {bad[0]!r}; see `{what}s` in the codebook"
    elif t == "choice":
        if value not in spec.values:
            return f"expected one of {', '.join(spec.values)}, got {value!r}"
    elif t == "texts":
        if _ids(value) is None:
            return f"expected a list of texts, got a {_kind(value)}"
    elif not isinstance(value, str) or not value.strip():
        return f"expected a text, got a {_kind(value)}"
    return None


def typed(spec: AttrSpec | None, value: Any) -> Any:
    """The value as measures and claims compare it: int, bool, Fraction, a list of ids, or text."""
    if spec is None:
        return value
    if spec.type == "fraction":
        return fraction(value)
    if spec.type in LIST_TYPES:
        return _ids(value) or []
    return value


def get(item: Item, coding: Coding, key: str) -> Any:
    """The typed value of one attribute of a coding; None when the coding does not give it."""
    if key not in coding.attrs:
        return None
    return typed(item.attributes.get(key), coding.attrs[key])


def number(item: Item, coding: Coding, key: str) -> float | None:
    """An integer or fraction attribute as a number; None when absent or of another type."""
    spec = item.attributes.get(key)
    if spec is None or spec.type not in NUMBER_TYPES:
        return None
    value = get(item, coding, key)
    return None if value is None else float(value)
