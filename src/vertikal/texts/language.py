"""Which language a text is in: English, Russian or Kazakh, with a confidence and the evidence.

The script decides first: a text written mostly in Latin letters can only be English here, one
written mostly in Cyrillic is Russian or Kazakh. Then each candidate is confirmed by a maintained
word list, and Kazakh by its own letters:

- English: the share of its words that simplemma's English dictionary knows (a German or French
  text written in Latin letters scores well below an English one);
- Russian: the share of its Cyrillic words that pymorphy3's Russian dictionary knows;
- Kazakh: the share of its Cyrillic words that have a letter Russian lacks (ә ғ қ ң ө ұ ү һ і).
  A Latin ``i`` inside a Cyrillic word counts as ``і``: official Kazakh texts often type it so.
  Words with letters of other Cyrillic alphabets (ї є ґ ў ...) count against Kazakh, so that
  Ukrainian, which has ``і`` too, is not read as Kazakh.

Neither dictionary has Kazakh, and the two tests disagree on a Kazakh text (70% of its words
carry Kazakh letters, 9% are Russian words) as clearly as on a Russian one (0% and 99.8%).
A text that is too short, mixed, or in another language gets ``lang=None``: unknown, which is
not a disagreement with anyone's ``--lang``.

>>> detect("Президент назначает министров с согласия обеих палат Парламента.").lang
'ru'
>>> detect("Президент министрлерді Парламенттің келісімімен тағайындайды.").lang
'kk'
>>> detect("Lorem ipsum").lang is None
True
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass

LANGS = ("en", "ru", "kk")
MIN_WORDS = 5  # fewer words than this: too short to tell
SAMPLE_WORDS = 5_000  # a longer text is sampled evenly to this many words
_KAZAKH_ONLY = frozenset("әғқңөұүһ")
_KAZAKH = _KAZAKH_ONLY | {"і"}
_OTHER_CYRILLIC = frozenset("їєґўђјљњћџѓќ")  # Ukrainian, Belarusian, Serbian, Macedonian letters
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z\u00c0-\u024f]+")  # Latin letters, accented ones too (not English ones)
_LOCK = threading.Lock()
_KNOWN: dict[str, Callable[[str], bool]] = {}


@dataclass(frozen=True)
class Detection:
    """The language of a text (None when it cannot be told), how sure, and why, in one sentence.

    `confidence` is between 0 and 1: the winning language's share of the evidence, lowered for short
    texts. `shares` holds the measured proportions the decision rests on.
    """

    lang: str | None
    confidence: float
    explanation: str
    words: int
    shares: dict[str, float]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _russian() -> Callable[[str], bool]:
    """pymorphy3's test of a Russian dictionary word, loaded once per process."""
    with _LOCK:
        if "ru" not in _KNOWN:
            import pymorphy3  # type: ignore[import-untyped]

            _KNOWN["ru"] = pymorphy3.MorphAnalyzer().word_is_known
        return _KNOWN["ru"]


def _words(text: str) -> list[str]:
    """The words of a text, lower-cased, with a Latin i inside a Cyrillic word read as Kazakh і."""
    out = []
    for w in _WORD.findall(text):
        w = w.lower()
        if "i" in w and _CYRILLIC.search(w):
            w = w.replace("i", "і")
        out.append(w)
    if len(out) > SAMPLE_WORDS:
        step = len(out) / SAMPLE_WORDS
        out = [out[int(i * step)] for i in range(SAMPLE_WORDS)]
    return out


def _sure(share: float, rival: float, words: int) -> float:
    """The winner's share of the evidence, discounted for short texts (5 words: half)."""
    total = share + rival
    return round((share / total if total else 0.0) * words / (words + MIN_WORDS), 2)


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _cyrillic(words: list[str], n: int) -> Detection:
    known, seen = _russian(), dict[str, bool]()
    kazakh = kazakh_only = russian = other = 0
    for w in words:
        if _OTHER_CYRILLIC.intersection(w):
            other += 1
        elif _KAZAKH.intersection(w):
            kazakh += 1
            kazakh_only += bool(_KAZAKH_ONLY.intersection(w))
        else:
            hit = seen.get(w)
            if hit is None:
                hit = seen[w] = bool(known(w))
            russian += hit
    kk, ru = kazakh / len(words), russian / len(words)
    shares = {"cyrillic": _share(len(words), n), "kazakh_letters": round(kk, 3)}
    shares["russian_words"] = round(ru, 3)
    why = f"Cyrillic script; {_pct(kk)} of its words have Kazakh letters, {_pct(ru)} are Russian words"
    if ru >= 0.6 and kk <= 0.2:
        return Detection("ru", _sure(ru, kk, n), why, n, shares)
    if kk >= 0.1 and ru <= 0.35 and other <= kazakh_only:
        return Detection("kk", _sure(kk, ru, n), why, n, shares)
    return Detection(None, 0.0, f"{why}: neither clearly Russian nor Kazakh", n, shares)


def _latin(words: list[str], n: int) -> Detection:
    import simplemma

    en = float(simplemma.in_target_language(" ".join(words), lang="en"))
    shares = {"latin": _share(len(words), n), "english_words": round(en, 3)}
    why = f"Latin script; {_pct(en)} of its words are English words"
    if en >= 0.7:
        return Detection("en", _sure(en, 1 - en, n), why, n, shares)
    return Detection(None, 0.0, f"{why}: not clearly English", n, shares)


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3)


def detect(text: str) -> Detection:
    """The language of `text`: 'en', 'ru', 'kk', or None when it cannot be told (see the module)."""
    words = _words(text)
    cyrillic = [w for w in words if _CYRILLIC.search(w)]
    latin = [w for w in words if _LATIN.fullmatch(w)]
    n = len(cyrillic) + len(latin)
    if n < MIN_WORDS:
        return Detection(None, 0.0, f"too few words ({n}) to tell the language", n, {})
    if len(cyrillic) >= len(latin):
        return _cyrillic(cyrillic, n)
    return _latin(latin, n)


def disagreement(found: Detection, lang: str) -> str | None:
    """Why a text does not look like `lang` (one clause), or None when it may well be in `lang`."""
    if found.lang is None or found.lang == lang:
        return None
    from vertikal import fmt

    said, seen = fmt.language(lang), fmt.language(found.lang)
    return f"it reads as {seen}, not {said} ({found.explanation}; confidence {found.confidence:.2f})"


__all__ = ["LANGS", "Detection", "detect", "disagreement"]
