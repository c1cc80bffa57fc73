"""`vertikal build-db`: the explorer's read-only SQLite database, built from the library's results.

>>> from vertikal.store import tables
>>> sorted(tables())[:3]
['akim_rules', 'akim_tiers', 'blobs']
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from vertikal.dataset import Dataset
from vertikal.problems import VertikalError

__all__ = ["StoreError", "build_db", "check_db", "data_hash", "open_readonly", "tables"]

DB_NAME = "vertikal.sqlite"


class StoreError(VertikalError, ValueError):
    """The database cannot be built or opened (bad data, unwritable path, wrong schema)."""


def tables() -> list[str]:
    """The names of the database's tables."""
    from vertikal.store.schema import metadata

    return list(metadata.tables)


# the code the database's content depends on: the top-level modules and these packages
_IN_DB = {"measures", "akims", "export", "report", "store"}


def _code_files() -> list[Path]:
    """The library's modules and definition files that can change what the database holds."""
    pkg = Path(__file__).resolve().parents[1]
    out = []
    for p in pkg.rglob("*"):
        parts = p.relative_to(pkg).parts
        if p.suffix in (".py", ".yaml") and p.is_file() and (len(parts) == 1 or parts[0] in _IN_DB):
            out.append(p)
    return sorted(out)


def data_hash(root: Path) -> str:
    """SHA-256 of every data file under `root` (names and bytes) and of the library's code."""
    h = hashlib.sha256()
    root = Path(root)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(root)).encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for path in _code_files():
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _insert(conn: Any, rows: dict[str, list[dict[str, Any]]], blobs: dict[str, Any]) -> None:
    from vertikal.store import schema
    from vertikal.store.rows import dumps

    for name, table_rows in rows.items():
        if table_rows:
            conn.execute(schema.metadata.tables[name].insert(), table_rows)
    conn.execute(schema.blobs.insert(), [{"name": k, "json": dumps(v)} for k, v in blobs.items()])


def _findings(ds: Dataset) -> list[dict[str, Any]]:
    from vertikal.report.findings import FindingsError, findings

    try:
        return findings(ds)
    except FindingsError as exc:
        raise StoreError(str(exc)) from None


def database_meta(path: Path) -> dict[str, str] | None:
    """The `meta` table of the vertikal database at `path`, or None if it is not one (read-only)."""
    import sqlite3

    try:
        with Path(path).open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        found = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return found if {"schema_version", "vertikal_version"} <= set(found) else None


def _check_target(out: Path, force: bool) -> None:
    """Refuse to replace a file that is not a vertikal database (never, even with `force`), or a
    vertikal database of another schema (unless `force`)."""
    from vertikal.store.schema import SCHEMA_VERSION

    if out.is_symlink():
        raise StoreError(f"{out}: is a symbolic link; give the path of the database itself")
    if not out.exists():
        return
    if not out.is_file():
        raise StoreError(f"{out}: exists and is not a file")
    meta = database_meta(out)
    if meta is None:
        raise StoreError(
            f"{out}: exists and is not a vertikal database; refusing to replace it "
            "(--force replaces only a database vertikal wrote; choose another --out)"
        )
    if meta["schema_version"] != str(SCHEMA_VERSION) and not force:
        raise StoreError(
            f"{out}: a vertikal database of schema {meta['schema_version']} (vertikal "
            f"{meta['vertikal_version']}); this one writes schema {SCHEMA_VERSION}: add --force to replace it"
        )


def build_db(ds: Dataset, out: Path, force: bool = False) -> dict[str, Any]:
    """Write the database to `out` atomically (a temporary file beside it, then a rename).

    An existing file at `out` is replaced only if it is a vertikal database (of the same schema, or
    of any schema with `force`); any other file is refused and left as it is.
    """
    from sqlalchemy import create_engine

    import vertikal
    from vertikal.store import rows as rows_mod
    from vertikal.store import schema
    from vertikal.store.specs import LANGS, chart_specs

    if ds.errors:
        raise StoreError(f"the data has problems; run `vertikal check`: {ds.errors[0]}")
    out = Path(out)
    _check_target(out, force)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise StoreError(f"{out}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    table_rows, blobs = rows_mod.tables(ds)
    for lang in LANGS:
        blobs[f"charts:{lang}"] = chart_specs(blobs, lang)
    blobs["findings"] = _findings(ds)  # the report's findings, for the site to word the same way
    digest = data_hash(ds.root)
    from vertikal.release import release

    meta = {
        "data_hash": digest,
        "schema_version": str(schema.SCHEMA_VERSION),
        "vertikal_version": vertikal.__version__,
        "dataset_version": release(ds)["version"],
    }
    engine = create_engine(f"sqlite:///{tmp}")
    try:
        schema.metadata.create_all(engine)
        with engine.begin() as conn:
            _insert(conn, table_rows, blobs)
            conn.execute(schema.meta.insert(), [{"key": k, "value": v} for k, v in meta.items()])
        engine.dispose()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the database is not secret
        os.replace(tmp, out)
    except BaseException:
        engine.dispose()
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    counts = {name: len(r) for name, r in table_rows.items()}
    counts["blobs"] = len(blobs)
    return {"out": str(out), "data_hash": digest, "tables": counts}


def open_readonly(path: Path) -> Any:
    """A SQLAlchemy engine on the database in read-only mode (sqlite URI ``mode=ro``)."""
    import sqlite3

    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from vertikal.store.schema import SCHEMA_VERSION

    path = Path(path).resolve()
    if not path.is_file():
        raise StoreError(f"{path}: no database; run `vertikal build-db`")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=StaticPool)
    with engine.connect() as conn:
        try:
            found = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar()
        except Exception:
            raise StoreError(f"{path}: not a vertikal database; build one with `vertikal build-db`") from None
    if found != str(SCHEMA_VERSION):
        raise StoreError(
            f"{path}: database schema {found}, expected {SCHEMA_VERSION}; rebuild it with `vertikal build-db`"
        )
    return engine


def check_db(path: Path) -> dict[str, str]:
    """The meta of a database written by `build-db` with this schema and this vertikal version.

    Raises StoreError, in one line, for a missing file, a file that is not a vertikal database, or
    one of another schema or version.
    """
    import vertikal

    path = Path(path)
    if not path.exists():
        raise StoreError(f"{path}: no such file; build one with `vertikal build-db --out {path}`")
    engine = open_readonly(path)
    try:
        meta = read_meta(engine)
    finally:
        engine.dispose()
    built = meta.get("vertikal_version")
    if built != vertikal.__version__:
        raise StoreError(
            f"{path}: built by vertikal {built}, this is vertikal {vertikal.__version__}; "
            "rebuild it with `vertikal build-db`"
        )
    return meta


def read_meta(engine: Any) -> dict[str, str]:
    with engine.connect() as conn:
        return {k: v for k, v in conn.exec_driver_sql("SELECT key, value FROM meta")}


def blob(engine: Any, name: str) -> Any:
    with engine.connect() as conn:
        text = conn.exec_driver_sql("SELECT json FROM blobs WHERE name = ?", (name,)).scalar()
    return None if text is None else json.loads(text)
