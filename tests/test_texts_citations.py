"""check_citations: every citation of the codings against the cached text of its version (VK019)."""

from __future__ import annotations

from pathlib import Path

import pytest

import vertikal
from tests.conftest import EN_2022
from vertikal.texts.cache import store
from vertikal.texts.citations import check_citations

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
EN_2000 = (FIXTURES / "testland-2000.en.txt").read_text(encoding="utf-8")
RU_2010 = (FIXTURES / "testland-2010.ru.md").read_text(encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


def cached(tmp_path: Path, texts: dict[tuple[str, str], str]) -> Path:
    root = tmp_path / "cache"
    for (version, lang), text in texts.items():
        store(version, lang, text.encode("utf-8"), "test", "text", root)
    return root


def test_every_citation_resolves(mini: Path, tmp_path: Path) -> None:
    cache = cached(tmp_path, {("2000-01-01", "en"): EN_2000, ("2010-05-05", "ru"): RU_2010})
    assert check_citations(vertikal.load(mini), cache) == []


def test_no_cached_text_no_check(mini: Path, tmp_path: Path) -> None:
    assert check_citations(vertikal.load(mini), tmp_path / "empty") == []


def test_unresolved_citation_names_file_and_line(mini: Path, tmp_path: Path) -> None:
    text = RU_2010.replace("### Статья 5-1", "### Статья 11").replace(
        "   2\\) министров", "   3\\) министров"
    )
    cache = cached(tmp_path, {("2010-05-05", "ru"): text})
    problems = check_citations(vertikal.load(mini), cache)
    codings = mini / "codings" / "2010-05-05.yaml"
    assert [(p.code, p.line) for p in problems] == [
        ("VK019", line_of(codings, "cite: [art_3__para_1__subpara_2]")),
        ("VK019", line_of(codings, "cite: [art_5-1]")),
    ]
    assert all(p.file.endswith("codings/2010-05-05.yaml") for p in problems)
    assert problems[0].message == (
        "appoint_pm: art_3__para_1__subpara_2 is not found (article 3 paragraph 1 has subparagraphs 1, 3) "
        "in the cached ru text of 2010-05-05"
    )
    assert "is not found (the text has no article 5-1)" in problems[1].message
    assert problems[0].name == "citation-unresolved"


def test_excluded_provision_cited_for_a_present_power(mini: Path, tmp_path: Path) -> None:
    text = EN_2000.replace(
        "The Head of State issues orders that bind everyone in Testland.", "Excluded by a law."
    )
    problems = check_citations(vertikal.load(mini), cached(tmp_path, {("2000-01-01", "en"): text}))
    assert [p.message for p in problems] == [
        "decree: art_4 names a provision marked as excluded in the cached en text of 2000-01-01"
    ]


def test_unparseable_cached_text_is_reported(mini: Path, tmp_path: Path) -> None:
    problems = check_citations(vertikal.load(mini), cached(tmp_path, {("2000-01-01", "en"): "no articles\n"}))
    assert len(problems) == 1 and problems[0].line == 1
    assert "cannot check citations against the cached en text of 2000-01-01" in problems[0].message


def test_shipped_codings_against_the_english_text(tmp_path: Path) -> None:
    if not EN_2022.is_file():
        pytest.skip(f"the English text is not in {EN_2022.parent} (shared corpus absent)")
    text = EN_2022.read_text(encoding="utf-8")
    cache = cached(tmp_path, {("2022-09-17", "en"): text, ("2023-01-01", "en"): text})
    assert check_citations(vertikal.load(), cache) == []
