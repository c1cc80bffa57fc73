"""The claims language and the shipped claims: verdicts, evidence, per-measure evaluation, safety."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import vertikal
from tests.factory import coding, dataset
from vertikal.measures.claims import PredicateError, evaluate, parse, uses_measure
from vertikal.measures.claimset import ClaimsError, evaluate_all, load_claims

A, B = "2000-01-01", "2010-01-01"


def synthetic() -> Any:
    return dataset(
        {
            A: {"decree_force_of_law": coding("sole", cite=["art_45__para_2"]), "veto": coding("sole")},
            B: {"veto": coding("sole")},
        }
    )


def test_a_lost_power_holds_with_evidence() -> None:
    r = evaluate(synthetic(), f"lost('decree_force_of_law', {A}, {B})")
    assert r["verdict"] == "holds"
    calls = {e["call"]: e for e in r["evidence"]}
    assert calls[f"status(decree_force_of_law, {A})"]["cite"] == ["art_45__para_2"]


def test_a_wrong_claim_is_contradicted() -> None:
    assert evaluate(synthetic(), f"gained('decree_force_of_law', {A}, {B})")["verdict"] == "contradicted"


def test_measure_comparison_per_measure() -> None:
    ds = synthetic()
    assert evaluate(ds, f"M({B}) < M({A})", "volume")["verdict"] == "holds"
    assert uses_measure(f"M({B}) < M({A})") and uses_measure(f"step({A}, {B}) == 'mixed'")
    assert not uses_measure(f"has('veto', {A})")


def test_missing_version_cannot_be_evaluated() -> None:
    r = evaluate(synthetic(), "has('veto', 1066-10-14)")
    assert r["verdict"] == "cannot be evaluated"
    assert "1066-10-14 is not coded" in r["why"]


def test_missing_attribute_cannot_be_evaluated() -> None:
    r = evaluate(synthetic(), f"num('term_length', 'years', {A}) == 5")
    assert r["verdict"] == "cannot be evaluated"


@pytest.mark.parametrize(
    "predicate",
    ["__import__('os').system('true')", "().__class__", "[x for x in ()]", "lambda: 1", "open('x')"],
)
def test_only_the_predicate_language_is_allowed(predicate: str) -> None:
    ds = synthetic()
    with pytest.raises(PredicateError):
        parse(predicate)
        evaluate(ds, predicate)


def test_shipped_claims_all_get_a_verdict_with_evidence(shipped: vertikal.Dataset) -> None:
    result = evaluate_all(shipped)
    assert len(result["claims"]) >= 20
    for c in result["claims"]:
        assert c["verdict"] in ("holds", "contradicted", "split", "cannot be evaluated")
        assert c["sources"], c["id"]
        for v in c["verdicts"]:
            assert v["evidence"] or v["why"], c["id"]


def test_issue_3_required_comparisons(shipped: vertikal.Dataset) -> None:
    """Regression for issue 3: 2011 -> 2017 loses the decree power and the right to cancel Government acts."""
    from vertikal.measures.compare import compare

    changes = {c["item"]: c for c in compare(shipped, "2011-02-02", "2017-03-10")["changes"]}
    for item in ("decree_force_of_law", "cancel_government_acts"):
        assert changes[item]["change"] == "lost"
        assert changes[item]["from"]["cite"] and changes[item]["to"]["status"] == "absent"
    term = {c["item"]: c for c in compare(shipped, "2022-06-08", "2022-09-17")["changes"]}
    assert {"key": "years", "from": 5, "to": 7} in term["term_length"]["attr_changes"]
    assert {"key": "max_terms", "from": 2, "to": 1} in term["term_limit"]["attr_changes"]


def test_bad_claims_file_names_file_and_line(tmp_path: Path) -> None:
    from tests.factory import data_dir

    root = data_dir(tmp_path)
    path = root / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('check: "M(1995-08-30) > M(1993-01-28)"', "check: \"__import__('os')\"")
    path.write_text(text, encoding="utf-8")
    ds = vertikal.load(root, strict=False)
    with pytest.raises(ClaimsError) as err:
        load_claims(ds)
    assert err.value.line > 1 and "claims.yaml" in err.value.file
    assert any(p.code == "VK021" for p in ds.problems)
