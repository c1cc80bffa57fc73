"""Issue 12, part 8: external validation against a country-year table the user brings.

Every table here is synthetic, written for the test; no third-party data set is shipped.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from tests.factory import coding, dataset
from vertikal import measures
from vertikal.cli.app import app
from vertikal.dataset import Dataset
from vertikal.validate import ValidateError, align, spearman, validate

runner = CliRunner()

# Three versions in force on 1 Jan 2000, 2002 and 2004. Items veto and decree_force_of_law score
# sole 1, shared 0.5, absent 0 (the default scores): summed, 0 in 2000, 2 in 2002, 0.5 in 2004.
VERSIONS = {
    "2000-01-01": {},
    "2002-01-01": {"veto": coding("sole"), "decree_force_of_law": coding("sole")},
    "2004-01-01": {"veto": coding("shared")},
}
TABLE = """year,hand,country
1999,9,ZZ
2000,1,ZZ
2001,3,ZZ
2002,2,ZZ
2003,5,ZZ
2004,4,ZZ
2005,6,ZZ
2006,,ZZ
"""
MAP = """pairs:
  - column: hand
    direction: {direction}
    items: [veto, decree_force_of_law]
"""
# By hand. Years 2000..2005 align to the versions in force on 1 July: 2000-01-01 (2000, 2001),
# 2002-01-01 (2002, 2003), 2004-01-01 (2004, 2005); 1999 has none, 2006 has no value.
#   vertikal y = 0, 0, 2, 2, 0.5, 0.5   -> average ranks 1.5, 1.5, 5.5, 5.5, 3.5, 3.5
#   column   x = 1, 3, 2, 5, 4, 6       -> ranks         1,   3,   2,   5,   4,   6
# Both rank means are 3.5; deviations dx = -2.5, -0.5, -1.5, 1.5, 0.5, 2.5 and dy = -2, -2, 2, 2, 0, 0.
# sum(dx*dy) = 5 + 1 - 3 + 3 = 6; sum(dx^2) = 17.5; sum(dy^2) = 16; rho = 6 / sqrt(17.5 * 16) = 6 / sqrt(280).
RHO = 6 / math.sqrt(280)  # 0.358568...


@pytest.fixture
def synthetic() -> Dataset:
    return dataset(VERSIONS)


def _files(tmp_path: Path, table: str = TABLE, mapping: str = MAP.format(direction=1)) -> tuple[Path, Path]:
    csv, yml = tmp_path / "index.csv", tmp_path / "map.yaml"
    csv.write_text(table, encoding="utf-8")
    yml.write_text(mapping, encoding="utf-8")
    return csv, yml


def test_reproduces_a_hand_computed_rho(tmp_path: Path, synthetic: Dataset) -> None:
    (pair,) = validate(synthetic, *_files(tmp_path))["pairs"]
    assert pair["rho"] == pytest.approx(RHO, abs=1e-12)
    assert pair["n"] == 6
    assert [r["vertikal"] for r in pair["years"]] == [0, 0, 2, 2, 0.5, 0.5]
    assert [r["version"] for r in pair["years"]] == ["2000-01-01"] * 2 + ["2002-01-01"] * 2 + [
        "2004-01-01"
    ] * 2
    assert [(s["year"], s["why"]) for s in pair["skipped"]] == [(1999, "no_version"), (2006, "no_value")]
    # rank differences y - x: 0.5, -1.5, 3.5, 0.5, -0.5, -2.5; largest first, ties by year
    assert [(r["year"], r["rank_diff"]) for r in pair["most_disagree"]] == [
        (2002, 3.5),
        (2005, -2.5),
        (2001, -1.5),
        (2000, 0.5),
        (2003, 0.5),
    ]


def test_direction_reverses_the_column(tmp_path: Path, synthetic: Dataset) -> None:
    (pair,) = validate(synthetic, *_files(tmp_path, mapping=MAP.format(direction=-1)))["pairs"]
    assert pair["rho"] == pytest.approx(-RHO, abs=1e-12)


def test_spearman_matches_the_textbook_formula_without_ties() -> None:
    # rho = 1 - 6 * sum(d^2) / (n (n^2 - 1)); ranks 1..5 against 2, 1, 4, 3, 5: sum(d^2) = 4, rho = 0.8
    assert spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    assert spearman([1, 2], [2, 1]) is None
    assert spearman([1, 2, 3], [7, 7, 7]) is None


def test_a_year_is_aligned_on_1_july(synthetic: Dataset) -> None:
    assert align(synthetic, 1999) is None
    assert align(synthetic, 2001) == "2000-01-01"
    ds = dataset({"2000-07-02": {}, "2001-07-01": {}})
    assert align(ds, 2000) is None and align(ds, 2001) == "2001-07-01"


def test_a_measure_is_read_through_vertikal_measures(tmp_path: Path, synthetic: Dataset) -> None:
    mapping = "year: year\npairs:\n  - {column: hand, direction: 1, measure: volume}\n"
    (pair,) = validate(synthetic, *_files(tmp_path, mapping=mapping))["pairs"]
    for r in pair["years"]:
        assert r["vertikal"] == measures.score(synthetic, "volume", r["version"])["total"]


def test_undefined_rho_says_why(tmp_path: Path, synthetic: Dataset) -> None:
    table = "year,hand\n2000,1\n2001,2\n2002,3\n"
    mapping = "pairs:\n  - {column: hand, direction: 1, items: [appoint_pm]}\n"  # absent throughout
    (pair,) = validate(synthetic, *_files(tmp_path, table, mapping))["pairs"]
    assert pair["rho"] is None and pair["undefined"] == "constant"
    table = "year,hand\n2000,1\n2003,2\n"
    (pair,) = validate(synthetic, *_files(tmp_path, table, MAP.format(direction=1)))["pairs"]
    assert pair["rho"] is None and pair["undefined"] == "few_years"


def test_a_status_without_a_score_leaves_the_year_out(tmp_path: Path) -> None:
    ds = dataset(VERSIONS)
    ds.codings["2004-01-01"]["veto"] = ds.codings["2004-01-01"]["veto"].model_copy(
        update={"status": "unknown"}
    )
    (pair,) = validate(ds, *_files(tmp_path))["pairs"]
    gone = [s for s in pair["skipped"] if s["why"] == "no_score"]
    assert [(s["year"], s["item"], s["status"]) for s in gone] == [
        (2004, "veto", "unknown"),
        (2005, "veto", "unknown"),
    ]


def test_json_equals_the_library(tmp_path: Path) -> None:
    csv, yml = _files(tmp_path)
    got = runner.invoke(app, ["validate", "--against", str(csv), "--map", str(yml), "--json"])
    assert got.exit_code == 0, got.output
    assert json.loads(got.stdout) == validate(vertikal.load(), csv, yml)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_tables_render(tmp_path: Path, lang: str) -> None:
    csv, yml = _files(tmp_path, mapping=MAP.format(direction=-1))
    got = runner.invoke(app, ["validate", "--against", str(csv), "--map", str(yml), "--lang", lang])
    assert got.exit_code == 0, got.output
    assert ("Spearman" if lang == "en" else "Спирмена") in got.stdout and "1999" in got.stdout


BAD_TABLES = [
    ("", "index.csv:1: empty"),
    ("year,hand\n", "index.csv: no rows"),
    ("yr,hand\n2000,1\n", "index.csv:1: no column 'year'"),
    ("year,country\n2000,ZZ\n", "index.csv:1: no column 'hand'"),
    ("year,hand,hand\n2000,1,2\n", "index.csv:1: column 'hand' appears twice"),
    ("year,hand\n2000,1\n20x1,2\n", "index.csv:3: column 'year': '20x1' is not a year"),
    ("year,hand\n2000,1\n2001,2\n2000,3\n", "index.csv:4: year 2000 appears twice (first on line 2)"),
    ("year,hand\n2000,1\n2001,abc\n", "index.csv:3: column 'hand': 'abc' is not a number"),
    ("year,hand\n2000,1,7\n", "index.csv:2: 3 fields, but the header has 2"),
]
BAD_MAPS = [
    ("pairs: [\n", "map.yaml:2: not valid YAML"),
    ("pairs:\n  - {column: hand, direction: 1, items: [veto], colour: red}\n", "map.yaml:2: pairs.0.colour"),
    ("pairs:\n  - {column: hand, direction: 2, items: [veto]}\n", "map.yaml:2: pairs.0.direction"),
    ("pairs:\n  - {column: hand, direction: 1}\n", "either `measure` or `items`"),
    (
        "pairs:\n  - {column: hand, direction: 1, measure: volume, items: [veto]}\n",
        "either `measure` or `items`",
    ),
    ("pairs:\n  - column: hand\n    direction: 1\n    measure: nope\n", "map.yaml:4: unknown measure 'nope'"),
    (
        "pairs:\n  - column: hand\n    direction: 1\n    items:\n      - veto\n      - nope\n",
        "map.yaml:6: unknown item",
    ),
    ("pairs: []\n", "map.yaml:1: pairs"),
    (
        "pairs:\n  - {column: hand, direction: 1, items: [veto]}\npairs: []\n",
        "map.yaml:3: duplicate key 'pairs'",
    ),
]


@pytest.mark.parametrize(("table", "message"), BAD_TABLES)
def test_a_bad_table_is_one_line_naming_file_and_line(table: str, message: str, tmp_path: Path) -> None:
    _bad(tmp_path, table, MAP.format(direction=1), message)


@pytest.mark.parametrize(("mapping", "message"), BAD_MAPS)
def test_a_bad_map_is_one_line_naming_file_and_line(mapping: str, message: str, tmp_path: Path) -> None:
    _bad(tmp_path, TABLE, mapping, message)


def _bad(tmp_path: Path, table: str, mapping: str, message: str) -> None:
    csv, yml = _files(tmp_path, table, mapping)
    with pytest.raises(ValidateError) as caught:
        validate(vertikal.load(), csv, yml)
    assert message in str(caught.value)
    got = runner.invoke(app, ["validate", "--against", str(csv), "--map", str(yml)])
    assert got.exit_code == 1 and message in got.stderr
    assert len(got.stderr.strip().splitlines()) == 1 and "Traceback" not in got.stderr


def test_files_that_are_not_there_or_not_text(tmp_path: Path) -> None:
    csv, yml = _files(tmp_path)
    with pytest.raises(ValidateError, match=r"missing\.csv: cannot read"):
        validate(vertikal.load(), tmp_path / "missing.csv", yml)
    csv.write_bytes(b"year,hand\n2000,\xff\n")
    with pytest.raises(ValidateError, match=r"index\.csv: not UTF-8"):
        validate(vertikal.load(), csv, yml)


def test_the_documented_map_runs(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[1] / "docs" / "agreement.md").read_text(encoding="utf-8")
    mapping = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)[0]
    table = "year,exec_power,constraints\n1996,5,3\n2000,6,2\n2008,8,1\n2018,7,2\n2023,4,4\n"
    result = validate(vertikal.load(), *_files(tmp_path, table, mapping))
    assert [p["n"] for p in result["pairs"]] == [5, 5]
