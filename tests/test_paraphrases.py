"""Issue 16: paraphrases say what each version provides, in our own words.

- VK030 (a warning) flags a paraphrase that only repeats its item's codebook definition, compared with
  case, punctuation and whitespace ignored; the shipped data has none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from vertikal.check import normalized, repeats_definition
from vertikal.cli.app import app


@pytest.mark.parametrize(
    ("paraphrase", "flagged"),
    [
        ("Appoints the head of government.", True),
        ("appoints  the Head of Government", True),
        ("Appoints the head-of-government!", True),
        ("Appoints the head of government with the Mazhilis's consent.", False),
        ("Names the head of government.", False),
        ("", False),
    ],
)
def test_repeats_definition_ignores_case_punctuation_and_spacing(paraphrase: str, flagged: bool) -> None:
    assert repeats_definition(paraphrase, "Appoints the head of government.") is flagged


def test_normalized_keeps_letters_of_every_script() -> None:
    assert normalized("Назначает  Премьер-Министра.") == "назначает премьер министра"


def test_a_paraphrase_equal_to_the_definition_is_a_warning_with_file_and_line(mini: Path) -> None:
    path = mini / "codings" / "2000-01-01.yaml"
    text = path.read_text(encoding="utf-8")
    copied = text.replace("Appoints the PM alone.", "appoints the Head of Government")
    path.write_text(copied, encoding="utf-8")
    problems = vertikal.load(mini).problems
    assert [(p.code, p.line, p.severity) for p in problems] == [("VK030", 8, "warning")]
    assert problems[0].file.endswith("codings/2000-01-01.yaml")
    assert "appoint_pm" in problems[0].message and "definition" in problems[0].message
    result = CliRunner().invoke(app, ["check", "--data", str(mini)])
    assert result.exit_code == 0, result.output
    assert "codings/2000-01-01.yaml:8: VK030 paraphrase-is-definition (warning)" in result.stderr


def test_the_shipped_data_has_no_paraphrase_equal_to_its_definition(shipped: vertikal.Dataset) -> None:
    assert [str(p) for p in shipped.problems if p.code == "VK030"] == []
    items = {it.id: it for it in shipped.items}
    same = [
        f"{vid} {item}"
        for vid, codings in shipped.codings.items()
        for item, c in codings.items()
        if repeats_definition(c.paraphrase, items[item].definition)
    ]
    assert same == []
