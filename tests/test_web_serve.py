"""Issue 11, part 9: `serve --db` serves what `build-db` wrote and refuses anything else in one line;
a busy port is one line before anything says the server runs."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vertikal.cli.app import app

pytest.importorskip("fastapi")
runner = CliRunner()


def one_line_error(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("vertikal: ") and "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("db") / "site.sqlite"
    result = runner.invoke(app, ["build-db", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_serve_refuses_a_file_that_is_not_a_vertikal_database(tmp_path: Path) -> None:
    thesis = tmp_path / "thesis.docx"
    thesis.write_bytes(b"PK\x03\x04 not a database")
    line = one_line_error(["serve", "--db", str(thesis)])
    assert "not a vertikal database" in line and "build-db" in line
    assert thesis.read_bytes() == b"PK\x03\x04 not a database"


def test_serve_refuses_a_database_of_another_schema(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '999')")
    assert "database schema 999, expected" in one_line_error(["serve", "--db", str(other)])


def test_serve_refuses_a_database_of_another_vertikal_version(tmp_path: Path, built: Path) -> None:
    old = tmp_path / "old.sqlite"
    old.write_bytes(built.read_bytes())
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET value = '0.0.1' WHERE key = 'vertikal_version'")
    assert "built by vertikal 0.0.1" in one_line_error(["serve", "--db", str(old)])


def test_serve_refuses_a_missing_database_and_mixed_options(tmp_path: Path) -> None:
    assert "no such file" in one_line_error(["serve", "--db", str(tmp_path / "none.sqlite")])
    assert "leave out --data" in one_line_error(["serve", "--db", "x.sqlite", "--data", str(tmp_path)])


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield int(s.getsockname()[1])


def test_a_busy_port_is_one_line_before_anything_runs(busy_port: int, built: Path) -> None:
    for extra in ([], ["--db", str(built)]):
        line = one_line_error(["serve", "--port", str(busy_port), *extra])
        assert line == f"vertikal: port {busy_port} is in use; choose another with --port"


def test_serve_db_serves_that_database(built: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = dict(os.environ, VERTIKAL_CACHE=str(tmp_path / "untouched-cache"))
    cmd = [sys.executable, "-m", "vertikal", "serve", "--db", str(built), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/favicon.ico", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.json", timeout=5) as r:
            assert r.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert not (tmp_path / "untouched-cache").exists()  # nothing was built: the given file was served
    assert proc.stderr is not None and f"(database {built})" in proc.stderr.read()


def test_the_database_keeps_the_report_findings_for_the_site(built: Path, shipped: object) -> None:
    from vertikal.report.findings import findings
    from vertikal.store import blob, open_readonly

    engine = open_readonly(built)
    try:
        stored = blob(engine, "findings")
    finally:
        engine.dispose()
    assert [f["id"] for f in stored] == [f["id"] for f in findings(shipped)]  # type: ignore[arg-type]
