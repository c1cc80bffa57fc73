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
        ("art_44__para_3__subpara_2", "kk", "44-бап, 3-тармақ, 2) тармақша"),
        ("art_44__para_3", "kk", "44-бап, 3-тармақ"),
        ("art_44__subpara_10-1", "kk", "44-бап, 10-1) тармақша"),
        ("art_94-1", "kk", "94-1-бап"),
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


# issue 14: the Kazakh words of the presentation layer


def test_every_language_has_every_word() -> None:
    for lang in fmt.LANGS:
        missing = set(fmt.WORDS["en"]) - set(fmt.WORDS[lang])
        assert not missing, (lang, sorted(missing))


SAME_IN_RU_AND_KK = {"none", "kib"}  # a dash; КиБ, the IEC unit as both languages write it


def test_the_kazakh_words_are_kazakh() -> None:
    """No English or Russian word stands in for a Kazakh one (Kazakh has letters Russian lacks)."""
    kk, ru = fmt.WORDS["kk"], fmt.WORDS["ru"]
    for key, text in kk.items():
        if text in ("—", ""):
            continue
        assert not any("a" <= ch.lower() <= "z" for ch in text), (key, text)
        assert text != ru[key] or key in SAME_IN_RU_AND_KK, (key, text)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: fmt.status("sole", "kk"), "дербес"),
        (lambda: fmt.status("shared", "kk"), "бірлесіп"),
        (lambda: fmt.confidence("medium", "kk"), "орташа"),
        (lambda: fmt.value(True, "kk"), "иә"),
        (lambda: fmt.value(False, "kk"), "жоқ"),
        (lambda: fmt.number(33.5, "kk"), "33,5"),
        (lambda: fmt.signed(-4.5, "kk"), "−4,5"),
        (lambda: fmt.score(0.70925, "kk"), "0,71"),
        (lambda: fmt.percent(0.958, "kk"), "95,8%"),
        (lambda: fmt.percent(0.958, "ru"), "95,8 %"),
        (lambda: fmt.coefficient(-0.12, "kk"), "-0,120"),
        (lambda: fmt.date_long("2007-05-21", "kk"), "2007\u202fж. 21 мамыр"),  # narrow nbsp (Babel)
        (lambda: fmt.language("ru", "kk"), "орыс тілі"),
        (lambda: fmt.source_kind("mirror", "kk"), "айна-репозиторий"),
        (lambda: fmt.quote("мәтін", "kk"), "«мәтін»"),
    ],
)
def test_kazakh_values(call: object, expected: str) -> None:
    assert callable(call)
    assert call() == expected


def test_kazakh_percent_and_date_follow_babel() -> None:
    """The Kazakh forms are CLDR's (Babel's kk locale), not hand-made."""
    import datetime as dt

    from babel.dates import format_date
    from babel.numbers import format_percent

    assert fmt.percent(0.958, "kk") == format_percent(0.958, "#,##0.0%", locale="kk")
    assert fmt.date_long("1995-08-30", "kk") == format_date(dt.date(1995, 8, 30), "long", locale="kk")


def test_a_document_title_stands_before_a_kazakh_citation() -> None:
    names = fmt.Names({}, {"1991-12-16": {"independence": {"en": "Law", "ru": "Закон", "kk": "Заң"}}})
    assert names.cites(["independence/art_10__para_2", "art_5"], "1991-12-16", "kk") == (
        "Заң, 10-бап, 2-тармақ; 5-бап"
    )
