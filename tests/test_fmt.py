"""The presentation layer: one citation style per language, no Python repr reaching a person."""

from __future__ import annotations

import doctest

import pytest

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
