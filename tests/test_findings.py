"""Issue 11, part 7: a report that answers - four findings in sentences, computed from the data, each
with its evidence and uncertainty, the same in HTML and Markdown, in English and Russian."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from tests.factory import data_dir
from vertikal.cli.app import app
from vertikal.report import render
from vertikal.report.findings import FindingsError, findings
from vertikal.report.sentences import counts, describe, say

TITLES = {
    "en": [
        "Concentration, 1990–2007",
        "Deconcentration, 2007–2022",
        "Decentralization, 2019–2022",
        "What the 2026 Constitution changed",
    ],
    "ru": [
        "Концентрация, 1990–2007",
        "Деконцентрация, 2007–2022",
        "Децентрализация, 2019–2022",
        "Что изменила Конституция 2026 года",
    ],
}
# the start of each finding's sentence, in the order of TITLES
OPENINGS = {
    "en": [
        "From 1990 to 2007 presidential power concentrated: all 6 measures rose",
        "From 2007 to 2022 presidential power deconcentrated: all 6 measures fell",
        "From 2019 to 2022 the way akims are chosen changed in 3 of 5 tiers",
        "The 2026 Constitution, in force from July 1, 2026, compared with the order in force from "
        "January 1, 2023",
    ],
    "ru": [
        "С 1990 по 2007 год (с 24 апреля 1990 г. по 21 мая 2007 г.) президентская власть концентрировалась",
        "С 2007 по 2022 год (с 21 мая 2007 г. по 17 сентября 2022 г.) президентская власть "
        "деконцентрировалась",
        "С 2019 по 2022 год порядок назначения или избрания акимов изменился на уровнях: 3 из 5",
        "Конституция 2026 года (в силе с 1 июля 2026 г.) по сравнению с порядком, "
        "действовавшим с 1 января 2023 г.",
    ],
}
runner = CliRunner()


@pytest.fixture(scope="module")
def answers(shipped: vertikal.Dataset) -> list[dict[str, Any]]:
    return findings(shipped)


@pytest.fixture(scope="module", params=["en", "ru"])
def report(request: pytest.FixtureRequest, shipped: vertikal.Dataset) -> tuple[str, dict[str, Any]]:
    return request.param, render(shipped, request.param)


def test_the_four_questions_are_answered_from_the_data(answers: list[dict[str, Any]]) -> None:
    assert [f["id"] for f in answers] == [
        "concentration",
        "deconcentration",
        "decentralization",
        "constitution-2026",
    ]
    concentration, deconcentration, akims, constitution = answers
    assert concentration["direction"] == "up" and deconcentration["direction"] == "down"
    volume = {m["measure"]: m for m in concentration["moves"]}["volume"]
    assert (volume["from"], volume["to"], volume["max"]) == (2.5, 46.5, 56.0)
    # 2011 raised the volume of powers inside the deconcentration period: shown, not hidden
    assert [s["to"] for s in deconcentration["against"]] == ["2011-02-02"]
    # the steps that drove it carry their changes with the citations on both sides
    step_2017 = next(s for s in deconcentration["drivers"] if s["to"] == "2017-03-10")
    decree = next(c for c in step_2017["changes"] if c["item"] == "decree_force_of_law")
    assert decree["change"] == "lost" and decree["cite_from"] == ["art_45__para_2", "art_61__para_2"]
    assert {t["tier"] for t in akims["tiers"] if t["changed"]} == {"region", "republican_city", "rural"}
    assert constitution["direction"] == "mixed"
    assert {c["item"] for c in constitution["changes"] if c["effect"] > 0} >= {
        "decree_force_of_law",
        "vice_president",
    }


def test_uncertainty_comes_with_each_finding(answers: list[dict[str, Any]]) -> None:
    concentration = answers[0]
    low = {x["version"]: len(x["items"]) for x in concentration["low_confidence"]}
    assert low["1990-04-24"] > 50 and "2007-05-21" not in low
    assert all(m["uncertain"] for m in concentration["moves"])  # every 1990 value is low confidence
    text = describe(answers, "en", {})
    assert any("low confidence" in e for e in text[0]["evidence"])
    assert text[3]["uncertainty"][-1].startswith("The measures disagree: Shugart–Carey")


def test_the_findings_read_the_measure_list_from_the_data(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    (root / "measures" / "balance.yaml").unlink()
    (root / "measures" / "frye.yaml").unlink()
    ds = vertikal.load(root)
    found = findings(ds)
    assert [m["measure"] for m in found[0]["moves"]] == ["volume", "shugart-carey", "siaroff", "egm"]
    assert describe(found, "en", {})[0]["sentence"].startswith(
        "From 1990 to 2007 presidential power concentrated: all 4 measures rose"
    )


def test_data_without_questions_get_one_finding_over_the_whole_span(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    (root / "findings.yaml").unlink()
    found = findings(vertikal.load(root))
    assert [(f["id"], f["from"], f["to"]) for f in found] == [("trend", "1990-04-24", "2026-07-01")]


def test_a_question_about_an_unknown_version_is_one_line_naming_file_and_line(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    path = root / "findings.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("to: 2007-05-21", "to: 2007-05-22"), encoding="utf-8"
    )
    with pytest.raises(
        FindingsError, match=r"findings\.yaml:14: findings\.0\.to: '2007-05-22' is not a version id"
    ):
        findings(vertikal.load(root))
    result = runner.invoke(app, ["report", "--data", str(root), "--out", str(tmp_path / "r"), "--no-png"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "вырос 1 показатель из 6"), (3, "выросли 3 показателя из 6"), (5, "выросли 5 показателей из 6")],
)
def test_russian_plurals_follow_cldr(n: int, expected: str) -> None:
    assert say("first_up", "ru", n=n, total=6) == expected


def test_counts_name_every_direction() -> None:
    moves = [{"direction": d} for d in ("up", "up", "down", "flat")]
    assert counts(moves, "en") == "2 of 4 measures rose, 1 fell and 1 did not change"
    assert counts(moves, "ru") == "выросли 2 показателя из 4, снизился 1 и не изменился 1"
    assert counts([{"direction": "down"}] * 3, "en") == "all 3 measures fell"


def test_the_report_opens_with_the_four_findings_in_sentences(report: tuple[str, dict[str, Any]]) -> None:
    lang, pieces = report
    md = pieces["markdown"].replace("\u202f", " ")  # Babel's narrow no-break space in Russian dates
    sections = re.split(r"^## ", md, flags=re.M)
    opening = sections[1]
    assert opening.startswith({"en": "Findings", "ru": "Выводы"}[lang])
    assert "![" in opening and "figures/overview.svg" in opening
    assert re.findall(r"^### (.+)$", opening, flags=re.M) == TITLES[lang]
    for title, start in zip(TITLES[lang], OPENINGS[lang], strict=True):
        after = opening.split(f"### {title}\n\n", 1)[1]
        assert after.startswith(start), (title, after[:200])
    html = pieces["html"].replace("\u202f", " ")
    first_section = html.index("<section")
    assert html.index('<section id="findings">') == first_section
    assert html.index('data-chart="overview"') < html.index('class="finding"')
    for title, start in zip(TITLES[lang], OPENINGS[lang], strict=True):
        assert f"<h3>{title}</h3>" in html
        assert f'<p class="sentence">{start}' in html.replace("&#39;", "'")


def test_the_markdown_is_clean(report: tuple[str, dict[str, Any]]) -> None:
    lang, pieces = report
    md = pieces["markdown"]
    assert "&#" not in md and "&amp;" not in md and "&quot;" not in md and "&lt;" not in md
    lines = md.splitlines()
    for i, line in enumerate(lines):
        assert not re.match(r"^\s*\d+[.)](\s|$)", line), f"line {i + 1} renders as a numbered item: {line!r}"
        if re.match(r"^\s*[-*+]\s", line):
            before = lines[i - 1]
            # a list item starts a list after a blank line or continues one: never glued to a paragraph
            assert before.strip() == "" or re.match(r"^\s*[-*+]\s", before), f"line {i + 1}: {line!r}"
    assert {"en": "## Decentralization of executive power", "ru": "## Децентрализация исполнительной власти"}[
        lang
    ] in md
    assert "figures/decentralization.svg" in md


def test_html_and_markdown_say_the_same_sentences(report: tuple[str, dict[str, Any]], shipped: Any) -> None:
    import html as html_lib

    lang, pieces = report
    from vertikal.report.context import strings

    for f in describe(findings(shipped), lang, strings(lang)):
        for line in [f["sentence"], *f["evidence"], *f["uncertainty"]]:
            assert line in pieces["markdown"]
            assert line in html_lib.unescape(pieces["html"])


def test_a_stated_share_of_direct_elections_is_worded_as_a_share() -> None:
    """Issue 16 lets a direct share give a share the source states instead of a count."""
    label = {"en": "Rural", "ru": "Сельский"}
    finding = {
        "id": "akims",
        "kind": "akims",
        "title": {"en": "Akims", "ru": "Акимы"},
        "years": [2024, 2024],
        "national": [0.9, 0.9],
        "national_range": [[0.9, 0.9], [0.9, 0.9]],
        "excluded": [[], []],
        "tiers": [],
        "direct_shares": [
            {
                "tier": "rural",
                "date": "2024-09-02",
                "directly_elected": None,
                "total": None,
                "share": 0.9,
                "label": label,
            }
        ],
        "events": [],
    }
    en, ru = (describe([finding], lang, {})[0]["evidence"] for lang in ("en", "ru"))
    assert en == [
        "By September 2, 2024, 90% of the akims (Rural) had been elected directly, as the source states."
    ]
    assert ru[0].startswith("На 2 сентября 2024") and "90 %" in ru[0]
