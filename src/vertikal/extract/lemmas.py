"""Tokens and lemmas: razdel + pymorphy3 for Russian, a word pattern + simplemma for English.

The lemmatizers are loaded lazily, once per process, on the first text of their language; each
token's lemma is remembered, so a long text costs one dictionary lookup per distinct word form.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

LANGS = ("en", "ru")
_WORD = re.compile(r"\d+/\d+|[^\W_]+(?:[-'’][^\W_]+)*")
_LOCK = threading.Lock()
_LEMMATIZERS: dict[str, Callable[[str], str]] = {}
_TOKENIZERS: dict[str, Callable[[str], list[str]]] = {}


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


def load(lang: str) -> None:
    """Load the tokenizer and lemmatizer of `lang` (once; later calls return at once)."""
    if lang in _LEMMATIZERS:
        return
    if lang not in LANGS:
        raise ValueError(f"no lemmatizer for language {lang!r}: expected one of {', '.join(LANGS)}")
    with _LOCK:
        if lang in _LEMMATIZERS:
            return
        tokens, lemma = _english() if lang == "en" else _russian()
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
