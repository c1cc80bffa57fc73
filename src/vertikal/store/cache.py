"""The explorer's cache: the database and the downloads, in a folder named after the data hash.

A folder is complete when its ``READY`` file holds the hash; it is built in a staging folder and
renamed into place, so a server never sees half of one. A changed data file gives a new hash, so a
stale database is never served.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from vertikal.store import DB_NAME, StoreError, build_db, data_hash

READY = "READY"
ZIP_NAME = "vertikal-csv.zip"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed zip timestamps: the same data gives the same bytes


@dataclass(frozen=True)
class Prepared:
    """Where a prepared database and its downloads are."""

    folder: Path
    db: Path
    downloads: Path
    data_hash: str


def default_cache_dir() -> Path:
    """$VERTIKAL_CACHE, else $XDG_CACHE_HOME/vertikal, else ~/.cache/vertikal (`datacache.base_dir`)."""
    from vertikal.datacache import base_dir

    return base_dir()


def locate(data_root: Path, cache_dir: Path) -> Prepared:
    digest = data_hash(data_root)
    folder = Path(cache_dir) / f"web-{digest[:20]}"
    return Prepared(folder, folder / DB_NAME, folder / "downloads", digest)


def is_ready(p: Prepared) -> bool:
    ready = p.folder / READY
    return ready.is_file() and ready.read_text(encoding="utf-8").strip() == p.data_hash and p.db.is_file()


def _zip_csv(downloads: Path) -> None:
    """One zip of the data package: datapackage.json and every CSV, in a fixed order."""
    files = [downloads / "datapackage.json", *sorted((downloads / "csv").glob("*.csv"))]
    with zipfile.ZipFile(downloads / ZIP_NAME, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            info = zipfile.ZipInfo(str(f.relative_to(downloads)), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, f.read_bytes())


def prepare(data_root: Path | None, cache_dir: Path | None = None) -> Prepared:
    """Build the database and the downloads for the data under `data_root`, unless already there."""
    from vertikal._io import OutputError, check_output_dir, staged_dir
    from vertikal.datacache import load
    from vertikal.export import ExportError, export
    from vertikal.loader import data_root as resolve_root
    from vertikal.problems import DataError

    try:
        root = resolve_root(data_root)
        p = locate(root, cache_dir or default_cache_dir())
        if is_ready(p):
            return p
        ds = load(root)  # through the dataset cache: a warm one skips the validation
    except DataError as exc:
        raise StoreError(str(exc)) from None
    try:
        check_output_dir(p.folder)
        with staged_dir(p.folder, "web-cache") as tmp:
            build_db(ds, tmp / DB_NAME)
            export(ds, tmp / "downloads", "csv")
            _zip_csv(tmp / "downloads")
            (tmp / READY).write_text(p.data_hash + "\n", encoding="utf-8")
    except (OutputError, ExportError) as exc:
        raise StoreError(str(exc)) from None
    except OSError as exc:
        raise StoreError(f"{p.folder}: {exc.strerror or exc}") from None
    return p
