"""Issue 8: the pattern files are validated strictly, with file and line in every error."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import vertikal
from vertikal.extract.evaluate import held_out
from vertikal.extract.patterns import PatternError, builtin_path, check, load

BROKEN = Path(__file__).parent / "fixtures" / "extract" / "broken"


@pytest.mark.parametrize(
    ("case", "line", "message"),
    [
        ("bad-phrase", 13, "bad word '(x)' in phrase 'pardon (x)'"),
        ("bad-regex", 15, "needs a group named v"),
        ("bad-status", 14, "status 'shared' does not apply; allowed: sole, absent"),
        ("duplicate-key", 14, "duplicate key 'items.pardon'"),
        ("missing-actor", 4, "actors: name phrases for legislature"),
        ("not-yaml", 14, "not valid YAML"),
        ("two-ways", 15, "give exactly one of regex, values, flag, body_after"),
        ("unknown-attribute", 15, "unknown attribute 'months'; allowed: years"),
        ("unknown-body", 14, "unknown body 'senatee'"),
        ("unknown-item", 12, "unknown item 'pardons': not in the codebook"),
        ("unknown-key", 13, "unknown key 'items.pardon.0.alls'"),
        ("wrong-type", 14, "items.pardon.0.confidence: Input should be a valid number"),
    ],
)
def test_broken_pattern_files_name_file_and_line(
    case: str, line: int, message: str, shipped: vertikal.Dataset
) -> None:
    path = BROKEN / f"{case}.yaml"
    assert shipped.codebook is not None
    with pytest.raises(PatternError) as err:
        check(load(path), shipped.codebook)
    text = str(err.value)
    assert text.startswith(f"{path}:{line}: "), text
    assert message in text
    assert "\n" not in text


def test_every_broken_case_has_a_test() -> None:
    assert len(list(BROKEN.glob("*.yaml"))) == 12


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_builtin_patterns_cover_every_item(lang: str, shipped: vertikal.Dataset) -> None:
    assert shipped.codebook is not None
    patterns = load(builtin_path(lang))
    check(patterns, shipped.codebook)
    assert patterns.model.lang == lang
    assert set(patterns.model.items) == {it.id for it in shipped.items}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pattern_files_state_the_split_rule(lang: str) -> None:
    header = builtin_path(lang).read_text(encoding="utf-8").split("\nschema:")[0]
    assert "HONESTY SPLIT" in header and "SHA-1 hex digest" in header and "0-4" in header


def test_held_out_split_is_the_sha1_rule(shipped: vertikal.Dataset) -> None:
    ids = [it.id for it in shipped.items]
    expected = {i for i in ids if hashlib.sha1(i.encode()).hexdigest()[0] in "01234"}
    assert {i for i in ids if held_out(i)} == expected
    assert 0.25 <= len(expected) / len(ids) <= 0.4
    assert held_out("pardon") and not held_out("appoint_pm")
