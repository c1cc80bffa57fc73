"""An article's amendment history, read from its footnotes.

Footnotes mix two things: references to court rulings (``See Resolution ...``, ``См. постановление
...``) and records of the acts that amended the article (``Article 2 as amended by the Law ... of 21 May
2007``, ``Статья 2 с изменениями, внесенными Законом РК от 21 мая 2007 г.``, ``... 2007 жылғы 21
мамырдағы ...``). The history is the dates of those acts, in ISO form. Parenthesised remarks (``(in
force from ...)``) are ignored, so entry-into-force dates are not taken for amending acts.
"""

from __future__ import annotations

import re

from vertikal.texts.model import Node

_AMEND = re.compile(
    r"amended|supplemented|excluded|wording|изменени|дополн|исключ|редакци|өзгеріс|өзгерiс|толықтыр|"
    r"ал(?:ын)?ып\s+таст|редакция",
    re.IGNORECASE,
)
_RULING = re.compile(r"\bSee\b|\bСм\.|постановлени|Resolution|қаулы", re.IGNORECASE)
_SPLIT = re.compile(r";|\.\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
_PARENS = re.compile(r"\([^()]*\)")
_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_WORDS = re.compile(r"\b(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})\b")
_KK = re.compile(r"\b(\d{4})\s+жылғы\s+(\d{1,2})\s+([^\W\d_]+)")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
    "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
    "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip


def _month(word: str) -> int | None:
    w = word.lower()
    if w in _MONTHS:
        return _MONTHS[w]
    for stem, n in _MONTHS.items():  # Kazakh months take case endings: мамырдағы, қазандағы
        if len(stem) >= 5 and w.startswith(stem):
            return n
    return None


def _iso(year: str, month: int | None, day: str) -> str | None:
    d = int(day)
    if month is None or not 1 <= month <= 12 or not 1 <= d <= 31:
        return None
    return f"{int(year):04d}-{month:02d}-{d:02d}"


def _dates(segment: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _NUMERIC.finditer(segment):
        iso = _iso(m[3], int(m[2]), m[1])
        found += [(m.start(), iso)] if iso else []
    for m in _WORDS.finditer(segment):
        iso = _iso(m[3], _month(m[2]), m[1])
        found += [(m.start(), iso)] if iso else []
    for m in _KK.finditer(segment):
        iso = _iso(m[1], _month(m[3]), m[2])
        found += [(m.start(), iso)] if iso else []
    return sorted(found)


def amendment_dates(text: str) -> list[str]:
    """The dates of the amending acts that one footnote records, in order, without repeats."""
    out: list[str] = []
    amending = False
    for segment in _SPLIT.split(_PARENS.sub(" ", text)):
        if _RULING.search(segment) and not _AMEND.search(segment):
            amending = False
        elif _AMEND.search(segment):
            amending = True
        if amending:
            out += [iso for _, iso in _dates(segment) if iso not in out]
    return out


def history(node: Node) -> list[str]:
    """The dates of every act that the node's footnotes say amended it, oldest first."""
    dates: set[str] = set()
    for child in node.children:
        if child.kind == "footnote":
            dates.update(amendment_dates(child.text))
    return sorted(dates)
