"""Issue 12 in the outputs: ranges, dimensions, counts by kind and sensitivity in the exports, the web,
the charts and the report."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from vertikal import charts, measures
from vertikal.cli.app import app
from vertikal.report.context import strings


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "data"
    result = CliRunner().invoke(app, ["export", "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return out / "csv" if (out / "csv").is_dir() else out


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_export_gives_each_measure_its_range_and_dimension(exported: Path) -> None:
    rows = {(r["version"], r["measure"]): r for r in _rows(exported / "measures.csv")}
    volume = rows[("1990-04-24", "volume")]
    assert (float(volume["total"]), float(volume["low"]), float(volume["high"])) == (0, 0, 45.5)
    assert volume["dimension"] == "powers" and rows[("1998-10-07", "tenure-office")]["dimension"] == "tenure"
    for r in rows.values():
        assert float(r["low"]) <= float(r["total"]) <= float(r["high"])
    variables = {r["variable"] for r in _rows(exported / "long.csv")}
    assert {"measure:volume", "measure_low:volume", "measure_high:volume"} <= variables


def test_the_export_counts_powers_apart_from_checks_and_constraints(exported: Path) -> None:
    v2007 = next(r for r in _rows(exported / "versions.csv") if r["version"] == "2007-05-21")
    counts = {k: int(v2007[k]) for k in ("powers_sole", "powers_shared", "powers_absent", "powers_unknown")}
    assert counts == {"powers_sole": 40, "powers_shared": 13, "powers_absent": 3, "powers_unknown": 0}
    assert int(v2007["checks_in_force"]) == 6 and int(v2007["constraints_in_force"]) == 1


def test_the_export_gives_verdicts_per_dimension_and_what_they_depend_on(exported: Path) -> None:
    claims = {r["claim"]: r for r in _rows(exported / "claims.csv")}
    mixed = claims["scholars-2007-mixed"]
    assert mixed["dimensions"] == "powers;personalization"
    assert json.loads(mixed["by_dimension"]) == {"powers": "contradicted", "personalization": "holds"}
    assert "popular_election@1991-12-16" in claims["timeline-01-selection"]["depends_on"].split(";")
    verdicts = _rows(exported / "claim_verdicts.csv")
    assert {(v["dimension"], v["measure"]) for v in verdicts if v["claim"] == "scholars-2007-mixed"} >= {
        ("powers", "volume"),
        ("personalization", "personalization"),
    }


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from vertikal.web import create_app

    with TestClient(create_app(cache_dir=tmp_path_factory.mktemp("web-cache"))) as c:
        yield c


def test_the_versions_page_counts_powers_and_labels_checks_and_constraints(client: Any) -> None:
    html = client.get("/versions").text
    assert "40 / 13 / 3 / 0" in html  # 2007: powers only
    assert "Checks in force" in html and "Constraints in force" in html
    ru = client.get("/versions", params={"lang": "ru"}).text
    assert "Действующие сдержки" in ru


def test_the_web_shows_ranges_dimensions_and_sensitivity(client: Any) -> None:
    home = client.get("/").text
    assert "0 [0–45.5]" in home  # the 1990 volume of powers with its range
    methods = client.get("/methods").text
    assert 'id="dim-tenure"' in methods and 'id="ranges"' in methods
    page = client.get("/sensitivity").text
    for switch in ("unknown-absent", "unknown-present", "consultation-sole", "conditional-absent"):
        assert switch in page
    ru = client.get("/sensitivity", params={"lang": "ru"}).text
    assert "Чувствительность к допущениям" in ru


def test_each_measure_chart_draws_its_range_as_a_band(shipped: vertikal.Dataset) -> None:
    timeline = measures.timeline(shipped)
    spec = charts.measure_timeline(timeline, "volume", "Volume", strings("en"), "en")
    marks = [layer.get("mark") for layer in spec["layer"]]
    kinds = [m["type"] if isinstance(m, dict) else m for m in marks]
    assert "area" in kinds
    known = charts.measure_timeline(
        {**timeline, "versions": timeline["versions"][5:]}, "volume", "Volume", strings("en"), "en"
    )
    assert "area" not in [
        m["type"] if isinstance(m, dict) else m for m in (x.get("mark") for x in known["layer"])
    ]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_report_shows_ranges_dimensions_and_sensitivity(shipped: vertikal.Dataset, lang: str) -> None:
    from vertikal.report import render

    pieces = render(shipped, lang)
    md, html = pieces["markdown"], pieces["html"]
    assert "0 [0–45.5]" in md or "0 [0–45,5]" in md
    assert 'id="sensitivity"' in html and 'id="dimension-tenure"' in html
    heading = {"en": "## Sensitivity to judgement switches", "ru": "## Чувствительность к допущениям"}[lang]
    assert heading in md
