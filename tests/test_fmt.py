"""The presentation layer: one citation style per language, no Python repr reaching a person."""

from __future__ import annotations

import doctest

import pytest

import vertikal
from vertikal import fmt


def test_the_fmt_doctests() -> None:
    assert doctest.testmod(fmt).failed == 0


@pytest.mark.parametrize(
    ("ref", "lang", "expected"),
    [
        ("art_44", "en", "Art. 44"),
        ("art_44__para_3", "en", "Art. 44(3)"),
        ("art_53__subpara_5", "en", "Art. 53, subpara. 5"),
        ("art_44__para_3__subpara_2", "ru", "ст. 44 п. 3 пп. 2"),
        ("art_94-1__para_2", "ru", "ст. 94-1 п. 2"),
        ("art_44__para_3__subpara_2", "kk", "44-бап 3-тармақ 2) тармақша"),
        ({"id": "art_40__para_1"}, "en", "Art. 40(1)"),
        ("not a citation", "en", "not a citation"),
    ],
)
def test_one_citation_style_per_language(ref: object, lang: str, expected: str) -> None:
    assert fmt.cite(ref, lang) == expected


@pytest.mark.parametrize("v", [None, True, False, [], ["a", None], {"k": None}, 0.5, 2 / 3, 7, 7.0])
@pytest.mark.parametrize("lang", fmt.LANGS)
def test_no_python_repr_reaches_a_person(v: object, lang: str) -> None:
    out = fmt.value(v, lang)
    for token in ("None", "True", "False", "[", "]", "{", "'"):
        assert token not in out


BODIES = {"mazhilis": {"en": "Mazhilis", "ru": "Мажилис"}, "prime_minister": {"en": "Prime Minister"}}


@pytest.mark.parametrize(
    ("a", "b", "lang", "expected"),
    [
        (None, "mazhilis", "en", "— → Mazhilis"),
        (None, "mazhilis", "ru", "— → Мажилис"),
        ("prime_minister", None, "ru", "Prime Minister → —"),  # English when the language lacks a label
        (5, 7, "en", "5 → 7"),
        (["foreign affairs", "defence"], ["defence"], "en", "foreign affairs, defence → defence"),
        (True, False, "ru", "да → нет"),
        ("senate_chair", "vice_president", "en", "senate chair → vice president"),
    ],
)
def test_a_change_reads_as_words(a: object, b: object, lang: str, expected: str) -> None:
    assert fmt.change(a, b, lang, BODIES) == expected


def test_attribute_changes_and_attributes() -> None:
    assert fmt.attr_change("consent_body", None, "mazhilis", bodies=BODIES) == "consent body: — → Mazhilis"
    assert fmt.attrs({"proposal_by": "prime_minister", "years": 5}, bodies=BODIES) == (
        "proposal by: Prime Minister; years: 5"
    )
    assert fmt.value("2/3 of each chamber (laws)") == "2/3 of each chamber (laws)"  # prose stays as it is


@pytest.mark.parametrize(
    ("x", "lang", "expected"), [(2.5, "en", "+2.5"), (-4.5, "ru", "−4,5"), (0, "en", "0")]
)
def test_signed(x: float, lang: str, expected: str) -> None:
    assert fmt.signed(x, lang) == expected


def test_quote() -> None:
    assert fmt.quote("text") == "“text”" and fmt.quote("текст", "ru") == "«текст»"


def test_names_title_a_further_document_in_every_language() -> None:
    names = fmt.Names(
        BODIES, {"1991-12-16": {"independence": {"en": "Independence Law", "ru": "Закон о независимости"}}}
    )
    cites = ["independence/art_10__para_2", "art_5"]
    assert names.cites(cites, "1991-12-16") == "Independence Law, Art. 10(2); Art. 5"
    assert names.cites(cites, "1991-12-16", "ru") == "Закон о независимости, ст. 10 п. 2; ст. 5"
    assert names.cites(cites) == "independence, Art. 10(2); Art. 5"  # no version: the prefix
    assert names.cites([]) == "—"
    assert names.bodies(["mazhilis", "unknown_body"], "ru") == "Мажилис, unknown body"


def test_names_from_json_equal_names_of_a_dataset(shipped: vertikal.Dataset) -> None:
    from vertikal import queries

    of = fmt.Names.of(shipped)
    assert shipped.codebook is not None
    bodies = {k: v.model_dump() for k, v in shipped.codebook.bodies.items()}
    from_json = fmt.Names.from_json(bodies, queries.versions(shipped))
    for version in ("1991-12-16", "2017-03-10"):
        for lang in ("en", "ru"):
            assert of.docs(version, lang) == from_json.docs(version, lang)
    assert of.bodies(["mazhilis"], "ru") == from_json.bodies(["mazhilis"], "ru") == "Мажилис"
