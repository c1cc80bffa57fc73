"""The extraction patterns: ``data/patterns/<lang>.yaml``, validated strictly on load.

A pattern file says, in lemmas, which words name the President and the legislature, which name each
codebook body, which mark a shared power (consent, proposal, consultation), and for each codebook
item the rules that find it. A phrase is a few words, matched on lemmas in order: ``prime minister``;
``akim*`` matches any lemma starting with ``akim``; ``..`` lets up to four words come between its
neighbours (``appoint .. judge``). Errors name the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from vertikal import _yaml
from vertikal.models import Codebook, Ident, Status, Strict
from vertikal.problems import VertikalError

GAP = ".."
MAX_GAP = 4  # words a `..` may skip


def _phrase(value: str) -> str:
    words = value.split()
    if not words or len(words) > 10:
        raise ValueError(f"a phrase has 1 to 10 words, got {value!r}")
    if words[0] == GAP or words[-1] == GAP:
        raise ValueError(f"a phrase may not start or end with '..': {value!r}")
    for w in words:
        if w != GAP and (w == "*" or "*" in w[:-1] or any(c in w for c in "()[]{}|\\^$?+")):
            raise ValueError(f"bad word {w!r} in phrase {value!r}: words, 'stem*' or '..' only")
    return value


def _regex(value: str) -> str:
    try:
        compiled = re.compile(value)
    except re.error as exc:
        raise ValueError(f"bad regular expression {value!r}: {exc}") from None
    if "v" not in compiled.groupindex:
        raise ValueError(f"the regular expression {value!r} needs a group named v: (?P<v>...)")
    return value


Phrase = Annotated[str, AfterValidator(_phrase)]
Phrases = Annotated[list[Phrase], Field(min_length=1)]


class _Strict(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class AttrRule(_Strict):
    """How to read one attribute from a matched clause: exactly one of the four ways."""

    regex: Annotated[str, AfterValidator(_regex)] | None = Field(
        None, description="on the clause's lemmas joined by spaces; the group `v` is the value"
    )
    number: bool = Field(False, description="map the regex value through `numbers` (or read digits)")
    values: dict[str, Phrases] = Field({}, description="value -> phrases: the first value found")
    flag: list[Phrase] = Field([], description="true when one of these phrases is in the clause")
    body_after: list[Phrase] = Field([], description="the first body named just after one of these")
    many: bool = Field(False, description="with `values` or `body_after`: a list of every one found")

    @model_validator(mode="after")
    def _one_way(self) -> AttrRule:
        ways = [self.regex is not None, bool(self.values), bool(self.flag), bool(self.body_after)]
        if sum(ways) != 1:
            raise ValueError("give exactly one of regex, values, flag, body_after")
        return self


class ItemRule(_Strict):
    """One way to find a codebook item: every group of `all` matches a clause (one phrase of each)."""

    actor: Literal["president", "legislature", "any"] = "president"
    explicit: bool = Field(False, description="the actor must be named in the clause itself")
    all: Annotated[list[Phrases], Field(min_length=1)]
    mask: list[Phrase] = Field([], description="phrases blanked before `all` is matched")
    not_: list[Phrase] = Field([], alias="not", description="the clause is skipped if one is present")
    status: Status | None = Field(None, description="a fixed status instead of the markers' verdict")
    shared_if: list[Phrase] | None = Field(None, description="shared-status markers; default: `markers`")
    shared_scope: Literal["clause", "provision", "article"] = Field(
        "clause", description="where `shared_if` is looked for"
    )
    with_: list[Ident] = Field([], alias="with", description="bodies for `with` when the clause names none")
    attrs: dict[str, AttrRule] = {}
    confidence: float = Field(0.7, ge=0.0, le=1.0)


class PatternFile(_Strict):
    schema_: Literal[1] = Field(alias="schema")
    lang: Literal["en", "ru", "kk"]
    actors: dict[Literal["president", "legislature"], Phrases]
    bodies: dict[Ident, Phrases]
    markers: dict[Ident, Phrases]
    numbers: dict[str, int | str] = {}
    transitional: list[Phrase] = Field([], description="section headings whose matches count for less")
    connectors: list[str] = Field([], description="words that may link a marker to its body")
    negations: list[Phrase] = Field([], description="phrases that make a match count for less")
    bodies_first: bool = Field(
        False, description="bodies are named before their markers (Kazakh: Құрылтай келісімімен)"
    )
    items: dict[Ident, Annotated[list[ItemRule], Field(min_length=1)]]

    @field_validator("actors")
    @classmethod
    def _both_actors(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        missing = {"president", "legislature"} - set(value)
        if missing:
            raise ValueError(f"name phrases for {' and '.join(sorted(missing))}")
        return value


class PatternError(VertikalError, ValueError):
    """A pattern file that cannot be used; `problems` holds every (file, line, message)."""

    def __init__(self, problems: list[tuple[str, int, str]]) -> None:
        self.problems = problems
        file, line, message = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{file}:{line}: {message}{more}")


@dataclass(frozen=True)
class Patterns:
    """A validated pattern file, with its path and the line of every key (for later checks)."""

    path: Path
    model: PatternFile
    doc: _yaml.Doc

    def line(self, *where: str | int) -> int:
        return self.doc.line(tuple(where))


def builtin_path(lang: str) -> Path:
    return Path(str(resources.files("vertikal") / "data" / "patterns" / f"{lang}.yaml"))


def load(path: Path) -> Patterns:
    """Read and validate one pattern file; raise PatternError listing every problem with its line."""
    name = str(path)
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        raise PatternError([(name, exc.line, exc.message)]) from None
    except OSError as exc:
        raise PatternError([(name, 0, f"cannot read: {exc.strerror}")]) from None
    problems = [(name, line, f"duplicate key {'.'.join(map(str, p))!r}") for p, line in doc.duplicates]
    try:
        model = PatternFile.model_validate(doc.value)
    except ValidationError as exc:
        for err in sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden"):
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc) or "(top)"
            message = err["msg"].removeprefix("Value error, ")
            extra = err["type"] == "extra_forbidden"
            message = f"unknown key {where!r}" if extra else f"{where}: {message}"
            problems.append((name, doc.line(loc), message))
    if problems:
        raise PatternError(problems)
    return Patterns(path, model, doc)


def check(patterns: Patterns, codebook: Codebook) -> None:
    """Check a pattern file against the codebook: items, statuses, attributes and bodies exist."""
    name, m = str(patterns.path), patterns.model
    items = {it.id: it for it in codebook.items}
    problems: list[tuple[str, int, str]] = []

    def bad(message: str, *where: str | int) -> None:
        problems.append((name, patterns.line(*where), message))

    for body in m.bodies:
        if body not in codebook.bodies:
            bad(f"unknown body {body!r}; see `bodies` in the codebook", "bodies", body)
    for item_id, rules in m.items.items():
        item = items.get(item_id)
        if item is None:
            bad(f"unknown item {item_id!r}: not in the codebook", "items", item_id)
            continue
        for i, rule in enumerate(rules):
            where = ("items", item_id, i)
            if rule.status is not None and rule.status not in item.statuses:
                allowed = ", ".join(item.statuses)
                bad(f"{item_id}: status {rule.status!r} does not apply; allowed: {allowed}", *where, "status")
            for j, body in enumerate(rule.with_):
                if body not in codebook.bodies:
                    bad(f"{item_id}: unknown body {body!r} in `with`", *where, "with", j)
            for key in rule.attrs:
                if key not in item.attributes:
                    allowed = ", ".join(item.attributes) or "none"
                    bad(f"{item_id}: unknown attribute {key!r}; allowed: {allowed}", *where, "attrs", key)
    if problems:
        raise PatternError(problems)
