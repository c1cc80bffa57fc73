"""Issue 12, part 1: every measure is a range over the completions of the unknown codings.

Checked against brute force: every completion (each unknown coding given each status its item admits)
scored as known data, on synthetic datasets built from the real codebook and measures.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import vertikal
from tests.factory import coding, dataset
from vertikal import measures
from vertikal.measures.compute import score

A = "2000-01-01"
# Items read by the measures without attribute conditions, so a completion is just a status.
POOL = [
    "appoint_pm",
    "appoint_ministers",
    "dismiss_pm",
    "dismiss_government",
    "veto",
    "call_referendum",
    "decree_force_of_law",
    "state_of_emergency",
    "foreign_relations",
    "chairs_government",
    "head_of_executive",
    "legislative_initiative",
    "constitutional_referral",
    "consent_pm",
    "no_confidence",
    "popular_election",
    "appoint_prosecutor",
    "impeachment",
    "first_president_status",
]
_BASE = vertikal.load()


def _unknown() -> Any:
    return coding("unknown", confidence="low", note="not read")


def _known(item: str, status: str) -> Any:
    return coding(status, cite=["art_1"] if status != "absent" else [])


def _completions(ds: vertikal.Dataset, unknown: list[str]) -> list[dict[str, str]]:
    options = [ds.item(i).known for i in unknown]
    return [dict(zip(unknown, combo, strict=True)) for combo in itertools.product(*options)]


def _fixed(given_: dict[str, Any], completion: dict[str, str]) -> Any:
    codings = dict(given_)
    codings.update({i: _known(i, s) for i, s in completion.items()})
    return dataset({A: codings})


@st.composite
def codings_with_unknowns(draw: st.DrawFn) -> tuple[dict[str, Any], list[str]]:
    chosen = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=7, unique=True))
    n_unknown = draw(st.integers(min_value=1, max_value=min(4, len(chosen))))
    unknown = chosen[:n_unknown]
    given_: dict[str, Any] = {i: _unknown() for i in unknown}
    for item in chosen[n_unknown:]:
        given_[item] = _known(item, draw(st.sampled_from(_BASE.item(item).known)))
    return given_, unknown


@settings(max_examples=40, derandomize=True, deadline=None)
@given(codings_with_unknowns())
def test_ranges_equal_brute_force_over_every_completion(case: tuple[dict[str, Any], list[str]]) -> None:
    given_, unknown = case
    ds = dataset({A: given_})
    completions = [_fixed(given_, c) for c in _completions(ds, unknown)]
    for d in measures.definitions(ds):
        s = score(ds, d, A)
        totals = [score(x, d, A)["total"] for x in completions]
        assert s["low"] <= s["total"] <= s["high"], d.id
        # every completion lies in the range; the range is attained when it is exact
        assert s["low"] <= min(totals) and max(totals) <= s["high"], d.id
        if s["range_exact"]:
            assert (s["low"], s["high"]) == (min(totals), max(totals)), d.id
        # each component's range is exact
        for i, comp in enumerate(s["components"]):
            values = [score(x, d, A)["components"][i]["score"] for x in completions]
            assert (comp["low"], comp["high"]) == (min(values), max(values)), (d.id, comp["id"])


def test_count_measures_are_exact_and_point_counts_unknowns_as_absent() -> None:
    given_ = {"veto": _unknown(), "appoint_pm": _unknown(), "consent_pm": _unknown()}
    ds = dataset({A: given_})
    absent = dataset({A: {}})
    for mid in ("volume", "balance", "frye"):
        s = measures.score(ds, mid, A)
        assert s["range_exact"]
        assert s["total"] == measures.score(absent, mid, A)["total"]
    vol = measures.score(ds, "volume", A)
    assert (vol["low"], vol["high"]) == (0, 2)  # veto and appoint_pm each 0..1; consent_pm is a check
    bal = measures.score(ds, "balance", A)
    assert (bal["low"], bal["high"]) == (-1, 2)  # the check counts against the President
    assert vol["unknown"] == ["appoint_pm", "veto"]


def test_a_rule_reading_an_attribute_of_an_unknown_coding_reaches_every_level() -> None:
    """Shugart-Carey's package veto: veto known, the override unknown - from no veto score (0) to 4."""
    ds = dataset({A: {"veto": _known("veto", "sole"), "veto_override": _unknown()}})
    comp = {c["id"]: c for c in measures.score(ds, "shugart-carey", A)["components"]}["package_veto"]
    assert (comp["low"], comp["score"], comp["high"]) == (0, 4, 4)
    known = dataset(
        {A: {"veto": _known("veto", "sole"), "veto_override": coding("sole", attrs={"threshold": "2/3"})}}
    )
    comp = {c["id"]: c for c in measures.score(known, "shugart-carey", A)["components"]}["package_veto"]
    assert (comp["low"], comp["score"], comp["high"]) == (2, 2, 2)


def test_fractions_compare_exactly() -> None:
    def package_veto(threshold: str) -> float:
        ds = dataset(
            {
                A: {
                    "veto": _known("veto", "sole"),
                    "veto_override": coding("sole", attrs={"threshold": threshold}),
                }
            }
        )
        return float(
            {c["id"]: c for c in measures.score(ds, "shugart-carey", A)["components"]}["package_veto"][
                "score"
            ]
        )

    assert [package_veto(t) for t in ("3/4", "2/3", "majority", "1/3")] == [3, 2, 1, 0]


def test_the_shipped_measures_carry_a_range_and_their_point_inside_it(shipped: vertikal.Dataset) -> None:
    t = measures.timeline(shipped)
    for row in t["versions"]:
        for mid, v in row["measures"].items():
            assert v["low"] <= v["total"] <= v["high"], (row["version"], mid)
            if not v["unknown"]:
                assert v["low"] == v["total"] == v["high"], (row["version"], mid)
    first = t["versions"][0]["measures"]["volume"]
    assert first["low"] < first["high"]  # 1990: many powers unknown
    assert {d["id"] for d in t["dimensions"]} == {"powers", "tenure", "personalization"}
