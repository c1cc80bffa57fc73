"""Kazakh stems for extraction: suffix-stripping rules as data, and Hunspell's Kazakh dictionary.

Two analysers turn a Kazakh word into the stem that patterns are matched on:

* ``suffixes`` (the default): the rules of ``data/patterns/kk-suffixes.yaml`` (see its header). It
  loads in milliseconds and gives every inflected form of a word the same stem.
* ``hunspell``: Debian's ``hunspell-kk`` dictionary (``/usr/share/hunspell/kk_KZ.{aff,dic}``) read
  with spylls, a pure-Python Hunspell; the stem is the shortest dictionary stem Hunspell finds for the
  word, or the word itself when it finds none. Kept for comparison (``bench/run.py kk-analysers``).

Neither downloads anything: the rules ship with vertikal, the dictionary is a system package.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints, ValidationError

from vertikal import _yaml
from vertikal.models import Strict
from vertikal.problems import VertikalError

ANALYSERS = ("suffixes", "hunspell")
HUNSPELL = Path("/usr/share/hunspell/kk_KZ")  # + .aff and .dic, from Debian's hunspell-kk
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")
Suffix = Annotated[str, StringConstraints(pattern=r"^[^\W\d_A-Z]+(?:/[^\W\d_]+)?$")]


class AnalyserError(VertikalError, ValueError):
    """A Kazakh analyser that cannot be loaded (bad rules file, missing dictionary)."""


class SuffixRules(Strict):
    schema_: int = Field(alias="schema")
    min_stem: int = Field(ge=1)
    glide: str
    letters: dict[str, str] = {}
    classes: dict[Annotated[str, StringConstraints(pattern=r"^[A-Z]$")], str] = {}
    keep: list[str] = []
    final: list[Suffix]
    case: list[Suffix]
    possessive: list[Suffix]
    plural: list[Suffix]
    nonfinite: list[Suffix]


@dataclass(frozen=True)
class _Slot:
    """Suffixes of one slot, longest first, each with the letters it must follow ('' = any)."""

    suffixes: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, items: list[str], classes: dict[str, str]) -> _Slot:
        pairs = []
        for item in items:
            suffix, _, after = item.partition("/")
            pairs.append((suffix, "".join(classes.get(c, c) for c in after)))
        return cls(tuple(sorted(pairs, key=lambda p: -len(p[0]))))

    def strip(self, word: str, min_stem: int) -> str:
        for suffix, after in self.suffixes:
            rest = len(word) - len(suffix)
            if rest >= min_stem and word.endswith(suffix) and (not after or word[rest - 1] in after):
                return word[:rest]
        return word


class Stemmer:
    """The suffix-stripping stemmer of a rules file."""

    def __init__(self, rules: SuffixRules) -> None:
        self.min_stem = rules.min_stem
        self.glide = rules.glide
        self.letters = str.maketrans(rules.letters)
        self.keep = tuple(rules.keep)
        self.final = _Slot.of(rules.final, rules.classes)
        slots = (rules.case, rules.possessive, rules.plural, rules.nonfinite)
        self.slots = [_Slot.of(s, rules.classes) for s in slots]
        self.vowels = frozenset(rules.classes.get("V", "аәеёиоөуұүыіэюя"))

    def normalize(self, word: str) -> str:
        """Lower case, with Latin look-alike letters in a Cyrillic word made Cyrillic (бiрлестiк)."""
        word = word.lower()
        return word.translate(self.letters) if _CYRILLIC.search(word) else word

    def __call__(self, word: str) -> str:
        w = self.normalize(word)
        if len(w) <= self.min_stem or not _CYRILLIC.search(w):
            return w
        least = max([self.min_stem, *(len(k) for k in self.keep if w.startswith(k))])
        stripped = self.final.strip(w, least)
        if stripped == w:
            for slot in self.slots:
                stripped = slot.strip(stripped, least)
        if len(stripped) > least and stripped[-1] in self.glide and stripped[-2] in self.vowels:
            stripped = stripped[:-1]
        return stripped


def rules_path() -> Path:
    return Path(str(resources.files("vertikal") / "data" / "patterns" / "kk-suffixes.yaml"))


def load_rules(path: Path | None = None) -> SuffixRules:
    """Read and validate the suffix rules; AnalyserError names the file and line of a problem."""
    path = path or rules_path()
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        raise AnalyserError(f"{path}:{exc.line}: {exc.message}") from None
    except OSError as exc:
        raise AnalyserError(f"{path}: cannot read: {exc.strerror}") from None
    if doc.duplicates:
        where, line = doc.duplicates[0]
        raise AnalyserError(f"{path}:{line}: duplicate key {'.'.join(map(str, where))!r}")
    try:
        return SuffixRules.model_validate(doc.value)
    except ValidationError as exc:
        errs = exc.errors()
        err = next((e for e in errs if e["type"] == "extra_forbidden"), errs[0])  # the likelier cause
        loc = tuple(err["loc"])
        dotted = ".".join(str(p) for p in loc) or "(top)"
        raise AnalyserError(f"{path}:{doc.line(loc)}: {dotted}: {err['msg']}") from None


def suffix_stemmer(path: Path | None = None) -> Callable[[str], str]:
    return Stemmer(load_rules(path))


def hunspell_stemmer(base: Path | None = None) -> Callable[[str], str]:
    """Hunspell's stems (spylls); the word itself, lower-cased, where the dictionary has none."""
    base = base or Path(os.environ.get("VERTIKAL_HUNSPELL_KK", str(HUNSPELL)))
    if not base.with_suffix(".dic").is_file() or not base.with_suffix(".aff").is_file():
        raise AnalyserError(
            f"{base}.dic: no Kazakh Hunspell dictionary; install Debian's hunspell-kk "
            "(apt-get install hunspell-kk) or use the suffixes analyser"
        )
    from spylls.hunspell import Dictionary  # type: ignore[import-untyped]

    lookup = Dictionary.from_files(str(base)).lookuper
    normalize = Stemmer(load_rules()).normalize

    def stem(word: str) -> str:
        w = normalize(word)
        stems = {str(form.stem) for form in lookup.good_forms(w)}
        return min(stems, key=lambda s: (len(s), s)) if stems else w

    return stem


def analyser(name: str) -> Callable[[str], str]:
    """The stemmer called `name` (one of ANALYSERS), loaded now."""
    if name == "suffixes":
        return suffix_stemmer()
    if name == "hunspell":
        return hunspell_stemmer()
    raise AnalyserError(f"unknown Kazakh analyser {name!r}: expected one of {', '.join(ANALYSERS)}")
