"""Issue 11: `matrix` cut to the terminal and its options; `check` lists errors first, sums warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from tests.cli import run_at_width
from vertikal import queries
from vertikal.cli.app import app

runner = CliRunner()


def _run(*args: str, columns: int = 80) -> str:
    return run_at_width(*args, columns=columns)


# -- matrix -------------------------------------------------------------------------------


def test_matrix_at_80_columns_shows_every_version_as_a_row(shipped: vertikal.Dataset) -> None:
    out = _run("matrix")
    rows = [line.split()[0] for line in out.splitlines() if line[:4].isdigit()]
    assert rows == [v.id for v in shipped.versions]
    key = [it.id for it in shipped.items if it.key]
    for n, item in enumerate(key, 1):  # the numbered columns are listed below, with their ids
        assert any(line.split()[:2] == [str(n), item] for line in out.splitlines())


def test_matrix_items_as_rows_shows_the_most_recent_versions_and_says_how_to_see_the_rest(
    shipped: vertikal.Dataset,
) -> None:
    out = _run("matrix", "--no-transpose")
    ids = [v.id for v in shipped.versions]
    header = next(line for line in out.splitlines() if line.startswith("item"))
    shown = header.split()[1:]
    assert 1 <= len(shown) < len(ids)
    assert shown == ids[-len(shown) :]  # the most recent ones, whole
    hint = " ".join(out.split())
    assert f"Showing the {len(shown)} most recent of {len(ids)} versions" in hint
    assert f"--to {ids[-len(shown) - 1]}" in hint and "--transpose" in hint


def test_matrix_items_as_rows_when_every_version_fits(shipped: vertikal.Dataset) -> None:
    out = _run("matrix", columns=240)
    header = next(line for line in out.splitlines() if line.startswith("item"))
    assert header.split()[1:] == [v.id for v in shipped.versions]
    assert "Showing" not in out


def test_matrix_from_to_selects_versions_by_id_year_or_month(shipped: vertikal.Dataset) -> None:
    got = queries.matrix(shipped, start="1995", end="2011-02")
    assert got["versions"] == ["1995-08-30", "1998-10-07", "2007-05-21", "2011-02-02"]
    assert all(set(row["cells"]) == set(got["versions"]) for row in got["items"])
    result = runner.invoke(app, ["matrix", "--from", "2022", "--json"])
    assert json.loads(result.stdout) == queries.matrix(shipped, start="2022")
    out = _run("matrix", "--from", "2019-03-23", "--to", "2022-09-17", "--no-transpose")
    header = next(line for line in out.splitlines() if line.startswith("item"))
    assert header.split()[1:] == ["2019-03-23", "2022-06-08", "2022-09-17"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "1995-13"], "bad version bound '1995-13'"),
        (["--from", "nineteen"], "bad version bound 'nineteen'"),
        (["--from", "2030"], "no version from 2030 to the last"),
        (["--from", "2011", "--to", "2007"], "no version from 2011 to 2007"),
    ],
)
def test_matrix_bad_bounds_are_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["matrix", *args])
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_matrix_help_says_how_to_see_the_rest() -> None:
    text = " ".join(runner.invoke(app, ["matrix", "--help"], env={"COLUMNS": "200"}).stdout.split())
    for option in ("--from", "--to", "--transpose", "--no-transpose", "--item", "--domain"):
        assert option in text


# -- check --------------------------------------------------------------------------------


@pytest.fixture
def uncited(tmp_path: Path) -> Path:
    """The shipped data with one coding of a secondary-source version left uncited (a VK022 warning):
    the shipped data cite every one of them since issue 13."""
    import shutil

    from vertikal.dataset import default_root

    root = tmp_path / "data"
    shutil.copytree(default_root(), root)
    path = root / "codings" / "1993-01-28.yaml"
    text = path.read_text(encoding="utf-8")
    cited = "    cite: [local_bodies_law_1993/art_2__para_5]\n"
    assert cited in text
    path.write_text(text.replace(cited, "    cite: []\n"), encoding="utf-8")
    return root


def test_check_sums_the_warnings_in_one_line(uncited: Path) -> None:
    shipped = vertikal.load(uncited)
    n = len(shipped.warnings)
    assert n and {p.code for p in shipped.warnings} == {"VK022"}
    result = runner.invoke(app, ["check", "--data", str(uncited)])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines == [
        f"{n} warnings: VK022 ×{n} (uncited codings of secondary-source versions); --warnings lists them"
    ]
    assert result.stdout.startswith("ok: ") and f"{n} warnings" in result.stdout


def test_check_warnings_lists_them(uncited: Path) -> None:
    shipped = vertikal.load(uncited)
    result = runner.invoke(app, ["check", "--warnings", "--data", str(uncited)])
    lines = result.stderr.splitlines()
    assert len(lines) == len(shipped.warnings) + 1
    assert all(" VK022 uncited-secondary (warning): " in line for line in lines[:-1])
    assert lines[-1].startswith(f"{len(shipped.warnings)} warnings: VK022") and "--warnings" not in lines[-1]


def test_check_errors_only_lists_no_warning() -> None:
    result = runner.invoke(app, ["check", "--errors-only"])
    assert result.exit_code == 0 and result.stderr == ""


def test_check_json_still_lists_every_problem(shipped: vertikal.Dataset) -> None:
    for extra in ([], ["--errors-only"], ["--warnings"]):
        result = json.loads(runner.invoke(app, ["check", "--json", *extra]).stdout)
        assert len(result["problems"]) == len(shipped.problems)
        assert set(result) == {"ok", "errors", "warnings", "problems"}


def test_check_both_selections_is_an_error() -> None:
    result = runner.invoke(app, ["check", "--errors-only", "--warnings"])
    assert result.exit_code == 1 and "choose one of" in result.stderr


def _broken_with_warnings(mini: Path) -> Path:
    """The mini data with a warning (an uncited low-confidence coding of a secondary-basis version)
    and an error (a status that does not exist)."""
    second = mini / "codings" / "2010-05-05.yaml"
    text = second.read_text(encoding="utf-8").replace("basis: primary", "basis: secondary")
    second.write_text(text.replace("    cite: [art_5-1]\n", ""), encoding="utf-8")
    versions = mini / "versions.yaml"
    head, tail = versions.read_text(encoding="utf-8").rsplit("basis: primary", 1)  # the 2010 version
    versions.write_text(head + "basis: secondary" + tail, encoding="utf-8")
    first = mini / "codings" / "2000-01-01.yaml"
    text = first.read_text(encoding="utf-8").replace("status: absent", "status: sometimes")
    first.write_text(text, encoding="utf-8")
    return mini


def test_check_lists_errors_before_the_warnings(mini: Path) -> None:
    root = _broken_with_warnings(mini)
    problems = vertikal.load(root, strict=False).problems
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    assert errors and warnings, [str(p) for p in problems]
    result = runner.invoke(app, ["check", "--data", str(root)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[: len(errors)] == [str(p) for p in errors]
    assert lines[len(errors)].startswith(f"{len(warnings)} warning")
    assert lines[-1] == f"{len(errors)} error{'s' if len(errors) > 1 else ''}, " + (
        f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
    )
    only = runner.invoke(app, ["check", "--errors-only", "--data", str(root)])
    assert only.exit_code == 1
    assert not any("warning)" in line for line in only.stderr.splitlines())
