"""Commands of the web explorer: build-db, serve. FastAPI, SQLAlchemy and uvicorn load only here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from vertikal.cli._common import DataOpt, JsonOpt, dataset, emit_json, fail
from vertikal.cli.app import app
from vertikal.problems import VertikalError

if TYPE_CHECKING:
    import socket


@app.command("build-db")
def build_db_cmd(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="The SQLite file to write, replaced atomically. An existing file is replaced only if it "
            "is a vertikal database; any other file is refused and left as it is.",
        ),
    ] = Path("vertikal.sqlite"),
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Also replace a vertikal database of another schema (never any other file)."
        ),
    ] = False,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Build the explorer's read-only SQLite database from the data."""
    from vertikal.store import StoreError, build_db

    try:
        result = build_db(dataset(data), out, force)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        emit_json(result)
    else:
        rows = sum(n for name, n in result["tables"].items())
        typer.echo(f"wrote {result['out']}: {len(result['tables'])} tables, {rows} rows")


def _prepare(data: Path | None, cache: Path | None) -> tuple[Path, Path]:
    """Build the cache in a child process, so that this server process never loads Altair or Polars."""
    import json
    import subprocess

    from vertikal.dataset import default_root
    from vertikal.store.cache import default_cache_dir, is_ready, locate

    root = data if data is not None else default_root()
    cache_dir = cache or default_cache_dir()
    where = locate(root, cache_dir)
    if not is_ready(where):
        import os

        from vertikal import datacache

        typer.echo(f"building the database in {where.folder} ...", err=True)
        env = None if datacache.enabled() else {**os.environ, "VERTIKAL_NO_CACHE": "1"}  # --no-cache
        proc = subprocess.run(
            [sys.executable, "-m", "vertikal.store", str(root), str(cache_dir)],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        if proc.returncode != 0:
            fail(proc.stderr.strip().removeprefix("vertikal: ") or "could not build the database")
        where = locate(root, cache_dir)
        json.loads(proc.stdout)  # the child reports where it built; the hash names the same folder
    return where.db, where.downloads


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, so that a busy port is one line before anything says it runs."""
    import errno
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        fail(f"cannot listen on {host}: {exc.strerror}")
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            fail(f"port {port} is in use; choose another with --port")
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    return sock


def _given_db(db: Path) -> Path:
    """The database given with --db, checked: a vertikal database of this schema and version."""
    from vertikal.store import StoreError, check_db

    try:
        check_db(db)
    except StoreError as exc:
        fail(str(exc))
    return db


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Serve this database, written by `vertikal build-db`, as it is (no downloads page "
            "files). Without it, a database and the downloads are built in the cache.",
            show_default=False,
        ),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache",
            help="Cache folder (default: $VERTIKAL_CACHE or ~/.cache/vertikal).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
) -> None:
    """Serve the web explorer (read-only): the database given with --db, or one built in the cache."""
    from vertikal.loader import data_root

    if db is not None and (data is not None or cache is not None):
        fail("--db serves a database as it is; leave out --data and --cache (they build one)")
    if db is None:
        try:
            data = data_root(data)  # says so when the directory (or $VERTIKAL_DATA) does not exist
        except VertikalError as exc:
            fail(str(exc))
    if db is not None:
        _given_db(db)
    sock = _listen(host, port)
    downloads = None
    if db is None:
        db, downloads = _prepare(data, cache)
    import uvicorn

    from vertikal.store import StoreError
    from vertikal.web import create_app

    try:
        application = create_app(db=db, downloads=downloads)
    except StoreError as exc:
        fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"vertikal explorer on http://{shown}:{port}/ (database {db})", err=True)
    config = uvicorn.Config(application, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])
