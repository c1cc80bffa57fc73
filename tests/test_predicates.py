"""Issue 12, part 4: three-valued verdicts against a brute-force enumeration of the completions.

A random world has a few versions, each with the values a measure can take there (a run of whole
numbers, so ties are frequent), and two items whose codings are known or unknown. A random predicate is
decided by `claims.decide` (the one function that decides verdicts) and by trying every completion of
the world with the same predicate on known data:

* always (soundness): `holds` only if the predicate is true at every completion, `contradicted` only if
  it is false at every completion;
* exactly, when no version's measure value is read by two parts of the predicate (peak functions read
  every version): the verdict is `holds` / `contradicted` / `depends on unknowns` exactly as the
  completions say. Unknown codings read directly may repeat: their statuses are enumerated.
"""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from vertikal.measures import logic
from vertikal.measures.claims import CONTRADICTED, DEPENDS, HOLDS, Evaluator, decide, parse
from vertikal.measures.peaks import peaked_by, unique_peak

STATUSES = ("sole", "shared", "absent")
CODING = SimpleNamespace(cite=[], confidence="high")


class World(Evaluator):
    """An evaluator over a synthetic world: `values[v]` the measure's possible values at version v,
    `statuses[(item, v)]` the possible statuses of a coding (one when known)."""

    def __init__(
        self, values: dict[str, list[int]], statuses: dict[tuple[str, str], list[str]], fixed: Any
    ) -> None:
        ds = SimpleNamespace(versions=[SimpleNamespace(id=v) for v in values])
        super().__init__(ds, "m", fixed)  # type: ignore[arg-type]
        self.values, self.statuses = values, statuses

    def m(self, measure: str, vid: str) -> Any:
        vs = self.values[vid]
        return logic.number(min(vs), max(vs), [f"m@{vid}"])

    def _rows(self) -> list[dict[str, Any]]:
        return [
            {
                "version": v,
                "value": min(vs),
                "low": min(vs),
                "high": max(vs),
                "deps": [f"m@{v}"] if len(vs) > 1 else [],
            }
            for v, vs in self.values.items()
        ]

    def peaked_by(self, date: str) -> logic.Truth:
        return peaked_by(self._rows(), date)[0]

    def unique_peak(self, vid: str) -> logic.Truth:
        return unique_peak(self._rows(), vid)[0]

    def _statuses(self, item: str, vid: str) -> tuple[Any, Any]:
        key = f"{item}@{vid}"
        options = self.statuses[(item, vid)]
        if len(options) == 1:
            return options[0], CODING
        if key in self.fixed:
            return self.fixed[key], CODING
        self.direct[key] = list(options)
        return logic.one_of(options, [key]), CODING


@st.composite
def worlds(draw: st.DrawFn) -> tuple[dict[str, list[int]], dict[tuple[str, str], list[str]]]:
    n = draw(st.integers(min_value=2, max_value=4))
    versions = [f"200{i}-01-01" for i in range(n)]
    values = {}
    for v in versions:
        lo = draw(st.integers(min_value=0, max_value=3))
        width = draw(st.sampled_from([0, 0, 1, 2]))
        values[v] = list(range(lo, lo + width + 1))
    statuses = {}
    for item in ("x", "y"):
        for v in versions:
            if draw(st.booleans()):
                statuses[(item, v)] = [draw(st.sampled_from(STATUSES))]
            else:
                statuses[(item, v)] = draw(
                    st.sampled_from([list(STATUSES), ["sole", "absent"], ["shared", "absent"]])
                )
    return values, statuses


@st.composite
def atoms(draw: st.DrawFn, versions: list[str]) -> tuple[str, list[str]]:
    """A predicate part and the versions whose measure value it reads."""
    v = st.sampled_from(versions)
    op = st.sampled_from(["<", "<=", ">", ">=", "==", "!="])
    kind = draw(st.sampled_from(["mm", "mc", "peaked", "unique", "has", "status", "gained"]))
    if kind == "mm":
        a, b = draw(v), draw(v)
        if a == b:
            return f"m('m', {a}) {draw(op)} {draw(st.integers(0, 5))}", [a]
        return f"M({a}) {draw(op)} M({b})", [a, b]
    if kind == "mc":
        a = draw(v)
        return f"M({a}) {draw(op)} {draw(st.integers(0, 5))}", [a]
    if kind == "peaked":
        return f"peaked_by({draw(v)})", list(versions)
    if kind == "unique":
        return f"unique_peak({draw(v)})", list(versions)
    item = draw(st.sampled_from(["x", "y"]))
    if kind == "has":
        return f"has('{item}', {draw(v)})", []
    if kind == "status":
        return f"status('{item}', {draw(v)}) == '{draw(st.sampled_from(STATUSES))}'", []
    return f"gained('{item}', {draw(v)}, {draw(v)})", []


