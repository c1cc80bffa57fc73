"""The decentralization index as data (``decentralization.yaml``): the directness scale, the place of
every selection method on it, the weighting and the sources. Validated on load; problems are VK036.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field, ValidationError, model_validator

from vertikal import _yaml
from vertikal.akims.models import Method
from vertikal.models import Ident, Labels, Strict

if TYPE_CHECKING:
    from vertikal.dataset import Dataset

FILE = "decentralization.yaml"
# methods that are not a rule of their own: scored from the rollout's two rules, or unknown
UNSCORED = frozenset({"mixed_rollout", "unknown"})
SCORED = tuple(m for m in typing.get_args(Method) if m not in UNSCORED)
# why a tier has no score in a year; each needs words in the definition's `reasons`
REASONS = ("no_rule", "unknown_method", "unknown_share", "unknown_rest", "no_units")


class Level(Strict):
    """One step of the directness scale and the selection methods that sit on it."""

    id: Ident
    level: int = Field(ge=0)
    label: Labels
    means: Labels
    methods: list[Method]


class IndexSource(Strict):
    cite: str
    url: str = ""
    verified: str = ""


class IndexDef(Strict):
    id: Ident
    label: Labels
    follows: Labels
    scale: list[Level]
    rollout: Labels
    weighting: Labels
    unknown: Labels
    max_unknown_weight: float = Field(ge=0, le=1)
    reasons: dict[str, Labels]
    sources: list[IndexSource]
    assumptions: list[str] = []

    @model_validator(mode="after")
    def _every_method_once(self) -> IndexDef:
        if [lv.level for lv in self.scale] != list(range(len(self.scale))) or len(self.scale) < 2:
            raise ValueError("scale: give at least two levels, numbered 0, 1, 2, ... in order")
        placed = [m for lv in self.scale for m in lv.methods]
        for m in sorted(set(placed)):
            if m in UNSCORED:
                raise ValueError(f"scale: {m} is not a rule of its own and takes no level")
            if placed.count(m) > 1:
                raise ValueError(f"scale: method {m} is on more than one level")
        missing = [m for m in SCORED if m not in placed]
        if missing:
            raise ValueError(f"scale: no level for method(s) {', '.join(missing)}")
        if sorted(self.reasons) != sorted(REASONS):
            raise ValueError(f"reasons: give words for exactly {', '.join(REASONS)}")
        return self

    @property
    def top(self) -> int:
        return self.scale[-1].level

    def level_of(self, method: str) -> Level | None:
        """The level of a selection method; None for `mixed_rollout` and `unknown`."""
        for lv in self.scale:
            if method in lv.methods:
                return lv
        return None

    def score_of(self, method: str) -> float | None:
        """A unit's score, 0 to 1: its level over the top level."""
        lv = self.level_of(method)
        return None if lv is None else lv.level / self.top


class IndexDefError(Exception):
    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


def path_of(ds: Dataset) -> Path:
    """The data directory's index definition, or the built-in one when the directory has none."""
    from vertikal.dataset import default_root

    own = ds.root / FILE
    return own if own.is_file() else default_root() / FILE


def read(path: Path) -> IndexDef:
    """Parse and validate a definition; the first problem raises IndexDefError with its line."""
    return read_doc(path)[0]


def read_doc(path: Path) -> tuple[IndexDef, _yaml.Doc]:
    """As `read`, with the parsed document (for line numbers)."""
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        raise IndexDefError(path, exc.line, exc.message) from None
    if doc.duplicates:
        dup, line = doc.duplicates[0]
        raise IndexDefError(path, line, f"duplicate key {'.'.join(map(str, dup))!r}")
    try:
        return IndexDef.model_validate(doc.value), doc
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in loc)
        msg = str(err["msg"]).removeprefix("Value error, ")
        if not loc:  # a check over the whole file names its key first ("scale: ...")
            loc = (msg.split(":", 1)[0],)
        raise IndexDefError(path, doc.line(loc), f"{where}: {msg}" if where else msg) from None


_CACHE: dict[str, IndexDef] = {}


def load_index(ds: Dataset) -> IndexDef:
    """The index definition for this data set (cached); a bad file raises AkimsError naming file and line."""
    from vertikal.akims import AkimsError

    path = path_of(ds)
    key = str(path)
    if key not in _CACHE:
        try:
            _CACHE[key] = read(path)
        except IndexDefError as exc:
            raise AkimsError(str(exc)) from None
    return _CACHE[key]


def entry(index: IndexDef) -> dict[str, Any]:
    """The methods entry shown by `decentralization`, the akims page and the report."""
    return index.model_dump(mode="json")


def report(ds: Dataset) -> None:
    """Add a problem (VK036) for an index definition that does not load."""
    from vertikal.problems import Problem, display_path

    path = path_of(ds)
    try:
        index, doc = read_doc(path)
    except IndexDefError as exc:
        ds.problems.append(Problem(display_path(path), exc.line, "VK036", exc.message))
        return
    from vertikal import untranslated
    from vertikal.dataset import Source

    if next(untranslated.gaps(index), None) is not None:  # VK060: a text without Kazakh
        untranslated.report(ds, Source(path, display_path(path), doc), index)
