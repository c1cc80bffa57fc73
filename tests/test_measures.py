"""Measures on small synthetic datasets, computed by hand; invariants by property tests."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.factory import coding, dataset
from vertikal import measures
from vertikal.measures.compare import compare
from vertikal.measures.periods import periods

A, B, C = "2000-01-01", "2005-01-01", "2010-01-01"


def total(ds: Any, m: str, v: str) -> float:
    return float(measures.score(ds, m, v)["total"])


def test_volume_counts_powers_only() -> None:
    ds = dataset(
        {
            A: {"veto": coding("sole"), "appoint_pm": coding("shared"), "no_confidence": coding("sole")},
            B: {},
        }
    )
    assert total(ds, "volume", A) == 1.5  # veto 1 + appoint_pm 0.5; the check is not a power
    assert total(ds, "volume", B) == 0.0
    by_domain = measures.score(ds, "volume", A)["by_domain"]
    assert by_domain["legislation"] == 1.0 and by_domain["government"] == 0.5


def test_balance_nets_checks_and_constraints() -> None:
    ds = dataset(
        {A: {"veto": coding("sole"), "no_confidence": coding("shared"), "term_limit": coding("sole")}}
    )
    assert total(ds, "balance", A) == 1 - 0.5 - 1


def test_every_measure_gives_evidence_with_citations() -> None:
    ds = dataset({A: {"veto": coding("sole", cite=["art_7__para_2"])}})
    for d in measures.definitions(ds):
        s = measures.score(ds, d.id, A)
        assert s["components"], d.id
        for comp in s["components"]:
            assert "evidence" in comp
        cited = [e for comp in s["components"] for e in comp["evidence"] if e.get("cite")]
        if any(e["item"] == "veto" for comp in s["components"] for e in comp["evidence"]):
            assert any(e["cite"] == ["art_7__para_2"] for e in cited), d.id


def test_compare_reports_changes_with_citations_on_both_sides() -> None:
    ds = dataset(
        {
            A: {
                "decree_force_of_law": coding("sole", cite=["art_45__para_2"]),
                "term_length": coding("sole", attrs={"years": 5}),
            },
            B: {"term_length": coding("sole", attrs={"years": 7})},
        }
    )
    result = compare(ds, A, B)
    by_item = {c["item"]: c for c in result["changes"]}
    assert by_item["decree_force_of_law"]["change"] == "lost"
    assert by_item["decree_force_of_law"]["from"]["cite"] == ["art_45__para_2"]
    assert by_item["decree_force_of_law"]["to"]["status"] == "absent"
    assert by_item["term_length"]["attr_changes"] == [{"key": "years", "from": 5, "to": 7}]
    assert result["measures"]["volume"]["delta"] == -1
    assert result["measures"]["volume"]["classification"] == "deconcentration"


def test_mixed_step() -> None:
    ds = dataset({A: {"veto": coding("sole")}, B: {"dissolve_legislature": coding("sole")}})
    assert compare(ds, A, B)["measures"]["volume"]["classification"] == "mixed"


def test_periods_find_peaks_and_runs() -> None:
    ds = dataset({A: {}, B: {"veto": coding("sole"), "pardon": coding("sole")}, C: {"veto": coding("sole")}})
    p = periods(ds)["measures"]["volume"]
    assert p["global_peak"] == [B]
    assert [r["direction"] for r in p["runs"]] == ["increase", "decrease"]


POWERS = [it.id for it in dataset({A: {}}).items if it.kind == "power"]
STATUS = st.sampled_from(["sole", "shared", "absent"])


def statuses() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({p: STATUS for p in POWERS})


@settings(max_examples=60, derandomize=True, deadline=None)
@given(base=statuses(), power=st.sampled_from(POWERS))
def test_adding_a_sole_power_never_lowers_volume(base: dict[str, str], power: str) -> None:
    before = {k: coding(v) for k, v in base.items()}
    after = dict(before, **{power: coding("sole")})
    ds = dataset({A: before, B: after})
    assert total(ds, "volume", B) >= total(ds, "volume", A)


@settings(max_examples=60, derandomize=True, deadline=None)
@given(base=statuses(), power=st.sampled_from(POWERS))
def test_making_a_sole_power_shared_never_raises_volume(base: dict[str, str], power: str) -> None:
    before = {k: coding(v) for k, v in base.items()}
    before[power] = coding("sole")
    after = dict(before, **{power: coding("shared")})
    ds = dataset({A: before, B: after})
    assert total(ds, "volume", B) <= total(ds, "volume", A)


MIRROR = {
    "gained": "lost",
    "lost": "gained",
    "constrained": "loosened",
    "loosened": "constrained",
    "attrs": "attrs",
}
CLASS_MIRROR = {
    "concentration": "deconcentration",
    "deconcentration": "concentration",
    "mixed": "mixed",
    "unchanged": "unchanged",
}


def assert_mirror(ab: dict[str, Any], ba: dict[str, Any]) -> None:
    forward = {c["item"]: c for c in ab["changes"]}
    back = {c["item"]: c for c in ba["changes"]}
    assert forward.keys() == back.keys()
    for item, c in forward.items():
        r = back[item]
        assert r["change"] == MIRROR[c["change"]]
        assert r["from"] == c["to"] and r["to"] == c["from"]
        assert [(x["key"], x["to"], x["from"]) for x in r["attr_changes"]] == [
            (x["key"], x["from"], x["to"]) for x in c["attr_changes"]
        ]
    for m, d in ab["measures"].items():
        e = ba["measures"][m]
        assert e["delta"] == -d["delta"]
        assert e["classification"] == CLASS_MIRROR[d["classification"]]
        assert sorted(e["up"]) == sorted(d["down"]) and sorted(e["down"]) == sorted(d["up"])


@settings(max_examples=40, derandomize=True, deadline=None)
@given(a=statuses(), b=statuses())
def test_compare_is_symmetric(a: dict[str, str], b: dict[str, str]) -> None:
    ds = dataset({A: {k: coding(v) for k, v in a.items()}, B: {k: coding(v) for k, v in b.items()}})
    assert_mirror(compare(ds, A, B), compare(ds, B, A))


def test_compare_is_symmetric_on_the_shipped_data(shipped: Any) -> None:
    ids = [v.id for v in shipped.versions]
    for a, b in itertools.pairwise(ids):
        assert_mirror(compare(shipped, a, b), compare(shipped, b, a))


def test_unknown_measure_is_a_clear_error() -> None:
    ds = dataset({A: {}})
    with pytest.raises(measures.MeasureError, match="unknown measure 'nope'; known measures: volume"):
        measures.score(ds, "nope", A)