@st.composite
def predicates(draw: st.DrawFn, versions: list[str], depth: int = 2) -> tuple[str, list[str]]:
    if depth == 0 or draw(st.integers(0, 2)) == 0:
        return draw(atoms(versions))
    form = draw(st.sampled_from(["not", "and", "or"]))
    left, used = draw(predicates(versions, depth - 1))
    if form == "not":
        return f"not ({left})", used
    right, more = draw(predicates(versions, depth - 1))
    return f"({left}) {form} ({right})", used + more


def _brute(tree: Any, values: dict[str, list[int]], statuses: dict[tuple[str, str], list[str]]) -> set[bool]:
    from vertikal.measures.predicate import run

    keys = sorted(values) + sorted(statuses)
    choices = [[[x] for x in values[k]] if isinstance(k, str) else [[s] for s in statuses[k]] for k in keys]
    out = set()
    for combo in itertools.product(*choices):
        known_values = {k: c for k, c in zip(keys, combo, strict=True) if isinstance(k, str)}
        known_statuses = {k: c for k, c in zip(keys, combo, strict=True) if not isinstance(k, str)}
        result = run(tree, World(known_values, known_statuses, {}).functions())
        assert isinstance(result, bool), result
        out.add(result)
    return out


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.data())
def test_verdicts_agree_with_every_completion(data: st.DataObject) -> None:
    values, statuses = data.draw(worlds())
    text, used = data.draw(predicates(sorted(values)))
    tree = parse(text)
    verdict, deps, _ = decide(tree, lambda fixed: World(values, statuses, fixed))
    outcomes = _brute(tree, values, statuses)
    if verdict == HOLDS:
        assert outcomes == {True}, text
    elif verdict == CONTRADICTED:
        assert outcomes == {False}, text
    else:
        assert verdict == DEPENDS and deps, text
    if len(used) == len(set(used)):  # no measure value read twice: the verdict is exact
        expected = HOLDS if outcomes == {True} else CONTRADICTED if outcomes == {False} else DEPENDS
        assert verdict == expected, (text, values, statuses)


def _series(*values: int) -> list[dict[str, Any]]:
    return [
        {"version": f"200{i}-01-01", "value": v, "low": v, "high": v, "deps": []}
        for i, v in enumerate(values)
    ]


def test_the_two_meanings_of_peak_differ_on_ties() -> None:
    """A later tie does not contradict 'peaked by'; any tie contradicts 'the unique maximum'."""
    rows = _series(1, 3, 3)
    assert peaked_by(rows, "2001-01-01")[0] is True
    assert unique_peak(rows, "2001-01-01")[0] is False
    assert unique_peak(_series(1, 3, 2), "2001-01-01")[0] is True
    assert peaked_by(_series(1, 3, 4), "2001-01-01")[0] is False
    evidence = peaked_by(rows, "2001-01-01")[1]
    assert [e["at_max"] for e in evidence] == [False, True, True]  # the evidence shows the tie


def test_peaks_with_ranges_depend_on_the_unknowns_only_when_they_can_change_the_answer() -> None:
    rows = _series(1, 3, 2)
    rows[2].update(low=2, high=4, deps=["x@2002-01-01"])
    t = peaked_by(rows, "2001-01-01")[0]
    assert isinstance(t, logic.Maybe) and t.deps == {"x@2002-01-01"}
    rows[2].update(low=0, high=3)
    assert peaked_by(rows, "2001-01-01")[0] is True  # at most a tie later
    assert isinstance(unique_peak(rows, "2001-01-01")[0], logic.Maybe)
