"""Texts shown to people that lack a language: a Kazakh label or definition (VK060), a Russian
definition (VK061). Both are warnings: where the text is shown, the English stands in for it.

Every `Labels` and `Definition` of a validated data file is found by walking the model, so a field
added to a schema later is covered without a change here. The walk's path is the YAML path, so each
warning names its file and line. Fields whose type cannot hold a text in languages are skipped.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from vertikal.models import Definition, Labels

__all__ = ["gaps", "report"]

if TYPE_CHECKING:
    from vertikal.dataset import Dataset, Source

Path_ = tuple[str | int, ...]

# (language, code): what must be written beside the English text
_LABEL = (("kk", "VK060"),)
_DEFINITION = (("kk", "VK060"), ("ru", "VK061"))
_LANG_NAMES = {"kk": "Kazakh", "ru": "Russian"}


def _holds_words(annotation: Any, seen: frozenset[type] = frozenset()) -> bool:
    """Whether a value of this type can contain a `Labels` or a `Definition`."""
    if isinstance(annotation, type) and issubclass(annotation, Labels | Definition):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation not in seen and bool(_word_fields(annotation, seen | {annotation}))
    if isinstance(annotation, str | typing.ForwardRef):
        return True  # unresolved: walk it to be safe
    if typing.get_origin(annotation) is typing.Literal:
        return False
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        args = args[:1]
    return any(_holds_words(a, seen) for a in args if a is not type(None))


@functools.cache
def _word_fields(model: type[BaseModel], seen: frozenset[type] = frozenset()) -> tuple[tuple[str, str], ...]:
    """(attribute, YAML key) of the fields of `model` that can hold a text in languages."""
    return tuple(
        (name, info.alias or name)
        for name, info in model.model_fields.items()
        if _holds_words(info.annotation, seen | {model})
    )


def gaps(model: BaseModel, path: Path_ = ()) -> Iterator[tuple[Path_, str, str]]:
    """(YAML path of the text, missing language, code) for every text of `model` lacking a language."""
    if isinstance(model, Labels | Definition):
        wanted = _DEFINITION if isinstance(model, Definition) else _LABEL
        for lang, code in wanted:
            if model.exact(lang) is None:
                yield path, lang, code
        return
    for name, key in _word_fields(type(model)):
        yield from _walk(getattr(model, name), (*path, key))


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
            by_key = {(f.alias or n): n for n, f in type(current).model_fields.items()}
            current = getattr(current, by_key.get(str(part), str(part)), None)
        elif isinstance(current, dict):
            current = current.get(part)
        else:
            current = None
    return ".".join(out) or "(top)"


def report(ds: Dataset, src: Source, model: BaseModel) -> None:
    """Add to `ds` a warning for every missing language of `model`, parsed from `src`."""
    for path, lang, code in gaps(model):
        ds.problem(
            src,
            src.line(*path, lang),
            code,
            f"{_where(model, path)}: no {_LANG_NAMES[lang]} text ({lang}); add `{lang}:` beside `en:`"
            " (until then the English text is shown)",
        )
