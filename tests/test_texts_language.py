"""The language detector: the three official texts of 2022 and short synthetic snippets of our own."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS
from vertikal.texts import language
from vertikal.texts.language import detect, disagreement

REAL = {
    "en": CORPUS / "kz-constitution-1995-rev2022-09.en.txt",
    "ru": CORPUS / "kz-constitution-1995-rev2022-09.ru.md",
    "kk": CORPUS / "kz-constitution-1995-rev2022-09.kk.md",
}


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_official_texts_of_2022(lang: str) -> None:
    path = REAL[lang]
    if not path.is_file():
        pytest.skip(f"{path} is absent (shared corpus not beside the repository)")
    found = detect(path.read_text(encoding="utf-8"))
    assert found.lang == lang, found
    assert found.confidence >= 0.85 and found.words > 0.9 * language.SAMPLE_WORDS  # a long text is sampled
    for other in {"en", "ru", "kk"} - {lang}:
        assert disagreement(found, other) is not None
    assert disagreement(found, lang) is None


def test_measured_shares_on_the_official_texts() -> None:
    """What the decision rests on: Kazakh letters vs Russian dictionary words, far apart."""
    if not REAL["ru"].is_file():
        pytest.skip("shared corpus absent")
    ru = detect(REAL["ru"].read_text(encoding="utf-8")).shares
    kk = detect(REAL["kk"].read_text(encoding="utf-8")).shares
    assert ru["kazakh_letters"] < 0.01 and ru["russian_words"] > 0.95
    assert kk["kazakh_letters"] > 0.6 and kk["russian_words"] < 0.2


# Short snippets written for these tests (not quoted from any law).
SNIPPETS = [
    ("The President appoints the ministers after hearing the Parliament.", "en"),
    ("Article 3. The head of state may dissolve the chamber once a year.", "en"),
    ("Президент назначает министров после консультаций с Парламентом.", "ru"),
    ("Статья 3. Глава государства вправе распустить палату один раз в год.", "ru"),
    ("Президент Парламенттің келісімімен министрлерді тағайындайды.", "kk"),
    ("3-бап. Мемлекет басшысы палатаны жылына бір рет тарата алады.", "kk"),
    # Kazakh typed with a Latin i for і, as official texts often are
    ("Мемлекет басшысы министрлердi Парламенттiң келiсiмiмен тағайындайды.", "kk"),
    # a Russian sentence that names a Kazakh body in Kazakh stays Russian
    ("Мәжіліс принимает законы большинством голосов от общего числа депутатов.", "ru"),
    # not one of ours: unknown, never a wrong guess
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.", None),
    ("Der Präsident ernennt die Minister nach Anhörung des Parlaments.", None),
    ("Президент України призначає міністрів за згодою Верховної Ради, і це його право.", None),
    ("Статья 1", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "lang"), SNIPPETS)
def test_snippets(text: str, lang: str | None) -> None:
    found = detect(text)
    assert found.lang == lang, found
    assert found.explanation
    if lang is None:
        assert found.confidence == 0.0 and disagreement(found, "ru") is None


def test_short_texts_are_less_sure_than_long_ones() -> None:
    short = detect("Президент назначает министров и судей.")
    long = detect("Президент назначает министров и судей. " * 40)
    assert short.lang == long.lang == "ru"
    assert short.confidence < long.confidence <= 1.0


def test_disagreement_names_both_languages() -> None:
    found = detect("Президент Парламенттің келісімімен министрлерді тағайындайды.")
    message = disagreement(found, "ru")
    assert message is not None
    assert message.startswith("it reads as Kazakh, not Russian") and "Kazakh letters" in message


def test_detection_to_dict_is_plain() -> None:
    d = detect("The President appoints the ministers after hearing the Parliament.").to_dict()
    assert set(d) == {"lang", "confidence", "explanation", "words", "shares"} and d["lang"] == "en"


def test_doctests() -> None:
    assert doctest.testmod(language).failed == 0


ALPHABET = "abcdeiz АБВабвгеийк әғқңөұүһі 0123456789.,;:!?()-\n"


@settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_gets_a_valid_answer(text: str) -> None:
    found = detect(text)
    assert found.lang in (None, "en", "ru", "kk")
    assert 0.0 <= found.confidence <= 1.0
    assert (found.lang is None) == (found.confidence == 0.0) or found.lang is not None
    if found.lang == "kk":  # never Kazakh without a letter only Kazakh has
        assert any(c in text.lower() for c in "әғқңөұүһ")


def test_language_and_source_names_come_from_fmt() -> None:
    from vertikal import fmt

    assert [fmt.language(c) for c in ("en", "ru", "kk")] == ["English", "Russian", "Kazakh"]
    assert fmt.language("kk", "ru") == "казахский" and fmt.language("xx") == "xx"
    assert fmt.source_kind("mirror") == "mirror repository"
    assert fmt.source_kind("official", "ru") == "официальный портал"
    assert fmt.source_kind(None) == "origin not stated"
