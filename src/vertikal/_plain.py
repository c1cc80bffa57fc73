"""Loaded objects as plain data, and back without validation: the form the dataset cache keeps.

`encode` turns a value made of dataclasses, pydantic models, paths and the builtin containers into
nested tuples that `marshal` writes; `decode` rebuilds an equal value. Nothing is named field by
field: whatever fields a dataclass or model has are kept, so a field added later is kept too (and a
value of a kind this module does not know is refused with `Unkept`, never written half).

- A plain subtree (what `marshal` takes as it is: the parsed YAML values and their line maps) is
  stored as it is, and rebuilt by `marshal` alone.
- A model comes back as `model_construct` builds it (no validation: its values were validated
  before they were kept), with the same set of fields given; a dataclass comes back field by field,
  without running its `__init__`.
- Classes are named by module and qualified name and must be in the `vertikal` package; a name of
  anything else, or a node of an unknown kind, makes `decode` raise `Unkept`.
- An object met twice (a parsed file that is both among the sources and among the codings files)
  is kept once and comes back as one object. Containers are copied, not shared.
"""

from __future__ import annotations

import dataclasses
import importlib
import marshal
from pathlib import Path, PurePath
from typing import Any

__all__ = ["Unkept", "decode", "encode"]

_PACKAGE = "vertikal"
# node kinds: plain, object (index into the object table), list, tuple, dict, set, frozenset, path
_PLAIN, _OBJ, _LIST, _TUPLE, _DICT, _SET, _FROZEN, _PATH = "p", "o", "l", "t", "d", "s", "f", "P"
_MODEL, _DATACLASS = "m", "c"


class Unkept(ValueError):
    """A value the cache cannot keep (when encoding), or a stored form it did not write (decoding)."""


_SCALARS = frozenset({str, int, float, bool, type(None), bytes})
_CONTAINERS = frozenset({list, tuple, dict, set, frozenset})


def _marshallable(value: Any) -> bool:
    """Plain all the way down: only builtin scalars and containers (what marshal takes as it is)."""
    try:
        marshal.dumps(value)
    except ValueError:  # something marshal does not take (an object, a path): not plain
        return False
    return True


def _is_model(value: Any) -> bool:
    """A pydantic model, recognised without importing pydantic (which a cached run never needs)."""
    return hasattr(type(value), "__pydantic_fields__") and hasattr(value, "__pydantic_fields_set__")


class _Encoder:
    def __init__(self) -> None:
        self.classes: list[str] = []
        self.class_index: dict[type, int] = {}
        self.objects: list[tuple[Any, ...] | None] = []
        self.seen: dict[int, int] = {}
        self.alive: list[Any] = []  # keeps every encoded object alive, so that no id is reused

    def cls(self, kind: type) -> int:
        if kind not in self.class_index:
            name = f"{kind.__module__}:{kind.__qualname__}"
            if not kind.__module__.split(".")[0] == _PACKAGE or "<" in kind.__qualname__:
                raise Unkept(f"cannot keep an object of {name}: only vertikal's own classes")
            self.class_index[kind] = len(self.classes)
            self.classes.append(name)
        return self.class_index[kind]

    def value(self, value: Any) -> tuple[Any, ...]:
        kind = type(value)
        if kind in _SCALARS or (kind in _CONTAINERS and _marshallable(value)):
            return (_PLAIN, value)
        if _is_model(value) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            return (_OBJ, self.obj(value))
        if isinstance(value, PurePath):
            if kind is not type(Path()):
                raise Unkept(f"cannot keep a path of type {kind.__name__}")
            return (_PATH, str(value))
        if kind is list:
            return (_LIST, [self.value(v) for v in value])
        if kind is tuple:
            return (_TUPLE, [self.value(v) for v in value])
        if kind is dict:
            return (_DICT, [(self.value(k), self.value(v)) for k, v in value.items()])
        if kind is set or kind is frozenset:
            return (_SET if kind is set else _FROZEN, [self.value(v) for v in value])
        raise Unkept(f"cannot keep a value of type {kind.__module__}.{kind.__qualname__}")

    def obj(self, value: Any) -> int:
        key = id(value)
        if key in self.seen:
            index = self.seen[key]
            if self.objects[index] is None:
                raise Unkept(f"cannot keep a {type(value).__qualname__} that contains itself")
            return index
        index = len(self.objects)
        self.seen[key] = index
        self.objects.append(None)
        self.alive.append(value)
        kind = type(value)
        if _is_model(value):
            names = list(kind.__pydantic_fields__)
            fields = {n: value.__dict__[n] for n in names}
            private = getattr(value, "__pydantic_private__", None)
            extra = getattr(value, "__pydantic_extra__", None)
            if private or extra:
                raise Unkept(f"cannot keep {kind.__qualname__}: private or extra attributes")
            self.objects[index] = (
                _MODEL,
                self.cls(kind),
                self.value(fields),
                sorted(value.__pydantic_fields_set__),
            )
        else:
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            self.objects[index] = (_DATACLASS, self.cls(kind), self.value(fields))
        return index


