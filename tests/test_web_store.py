"""Issue 7: `vertikal build-db` and the explorer's cache (hash of the data files, read-only opening)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from tests.factory import data_dir
from vertikal.cli.app import app

pytest.importorskip("sqlalchemy")
from vertikal.store import StoreError, build_db, data_hash, open_readonly, tables

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("db") / "vertikal.sqlite"
    build_db(vertikal.load(), out)
    return out


def count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


def test_every_table_is_filled(db: Path, shipped: vertikal.Dataset) -> None:
    n_versions, n_items = len(shipped.versions), len(shipped.items)
    assert count(db, "SELECT count(*) FROM versions") == n_versions
    assert count(db, "SELECT count(*) FROM codebook") == n_items
    assert count(db, "SELECT count(*) FROM codings") == n_versions * n_items
    assert count(db, "SELECT count(*) FROM compare_steps") == n_versions * (n_versions - 1)  # no self-pairs
    assert count(db, "SELECT count(*) FROM compare_steps WHERE is_step") == n_versions - 1
    assert count(db, "SELECT count(*) FROM citations") == sum(
        len(c.cite) for v in shipped.codings.values() for c in v.values()
    )
    for name in tables():
        assert count(db, f"SELECT count(*) FROM {name}") > 0, name


def test_stored_results_are_the_library_results(db: Path, shipped: vertikal.Dataset) -> None:
    from vertikal import queries

    with sqlite3.connect(db) as conn:
        text = conn.execute("SELECT powers_json FROM versions WHERE id = '2017-03-10'").fetchone()[0]
        status = conn.execute(
            "SELECT status FROM codings WHERE version = '2017-03-10' AND item = 'decree_force_of_law'"
        ).fetchone()[0]
        klass = conn.execute(
            "SELECT classification FROM step_measures WHERE from_version = '2011-02-02' "
            "AND to_version = '2017-03-10' AND measure = 'volume'"
        ).fetchone()[0]
    assert json.loads(text) == queries.powers(shipped, "2017-03-10")
    assert status == "absent" and klass == "deconcentration"


def test_the_database_opens_read_only(db: Path) -> None:
    from sqlalchemy.exc import OperationalError

    engine = open_readonly(db)
    with pytest.raises(OperationalError, match="readonly"), engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM versions")
    assert count(db, "SELECT count(*) FROM versions") > 0


def test_a_file_that_is_not_the_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(StoreError, match="not a vertikal database"):
        open_readonly(other)
    with pytest.raises(StoreError, match="no database"):
        open_readonly(tmp_path / "missing.sqlite")


def test_the_hash_follows_the_data_files(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    before = data_hash(root)
    assert data_hash(root) == before
    codings = root / "codings" / "2017-03-10.yaml"
    codings.write_text(codings.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert data_hash(root) != before


def test_prepare_builds_once_and_again_when_the_data_change(tmp_path: Path) -> None:
    from vertikal.store.cache import is_ready, locate, prepare

    root, cache = data_dir(tmp_path), tmp_path / "cache"
    first = prepare(root, cache)
    assert is_ready(first) and first.db.is_file() and (first.downloads / "vertikal-csv.zip").is_file()
    stamp = first.db.stat().st_mtime_ns
    assert prepare(root, cache).db.stat().st_mtime_ns == stamp  # up to date: not rebuilt
    (root / "versions.yaml").write_text(
        (root / "versions.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    stale = locate(root, cache)
    assert stale.folder != first.folder and not is_ready(stale)
    assert prepare(root, cache).folder == stale.folder


def test_build_db_command(tmp_path: Path) -> None:
    out = tmp_path / "x" / "v.sqlite"
    result = runner.invoke(app, ["build-db", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["out"] == str(out) and report["tables"]["versions"] == len(vertikal.load().versions)
    assert report["data_hash"] == data_hash(Path(vertikal.__file__).parent / "data")
    assert out.is_file() and not list(out.parent.glob(".*tmp"))


def test_build_db_refuses_data_with_problems(broken: Callable[[str], Path], tmp_path: Path) -> None:
    out = tmp_path / "v.sqlite"
    result = runner.invoke(app, ["build-db", "--out", str(out), "--data", str(broken("VK005-unknown-power"))])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "vertikal check" in result.stderr
    assert not out.exists()


def test_build_db_refuses_a_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build-db", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "not a file" in result.stderr


def test_the_dataset_commands_do_not_load_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from vertikal.cli import main\n"
        "sys.argv = ['vertikal', 'versions', '--json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('fastapi', 'starlette', 'sqlalchemy', 'uvicorn', 'altair', 'babel') "
        "if m in sys.modules]\n"
        "sys.stderr.write(repr(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stderr.strip().endswith("[]"), proc.stderr[-500:]


def test_the_store_doctests() -> None:
    import doctest

    import vertikal.store

    assert doctest.testmod(vertikal.store).failed == 0


def test_serve_refuses_a_missing_data_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--data", str(tmp_path / "nope"), "--cache", str(tmp_path)])
    assert result.exit_code == 1 and "the data directory does not exist" in result.stderr


def test_serve_reports_data_problems_in_one_line(broken: Callable[[str], Path], tmp_path: Path) -> None:
    data = broken("VK005-unknown-power")
    result = runner.invoke(app, ["serve", "--data", str(data), "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 1 and "vertikal check" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.strip().count("\n") <= 1
