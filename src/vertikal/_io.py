"""Safe outputs: atomic writes, and output directories that never lose a file vertikal did not write.

An output directory that vertikal writes holds a marker, `.vertikal-output.json`, listing the files it
wrote there. `staged_dir` writes the whole output into a temporary directory beside the target and
then puts it in place:

- a new or empty directory, or one holding only files vertikal wrote (per its marker), is replaced
  by renames: a reader sees the old output or the new, never half of one;
- a directory holding anything else (a "foreign" file) is refused, naming the first foreign file,
  and nothing is touched; with ``force=True`` the new files are moved in one by one (each file
  atomically), the files the old marker lists and the new output lacks are removed, and every
  foreign file is kept as it was. A foreign file in the way of a new one is refused even then;
- the current directory, a parent of it, the home directory and ``/`` are refused outright.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vertikal.problems import VertikalError

MARKER = ".vertikal-output.json"


class OutputError(VertikalError, ValueError):
    """An output path that cannot or must not be written."""


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


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def refuse_dangerous(out: Path, option: str = "--out") -> None:
    """Refuse `.`, `..`, `~`, `/`, the current directory or a parent of it, and the home directory."""
    raw = str(out)
    if Path(raw).parts[:1] == ("~",):
        raise OutputError(f"{option} {raw}: `~` was not expanded; give the full path of a new directory")
    resolved = Path(out).resolve()
    cwd = Path.cwd().resolve()
    home = Path.home().resolve()
    why = ""
    if resolved == Path(resolved.anchor):
        why = "the root directory"
    elif resolved == cwd:
        why = "the current directory"
    elif cwd.is_relative_to(resolved):
        why = "a parent of the current directory"
    elif resolved == home:
        why = "the home directory"
    if why:
        raise OutputError(
            f"{option} {raw}: refusing to write into {why}; give a new or empty directory, e.g. build/report"
        )


@dataclass(frozen=True)
class Plan:
    """What is in the output directory now: the files vertikal wrote there (per the marker), and
    the first foreign entry, if any."""

    out: Path
    exists: bool
    ours: frozenset[str]
    foreign: str | None


def read_marker(out: Path) -> frozenset[str] | None:
    """The files listed by the marker in `out`, or None when there is no valid marker."""
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) and data.get("written_by") == "vertikal" else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    safe = [f for f in files if f and not Path(f).is_absolute() and ".." not in Path(f).parts]
    return frozenset(safe) if len(safe) == len(files) else None


def _entries(out: Path) -> Iterator[tuple[str, bool]]:
    """Every entry under `out` (relative posix path, is a plain directory), without following links."""
    for top, dirs, files in os.walk(out):
        base = Path(top).relative_to(out)
        for name in sorted(dirs):
            path = Path(top) / name
            yield (base / name).as_posix(), not path.is_symlink()
        for name in sorted(files):
            yield (base / name).as_posix(), False


def survey(out: Path) -> Plan:
    """Look at `out` without changing anything."""
    out = Path(out)
    if not out.exists() and not out.is_symlink():
        return Plan(out, False, frozenset(), None)
    if out.is_symlink() or not out.is_dir():
        raise OutputError(f"{out}: exists and is not a directory")
    listed = read_marker(out)
    ours = listed if listed is not None else frozenset()
    parents = {p.as_posix() for f in ours for p in Path(f).parents if p != Path(".")}
    foreign = []
    for rel, is_dir in _entries(out):
        if rel == MARKER and listed is not None:
            continue
        if (rel in ours and not is_dir and (out / rel).is_file() and not (out / rel).is_symlink()) or (
            is_dir and rel in parents
        ):
            continue
        foreign.append(rel)
    return Plan(out, True, ours, min(foreign) if foreign else None)


def check_output_dir(out: Path, force: bool = False) -> Plan:
    """Refuse, with a one-line reason, an output directory that cannot or must not be written.

    Missing parent directories are allowed (they are created when the output is written).
    """
    out = Path(out)
    refuse_dangerous(out)
    plan = survey(out.absolute())
    if plan.foreign is not None and not force:
        raise OutputError(
            f"{out / plan.foreign}: not written by vertikal; refusing to write into {out} "
            "(choose a new or empty directory, or add --force to replace only the files vertikal "
            "wrote there and keep the others)"
        )
    base = _nearest_existing(out.absolute().parent)
    if not base.is_dir():
        raise OutputError(f"{base}: not a directory")
    if not os.access(base, os.W_OK | os.X_OK):
        raise OutputError(f"{base}: not writable")
    return plan


def _written(tmp: Path) -> list[str]:
    return sorted(
        (Path(top) / name).relative_to(tmp).as_posix() for top, _dirs, files in os.walk(tmp) for name in files
    )


def _marker_text(kind: str, files: list[str]) -> str:
    import vertikal

    body = {
        "written_by": "vertikal",
        "kind": kind,
        "vertikal_version": vertikal.__version__,
        "note": "vertikal replaces the files listed here, and only these, when it writes here again.",
        "files": files,
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


@contextlib.contextmanager
def staged_dir(out: Path, kind: str = "output", force: bool = False) -> Iterator[Path]:
    """Yield a fresh temporary directory beside `out`; on success its files are put in place in `out`.

    On any error the temporary directory is removed and `out` is left as it was. See the module's
    docstring for what is replaced and what is refused.
    """
    out = Path(out).absolute()
    check_output_dir(out, force)
    parent = out.parent
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
        files = _written(tmp)
        (tmp / MARKER).write_text(_marker_text(kind, files), encoding="utf-8")
        plan = check_output_dir(out, force)  # again: the directory may have changed meanwhile
        if plan.foreign is None:
            _swap(tmp, out, plan.ours)
        else:
            _merge(tmp, out, files, plan.ours)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        _remove_empty(created)
        raise


def _remove_empty(dirs: list[Path]) -> None:
    for d in reversed(dirs):
        with contextlib.suppress(OSError):
            d.rmdir()


def _remove_ours(root: Path, ours: frozenset[str] | set[str]) -> None:
    """Remove the listed files under `root`, then the directories they leave empty."""
    for rel in sorted(ours):
        path = root / rel
        if path.is_file() and not path.is_symlink():
            path.unlink()
    dirs = {p for rel in ours for p in (root / rel).parents if p != root and p.is_relative_to(root)}
    for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):
            d.rmdir()  # only ever removes an empty directory


def _swap(tmp: Path, out: Path, ours: frozenset[str]) -> None:
    """`out` holds nothing but vertikal's files: replace the whole directory by renames."""
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
    _remove_ours(old, ours | {MARKER})
    with contextlib.suppress(OSError):
        old.rmdir()  # left in place if anything not ours appeared there meanwhile


def _merge(tmp: Path, out: Path, files: list[str], ours: frozenset[str]) -> None:
    """`out` holds foreign files (and `--force` was given): move the new files in one by one."""
    for rel in files:
        dest = out / rel
        for p in reversed([d for d in dest.parents if d.is_relative_to(out) and d != out]):
            if p.is_symlink() or (p.exists() and not p.is_dir()):
                raise OutputError(f"{p}: not written by vertikal and in the way of {rel}; move it away")
        if (dest.exists() or dest.is_symlink()) and (rel not in ours or dest.is_symlink()):
            raise OutputError(f"{dest}: not written by vertikal and in the way of a new file; move it away")
    for rel in files:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp / rel, out / rel)
    _remove_ours(out, set(ours) - set(files) - {MARKER})
    os.replace(tmp / MARKER, out / MARKER)
    shutil.rmtree(tmp, ignore_errors=True)
