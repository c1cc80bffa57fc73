"""A dataset read from the cache: its fields are decoded when a command first reads one.

A repeated command finds its result in the memo and never reads a field, so it needs neither
pydantic nor the models. The first field read decodes them all (without validation) and turns the
object into a plain `Dataset`; if decoding fails, the data are loaded and validated again instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import weakref
from pathlib import Path
from typing import Any

from vertikal import _plain
from vertikal.dataset import Dataset

# every field but the root and the memo, which a cached dataset has from the start
STATE = frozenset(f.name for f in dataclasses.fields(Dataset)) - {"root", "memo"}


class Entry:
    """A data directory's cache file and its record, as this process read or wrote it."""

    def __init__(self, root: Path, path: Path, record: dict[str, Any]) -> None:
        self.root = root
        self.path = path
        self.record = record


_ENTRIES: dict[int, tuple[weakref.ref[Dataset], Entry]] = {}


def register(ds: Dataset, entry: Entry) -> None:
    for key in [k for k, (ref, _) in _ENTRIES.items() if ref() is None]:
        del _ENTRIES[key]
    _ENTRIES[id(ds)] = (weakref.ref(ds), entry)


def entry_of(ds: Dataset) -> Entry | None:
    found = _ENTRIES.get(id(ds))
    return found[1] if found is not None and found[0]() is ds else None


class Memo(dict[tuple[str, ...], Any]):
    """`Dataset.memo` of a cached dataset: a stored result is decoded when it is first asked for."""

    def __init__(self, stored: dict[tuple[str, ...], bytes]) -> None:
        super().__init__()
        self.stored = stored

    def __contains__(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        if not isinstance(key, tuple) or key not in self.stored:
            return False
        try:
            value = _plain.decode(self.stored[key])
        except (ValueError, EOFError):
            del self.stored[key]
            return False
        dict.__setitem__(self, key, value)
        return True

    def __missing__(self, key: tuple[str, ...]) -> Any:
        if key in self:
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def get(self, key: tuple[str, ...], default: Any = None) -> Any:
        self.__contains__(key)  # decodes a stored result into the dict
        return dict.get(self, key, default)

    def clear(self) -> None:
        super().clear()
        self.stored.clear()


def _thaw(ds: Dataset) -> None:
    """Give a cached dataset its fields: decoded from the cache, or (if that fails) loaded again."""
    state = ds.__dict__.pop("_vk_state", None)
    try:
        if state is None:
            raise _plain.Unkept("no state")
        from vertikal.loader import collector_paused

        with collector_paused():  # millions of small acyclic objects, as in a load
            fields = _plain.decode(state)
        if not isinstance(fields, dict) or set(fields) != STATE:
            raise _plain.Unkept("the fields of Dataset changed")
    except (ValueError, EOFError):
        found = _ENTRIES.pop(id(ds), None)  # the file is no longer trusted: the next run rebuilds it
        if found is not None:
            with contextlib.suppress(OSError):
                found[1].path.unlink()
        ds.memo.clear()
        from vertikal.loader import load

        fresh = load(ds.root)
        fields = {name: getattr(fresh, name) for name in STATE}
    ds.__dict__.update(fields)
    object.__setattr__(ds, "__class__", Dataset)


def _field(name: str) -> property:
    def get(self: Dataset) -> Any:
        _thaw(self)
        return getattr(self, name)

    def put(self: Dataset, value: Any) -> None:
        _thaw(self)
        setattr(self, name, value)

    return property(get, put, doc=f"`Dataset.{name}`, decoded from the cache when first read")


# A Dataset whose fields (all but root and memo) are properties that decode the state first.
Cached = type("Cached", (Dataset,), {name: _field(name) for name in sorted(STATE)})


def cached(entry: Entry) -> Dataset:
    """The dataset that `entry` holds, with its memo, decoded only when a field is first read."""
    ds: Dataset = object.__new__(Cached)
    memo = Memo(dict(entry.record["memo"]))
    ds.__dict__.update(root=entry.root, memo=memo, _vk_state=entry.record["state"])
    register(ds, entry)
    return ds


def state(ds: Dataset) -> bytes:
    """The fields of a freshly loaded dataset as bytes (`_plain.Unkept` if one cannot be kept)."""
    return _plain.encode({name: getattr(ds, name) for name in sorted(STATE)})
