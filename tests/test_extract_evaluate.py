"""Issue 8: the evaluation arithmetic, on a hand-made case."""

from __future__ import annotations

from typing import Any

import pytest

import vertikal
from tests.factory import coding
from vertikal import extract
from vertikal.extract import Extraction, Proposal


def proposal(item: str, status: str, **kw: Any) -> Proposal:
    data: dict[str, Any] = {"item": item, "status": status, "cite": ["art_1"], "paraphrase": "p"}
    data |= {"confidence": "low", "note": "n", "score": 0.8}
    if status == "shared":
        data["with"] = ["parliament"]
    return Proposal.model_validate(data | kw)


GOLD = {  # tuning: appoint_pm, dismiss_pm, head_of_state; held out: pardon, veto, consent_pm
    "appoint_pm": coding("shared"),
    "dismiss_pm": coding("sole"),
    "head_of_state": coding("sole"),
    "pardon": coding("absent"),
    "veto": coding("sole"),
    "consent_pm": coding("absent"),
}
FOUND = Extraction(
    "hand-made",
    "en",
    6,
    6,
    (
        proposal("head_of_state", "absent"),  # proposing absent is not proposing: fn
        proposal("appoint_pm", "shared"),  # tp, status right
        proposal("dismiss_pm", "shared"),  # tp, status wrong
        proposal("pardon", "sole"),  # fp
        proposal("veto", "sole"),  # tp, status right
    ),
)


@pytest.fixture
def result(shipped: vertikal.Dataset) -> extract.Evaluation:
    items = [it for it in shipped.items if it.id in GOLD]
    return extract.evaluate(FOUND, GOLD, items, "1999-01-01")


def test_outcomes_per_item(result: extract.Evaluation) -> None:
    got = {r.item: (r.outcome, r.status_ok, r.held_out) for r in result.items}
    assert got == {
        "head_of_state": ("fn", None, False),
        "appoint_pm": ("tp", True, False),
        "dismiss_pm": ("tp", False, False),
        "pardon": ("fp", None, True),
        "veto": ("tp", True, True),
        "consent_pm": ("tn", None, True),
    }
    rows = {r["item"]: r for r in result.to_dict()["items"]}
    assert (rows["pardon"]["precision"], rows["pardon"]["recall"], rows["pardon"]["f1"]) == (0.0, None, 0.0)
    assert (rows["head_of_state"]["precision"], rows["head_of_state"]["recall"]) == (None, 0.0)
    assert rows["consent_pm"]["f1"] is None and rows["veto"]["f1"] == 1.0


def test_overall_tuning_and_held_out_figures(result: extract.Evaluation) -> None:
    o, t, h = result.overall, result.tuning, result.held_out
    assert (o.tp, o.fp, o.fn, o.tn) == (3, 1, 1, 1)
    assert (o.precision, o.recall, o.f1, o.status_accuracy) == (0.75, 0.75, 0.75, 0.6667)
    assert (t.tp, t.fp, t.fn, t.tn) == (2, 0, 1, 0)
    assert (t.precision, t.recall, t.f1, t.status_accuracy) == (1.0, 0.6667, 0.8, 0.5)
    assert (h.tp, h.fp, h.fn, h.tn) == (1, 1, 0, 1)
    assert (h.precision, h.recall, h.f1, h.status_accuracy) == (0.5, 1.0, 0.6667, 1.0)


def test_nothing_proposed_leaves_precision_undefined(shipped: vertikal.Dataset) -> None:
    items = [it for it in shipped.items if it.id in GOLD]
    empty = extract.evaluate(Extraction("x", "en", 0, 0, ()), GOLD, items, "1999-01-01")
    assert (empty.overall.precision, empty.overall.recall, empty.overall.f1) == (None, 0.0, None)
    assert empty.overall.status_accuracy is None


def test_to_dict_states_the_split(result: extract.Evaluation) -> None:
    d = result.to_dict()
    assert "SHA-1" in d["split"] and set(d) >= {"overall", "tuning", "held_out", "items", "version"}
