"""The report (in a real browser) and the open-data export."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from tests.browser import chromium_page, needs_chromium, screenshot
from vertikal.cli.app import app
from vertikal.export import table_schemas

runner = CliRunner()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "data"
    result = runner.invoke(app, ["export", "--out", str(out), "--format", "all"])
    assert result.exit_code == 0, result.output
    return out


def test_export_validates_with_frictionless(exported: Path) -> None:
    from frictionless import validate

    report = validate(str(exported / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:5]


def test_export_has_every_table_in_every_format(exported: Path) -> None:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    names = set(table_schemas())
    assert {r["name"].replace("-", "_") for r in package["resources"]} == names
    assert package["licenses"] and package["sources"]
    for fmt in ("csv", "parquet", "json"):
        assert {p.stem for p in (exported / fmt).iterdir()} == names


def test_export_is_byte_identical_on_rerun(exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert runner.invoke(app, ["export", "--out", str(again)]).exit_code == 0
    files = sorted(p.relative_to(exported) for p in exported.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (exported / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_long_csv_reads_back(exported: Path) -> None:
    import polars as pl

    long = pl.read_csv(exported / "csv" / "long.csv")
    assert long.columns == ["version", "date", "variable", "value"]
    ds = vertikal.load()
    assert long.height == len(ds.versions) * (len(ds.items) + len(vertikal.measures.definitions(ds)))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "xml"], "unknown format 'xml'"),
        (["report", "--lang", "fr"], "unknown language 'fr'"),
    ],
)
def test_bad_options_are_one_line_errors(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 1 and message in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("command", ["export", "report"])
def test_unwritable_output_leaves_nothing(command: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    for out in (blocker / "out", Path("/proc/self/vertikal-out")):
        result = runner.invoke(
            app,
            [command, "--out", str(out), "--no-png"] if command == "report" else [command, "--out", str(out)],
        )
        assert result.exit_code == 1, result.output
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_failed_run_keeps_the_previous_output(tmp_path: Path, monkeypatch: Any) -> None:
    out = tmp_path / "data"
    assert runner.invoke(app, ["export", "--out", str(out), "--format", "csv"]).exit_code == 0
    before = sorted(p.name for p in (out / "csv").iterdir())

    def boom(*_: Any, **__: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("polars.DataFrame.write_csv", boom)
    result = runner.invoke(app, ["export", "--out", str(out), "--format", "csv"])
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert sorted(p.name for p in (out / "csv").iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report"
    result = runner.invoke(app, ["report", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    return out


def test_report_files(report_dir: Path) -> None:
    assert (report_dir / "report.html").stat().st_size > 0
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# vertikal")
    figures = {p.name for p in (report_dir / "figures").iterdir()}
    assert "measure-volume.svg" in figures and "measure-volume.png" in figures
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") or 'src="http' not in html
    assert '<script src="http' not in html and '<link href="http' not in html


def test_report_in_russian(tmp_path: Path) -> None:
    out = tmp_path / "ru"
    assert runner.invoke(app, ["report", "--out", str(out), "--lang", "ru", "--no-png"]).exit_code == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'lang="ru"' in html and "Реформы по шагам" in html


@needs_chromium
def test_report_renders_in_chromium_offline(report_dir: Path) -> None:
    with chromium_page(viewport={"width": 1200, "height": 900}) as (page, errors, requests):
        page.goto((report_dir / "report.html").as_uri())
        expected = page.locator("[data-chart]").count()
        page.wait_for_function(f"window.vertikalRendered >= {expected}", timeout=30000)
        drawn = page.locator("[data-chart] svg").count()
        screenshot(page, "report", full_page=True)
    assert expected >= 7 and drawn >= expected
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []


@needs_chromium
@pytest.mark.parametrize("width", [390, 1200])
def test_the_report_fits_its_width_and_no_chart_is_clipped(report_dir: Path, width: int) -> None:
    """Issue 11: the report's two-column grid clipped legends; nothing may scroll sideways on a phone."""
    with chromium_page(viewport={"width": width, "height": 900}) as (page, errors, _):
        page.goto((report_dir / "report.html").as_uri())
        expected = page.locator("[data-chart]").count()
        page.wait_for_function(f"window.vertikalRendered >= {expected}", timeout=30000)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("innerWidth")
        spill = page.evaluate(
            """[...document.querySelectorAll('[data-chart]')].filter(f => {
                 const box = f.getBoundingClientRect(), svg = f.querySelector('svg').getBoundingClientRect();
                 return svg.left < box.left - 1 || svg.right > box.right + 1;
               }).map(f => f.dataset.chart)"""
        )
        assert spill == []
        screenshot(page, f"report-{width}")
    assert errors == []
