"""The claims language: a whitelisted subset of Python expressions, read by a small interpreter.

A predicate is a comparison of data look-ups, e.g. ``M(1993-01-28) > M(1990-04-24)`` or
``lost('decree_force_of_law', 2011-02-02, 2017-03-10)``. ISO dates need no quotes. Only calls of
the functions the evaluator offers, comparisons, ``and`` / ``or`` / ``not``, ``+`` / ``-``, lists
and literals are allowed; nothing is ever passed to Python's ``eval``. Values may be uncertain (see
`vertikal.measures.logic`): the interpreter combines them with Kleene's three-valued logic.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

from vertikal.measures import logic
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
_OPS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
}


class PredicateError(VertikalError, ValueError):
    """The predicate is not in the allowed language."""


class Unevaluable(Exception):
    """The data cannot answer this claim (a version is not coded, an attribute is missing...)."""


def parse(predicate: str, functions: Collection[str]) -> ast.Expression:
    """The predicate's syntax tree, checked against the whitelist and the known function names."""
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
        if isinstance(node, ast.Name) and node.id not in functions:
            raise PredicateError(f"unknown name {node.id!r}; allowed: {', '.join(functions)}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, str | int | float | bool):
            raise PredicateError(f"not allowed in a predicate: the constant {node.value!r}")
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and id(node) not in called:
            raise PredicateError(f"{node.id} is a function: call it, e.g. {node.id}(...)")
    return tree


def names(tree: ast.AST) -> set[str]:
    """The function names a predicate calls."""
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def run(node: ast.AST, functions: Mapping[str, Callable[..., Any]]) -> Any:
    """The value of a node: known, or uncertain (logic.Range, OneOf, Anything, Maybe)."""
    if isinstance(node, ast.Expression):
        return run(node.body, functions)
    if isinstance(node, ast.BoolOp):
        is_and = isinstance(node.op, ast.And)
        result: logic.Truth = is_and
        for value in node.values:
            t = logic.truth(run(value, functions))
            result = logic.both(result, t) if is_and else logic.either(result, t)
            if result is (not is_and):  # False under `and`, True under `or`: decided
                return result
        return result
    if isinstance(node, ast.UnaryOp):
        operand = run(node.operand, functions)
        return logic.negate(logic.truth(operand)) if isinstance(node.op, ast.Not) else logic.neg(operand)
    if isinstance(node, ast.Compare):
        left = run(node.left, functions)
        out: logic.Truth = True
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = run(comp, functions)
            out = logic.both(out, logic.compare(_OPS[type(op)], left, right))
            if out is False:
                return False
            left = right
        return out
    if isinstance(node, ast.BinOp):
        sign = 1 if isinstance(node.op, ast.Add) else -1
        return logic.add(run(node.left, functions), run(node.right, functions), sign)
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        args = [run(a, functions) for a in node.args]
        if node.keywords:
            raise PredicateError("keyword arguments are not allowed")
        for a in args:
            if isinstance(a, logic.Range | logic.OneOf | logic.Anything | logic.Maybe):
                raise Unevaluable(f"an argument of {node.func.id}() depends on unknown codings")
        return functions[node.func.id](*args)
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        return [run(e, functions) for e in node.elts]
    raise PredicateError(f"not allowed in a predicate: {type(node).__name__}")  # pragma: no cover
