"""`vertikal.load()`: read the dataset (`vertikal.dataset`), apply the rules (`vertikal.check`), and by
default refuse data with errors.

The dependency runs one way: this module uses both; the validator uses the reader; the reader uses
neither.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path

from vertikal.dataset import Dataset, default_root, read
from vertikal.problems import DataError, Problem


def data_root(root: Path | str | None = None) -> Path:
    """The data directory `root` (or $VERTIKAL_DATA, or the built-in data), refused if it is not one.

    Raises `DataError` (one problem, VK013) naming where the path came from when it does not exist.
    """
    env = os.environ.get("VERTIKAL_DATA")
    path = Path(root) if root is not None else default_root()
    where = f"VERTIKAL_DATA={env}" if root is None and env else str(path)
    if not path.exists():
        message = f"{where}: the data directory does not exist"
    elif not path.is_dir():
        message = f"{where}: not a directory"
    else:
        return path
    raise DataError([Problem(str(path), 0, "VK013", message)], message)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a load builds its values, then as it was.

    A load makes millions of small objects (parsed values, models) and no reference cycles worth
    collecting; with the collector on, its passes over the growing heap cost about a third of the
    load at 100 times the real data (bench/legal_scale.py). Nothing is leaked: the collector runs
    again as usual afterwards, and reference counting frees everything meanwhile.

    Everything made meanwhile sits in the youngest generation, whose first collection after
    `gc.enable` would walk all of it (0.35 s at 100x) only to move it to an older one. It is moved
    to the oldest generation at once instead (`gc.freeze` then `gc.unfreeze`, two list splices), where
    full collections still see it; only when nothing else of the process is frozen, so that an
    application's own `gc.freeze` is never undone.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_on:
            gc.enable()


def load(root: Path | str | None = None, *, strict: bool = True) -> Dataset:
    """Load and check the dataset under `root` (default: $VERTIKAL_DATA, else the built-in data).

    Strict by default: data with any error raises `DataError`, which carries every problem found
    (code, file, line) in `.problems`. With ``strict=False`` the partial dataset is returned and its
    problems are in `Dataset.problems`. Warnings (documented gaps) never raise; they stay in
    `Dataset.problems` either way. A data directory that does not exist always raises.
    """
    from vertikal import check  # the rules (and the models they need) load with the first load

    path = data_root(root)
    with collector_paused():
        ds = check.validate(read(path))
    if strict and ds.errors:
        raise DataError(ds.errors + ds.warnings)
    return ds
