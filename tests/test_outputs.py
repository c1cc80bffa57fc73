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


def _resources(exported: Path) -> list[dict[str, Any]]:
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    resources: list[dict[str, Any]] = package["resources"]
    return resources


def test_issue11_every_csv_reads_with_polars_and_pandas_defaults(exported: Path) -> None:
    """Issue 11, item 13: each CSV reads with polars' and pandas' default read_csv, every declared
    string column with a value comes back as text, unchanged, and numbers come back as numbers."""
    import pandas as pd
    import polars as pl

    for res in _resources(exported):
        path = exported / res["path"]
        raw = pl.read_csv(path, infer_schema=False)  # every cell as the text in the file
        by_polars = pl.read_csv(path)
        by_pandas = pd.read_csv(path)
        assert by_polars.columns == by_pandas.columns.tolist() == [f["name"] for f in res["schema"]["fields"]]
        for f in res["schema"]["fields"]:
            name, kind = f["name"], f["type"]
            if raw[name].fill_null("").eq("").all():
                continue  # an empty column: nothing to infer (pandas reads it as all-NaN floats)
            where = f"{res['name']}.{name}"
            if kind in ("string", "date"):
                assert by_polars.schema[name] == pl.String, where
                assert pd.api.types.is_string_dtype(by_pandas[name]), (where, by_pandas[name].dtype)
                assert by_polars[name].to_list() == raw[name].to_list(), where
            elif kind in ("number", "integer"):
                assert pd.api.types.is_numeric_dtype(by_pandas[name]), where
                if raw[name].head(100).fill_null("").eq("").all():
                    # polars infers from the first 100 rows: a column empty there is read as text;
                    # its values must still be numbers (README: infer_schema_length=None reads them so)
                    assert raw[name].drop_nulls().cast(pl.Float64, strict=True).len() > 0, where
                    continue
                assert by_polars.schema[name].is_numeric(), where
            elif kind == "boolean":  # true/false, empty when unknown (pandas keeps NaN beside booleans)
                assert by_polars.schema[name] == pl.Boolean, where
                assert {type(x) for x in by_pandas[name].dropna()} <= {bool}, where


def test_issue11_citation_parts_are_text_beside_the_lawyers_label(exported: Path) -> None:
    import polars as pl

    from vertikal import fmt

    cites = pl.read_csv(exported / "csv" / "citations.csv")
    inserted = cites.filter(pl.col("article").str.contains("-"))
    assert inserted.height > 0  # articles such as 94-1, which broke the reader before
    assert cites["article"].str.starts_with("art_").all()
    row = cites.filter((pl.col("version") == "2017-03-10") & (pl.col("cite") == "art_44__subpara_3")).row(
        0, named=True
    )
    assert (row["article"], row["paragraph"], row["subparagraph"]) == ("art_44", "", "subpara_3")
    assert row["label_en"] == fmt.cite("art_44__subpara_3") and row["label_ru"] == fmt.cite(
        "art_44__subpara_3", "ru"
    )


def test_issue11_wide_tables_one_row_per_item_one_column_per_version(exported: Path) -> None:
    import polars as pl

    ds = vertikal.load()
    for name, items in [
        ("wide_items", ds.items),
        ("wide_powers", [it for it in ds.items if it.kind == "power"]),
    ]:
        wide = pl.read_csv(exported / "csv" / f"{name}.csv")
        assert wide["item"].to_list() == [it.id for it in items]
        assert wide.columns[:6] == ["item", "domain", "kind", "label_en", "label_ru", "label_kk"]
        assert wide.columns[6:] == [v.id for v in ds.versions]
        for row in wide.iter_rows(named=True):
            for v in ds.versions:
                assert row[v.id] == ds.codings[v.id][row["item"]].status


def test_issue11_the_dataset_version_is_in_every_export(exported: Path) -> None:
    import polars as pl

    from vertikal.release import how_to_cite, read_release

    ds = vertikal.load()
    release = read_release(ds.root)
    assert release is not None
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == release.version and package["released"] == release.released
    assert package["citation"] == how_to_cite(ds) and release.version in package["citation"]
    assert package["vertikal_version"] == vertikal.__version__
    for res in _resources(exported):
        name = res["name"].replace("-", "_")
        meta = pl.read_parquet_metadata(exported / "parquet" / f"{name}.parquet")
        assert meta["vertikal:dataset_version"] == release.version


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
    assert "Как цитировать" in html and "Версия данных 2026" in html.replace("\n", " ")


def test_issue11_the_report_says_how_to_cite_with_the_dataset_version(report_dir: Path) -> None:
    from vertikal.release import how_to_cite, read_release

    ds = vertikal.load()
    release = read_release(ds.root)
    assert release is not None
    citation = how_to_cite(ds, "en")
    md = (report_dir / "report.md").read_text(encoding="utf-8")
    assert "## How to cite" in md and citation in md
    assert f"dataset version {release.version}" in md.splitlines()[-1]  # the footer
    html = (report_dir / "report.html").read_text(encoding="utf-8")
    assert 'id="cite"' in html and f"dataset version {release.version}" in html


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
