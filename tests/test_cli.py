"""Every CLI command's --json output equals the library's result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from vertikal import queries
from vertikal.cli.app import app

runner = CliRunner()


def run_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_codebook_json(shipped: vertikal.Dataset) -> None:
    assert run_json("codebook") == queries.codebook(shipped)


def test_versions_json(shipped: vertikal.Dataset) -> None:
    assert run_json("versions") == queries.versions(shipped)


def test_powers_json(shipped: vertikal.Dataset) -> None:
    vid = shipped.versions[-1].id
    assert run_json("powers", vid) == queries.powers(shipped, vid)
    assert run_json("powers", vid, "--domain", "territorial") == queries.powers(shipped, vid, "territorial")


def test_power_json(shipped: vertikal.Dataset) -> None:
    assert run_json("power", "decree_force_of_law") == queries.history(shipped, "decree_force_of_law")


def test_matrix_json(shipped: vertikal.Dataset) -> None:
    assert run_json("matrix") == queries.matrix(shipped)
    assert run_json("matrix", "--item", "veto") == queries.matrix(shipped, ["veto"])


def test_check_json(shipped: vertikal.Dataset) -> None:
    result = run_json("check")
    assert result["ok"] is True and result["errors"] == 0
    assert all(p["severity"] == "warning" for p in result["problems"])


def test_json_on_synthetic_data(mini: Path) -> None:
    ds = vertikal.load(mini)
    assert run_json("power", "decree", "--data", str(mini)) == queries.history(ds, "decree")
    history = queries.history(ds, "appoint_pm")
    assert [r["change"] for r in history["versions"]] == [None, "sole->shared"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["powers", "1066-10-14"], "unknown version '1066-10-14'"),
        (["power", "make_coffee"], "unknown power 'make_coffee'"),
        (["powers", "2022-09-17", "--domain", "cooking"], "unknown domain 'cooking'"),
        (["matrix", "--item", "nope"], "unknown power 'nope'"),
    ],
)
def test_unknown_ids_give_one_line_errors(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_data_with_problems_is_refused(broken: Any) -> None:
    result = runner.invoke(app, ["versions", "--data", str(broken("VK009-unknown-article"))])
    assert result.exit_code == 1
    assert "run `vertikal check`" in result.stderr


def test_python_dash_m_runs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "vertikal", "versions", "--json"], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout)[0]["id"]


def test_versions_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from vertikal.cli.app import app; sys.argv=['vertikal','versions','--json'];\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: app()\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in ('polars','fastapi','altair') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]")


def test_measure_commands_json(shipped: vertikal.Dataset) -> None:
    from vertikal import measures
    from vertikal.measures.claimset import evaluate_all
    from vertikal.measures.compare import compare
    from vertikal.measures.periods import periods

    assert run_json("timeline") == measures.timeline(shipped)
    assert run_json("timeline", "-m", "siaroff") == measures.timeline(shipped, ["siaroff"])
    assert run_json("compare", "2011-02-02", "2017-03-10") == compare(shipped, "2011-02-02", "2017-03-10")
    assert run_json("periods") == periods(shipped)
    assert run_json("claims") == evaluate_all(shipped)
    assert run_json("methods") == measures.methods_all(shipped)
    from vertikal.measures.sensitivity import sensitivity

    assert run_json("sensitivity") == sensitivity(shipped)
    assert run_json("measure", "shugart-carey", "2011-02-02") == measures.score(
        shipped, "shugart-carey", "2011-02-02"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "-m", "nope"], "unknown measure 'nope'"),
        (["compare", "2011-02-02", "1066-10-14"], "unknown version '1066-10-14'"),
        (["measure", "volume", "1066-10-14"], "unknown version '1066-10-14'"),
        (["claims", "--id", "nope"], "unknown claim 'nope'"),
    ],
)
def test_measure_commands_unknown_ids(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert message in result.stderr
