"""The per-user cache of the validated dataset: a warm run reads it instead of parsing and validating.

Where: ``<cache>/dataset/``, where ``<cache>`` is $VERTIKAL_CACHE, else $XDG_CACHE_HOME/vertikal, else
~/.cache/vertikal (the texts and the explorer's databases live beside it). One file per data
directory, package version and Python version, written after a successful strict load. It holds
the loaded `Dataset` as plain data (every field it has, see `vertikal._plain`), rebuilt without
validation when a command first reads it, and the results the commands memoised on it
(`remember`, and whatever else `Dataset.memo` holds), so that a repeated command needs neither the
models nor the measures.

It is used only when its key matches: the format and package version, the Python version, the data
directory as given and as resolved, the working directory when file names in messages depend on it,
and the path, size and modification time of every file of the data directory and of the package. A
data file whose time changed, or is too recent to tell one write from the next, is confirmed by the
SHA-256 of its content (read only then). A file of another user, of another format, truncated or
corrupt is ignored and rebuilt, never trusted and never fatal. Every write goes to a temporary file
in the same folder and is renamed into place, so processes writing at once leave one complete file.
`vertikal check` never reads it; `--no-cache` or VERTIKAL_NO_CACHE=1 turn it off; `vertikal cache`
shows it and `vertikal cache clear` empties it.

>>> import vertikal.datacache as dc
>>> dc.folder().name
'dataset'
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from vertikal.datacache import _lazy, _store
from vertikal.dataset import Dataset

__all__ = ["base_dir", "clear", "enabled", "folder", "info", "load", "remember", "switch"]

T = TypeVar("T")
FOLDER = "dataset"
_OFF = {"1", "true", "yes", "on"}
_switch = {"on": True}


def base_dir() -> Path:
    """The per-user cache: $VERTIKAL_CACHE, else $XDG_CACHE_HOME/vertikal, else ~/.cache/vertikal."""
    env = os.environ.get("VERTIKAL_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "vertikal"


def folder() -> Path:
    """Where the dataset cache files are: ``<cache>/dataset``."""
    return base_dir() / FOLDER


def switch(on: bool) -> None:
    """Turn the cache on or off in this process (the CLI's `--no-cache`); VERTIKAL_NO_CACHE=1 wins."""
    _switch["on"] = on


def enabled() -> bool:
    """Whether the cache is used: not turned off by `switch(False)` or by VERTIKAL_NO_CACHE=1."""
    return _switch["on"] and os.environ.get("VERTIKAL_NO_CACHE", "").strip().lower() not in _OFF


@contextlib.contextmanager
def _reading() -> Iterator[dict[Path, bytes]]:
    """Record every file the YAML reader reads while loading, with the bytes it parsed."""
    from vertikal import _yaml

    reads: dict[Path, bytes] = {}
    previous = _yaml.on_read
    _yaml.on_read = lambda path, raw: reads.setdefault(Path(path).resolve(), raw)
    try:
        yield reads
    finally:
        _yaml.on_read = previous


def load(root: Path | str | None = None, *, strict: bool = True) -> Dataset:
    """`vertikal.load()` through the cache: read from it when its key matches, else load and keep.

    Data with errors is never kept; with `strict` it raises `DataError` as `vertikal.load()` does.
    """
    from vertikal.loader import data_root
    from vertikal.loader import load as full_load

    path = data_root(root)
    if not enabled():
        return full_load(path, strict=strict)
    key = _store.ident(path)
    file = folder() / _store.file_name(key)
    code, files = _store.code(path), _store.scan(path)
    if code is not None and files is not None:
        record = _store.lookup(path, file, key, code, files)
        if record is not None:
            return _lazy.cached(_lazy.Entry(path, file, record))
    captured = time.time_ns()
    with _reading() as reads:
        ds = full_load(path, strict=strict)
    if not ds.errors and code is not None and files is not None:
        record = _record(ds, path, key, (code, files), reads, captured)
        if record is not None and _store.write(file, record):
            _lazy.register(ds, _lazy.Entry(path, file, record))
    return ds


def _record(
    ds: Dataset,
    root: Path,
    key: tuple[str, ...],
    listings: tuple[_store.Listing, _store.Listing],
    reads: dict[Path, bytes],
    captured: int,
) -> dict[str, Any] | None:
    """What to keep of a freshly loaded dataset, or None when it cannot be kept safely."""
    from vertikal import _plain

    code, files = listings
    if _store.scan(root) != files:
        return None  # a file changed while the data were read
    base, package = root.resolve(), _store.package()
    covered = {base / name for name, _, _ in files}
    if any(p not in covered and not p.is_relative_to(package) for p in reads):
        return None  # the loader read a file the key does not cover
    if sum(size for _, size, _ in files) > _store.MAX_BYTES:
        return None
    listed = []
    for name, size, mtime in files:
        content = reads.get(base / name)
        if content is None:  # a file of the data directory the loader did not read (yet)
            try:
                content = (root / name).read_bytes()
            except OSError:
                return None
        listed.append((name, size, mtime, _store.sha256(content)))
    try:
        state = _lazy.state(ds)
    except _plain.Unkept:
        return None
    return {"ident": key, "code": code, "files": listed, "captured": captured, "state": state, "memo": {}}


def remember(ds: Dataset, key: tuple[str, ...], compute: Callable[[], T]) -> T:
    """The result of `compute()` memoised on `ds` under `key`, and kept in its cache file if it has one.

    The key must name everything the result depends on besides the data (e.g. a command and its
    arguments). Only results memoised here are kept in the file (others in `Dataset.memo`, such as
    the measures' scores, stay in the process). Callers must not mutate the result.
    """
    if key in ds.memo:
        found: T = ds.memo[key]
        return found
    value = compute()
    ds.memo[key] = value
    _keep(ds, key, value)
    return value


def _keep(ds: Dataset, key: tuple[str, ...], value: Any) -> None:
    """Add one result to the cache file `ds` came from (or was kept in), if it is plain data."""
    from vertikal import _plain

    entry = _lazy.entry_of(ds)
    if entry is None or not enabled():
        return
    try:
        blob = _plain.encode(value)
    except _plain.Unkept:
        return  # not plain data: it stays in this process
    entry.record["memo"] = _store.trimmed({**entry.record["memo"], key: blob})
    _store.write(entry.path, entry.record)


def info() -> dict[str, Any]:
    """Where the cache is and what it holds: each file with its data directory, size, date, results."""
    where = folder()
    files: list[dict[str, Any]] = []
    paths = sorted(where.iterdir()) if where.is_dir() else []
    for path in paths:
        if not _store.NAME.match(path.name):
            continue
        record = _store.unpack(path)
        try:
            st = path.stat()
        except OSError:  # removed meanwhile
            continue
        files.append(
            {
                "file": path.name,
                "bytes": st.st_size,
                "written": time.strftime("%Y-%m-%d %H:%M", time.localtime(st.st_mtime)),
                "valid": record is not None,
                "data": record["ident"][4] if record is not None else None,
                "vertikal": record["ident"][1].removeprefix("vertikal ") if record is not None else None,
                "results": len(record["memo"]) if record is not None else 0,
            }
        )
    return {
        "cache": str(base_dir()),
        "folder": str(where),
        "enabled": enabled(),
        "files": files,
        "bytes": sum(f["bytes"] for f in files),
    }


def clear() -> dict[str, Any]:
    """Remove the dataset cache files (and stray temporary files) vertikal wrote there; nothing else."""
    where = folder()
    removed = []
    paths = sorted(where.iterdir()) if where.is_dir() else []
    for path in paths:
        if (_store.NAME.match(path.name) or _store.TEMP.match(path.name)) and path.is_file():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path.name)
    with contextlib.suppress(OSError):
        where.rmdir()  # only if nothing else is left in it
    return {"folder": str(where), "removed": removed}
