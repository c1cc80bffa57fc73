"""Issue 16: paraphrases say what each version provides, in our own words.

- VK030 (a warning) flags a paraphrase that only repeats its item's codebook definition, compared with
  case, punctuation and whitespace ignored; the shipped data has none.
- No paraphrase of the 2022-09-17 and 2023-01-01 versions shares a run of eight or more consecutive
  words with the official English text of 2022 (read from ../shared/corpus; skipped when absent).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
from tests.conftest import EN_2022
from vertikal.check import normalized, repeats_definition
from vertikal.cli.app import app

RUN = 8  # words in a row that a paraphrase may not share with the official text
CHECKED = ("2022-09-17", "2023-01-01")


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
    result = CliRunner().invoke(app, ["check", "--warnings", "--data", str(mini)])  # issue 11: listed
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


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_run_detection_finds_a_shared_run() -> None:
    official = _runs(_words("The President shall be the head of state and its highest official."), RUN)
    copied = "Shall be the head of state and its highest official, says the text."
    assert _runs(_words(copied), RUN) & official
    assert not _runs(_words("Head of state and the state's highest official."), RUN) & official


@pytest.mark.parametrize("version", CHECKED)
def test_no_paraphrase_copies_eight_words_of_the_official_english_text(
    shipped: vertikal.Dataset, version: str
) -> None:
    if not EN_2022.is_file():
        pytest.skip(f"{EN_2022} is absent (the shared corpus is not part of the repository)")
    official = _runs(_words(EN_2022.read_text(encoding="utf-8")), RUN)
    copied = {
        item: " ".join(sorted(" ".join(r) for r in _runs(_words(c.paraphrase), RUN) & official))
        for item, c in shipped.codings[version].items()
        if _runs(_words(c.paraphrase), RUN) & official
    }
    assert copied == {}
