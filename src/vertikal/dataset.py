"""Read the dataset (codebook, versions manifest, one codings file per version) and check its schemas.

This module only parses and schema-validates; the rules across files live in `vertikal.check`, which
uses this module (never the other way round). `vertikal.load()` runs both. Every problem found is
collected, with its code, file and line; nothing stops at the first one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from vertikal.problems import Problem, display_path, display_paths

if TYPE_CHECKING:  # pydantic, the models and PyYAML load when data is read, not when this is imported
    from pydantic import BaseModel

    from vertikal import _yaml
    from vertikal.legal.model import InstrumentCoding, InstrumentSet
    from vertikal.models import Codebook, Coding, CodingFile, Item, Manifest, Release, Version
    from vertikal.references import Registry

M = TypeVar("M", bound="BaseModel")
T = TypeVar("T")

CODEBOOK = "codebook.yaml"
VERSIONS = "versions.yaml"
CODINGS = "codings"
RELEASE = "dataset.yaml"
TODO = "TODO"  # the placeholder of a blank codings file (`vertikal blank`)
_STILL_TODO = "still TODO: fill it in (this is a blank written by `vertikal blank`)"


def default_root() -> Path:
    """The data directory: $VERTIKAL_DATA, else the built-in Kazakhstan data."""
    env = os.environ.get("VERTIKAL_DATA")
    if env:
        return Path(env)
    return Path(__file__).parent / "data"  # the package's own folder (what importlib.resources gives)


@dataclass
class Source:
    """A parsed file: its path for messages and its line map."""

    path: Path
    name: str
    doc: _yaml.Doc

    def line(self, *path: str | int) -> int:
        return self.doc.line(tuple(path))


@dataclass
class Dataset:
    """The loaded data. `problems` is empty when the data is valid."""

    root: Path
    codebook: Codebook | None = None
    manifest: Manifest | None = None
    release: Release | None = None  # the dataset's version and release date, when it has dataset.yaml
    codings: dict[str, dict[str, Coding]] = field(default_factory=dict, repr=False)
    coding_sources: dict[str, list[str]] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
    # every codings file that passed its schema, as read (for the rules in `vertikal.check`)
    coding_files: list[tuple[Source, CodingFile]] = field(default_factory=list, repr=False)
    references: Registry | None = field(default=None, repr=False)  # the source registry (references.yaml)
    # the legal order's instruments (instruments.yaml) and their codings by instrument and version
    # (codings/<instrument>/<version>.yaml); see vertikal.legal
    instruments: InstrumentSet | None = field(default=None, repr=False)
    instrument_codings: dict[str, dict[str, list[InstrumentCoding]]] = field(default_factory=dict, repr=False)
    problems: list[Problem] = field(default_factory=list)
    # results computed from the (unchanging) loaded data, e.g. measure scores; see measures.compute
    memo: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    def kept(self, key: tuple[str, ...], make: Callable[[], T]) -> T:
        """`make()`, computed the first time and then kept in `memo` under `key` (the data do not
        change once loaded)."""
        if key not in self.memo:
            self.memo[key] = make()
        found: T = self.memo[key]
        return found

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the data invalid (warnings are documented gaps)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    # -- lookups -------------------------------------------------------------------------
    @property
    def items(self) -> list[Item]:
        return list(self.codebook.items) if self.codebook else []

    @property
    def versions(self) -> list[Version]:
        return list(self.manifest.versions) if self.manifest else []

    def item(self, item_id: str) -> Item:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def version(self, version_id: str) -> Version:
        for v in self.versions:
            if v.id == version_id:
                return v
        raise KeyError(version_id)

    def coding(self, version_id: str, item_id: str) -> Coding:
        return self.codings[version_id][item_id]

    def sources_of(self, version_id: str, coding: Coding) -> list[str]:
        """The ids of the file's default sources followed by the coding's own, without repeats.

        Each id names a source of the registry (`vertikal.references.describe` gives its display form).
        """
        out = list(self.coding_sources.get(version_id, []))
        out += [s for s in coding.sources if s not in out]
        return out

    def problem(self, src: Source | None, line: int, code: str, message: str) -> None:
        where = src.name if src else display_path(self.root)
        self.problems.append(Problem(where, line, code, message))


def _validate(ds: Dataset, src: Source, model: type[M], prefix: tuple[str | int, ...] = ()) -> M | None:
    """Validate `src` (or the part at `prefix`) against `model`; report errors with lines."""
    from pydantic import ValidationError

    value: Any = src.doc.value
    for key in prefix:
        value = value[key]
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        for err in exc.errors():
            loc = (*prefix, *err["loc"])
            line = src.line(*loc)
            where = ".".join(str(p) for p in loc) or "(top)"
            if err.get("input") == TODO:
                ds.problem(src, line, "VK002", f"{where}: {_STILL_TODO}")
            elif err["type"] == "extra_forbidden":
                parent = _fields_at(model, tuple(err["loc"][:-1]))
                allowed = f"; allowed: {', '.join(parent)}" if parent else ""
                ds.problem(src, line, "VK003", f"unknown key {where!r}{allowed}")
            else:
                ds.problem(src, line, "VK002", f"{where}: {err['msg']}")
        return None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The first pydantic model inside an annotation such as ``dict[str, Coding]``."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The allowed keys of the model reached by following `loc` (for error messages)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        by_key = {(f.alias or name): f for name, f in current.model_fields.items()}
        if part in by_key:
            current = _inner_model(by_key[part].annotation)
        # otherwise `part` is a list index or a dict key: stay on the same model
    if current is None:
        return []
    return [f.alias or name for name, f in current.model_fields.items()]


def read_source(ds: Dataset, path: Path, name: str | None = None) -> Source | None:
    """Parse one YAML file of the dataset; problems (syntax, limits, duplicate keys) go to `ds`.

    `name` is the file's `display_path`, when the caller has it.
    """
    from vertikal import _yaml

    name = display_path(path) if name is None else name
    if not path.is_file():
        ds.problems.append(Problem(name, 0, "VK013", "file not found"))
        return None
    try:
        doc = _yaml.read(path)
    except _yaml.YamlError as exc:
        ds.problems.append(Problem(name, exc.line, exc.code, exc.message))
        return None
    except OSError as exc:
        ds.problems.append(Problem(name, 0, "VK013", f"cannot read: {exc.strerror}"))
        return None
    src = Source(path, name, doc)
    ds.sources[name] = src
    for dup_path, line in doc.duplicates:
        key = dup_path[-1]
        if len(dup_path) == 2 and dup_path[0] == "codings":
            ds.problem(src, line, "VK007", f"item {key!r} is coded twice")
        else:
            where = ".".join(str(p) for p in dup_path)
            ds.problem(src, line, "VK004", f"duplicate key {where!r}")
    if not isinstance(doc.value, dict):
        ds.problem(src, 1, "VK002", "expected a mapping at the top of the file")
        return None
    return src


def _at_once(src: Source, model: type[M]) -> M | None:
    """A codings file validated whole, when it is valid and has no unfilled blank; else None.

    The fast path of a valid file: the same values as validating coding by coding, which runs (and
    reports every problem) only when this returns None.
    """
    from pydantic import ValidationError

    value = src.doc.value
    codings = value.get("codings")
    listed = codings.values() if isinstance(codings, dict) else codings if isinstance(codings, list) else None
    if listed is None or any(isinstance(c, dict) and TODO in c.values() for c in listed):
        return None
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _coding_file(ds: Dataset, src: Source) -> CodingFile | None:
    """Validate a codings file coding by coding, so one bad coding hides no other problem."""
    from vertikal.models import Coding, CodingFile, CodingFileHead

    whole = _at_once(src, CodingFile)
    if whole is not None:
        return whole
    head = _validate(ds, src, CodingFileHead)
    if head is None:
        return None
    good: dict[str, Coding] = {}
    for item_id in head.codings:
        todo = [key for key, value in head.codings[item_id].items() if value == TODO]
        for key in todo:  # an unfilled blank (see vertikal.blank): say so, not "invalid value"
            ds.problem(src, src.line("codings", item_id, key), "VK002", f"{item_id}.{key}: {_STILL_TODO}")
        if todo:
            continue
        coding = _validate(ds, src, Coding, ("codings", item_id))
        if coding is not None:
            good[item_id] = coding
    return CodingFile(version=head.version, basis=head.basis, sources=head.sources, codings=good)


def read(root: Path | str | None = None) -> Dataset:
    """Parse the dataset under `root` and validate every file against its schema (no cross-file rules).

    Use `vertikal.load()`, which also applies the rules of `vertikal.check`. The codings files of a
    large dataset are parsed on a second core meanwhile (`vertikal._yaml_pool`), with the same result.
    """
    from vertikal import _yaml_pool

    ds = Dataset(root=Path(root) if root is not None else default_root())
    with _yaml_pool.prefetch(ds.root):
        _read(ds)
    return ds


def _bulk(root: Path) -> list[Path]:
    """The codings files a read of `root` parses and the instruments between them, in the order it
    parses them (the bulk of the data)."""
    codings_dir = root / CODINGS
    if not codings_dir.is_dir():
        return []
    files = sorted(codings_dir.glob("*.yaml"))
    if (root / "instruments.yaml").is_file():  # (vertikal.legal.load reads them only then)
        files.append(root / "instruments.yaml")
        for folder in sorted(p for p in codings_dir.iterdir() if p.is_dir()):
            files += sorted(folder.glob("*.yaml"))
    return files


def _read(ds: Dataset) -> None:
    """The files of `ds.root`, parsed and schema-validated into `ds`."""
    from vertikal import references  # the source registry's reader (its rules run in `check`)
    from vertikal.models import Codebook, Manifest, Release

    references.load(ds)  # first: the codings' checks read the kinds of their sources (VK015)
    src = read_source(ds, ds.root / CODEBOOK)
    if src:
        ds.codebook = _validate(ds, src, Codebook)
    src = read_source(ds, ds.root / VERSIONS)
    if src:
        ds.manifest = _validate(ds, src, Manifest)
    if (ds.root / RELEASE).is_file():
        src = read_source(ds, ds.root / RELEASE)
        if src:
            ds.release = _validate(ds, src, Release)
    codings_dir = ds.root / CODINGS
    files = sorted(codings_dir.glob("*.yaml")) if codings_dir.is_dir() else []
    names = display_paths(files)
    for path in files:
        src = read_source(ds, path, names[path])
        if src is None:
            continue
        parsed = _coding_file(ds, src)
        if parsed is None:
            continue
        ds.codings[parsed.version] = dict(parsed.codings)
        ds.coding_sources[parsed.version] = list(parsed.sources)
        ds.coding_files.append((src, parsed))
    from vertikal.legal import load as legal_load

    legal_load.read(ds)
