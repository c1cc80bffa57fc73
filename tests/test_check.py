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
    # bounded input (issue 11): each limit of the YAML reader, in a different kind of file
    "VK024-yaml-too-deep": ("VK024", "codings/2000-01-01.yaml", 72),
    "VK025-yaml-too-many-aliases": ("VK025", "measures/many.yaml", 1005),
    "VK026-yaml-alias-expansion": ("VK026", "claims.yaml", 10),
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
    problems = vertikal.load(root, strict=False).problems
    hits = [p for p in problems if p.code == code]
    assert hits, [str(p) for p in problems]
    assert any(p.file.endswith(file) and p.line == line for p in hits), [str(p) for p in hits]
    # the library refuses the same data by default, with every problem in one exception (a
    # warning alone, a documented gap, is no reason to refuse)
    if code in WARNINGS:
        assert vertikal.load(root).problems == problems
    else:
        with pytest.raises(vertikal.DataError) as raised:
            vertikal.load(root)
        assert raised.value.problems == [p for p in problems if p.severity == "error"] + [
            p for p in problems if p.severity == "warning"
        ]
        assert f"{file}:{line}: {code}" in str(raised.value) or len(raised.value.problems) > 1
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
    codes = {p.code for p in vertikal.load(mini, strict=False).problems}
    assert {"VK009", "VK002"} <= codes
    with pytest.raises(vertikal.DataError) as raised:
        vertikal.load(mini)
    assert {"VK009", "VK002"} <= {p.code for p in raised.value.problems}


def test_unknown_key_message_lists_allowed_keys(broken: Callable[[str], Path]) -> None:
    problems = vertikal.load(broken("VK003-unknown-key"), strict=False).problems
    assert "allowed: status, with, attrs, cite, paraphrase, sources, confidence, note" in problems[0].message


def test_check_on_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--data", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "the data directory does not exist" in result.stderr


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


def test_issue11_a_file_past_the_size_limit_is_refused_unread(mini: Path) -> None:
    """VK023: a 100 MB codings file is refused from its size alone (a sparse file: nothing is read)."""
    path = mini / "codings" / "2000-01-01.yaml"
    with path.open("r+b") as fh:
        fh.truncate(100 * 2**20)
    problems = vertikal.load(mini, strict=False).problems
    assert [(p.code, p.file.endswith("codings/2000-01-01.yaml"), p.line) for p in problems] == [
        ("VK023", True, 1)
    ]
    assert "larger than the limit" in problems[0].message
    result = CliRunner().invoke(app, ["check", "--data", str(mini)])
    assert result.exit_code == 1 and "VK023 yaml-too-large" in result.stderr


def test_issue11_every_yaml_reader_goes_through_the_bounded_reader() -> None:
    """No module but `_yaml` parses YAML itself (writing YAML, in `writer`, is allowed)."""
    import re

    src = Path(vertikal.__file__).parent
    call = re.compile(r"(?<![\w.])yaml\.(safe_load|load|load_all|compose|parse|full_load|unsafe_load)\b")
    offenders = [
        f"{path.relative_to(src)}: {m[0]}"
        for path in src.rglob("*.py")
        if path.name != "_yaml.py"
        for m in call.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    assert call.search("x = yaml.safe_load(text)") and not call.search("_yaml.parse(text)")


def test_issue11_the_limits_are_documented_where_check_is() -> None:
    from vertikal._yaml import LIMITS

    guide = (Path(__file__).resolve().parents[1] / "docs" / "coding-guide.md").read_text(encoding="utf-8")
    help_text = " ".join(CliRunner().invoke(app, ["check", "--help"]).output.split())
    for code in ("VK023", "VK024", "VK025", "VK026"):
        assert code in guide and code in help_text and code in CODES
    assert f"{LIMITS.max_depth} levels" in help_text and f"{LIMITS.max_depth} levels" in guide
    assert f"{LIMITS.max_nodes:,} values" in help_text and f"{LIMITS.max_nodes:,} values" in guide
