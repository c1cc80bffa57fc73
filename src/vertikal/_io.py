"""Atomic file writes: write to a temporary file beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from vertikal.problems import VertikalError


def atomic_write(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` atomically; on any error the old file (or no file) remains."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class OutputError(VertikalError, ValueError):
    """An output path that cannot be written."""


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_output_dir(out: Path) -> Path:
    """Refuse, with a one-line reason, an output directory that cannot be created or replaced.

    Missing parent directories are allowed (they are created when the output is written).
    """
    out = Path(out).absolute()
    parent = out.parent
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: exists and is not a directory")
    base = _nearest_existing(parent)
    if not base.is_dir():
        raise OutputError(f"{base}: not a directory")
    if not os.access(base, os.W_OK | os.X_OK):
        raise OutputError(f"{base}: not writable")
    return parent


@contextlib.contextmanager
def staged_dir(out: Path) -> Iterator[Path]:
    """Yield a fresh temporary directory beside `out`; on success it replaces `out` by renames.

    On any error the temporary directory is removed and `out` is left as it was, so a reader
    never sees a half-written output.
    """
    parent = check_output_dir(out)
    created: list[Path] = []
    for missing in reversed([p for p in (parent, *parent.parents) if not p.exists()]):
        try:
            missing.mkdir()
        except OSError as exc:
            _remove_empty(created)
            raise OutputError(f"{missing}: cannot create ({exc.strerror})") from None
        created.append(missing)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    except OSError as exc:
        _remove_empty(created)
        raise OutputError(f"{parent}: {exc.strerror}") from None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)
    try:
        yield tmp
        _swap(tmp, Path(out).absolute())
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        _remove_empty(created)
        raise


def _remove_empty(dirs: list[Path]) -> None:
    for d in reversed(dirs):
        with contextlib.suppress(OSError):
            d.rmdir()


def _swap(tmp: Path, out: Path) -> None:
    if not out.exists():
        os.replace(tmp, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.replace(out, old)
    try:
        os.replace(tmp, out)
    except BaseException:
        os.replace(old, out)
        raise
    with contextlib.suppress(OSError):
        shutil.rmtree(old)
