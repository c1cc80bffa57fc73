"""Tokens and lemmas: razdel + pymorphy3 for Russian, a word pattern + simplemma for English, a word
pattern + a stemmer for Kazakh (:mod:`vertikal.extract.kazakh`; its analyser is chosen with
:func:`use_analyser`, the suffix rules by default).

The lemmatizers are loaded lazily, once per process, on the first text of their language; each
token's lemma is remembered, so a long text costs one dictionary lookup per distinct word form.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

LANGS = ("en", "ru", "kk")
_WORD = re.compile(r"\d+/\d+|[^\W_]+(?:[-'’][^\W_]+)*")
_LOCK = threading.Lock()
_LEMMATIZERS: dict[str, Callable[[str], str]] = {}
_TOKENIZERS: dict[str, Callable[[str], list[str]]] = {}
_ANALYSERS = {"kk": "suffixes"}  # the analyser of each language that has a choice


def _english() -> tuple[Callable[[str], list[str]], Callable[[str], str]]:
    import simplemma

    def tokens(text: str) -> list[str]:
        out = []
        for word in _WORD.findall(text.lower()):
            if word.endswith(("'s", "’s")):
                word = word[:-2]
            out.append(word)
        return out

    def lemma(word: str) -> str:
        if not word[0].isalpha():
            return word
        return str(simplemma.lemmatize(word, lang="en"))

    simplemma.lemmatize("appoints", lang="en")  # load the dictionary now, not on the first text
    return tokens, lemma


def _russian() -> tuple[Callable[[str], list[str]], Callable[[str], str]]:
    import pymorphy3  # type: ignore[import-untyped]
    from razdel import tokenize  # type: ignore[import-untyped]

    morph = pymorphy3.MorphAnalyzer()

    def tokens(text: str) -> list[str]:
        return [t.text.lower().replace("ё", "е") for t in tokenize(text)]

    def lemma(word: str) -> str:
        if not word[0].isalpha():
            return word
        return str(morph.parse(word)[0].normal_form).replace("ё", "е")

    return tokens, lemma


def _kazakh() -> tuple[Callable[[str], list[str]], Callable[[str], str]]:
    from vertikal.extract.kazakh import analyser

    stem = analyser(_ANALYSERS["kk"])

    def tokens(text: str) -> list[str]:
        return _WORD.findall(text.lower())

    def lemma(word: str) -> str:
        return stem(word) if word[0].isalpha() else word

    return tokens, lemma


def analyser(lang: str) -> str:
    """The name of the analyser that `lang` uses ('' if it has no choice)."""
    return _ANALYSERS.get(lang, "")


def use_analyser(lang: str, name: str) -> None:
    """Use analyser `name` for `lang` from now on (loaded on the next text; see vertikal.extract.kazakh)."""
    from vertikal.extract.kazakh import ANALYSERS

    if lang != "kk" or name not in ANALYSERS:
        raise ValueError(f"no analyser {name!r} for {lang!r}: Kazakh has {', '.join(ANALYSERS)}")
    with _LOCK:
        _ANALYSERS[lang] = name
        _LEMMATIZERS.pop(lang, None)
        _TOKENIZERS.pop(lang, None)


def load(lang: str) -> None:
    """Load the tokenizer and lemmatizer of `lang` (once; later calls return at once)."""
    if lang in _LEMMATIZERS:
        return
    if lang not in LANGS:
        raise ValueError(f"no lemmatizer for language {lang!r}: expected one of {', '.join(LANGS)}")
    with _LOCK:
        if lang in _LEMMATIZERS:
            return
        tokens, lemma = {"en": _english, "ru": _russian, "kk": _kazakh}[lang]()
        cache: dict[str, str] = {}

        def cached(word: str) -> str:
            found = cache.get(word)
            if found is None:
                found = cache[word] = lemma(word)
            return found

        _TOKENIZERS[lang] = tokens
        _LEMMATIZERS[lang] = cached


def lemmas(text: str, lang: str) -> list[str]:
    """The lemmas of `text`'s words (lower case), punctuation dropped."""
    load(lang)
    lemma = _LEMMATIZERS[lang]
    return [lemma(t) for t in _TOKENIZERS[lang](text) if t[0].isalnum()]
