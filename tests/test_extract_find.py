"""Issues 8 and 14: proposals from synthetic English, Russian and Kazakh texts (our own wording, not law
texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

import vertikal
from vertikal import extract, texts
from vertikal.extract import lemmas
from vertikal.extract.provisions import clauses
from vertikal.models import Coding

FIXTURES = Path(__file__).parent / "fixtures" / "extract"

# item -> (status, with, attrs) expected from both synthetic texts
EXPECTED = {
    "head_of_state": ("sole", [], {}),
    "pardon": ("sole", [], {}),
    "appoint_pm": ("shared", ["mazhilis"], {"consent_body": "mazhilis"}),
    "dismiss_pm": ("sole", [], {}),
    "appoint_ministers": ("shared", ["prime_minister"], {"proposal_by": "prime_minister"}),
    "veto": ("sole", [], {}),
    "veto_override": ("sole", [], {"threshold": "2/3"}),
    "commander_in_chief": ("sole", [], {}),
    "popular_election": ("sole", [], {}),
    "term_limit": ("sole", [], {"max_terms": 2}),
    "consent_pm": ("sole", [], {"body": "mazhilis"}),
    "no_confidence": ("sole", [], {"threshold": "majority"}),
}


@pytest.fixture(scope="module", params=["en", "ru", "kk"])
def found(request: pytest.FixtureRequest) -> extract.Extraction:
    tree = texts.parse_file(FIXTURES / f"synthetic.{request.param}.txt")
    assert tree.lang == request.param
    return extract.suggest(tree, vertikal.load().codebook)


def test_expected_items_statuses_bodies_and_attributes(found: extract.Extraction) -> None:
    for item, (status, with_, attrs) in EXPECTED.items():
        p = found.get(item)
        assert p is not None, item
        assert (p.status, p.with_) == (status, with_), item
        assert attrs.items() <= p.attrs.items(), (item, p.attrs)
    assert {p.item for p in found.proposals} - set(EXPECTED) == {"term_length", "appoint_senators"}


def test_attributes_read_from_numbers(found: extract.Extraction) -> None:
    years = {"en": 6, "ru": 5, "kk": 5}[found.lang]
    senators = {"en": 12, "ru": 10, "kk": 10}[found.lang]
    assert found.get("term_length").attrs["years"] == years  # type: ignore[union-attr]
    assert found.get("appoint_senators").attrs["count"] == senators  # type: ignore[union-attr]


def test_one_enumerated_subparagraph_yields_several_items(found: extract.Extraction) -> None:
    from_44_1 = {p.item for p in found.proposals if p.cite[0] == "art_44__subpara_1"}
    assert {"appoint_pm", "dismiss_pm", "consent_pm"} <= from_44_1


def test_proposals_are_codings_with_a_score(found: extract.Extraction) -> None:
    codebook = {it.id: it for it in vertikal.load().items}
    for p in found.proposals:
        coding = p.to_coding()
        assert isinstance(coding, Coding)
        assert coding.confidence == "low" and coding.cite
        assert coding.note == f"proposed by vertikal extract from {p.cite[0]}; to be confirmed"
        assert 0.0 <= p.score <= 1.0
        assert p.status in codebook[p.item].statuses
        assert set(p.attrs) <= set(codebook[p.item].attributes)
        assert p.to_dict()["item"] == p.item and p.to_dict()["score"] == p.score
    assert [p.item for p in found.proposals] == [i for i in codebook if found.get(i)]


def test_the_actor_must_act() -> None:
    text = "Article 3\n\n1. The Government grants pardons.\n\n2. The courts shall grant pardons.\n"
    found = extract.suggest(texts.parse(text), vertikal.load().codebook)
    assert found.get("pardon") is None


def test_excluded_provisions_are_skipped() -> None:
    text = (
        "Article 5\n\n1. Excluded (it let the President grant pardons).\n\n2. The President grants pardons.\n"
    )
    tree = texts.parse(text)
    assert tree.get("art_5__para_1").excluded  # type: ignore[union-attr]
    found = extract.suggest(tree, vertikal.load().codebook)
    assert found.get("pardon").cite == ["art_5__para_2"]  # type: ignore[union-attr]


def test_transitional_sections_count_for_less() -> None:
    body = "Article 90\n\nThe President is the commander-in-chief until the first election.\n"
    codebook = vertikal.load().codebook
    plain = extract.suggest(texts.parse(f"Section IX\nFinal provisions\n\n{body}"), codebook)
    passing = extract.suggest(texts.parse(f"Section IX\nTransitional provisions\n\n{body}"), codebook)
    score = plain.get("commander_in_chief").score  # type: ignore[union-attr]
    assert passing.get("commander_in_chief").score == pytest.approx(score - 0.3)  # type: ignore[union-attr]
    strict = extract.suggest(
        texts.parse(f"Section IX\nTransitional provisions\n\n{body}"), codebook, min_score=0.7
    )
    assert strict.get("commander_in_chief") is None


def test_clauses_split_at_semicolons_and_sentences() -> None:
    tree = texts.parse("Article 7\n\nThe President shall:\n1) do one; do two. Then three;\n")
    got = [(c.provision, c.text, c.enumerated) for c in clauses(tree)]
    assert got[1:] == [
        ("art_7__subpara_1", "do one", True),
        ("art_7__subpara_1", "do two", True),
        ("art_7__subpara_1", "Then three", True),
    ]


def test_items_filter_and_language_override() -> None:
    tree = texts.parse_file(FIXTURES / "synthetic.en.txt")
    only = extract.suggest(tree, vertikal.load().codebook, items=["pardon"])
    assert [p.item for p in only.proposals] == ["pardon"]
    with pytest.raises(ValueError, match="no extraction patterns for language 'de'"):
        extract.suggest(tree, vertikal.load().codebook, "de")


def test_lemmatizers_load_once() -> None:
    lemmas.load("ru")
    first = lemmas._LEMMATIZERS["ru"]
    lemmas.load("ru")
    assert lemmas._LEMMATIZERS["ru"] is first
    assert lemmas.lemmas("назначает Премьер-Министра", "ru") == ["назначать", "премьер-министр"]
    assert lemmas.lemmas("appoints the President's ministers", "en") == [
        "appoint",
        "the",
        "president",
        "minister",
    ]
