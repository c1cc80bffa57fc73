"""Issue 11, item 12: citable. The dataset has a version and a release date kept as data; the
program, CITATION.cff, the README, the report and the exports all say the same."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import vertikal
from vertikal import release as release_mod
from vertikal.cli.app import app
from vertikal.release import how_to_cite, read_release

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def shipped_release() -> release_mod.Release:
    found = read_release(vertikal.load().root)
    assert found is not None
    return found


def test_issue11_version_prints_package_and_dataset_versions() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    r = shipped_release()
    assert result.stdout.splitlines() == [
        f"vertikal {vertikal.__version__}",
        f"dataset {r.version} (released {r.released})",
    ]


def test_version_of_data_without_a_release_says_so(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERTIKAL_DATA", str(mini))
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "dataset unversioned" in result.stdout
    ds = vertikal.load(mini)
    assert ds.release is None and "Dataset version unversioned" in how_to_cite(ds)


def test_dataset_yaml_is_validated(mini: Path) -> None:
    (mini / "dataset.yaml").write_text(
        "schema: 1\ntitle: Testland\nversion: one\nreleased: 2024-02-30\n"
        "licence: CC0\nauthors: [x]\nextra: 1\n",
        encoding="utf-8",
    )
    problems = vertikal.load(mini, strict=False).problems
    found = {(p.code, p.file.endswith("dataset.yaml"), p.line) for p in problems}
    assert found == {("VK002", True, 3), ("VK002", True, 4), ("VK003", True, 7)}


def test_citation_cff_matches_the_dataset() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    r = shipped_release()
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert cff["title"] == r.title
    assert str(cff["version"]) == r.version
    assert str(cff["date-released"]) == r.released
    assert cff["license"] == r.licence
    assert [a["name"] for a in cff["authors"]] == list(r.authors)
    assert cff["message"] and cff["abstract"]


def test_readme_says_how_to_cite_in_the_same_words() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## How to cite" in text
    quoted = " ".join(line.removeprefix("> ") for line in text.splitlines() if line.startswith("> "))
    assert quoted == how_to_cite(vertikal.load())


def test_the_citation_in_russian() -> None:
    r = shipped_release()
    text = how_to_cite(vertikal.load(), "ru")
    assert f"Версия данных {r.version}, выпуск {r.released}" in text and "Лицензия" in text


def test_the_database_and_the_export_result_carry_the_dataset_version(tmp_path: Path) -> None:
    from vertikal.store import database_meta

    db = tmp_path / "v.sqlite"
    assert runner.invoke(app, ["build-db", "--out", str(db)]).exit_code == 0
    meta = database_meta(db)
    assert meta is not None and meta["dataset_version"] == shipped_release().version
    result = runner.invoke(app, ["export", "--format", "json", "--out", str(tmp_path / "x"), "--json"])
    assert json.loads(result.stdout)["dataset_version"] == shipped_release().version


def test_release_doctest() -> None:
    assert doctest.testmod(release_mod).failed == 0
