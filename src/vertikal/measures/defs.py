"""Measure definitions: declared as data in ``data/measures/*.yaml`` and validated on load."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from vertikal import _yaml, attrs
from vertikal.models import Ident, Item, Kind, KnownStatus, Labels, Strict

# Comparisons of a typed attribute with `value`; `set` / `unset`: the attribute is given (non-empty) or
# not; `has`: a list attribute (bodies, holders, texts) contains `value`.
Op = Literal[">", ">=", "<", "<=", "==", "!=", "set", "unset", "has"]
UNARY = frozenset({"set", "unset"})


class Cond(Strict):
    """One condition on one item's coding: its status, and optionally an attribute compared to a value.

    Fractions are written as in the codings ('2/3', 'majority'); they compare exactly.
    """

    item: Ident
    status: list[KnownStatus] = ["sole", "shared", "absent"]
    attr: str | None = None
    op: Op | None = None
    value: float | str | bool | None = None

    @model_validator(mode="after")
    def _attr_needs_op(self) -> Cond:
        if (self.attr is None) != (self.op is None):
            raise ValueError("`attr` and `op` go together")
        if self.op is not None and (self.op in UNARY) != (self.value is None):
            raise ValueError(f"op {self.op!r} {'takes no' if self.op in UNARY else 'needs a'} `value`")
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
    dimension: Ident = "powers"  # the dimension of concentration it measures (see data/dimensions.yaml)
    order: int = 0
    method: Literal["count", "rules"]
    follows: str
    sources: list[Source]
    assumptions: list[str] = []
    scores: dict[KnownStatus, float] = {"sole": 1.0, "shared": 0.5, "absent": 0.0}
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


class DimensionSource(Strict):
    """A source of a dimension's methods entry: a registered source id (references.yaml)."""

    ref: Annotated[str, StringConstraints(min_length=1)]
    verified: str = ""


class Dimension(Strict):
    """A dimension of concentration: a family of measures with its methods entry."""

    id: Ident
    label: Labels
    about: str
    sources: list[DimensionSource] = []
    not_verified: list[str] = []


class DimensionsFile(Strict):
    schema_: int = Field(1, alias="schema")
    dimensions: list[Dimension]


DEFAULT_DIMENSIONS = [
    Dimension(
        id="powers",
        label=Labels(en="Powers of the office", ru="Полномочия должности", kk="Лауазымның өкілеттіктері"),
        about="What the office may do (see each measure's sources).",
    )
]


def load_dimensions(path: Path) -> tuple[list[Dimension], list[tuple[str, int, str]]]:
    """The dimensions declared in `path` (data/dimensions.yaml); only `powers` when there is no file."""
    if not path.is_file():
        return list(DEFAULT_DIMENSIONS), []
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        return [], [(str(path), exc.line, exc.message)]
    try:
        parsed = DimensionsFile.model_validate(doc.value)
    except ValidationError as exc:
        errs = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            errs.append((str(path), doc.line(loc), f"{'.'.join(map(str, loc))}: {err['msg']}"))
        return [], errs
    return list(parsed.dimensions), []


def _value_problem(cond: Cond, item: Item) -> str | None:
    """Why a condition cannot be read against the item's declared attributes, or None."""
    if cond.attr is None:
        return None
    spec = item.attributes.get(cond.attr)
    if spec is None:
        return f"item {item.id} has no attribute {cond.attr!r}"
    if cond.op in UNARY:
        return None
    if cond.op == "has":
        return (
            None
            if spec.type in attrs.LIST_TYPES
            else f"op 'has' needs a list attribute, {cond.attr} is {spec.type}"
        )
    v = cond.value
    if spec.type == "fraction":
        ok = attrs.fraction(v) is not None if isinstance(v, str) else isinstance(v, float)
    elif spec.type == "integer":
        ok = isinstance(v, int | float) and not isinstance(v, bool)
    elif spec.type == "boolean":
        ok = isinstance(v, bool)
    elif spec.type == "choice":
        ok = v in spec.values
    else:
        ok = isinstance(v, str)
    return None if ok else f"{item.id}.{cond.attr} is {spec.type}; {v!r} does not compare with it"


def check_against(
    defs: list[MeasureDef], items: list[Item], dimensions: list[Dimension], directory: Path
) -> list[tuple[str, str]]:
    """(file, message) for every measure that names an unknown dimension or misreads an attribute."""
    known = {d.id for d in dimensions}
    by_id = {it.id: it for it in items}
    out: list[tuple[str, str]] = []
    for d in defs:
        file = str(directory / f"{d.id}.yaml")
        if d.dimension not in known:
            out.append(
                (
                    file,
                    f"measure {d.id}: unknown dimension {d.dimension!r}; known: {', '.join(sorted(known))}",
                )
            )
        for comp in d.components:
            for rule in comp.rules:
                for cond in (*rule.when, *rule.any, *rule.count):
                    item = by_id.get(cond.item)
                    why = _value_problem(cond, item) if item is not None else None
                    if why is not None:
                        out.append((file, f"measure {d.id}, component {comp.id}: {why}"))
    return out
