"""Measure definitions: declared as data in ``data/measures/*.yaml`` and validated on load."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from vertikal import _yaml
from vertikal.models import Ident, Kind, Labels, Status, Strict

Op = Literal[">", ">=", "<", "<=", "==", "!="]


class Cond(Strict):
    """One condition on one item's coding: its status, and optionally an attribute compared to a value."""

    item: Ident
    status: list[Status] = ["sole", "shared", "absent"]
    attr: str | None = None
    op: Op | None = None
    value: float | str | bool | None = None

    @model_validator(mode="after")
    def _attr_needs_op(self) -> Cond:
        if (self.attr is None) != (self.op is None):
            raise ValueError("`attr` and `op` go together")
        return self


class Rule(Strict):
    """A score given when all of `when` hold, any of `any` holds, and at least `min` of `count` hold."""

    score: float
    when: list[Cond] = []
    any: list[Cond] = []
    count: list[Cond] = []
    min: int = 0
    says: str = ""


class Component(Strict):
    """One scored component of a rules measure (e.g. Shugart-Carey's package veto)."""

    id: Ident
    label: Labels
    subscale: Ident | None = None
    max: float
    rules: list[Rule]
    default: float = 0
    items: list[Ident] = Field(default=[], description="the codebook items the component reads")


class Part(Strict):
    """Items counted by a count measure with one sign."""

    kinds: list[Kind] = []
    items: list[Ident] = []
    sign: Literal[1, -1] = 1


class Source(Strict):
    """A source the measure follows: a registered source id (references.yaml) and what was checked in it."""

    ref: Annotated[str, StringConstraints(min_length=1)]
    verified: str = ""


class MeasureDef(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
    label: Labels
    order: int = 0
    method: Literal["count", "rules"]
    follows: str
    sources: list[Source]
    assumptions: list[str] = []
    scores: dict[Status, float] = {"sole": 1.0, "shared": 0.5, "absent": 0.0}
    parts: list[Part] = []
    components: list[Component] = []
    subscales: dict[Ident, Labels] = {}
    higher_means: str = "more presidential power"

    @model_validator(mode="after")
    def _method_fits(self) -> MeasureDef:
        if self.method == "count" and not self.parts:
            raise ValueError("a count measure needs `parts`")
        if self.method == "rules" and not self.components:
            raise ValueError("a rules measure needs `components`")
        return self


def load_defs(directory: Path) -> tuple[list[MeasureDef], list[tuple[str, int, str, str]]]:
    """All measure definitions in `directory`, ordered; errors as (file, line, code, message)."""
    defs, errors, _ = read_defs(directory)
    return defs, errors


def read_defs(
    directory: Path,
) -> tuple[list[MeasureDef], list[tuple[str, int, str, str]], list[tuple[Path, _yaml.Doc, MeasureDef]]]:
    """As `load_defs`, with each valid definition's file and parsed document (for line numbers)."""
    defs: list[MeasureDef] = []
    errors: list[tuple[str, int, str, str]] = []
    docs: list[tuple[Path, _yaml.Doc, MeasureDef]] = []

    for path in sorted(directory.glob("*.yaml")):
        try:
            doc = _yaml.read(path)
        except _yaml.YamlError as exc:
            errors.append((str(path), exc.line, "VK020" if exc.code == "VK001" else exc.code, exc.message))
            continue
        try:
            d = MeasureDef.model_validate(doc.value)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                where = ".".join(str(p) for p in loc)
                errors.append((str(path), doc.line(loc), "VK020", f"{where}: {err['msg']}"))
            continue
        defs.append(d)
        docs.append((path, doc, d))
    defs.sort(key=lambda d: (d.order, d.id))
    return defs, errors, docs
