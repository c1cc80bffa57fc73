"""Issue 8: `vertikal extract`: --json equals the library's result; bad input gives one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from tests.factory import data_dir
from vertikal import extract, texts
from vertikal.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
EN = FIXTURES / "synthetic.en.txt"
RU = FIXTURES / "synthetic.ru.txt"
KK = FIXTURES / "synthetic.kk.txt"
runner = CliRunner()


def run_json(*args: str) -> Any:
    result = runner.invoke(app, ["extract", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("VERTIKAL_CACHE", str(root))
    return root


def test_extract_json_is_the_library_result(shipped: vertikal.Dataset) -> None:
    assert shipped.codebook is not None
    for path in (EN, RU, KK):
        expected = extract.suggest(texts.parse_file(path), shipped.codebook).to_dict()
        assert run_json(str(path)) == expected
    only = extract.suggest(texts.parse_file(EN), shipped.codebook, items=["pardon"], min_score=0.9)
    assert run_json(str(EN), "--item", "pardon", "--min-score", "0.9") == only.to_dict()


def test_evaluate_json_is_the_library_result(shipped: vertikal.Dataset) -> None:
    assert shipped.codebook is not None
    found = extract.suggest(texts.parse_file(EN), shipped.codebook)
    expected = extract.evaluate(found, shipped.codings["2023-01-01"], shipped.items, "2023-01-01").to_dict()
    assert run_json("--evaluate", "2023-01-01", "--text", str(EN)) == expected
    assert run_json(str(EN), "--evaluate", "--version", "2023-01-01") == expected


def test_kazakh_evaluate_in_the_issues_form(shipped: vertikal.Dataset) -> None:
    """Issue 14: `extract --lang kk --evaluate --version V --text FILE`, without a positional SOURCE."""
    assert shipped.codebook is not None
    found = extract.suggest(texts.parse_file(KK), shipped.codebook, "kk")
    expected = extract.evaluate(found, shipped.codings["2026-07-01"], shipped.items, "2026-07-01").to_dict()
    got = run_json("--lang", "kk", "--evaluate", "--version", "2026-07-01", "--text", str(KK))
    assert got == expected and got["source"] == str(KK)
    assert run_json("2026-07-01", "--lang", "kk", "--evaluate", "--text", str(KK)) == expected


def test_accept_json_is_the_library_result(tmp_path: Path) -> None:
    cli_root, lib_root = data_dir(tmp_path / "cli"), data_dir(tmp_path / "lib")
    got = run_json(str(EN), "--accept", "--version", "1995-08-30", "--data", str(cli_root))
    ds = vertikal.load(lib_root)
    assert ds.codebook is not None
    found = extract.suggest(texts.parse_file(EN), ds.codebook)
    expected = extract.accept(ds, "1995-08-30", found.proposals).to_dict()
    assert got["path"] == str(cli_root / "codings" / "1995-08-30.yaml")
    assert got | {"path": ""} == expected | {"path": ""}
    assert (cli_root / "codings" / "1995-08-30.yaml").read_bytes() == (
        lib_root / "codings" / "1995-08-30.yaml"
    ).read_bytes()
    assert vertikal.load(cli_root).errors == []


def test_a_cached_version_is_read_from_the_cache(cache: Path, shipped: vertikal.Dataset) -> None:
    assert shipped.codebook is not None
    entry = texts.add_file(RU, "2022-09-17", "ru")
    got = run_json("2022-09-17")
    assert got == extract.suggest(texts.parse_file(entry.path), shipped.codebook).to_dict()
    assert got["lang"] == "ru"


def test_text_output_lists_the_proposals_and_the_figures() -> None:
    result = runner.invoke(app, ["extract", str(EN)])
    assert result.exit_code == 0, result.output
    # issue 11: the body by its codebook label, the status in its own column
    assert "appoint_pm  shared" in result.stdout and "with Mazhilis" in result.stdout
    result = runner.invoke(app, ["extract", "--evaluate", "2023-01-01", "--text", str(EN)])
    assert result.exit_code == 0, result.output
    assert "held-out" in result.stdout and " tuning: precision" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.txt"], "nope.txt: neither a file nor a version id like 2022-09-17"),
        (["2022-09-17"], "no cached text of 2022-09-17; run `vertikal corpus fetch 2022-09-17`"),
        ([str(EN), "--lang", "xx"], "bad language 'xx' for --lang: expected one of en, ru, kk"),
        ([str(EN), "--lang", "ru"], f"{EN}: --lang ru, but it reads as English, not Russian (Latin script"),
        (["--evaluate", "--version", "2026-07-01"], "give a text: a FILE, a VERSION whose text is cached"),
        (
            [str(EN), "--evaluate"],
            "--evaluate needs a version: give a VERSION instead",
        ),
        (
            [str(EN), "--accept", "--version", "2030-01-01"],
            "unknown version '2030-01-01'; known versions: 1990-04-24",
        ),
        (["2030-01-01", "--evaluate"], "unknown version '2030-01-01'"),
        ([str(EN), "--evaluate", "--accept"], "choose one of --evaluate and --accept"),
        ([str(EN), "--item", "pardons"], "unknown item 'pardons'"),
        (["--evaluate", "2023-01-01", "--text", "missing.txt"], "missing.txt: no such file"),
        ([str(EN), "--text", str(EN)], "give the text either as FILE or as --text, not both"),
    ],
)
def test_bad_input_gives_one_line_errors(args: list[str], message: str, cache: Path) -> None:
    result = runner.invoke(app, ["extract", *args])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"vertikal: {message}"), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_broken_pattern_file_in_the_data_dir_names_file_and_line(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    (root / "patterns").mkdir(exist_ok=True)
    broken = FIXTURES / "broken" / "unknown-item.yaml"
    (root / "patterns" / "en.yaml").write_text(broken.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(EN), "--data", str(root)])
    assert result.exit_code == 1
    path = root / "patterns" / "en.yaml"
    assert result.stderr == f"vertikal: {path}:12: unknown item 'pardons': not in the codebook\n"
