"""Texts shown to people that lack a language: a Kazakh label or definition (VK060), a Russian
definition (VK061). Both are warnings: the text falls back to English where it is shown.

Every `Labels` and `Definition` in a validated data file is found by walking the model, so a field
added to a schema later is covered without a change here; the walk's path is the YAML path, so the
warning names the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from vertikal import _yaml
from vertikal.models import Definition, Labels

if TYPE_CHECKING:
    from vertikal.dataset import Dataset, Source

Path_ = tuple[str | int, ...]

# (language, code): what must be written beside the English text
_REQUIRED = (("kk", "VK060"),)
_DEFINITION = (("kk", "VK060"), ("ru", "VK061"))
_LANG_NAMES = {"kk": "Kazakh", "ru": "Russian"}


def gaps(model: BaseModel, path: Path_ = ()) -> Iterator[tuple[Path_, str, str]]:
    """(YAML path of the text, missing language, code) for every text of `model` lacking a language."""
    if isinstance(model, Labels | Definition):
        wanted = _DEFINITION if isinstance(model, Definition) else _REQUIRED
        for lang, code in wanted:
            if model.exact(lang) is None:
                yield path, lang, code
        return
    for name, info in type(model).model_fields.items():
        yield from _walk(getattr(model, name), (*path, info.alias or name))


def _walk(value: Any, path: Path_) -> Iterator[tuple[Path_, str, str]]:
    if isinstance(value, BaseModel):
        yield from gaps(value, path)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, str(k)))


def _where(model: BaseModel, path: Path_) -> str:
    """`items[appoint_pm].label` rather than `items.12.label`: list entries named by their id."""
    out: list[str] = []
    current: Any = model
    for part in path:
        if isinstance(part, int) and isinstance(current, list | tuple):
            current = current[part]
            ident = getattr(current, "id", None)
            out[-1] += f"[{ident}]" if ident is not None else f"[{part}]"
            continue
        out.append(str(part))
        if isinstance(current, BaseModel):
            by_alias = {(f.alias or n): n for n, f in type(current).model_fields.items()}
            current = getattr(current, by_alias.get(str(part), str(part)), None)
        elif isinstance(current, dict):
            current = current.get(part)
        else:
            current = None
    return ".".join(out) or "(top)"


def report(ds: Dataset, src: Source, model: BaseModel, prefix: Path_ = ()) -> None:
    """Add a warning to `ds` for every missing language of `model`, read from `src` at `prefix`."""
    for path, lang, code in gaps(model):
        ds.problem(
            src,
            src.line(*prefix, *path, lang),
            code,
            f"{_where(model, path)}: no {_LANG_NAMES[lang]} text ({lang}); add `{lang}:` beside `en:`"
            " (until then the English text is shown)",
        )


def report_file(ds: Dataset, path: Path, model_type: type[BaseModel], rename: dict[str, str]) -> None:
    """The same for a data file that is loaded elsewhere (measures, claims); invalid files are skipped,
    since their loader already reports them."""
    from vertikal.dataset import Source
    from vertikal.problems import display_path

    try:
        doc = _yaml.read(path)
    except (_yaml.YamlError, OSError):
        return
    value = doc.value
    if isinstance(value, dict):
        value = {rename.get(k, k): v for k, v in value.items()}
    try:
        model = model_type.model_validate(value)
    except ValidationError:
        return
    report(ds, Source(path, display_path(path), doc), model)