def encode(value: Any) -> bytes:
    """`value` as bytes that `decode` turns back into an equal value; raises `Unkept` if it cannot."""
    enc = _Encoder()
    node = enc.value(value)
    return marshal.dumps((enc.classes, enc.objects, node))


class _Decoder:
    def __init__(self, classes: list[str], objects: list[Any]) -> None:
        self.names = classes
        self.classes: dict[int, type] = {}
        self.stored = objects
        self.objects: dict[int, Any] = {}

    def cls(self, index: int, want: str) -> type:
        if index not in self.classes:
            name = self.names[index]
            module, _, qualname = name.partition(":")
            if module.split(".")[0] != _PACKAGE or not qualname:
                raise Unkept(f"not a vertikal class: {name}")
            found: Any = importlib.import_module(module)
            for part in qualname.split("."):
                found = getattr(found, part)
            ok = (
                hasattr(found, "model_construct")
                if want == _MODEL
                else dataclasses.is_dataclass(found) and isinstance(found, type)
            )
            if not isinstance(found, type) or not ok:
                raise Unkept(f"not a kept kind of class: {name}")
            self.classes[index] = found
        return self.classes[index]

    def value(self, node: Any) -> Any:
        kind, body = node[0], node[1]
        if kind == _PLAIN:
            return body
        if kind == _OBJ:
            return self.obj(body)
        if kind == _LIST:
            return [self.value(v) for v in body]
        if kind == _TUPLE:
            return tuple(self.value(v) for v in body)
        if kind == _DICT:
            return {self.value(k): self.value(v) for k, v in body}
        if kind == _SET:
            return {self.value(v) for v in body}
        if kind == _FROZEN:
            return frozenset(self.value(v) for v in body)
        if kind == _PATH:
            if not isinstance(body, str):
                raise Unkept("a path that is not a string")
            return Path(body)
        raise Unkept(f"unknown node {kind!r}")

    def obj(self, index: int) -> Any:
        if index in self.objects:
            return self.objects[index]
        stored = self.stored[index]
        kind = stored[0]
        fields = self.value(stored[2])
        if not isinstance(fields, dict):
            raise Unkept("an object whose fields are not a mapping")
        if kind == _MODEL:
            model: Any = self.cls(stored[1], _MODEL)
            if set(fields) != set(model.__pydantic_fields__):
                raise Unkept(f"{model.__qualname__}: its fields changed")
            made = _construct(model, fields, set(stored[3]))
        elif kind == _DATACLASS:
            cls = self.cls(stored[1], _DATACLASS)
            names = {f.name for f in dataclasses.fields(cls)}
            if set(fields) != names:
                raise Unkept(f"{cls.__qualname__}: its fields changed")
            made = object.__new__(cls)
            for name, value in fields.items():
                object.__setattr__(made, name, value)
        else:
            raise Unkept(f"unknown object kind {kind!r}")
        self.objects[index] = made
        return made


def _construct(model: Any, fields: dict[str, Any], given: set[str]) -> Any:
    """`model.model_construct(_fields_set=given, **fields)` for a complete set of fields: what it does
    for a model without private attributes or extra fields, without its per-field bookkeeping."""
    if model.__private_attributes__ or model.model_config.get("extra") == "allow":
        return model.model_construct(_fields_set=given, **fields)
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", fields)
    object.__setattr__(made, "__pydantic_fields_set__", given)
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made


def decode(data: bytes) -> Any:
    """The value that `encode` wrote; raises `Unkept` (or ValueError, EOFError) on anything else."""
    try:
        classes, objects, node = marshal.loads(data)
        return _Decoder(classes, objects).value(node)
    except (KeyError, IndexError, TypeError, AttributeError, ImportError) as exc:
        raise Unkept(f"not a kept value: {exc}") from None
