"""Issue 12, parts 3, 4 and 9: dimensions of concentration, claims judged on what their source is about,
and the sensitivity of verdicts and peaks to the documented judgement switches."""

from __future__ import annotations

from pathlib import Path

import pytest

import vertikal
from tests.factory import data_dir
from vertikal import measures
from vertikal.measures.claimset import ClaimsError, evaluate_all, load_claims


def test_every_measure_belongs_to_a_dimension_with_a_methods_entry(shipped: vertikal.Dataset) -> None:
    entries = {d["id"]: d for d in measures.dimension_methods(shipped)}
    assert {"powers", "tenure", "personalization"} <= set(entries)
    for d in measures.definitions(shipped):
        assert d.dimension in entries, d.id
    for dim in ("tenure", "personalization"):
        entry = entries[dim]
        assert entry["sources"] and entry["not_verified"], dim
        assert entry["measures"], dim
    assert entries["tenure"]["measures"] == ["tenure-office", "tenure-exempt"]
    for mid in ("tenure-office", "tenure-exempt", "personalization"):
        d = measures.get(shipped, mid)
        assert d.sources and all(s.verified for s in d.sources), mid


def _series(ds: vertikal.Dataset, mid: str) -> dict[str, float]:
    return {r["version"]: r["measures"][mid]["total"] for r in measures.timeline(ds, [mid])["versions"]}


def test_tenure_sees_1998_and_2022(shipped: vertikal.Dataset) -> None:
    """1998 lengthened the term to seven years and dropped the upper age limit; September 2022 made the
    single seven-year term (issue 12, 'Why' point 2)."""
    office = _series(shipped, "tenure-office")
    assert office["1998-10-07"] > office["1995-08-30"]
    score = measures.score(shipped, "tenure-office", "1998-10-07")
    says = {c["id"]: c["says"] for c in score["components"]}
    assert says["term_length"] == "seven years or more" and says["age_limit"] == "no upper age limit"
    sep = {c["id"]: c["score"] for c in measures.score(shipped, "tenure-office", "2022-09-17")["components"]}
    assert sep["term_limit"] == 0  # a single term


def test_the_exempt_holder_is_securer_than_the_office_while_the_exemption_lasts(
    shipped: vertikal.Dataset,
) -> None:
    office, exempt = _series(shipped, "tenure-office"), _series(shipped, "tenure-exempt")
    for vid in ("2007-05-21", "2011-02-02", "2017-03-10", "2019-03-23"):
        assert exempt[vid] > office[vid], vid
    for vid in ("1998-10-07", "2022-06-08", "2026-07-01"):
        assert exempt[vid] == office[vid], vid


def test_personalization_counts_the_exemption_and_the_personal_status(shipped: vertikal.Dataset) -> None:
    p = _series(shipped, "personalization")
    assert p["1998-10-07"] == 0 and p["2007-05-21"] == 2 and p["2022-06-08"] == 0


def test_every_claim_names_what_its_source_is_about(shipped: vertikal.Dataset) -> None:
    known = {d.id for d in measures.dimensions(shipped)}
    for c in load_claims(shipped):
        assert set(c.dimensions) <= known, c.id
        assert c.passage.cite and c.passage.says, c.id
    seed = {c.id: c for c in load_claims(shipped) if c.group == "seed" and c.id != "seed-2022-akim-grounds"}
    assert all(
        c.dimensions == ["powers"] for c in seed.values()
    )  # the abstract defines concentration by powers


def test_verdicts_are_given_per_dimension_and_per_measure(shipped: vertikal.Dataset) -> None:
    rows = {c["id"]: c for c in evaluate_all(shipped)["claims"]}
    mixed = rows["scholars-2007-mixed"]
    assert set(mixed["by_dimension"]) == {"powers", "personalization"}
    measured = {(v["dimension"], v["measure"]) for v in mixed["verdicts"]}
    assert ("personalization", "personalization") in measured and ("powers", "volume") in measured
    assert mixed["by_dimension"]["personalization"] == "holds"
    seed_1998 = rows["seed-1998-growth"]
    assert {v["dimension"] for v in seed_1998["verdicts"]} == {"powers"}


def test_peaked_by_does_not_count_a_later_tie_against_the_claim(shipped: vertikal.Dataset) -> None:
    """Issue 12, 'Why' point 1: under Shugart-Carey, Siaroff and EGM the 2007 level is never exceeded later
    (2026 ties it), so 'peaked by 2007' holds for them."""
    row = next(c for c in evaluate_all(shipped)["claims"] if c["id"] == "seed-2007-peak")
    verdicts = {v["measure"]: v for v in row["verdicts"]}
    for mid in ("shugart-carey", "siaroff", "egm"):
        assert verdicts[mid]["verdict"] == "holds", mid
        (call,) = [e for e in verdicts[mid]["evidence"] if e["call"].startswith("peaked_by")]
        ties = [e["version"] for e in call["series"] if e["at_max"]]
        assert "2007-05-21" in ties and len(ties) > 1  # the evidence shows the ties


def test_a_verdict_depending_on_unknowns_lists_them(shipped: vertikal.Dataset) -> None:
    row = next(c for c in evaluate_all(shipped)["claims"] if c["id"] == "timeline-01-selection")
    assert row["verdict"] == "depends on unknowns"
    assert "popular_election@1991-12-16" in row["depends_on"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("dimensions: [tenure]", "dimensions: [tenur]", "unknown dimension 'tenur'"),
        (
            'check: "M(1995-08-30) > M(1993-01-28)"',
            'check: {tenure: "M(1995-08-30) > M(1993-01-28)"}',
            "check for 'tenure', not among its dimensions",
        ),
    ],
)
def test_a_claim_about_an_unknown_dimension_names_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    root = data_dir(tmp_path)
    path = root / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    ds = vertikal.load(root, strict=False)
    with pytest.raises(ClaimsError, match=message) as err:
        load_claims(ds)
    assert err.value.line > 1
    assert any(p.code == "VK021" for p in ds.problems)


def test_sensitivity_recodes_by_documented_switches(shipped: vertikal.Dataset) -> None:
    from vertikal.measures.sensitivity import sensitivity

    result = sensitivity(shipped)
    switches = {s["id"]: s for s in result["switches"]}
    assert set(switches) == {"unknown-absent", "unknown-present", "consultation-sole", "conditional-absent"}
    unknown = sum(1 for cs in shipped.codings.values() for c in cs.values() if c.status == "unknown")
    assert switches["unknown-absent"]["changed"] == switches["unknown-present"]["changed"] == unknown
    assert "dissolve_legislature@2007-05-21" in switches["consultation-sole"]["codings"]
    assert "decree_force_of_law@1995-08-30" in switches["conditional-absent"]["codings"]
    claims = {c["id"]: c for c in result["claims"]}
    # no unknowns are left under the unknown switches, so no verdict depends on them
    for c in claims.values():
        assert c["by_switch"]["unknown-absent"] != "depends on unknowns", c["id"]
    decrees = claims["timeline-16-decrees"]
    assert (
        decrees["by_switch"]["conditional-absent"] == "contradicted"
        and "conditional-absent" in decrees["changes"]
    )
    for m in result["measures"]:
        assert m["baseline"]["versions"] and set(m["by_switch"]) == set(switches)
