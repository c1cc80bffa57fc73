"""Issue 11, item 1: outputs never destroy what vertikal did not write."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from vertikal._io import MARKER, OutputError, check_output_dir
from vertikal.cli.app import app

runner = CliRunner()
THESIS = b"PK\x03\x04 a thesis that took three years\n"
COMMANDS = {
    "report": ["report", "--no-png"],
    "export": ["export", "--format", "csv"],
}


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def precious(tmp_path: Path) -> Path:
    """A directory with a user's files in it, one of them in a subdirectory."""
    out = tmp_path / "precious"
    (out / "sub").mkdir(parents=True)
    (out / "thesis.docx").write_bytes(THESIS)
    (out / "sub" / "data.csv").write_bytes(b"a,b\n1,2\n")
    return out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_issue11_a_foreign_file_is_refused_and_kept(command: str, tmp_path: Path) -> None:
    out = precious(tmp_path)
    before = tree(out)
    result = run(*COMMANDS[command], "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{out / 'sub'}: not written by vertikal" in result.stderr  # the first foreign entry
    assert "--force" in result.stderr
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious"]  # no staging left behind


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_issue11_force_replaces_only_vertikals_files(command: str, tmp_path: Path) -> None:
    out = precious(tmp_path)
    before = tree(out)
    first = run(*COMMANDS[command], "--out", str(out), "--force")
    assert first.exit_code == 0, first.output
    after = tree(out)
    assert {k: after[k] for k in before} == before  # every foreign file byte-identical
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["written_by"] == "vertikal" and marker["kind"] == command
    assert sorted(marker["files"]) == sorted(set(after) - set(before) - {MARKER})
    # a second run with --force replaces vertikal's files and still keeps the others
    again = run(*COMMANDS[command], "--out", str(out), "--force")
    assert again.exit_code == 0, again.output
    assert tree(out) == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["precious"]


def test_issue11_force_never_replaces_a_foreign_file_in_the_way(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("my own notes\n", encoding="utf-8")
    result = run("report", "--no-png", "--out", str(out), "--force")
    assert result.exit_code == 1 and "report.md: not written by vertikal" in result.stderr
    assert sorted(tree(out)) == ["report.md"]
    assert (out / "report.md").read_text(encoding="utf-8") == "my own notes\n"


def test_issue11_a_directory_vertikal_wrote_is_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "data"
    assert run("export", "--format", "csv", "--out", str(out)).exit_code == 0
    assert (out / "csv").is_dir() and (out / MARKER).is_file()
    result = run("export", "--format", "json", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / "csv").exists() and (out / "json").is_dir()  # the old output was all vertikal's
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_issue11_stale_files_of_vertikal_go_and_foreign_ones_stay_with_force(tmp_path: Path) -> None:
    out = tmp_path / "data"
    assert run("export", "--format", "csv", "--out", str(out)).exit_code == 0
    (out / "csv" / "mine.R").write_text("library(readr)\n", encoding="utf-8")
    refused = run("export", "--format", "json", "--out", str(out))
    assert refused.exit_code == 1 and "csv/mine.R: not written by vertikal" in refused.stderr
    result = run("export", "--format", "json", "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "csv").iterdir()) == ["mine.R"]
    assert (out / "json").is_dir()


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("where", [".", "..", "~", "/", "home", "cwd-parent"])
def test_issue11_dangerous_outputs_are_refused_outright(
    command: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    work = home / "proj" / "work"
    work.mkdir(parents=True)
    (work / "analysis.R").write_text("x <- 1\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    out = {"home": str(home), "cwd-parent": str(home / "proj")}.get(where, where)
    before = tree(home)
    result = run(*COMMANDS[command], "--out", out, "--force")
    assert result.exit_code == 1, result.output
    assert "refusing to write into" in result.stderr or "was not expanded" in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree(home) == before


def test_check_output_dir_refuses_a_file_and_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "f")
    for name in ("f", "link"):
        with pytest.raises(OutputError, match="exists and is not a directory"):
            check_output_dir(tmp_path / name)


def test_a_symlink_inside_is_foreign_even_if_listed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere.txt").write_text("keep", encoding="utf-8")
    (out / "report.md").symlink_to(tmp_path / "elsewhere.txt")
    marker = {"written_by": "vertikal", "files": ["report.md"]}
    (out / MARKER).write_text(json.dumps(marker), encoding="utf-8")
    assert check_output_dir(out, force=True).foreign == "report.md"
    result = run("report", "--no-png", "--out", str(out), "--force")
    assert result.exit_code == 1 and "not written by vertikal" in result.stderr
    assert (tmp_path / "elsewhere.txt").read_text(encoding="utf-8") == "keep"


def test_files_are_moved_into_place_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With foreign files present, every file reaches `out` by one rename from the staging directory,
    so a reader never sees a half-written file."""
    out = precious(tmp_path)
    moves: list[tuple[str, str]] = []
    real = os.replace

    def spy(src: Any, dst: Any) -> None:
        moves.append((str(src), str(dst)))
        real(src, dst)

    monkeypatch.setattr("vertikal._io.os.replace", spy)
    assert run("export", "--format", "csv", "--out", str(out), "--force").exit_code == 0
    into_out = [(s, d) for s, d in moves if Path(d).is_relative_to(out)]
    assert len(into_out) == len(json.loads((out / MARKER).read_text())["files"]) + 1
    for src, _dst in into_out:
        assert Path(src).parent.name.startswith(".precious.") or ".precious." in src


# -- build-db ------------------------------------------------------------------------------------


def test_issue11_build_db_refuses_a_foreign_file_with_or_without_force(tmp_path: Path) -> None:
    out = tmp_path / "thesis.docx"
    out.write_bytes(THESIS)
    for extra in ([], ["--force"]):
        result = run("build-db", "--out", str(out), *extra)
        assert result.exit_code == 1 and "is not a vertikal database" in result.stderr
        assert result.stderr.count("\n") == 1
        assert out.read_bytes() == THESIS
    # another program's SQLite database is foreign too
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.commit()
    conn.close()
    data = other.read_bytes()
    assert run("build-db", "--out", str(other), "--force").exit_code == 1
    assert other.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite", "thesis.docx"]


def test_build_db_replaces_its_own_database_and_asks_force_for_another_schema(tmp_path: Path) -> None:
    out = tmp_path / "v.sqlite"
    assert run("build-db", "--out", str(out)).exit_code == 0
    assert run("build-db", "--out", str(out)).exit_code == 0  # its own: replaced
    conn = sqlite3.connect(out)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    refused = run("build-db", "--out", str(out))
    assert refused.exit_code == 1 and "schema 0" in refused.stderr and "--force" in refused.stderr
    assert run("build-db", "--out", str(out), "--force").exit_code == 0
    from vertikal.store import database_meta
    from vertikal.store.schema import SCHEMA_VERSION

    meta = database_meta(out)
    assert meta is not None and meta["schema_version"] == str(SCHEMA_VERSION)


@pytest.mark.parametrize("command", ["report", "export", "build-db"])
def test_help_says_what_is_replaced(command: str) -> None:
    text = " ".join(run(command, "--help").output.split())
    assert "--force" in text
    assert "refused" in text
