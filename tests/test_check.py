"""`vertikal check`: one broken fixture per problem code, each reported with its file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from vertikal.cli.app import app
from vertikal.problems import CODES, WARNINGS

# case folder -> (code, file, line) that the check must report
CASES = {
    "VK001-yaml-syntax": ("VK001", "codings/2000-01-01.yaml", 12),
    "VK002-schema": ("VK002", "codings/2000-01-01.yaml", 11),
    "VK003-unknown-key": ("VK003", "codings/2000-01-01.yaml", 13),
    "VK004-duplicate-key": ("VK004", "versions.yaml", 17),
    "VK005-unknown-power": ("VK005", "codings/2000-01-01.yaml", 19),
    "VK006-missing-item": ("VK006", "codings/2000-01-01.yaml", 4),
    "VK007-duplicate-coding": ("VK007", "codings/2000-01-01.yaml", 19),
    "VK008-missing-citation": ("VK008", "codings/2000-01-01.yaml", 10),
    "VK009-unknown-article": ("VK009", "codings/2000-01-01.yaml", 12),
    "VK010-date-order": ("VK010", "versions.yaml", 21),
    "VK011-unknown-version": ("VK011", "codings/2005-01-01.yaml", 1),
    "VK012-bad-citation": ("VK012", "codings/2000-01-01.yaml", 12),
    "VK013-missing-file": ("VK013", "versions.yaml", 25),
    "VK014-shared-without-body": ("VK014", "codings/2000-01-01.yaml", 5),
    "VK015-unsourced-confidence": ("VK015", "codings/2000-01-01.yaml", 5),
    "VK016-duplicate-version": ("VK016", "versions.yaml", 15),
    "VK050-source-missing-field": ("VK050", "references.yaml", 21),
    "VK051-rejected-host": ("VK051", "references.yaml", 25),
    "VK052-malformed-url": ("VK052", "references.yaml", 25),
    "VK053-unknown-source": ("VK053", "codings/2000-01-01.yaml", 3),
    "VK054-unused-source": ("VK054", "references.yaml", 21),
}


def test_every_broken_fixture_has_a_case() -> None:
    folders = {p.name for p in (Path(__file__).parent / "fixtures" / "broken").iterdir()}
    assert folders == set(CASES)


def test_codes_are_stable() -> None:
    assert CODES["VK001"] == "yaml-syntax"
    assert CODES["VK009"] == "unknown-article"
    assert len(set(CODES.values())) == len(CODES)


def test_the_mini_dataset_is_valid(mini: Path) -> None:
    assert vertikal.load(mini).problems == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_input_is_reported(case: str, broken: Callable[[str], Path]) -> None:
    code, file, line = CASES[case]
    root = broken(case)
    problems = vertikal.load(root).problems
    hits = [p for p in problems if p.code == code]
    assert hits, [str(p) for p in problems]
    assert any(p.file.endswith(file) and p.line == line for p in hits), [str(p) for p in hits]
    # the command reports the same, exits 1 (0 for a warning), and never shows a traceback
    listed = ["--warnings"] if code in WARNINGS else []  # warnings are summed in one line unless listed
    result = CliRunner().invoke(app, ["check", "--data", str(root), *listed])
    assert result.exit_code == (0 if code in WARNINGS else 1)
    assert f"{file}:{line}: {code}" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_all_problems_are_reported_together(mini: Path) -> None:
    path = mini / "codings" / "2000-01-01.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("cite: [art_4]", "cite: [art_99]").replace("status: absent", "status: sometimes")
    path.write_text(text, encoding="utf-8")
    codes = {p.code for p in vertikal.load(mini).problems}
    assert {"VK009", "VK002"} <= codes


def test_unknown_key_message_lists_allowed_keys(broken: Callable[[str], Path]) -> None:
    problems = vertikal.load(broken("VK003-unknown-key")).problems
    assert "allowed: status, with, attrs, cite, paraphrase, sources, confidence, note" in problems[0].message


def test_check_on_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "not a directory" in result.stderr


def test_check_texts_resolves_citations_against_cached_texts(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check --texts`: a citation the cached text lacks is VK019, with the codings file and line."""
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "cache"))
    text = tmp_path / "c2000.txt"
    text.write_text("Article 3\n\n1. The President appoints the Prime Minister.\n", encoding="utf-8")
    runner = CliRunner()
    added = runner.invoke(
        app, ["corpus", "add", str(text), "--version", "2000-01-01", "--lang", "en", "--data", str(mini)]
    )
    assert added.exit_code == 0, added.output
    result = runner.invoke(app, ["check", "--texts", "--data", str(mini)])
    assert result.exit_code == 1
    assert "codings/2000-01-01.yaml:12: VK019" in result.stderr  # art_4 is cited at line 12
    assert "art_3__para_1" not in result.stderr
    plain = runner.invoke(app, ["check", "--data", str(mini)])
    assert plain.exit_code == 0
