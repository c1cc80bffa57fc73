"""Texts checked at the door: what `corpus add` verifies before a user's file enters the cache.

A file is refused, and nothing is written, when

- it is named ``.pdf`` but is not a PDF;
- it cannot be read (a damaged or encrypted PDF, a binary, an unknown encoding: one line each);
- the parser finds no article in it (say, "Lorem ipsum"), or an article number twice;
- its detected language is not the one it is filed under (see :mod:`vertikal.texts.language`);
- the cache already has a different text of that version in that language.

``force=True`` imports it anyway (by its content, whatever its name says) and replaces a cached
text. Importing the very same text again changes nothing and is not refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from vertikal.problems import VertikalError
from vertikal.texts.cache import Entry, check_key, find, store
from vertikal.texts.decode import read_bytes
from vertikal.texts.extract import extract
from vertikal.texts.language import Detection, detect, disagreement
from vertikal.texts.model import ParseError
from vertikal.texts.parser import parse


class Refused(VertikalError, ValueError):
    """A file `corpus add` will not import without --force; the message gives every reason, in one line."""


@dataclass(frozen=True)
class Intake:
    """The cached entry, the language detected in the text, and what happened to the cache."""

    entry: Entry
    detected: Detection
    replaced: Entry | None  # the entry it replaced (under --force)
    unchanged: bool  # the same text was already cached: nothing was written

    def warnings(self) -> list[str]:
        """What the user should know although the text was imported (one line each)."""
        out = []
        if self.detected.lang is None:
            out.append(f"could not tell the language of the text ({self.detected.explanation})")
        elif self.detected.lang != self.entry.lang:
            out.append(f"imported under --force although {disagreement(self.detected, self.entry.lang)}")
        if self.replaced is not None:
            old = self.replaced
            out.append(f"replaced the cached text from {old.origin} (sha256 {old.sha256[:12]})")
        return out


def _not_pdf(path: Path, data: bytes) -> bool:
    return path.suffix.lower() == ".pdf" and not data.startswith(b"%PDF-")


def admit(path: Path, version: str, lang: str, *, cache: Path | None = None, force: bool = False) -> Intake:
    """Import `path` as the text of `version` in `lang`, after the checks of the module docstring."""
    check_key(version, lang)
    name = str(path)
    data = read_bytes(path)
    if _not_pdf(path, data) and not force:
        raise Refused(
            f"{name}: named .pdf but not a PDF (it does not start with %PDF-); rename it to what it is, "
            "or use --force to import it by its content; nothing was written"
        )
    text, fmt = extract(data, name)
    reasons = []
    try:
        parse(text, name)
    except ParseError as exc:
        reasons.append(str(exc).removeprefix(f"{name}: "))
    detected = detect(text)
    wrong = disagreement(detected, lang)
    if wrong:
        reasons.append(f"filed as --lang {lang}, but {wrong}")
    body = text.encode("utf-8")
    old = find(version, lang, cache)
    if old is not None and old.sha256 == hashlib.sha256(body).hexdigest():
        return Intake(old, detected, None, True)
    if old is not None:
        reasons.append(
            f"the cache already has a text of {version} in {lang} (from {old.origin}, added {old.added})"
        )
    if reasons and not force:
        raise Refused(f"{name}: not imported: {'; '.join(reasons)}; nothing was written (--force imports it)")
    entry = store(version, lang, body, str(path.resolve()), fmt, cache, kind="file")
    return Intake(entry, detected, old, False)


__all__ = ["Intake", "Refused", "admit"]
