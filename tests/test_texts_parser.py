"""The parser on the real English text (read from ../shared/corpus) and on synthetic fixtures."""

from __future__ import annotations

import doctest
import unicodedata
from pathlib import Path

import pytest

import vertikal
from tests.conftest import EN_2022
from vertikal import texts
from vertikal.refs import ArticleRef
from vertikal.texts import normalize, parse, parse_file
from vertikal.texts.decode import read_text
from vertikal.texts.footnotes import amendment_dates, history

FIXTURES = Path(__file__).parent / "fixtures" / "texts"
needs_corpus = pytest.mark.skipif(
    not EN_2022.is_file(), reason=f"the English text is not in {EN_2022.parent} (shared corpus absent)"
)


@pytest.fixture(scope="module")
def en2022() -> texts.Tree:
    if not EN_2022.is_file():
        pytest.skip(f"the English text is not in {EN_2022.parent} (shared corpus absent)")
    return parse_file(EN_2022)


@needs_corpus
def test_every_article_of_the_constitution(en2022: texts.Tree) -> None:
    nums = [a.num for a in en2022.articles()]
    want = [str(n) for n in range(1, 100)]
    for after, inserted in (("83", "83-1"), ("94", "94-1"), ("94-1", "94-2")):
        want.insert(want.index(after) + 1, inserted)
    assert nums == want  # 102 articles: 1..99 and 83-1, 94-1, 94-2
    assert [a.num for a in en2022.articles() if a.excluded] == ["84"]
    art84 = en2022.get("art_84")
    assert art84 is not None and [c.kind for c in art84.children] == ["footnote"]
    assert en2022.lang == "en"
    assert [s.title for s in en2022.root.children if s.kind == "section"][2] == "The President"


@needs_corpus
def test_constitution_round_trip_is_exact(en2022: texts.Tree) -> None:
    assert en2022.render() == read_text(EN_2022)
    assert en2022.render() == normalize(EN_2022.read_text(encoding="utf-8"))


@needs_corpus
def test_constitution_paragraphs_and_footnotes(en2022: texts.Tree) -> None:
    art44 = en2022.get("art_44")
    assert art44 is not None
    subs = [c.num for c in art44.children if c.kind == "subparagraph"]
    assert subs[:11] == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "10-1"] and subs[-1] == "21"
    for node_id in ("art_2__para_3-1", "art_41__para_3-1", "art_61__para_3__subpara_11", "art_44__fn_2"):
        assert en2022.get(node_id) is not None, node_id
    excluded_subs = {n.id for n in en2022.root.walk() if n.excluded and n.kind == "subparagraph"}
    assert {"art_44__subpara_8", "art_44__subpara_9"} <= excluded_subs
    assert history(art44) == ["1998-10-07", "2007-05-21", "2017-03-10", "2022-06-08"]
    assert en2022.get("sec_6__fn_1") is not None  # a footnote on a section's title
    lines = EN_2022.read_text(encoding="utf-8").splitlines()
    notes = [n for n in en2022.root.walk() if n.kind == "footnote"]
    assert len(notes) == sum(1 for line in lines if line.strip().startswith("Footnote"))  # 110


@needs_corpus
def test_constitution_resolves_every_citation_of_its_version(en2022: texts.Tree) -> None:
    ds = vertikal.load()
    for version in ("2022-09-17", "2023-01-01"):
        for item, coding in ds.codings[version].items():
            for cite in coding.cite:
                ref = ArticleRef.parse(cite)
                assert ref.doc or en2022.get(ref.id) is not None, (version, item, cite)


def ids(tree: texts.Tree) -> list[str]:
    return [n.id for n in tree.root.walk()]


def test_english_fixture() -> None:
    tree = parse_file(FIXTURES / "testland-2000.en.txt")
    assert [a.num for a in tree.articles()] == [str(n) for n in range(1, 11)]
    assert "art_2__para_2-1" in ids(tree) and "art_5__subpara_2-1" in ids(tree)
    assert "art_3__para_2__subpara_2" in ids(tree)
    assert [a.num for a in tree.articles() if a.excluded] == ["7", "8"]
    node = tree.get("art_5__subpara_3")
    assert node is not None and node.excluded
    sections = [n for n in tree.root.children if n.kind == "section"]
    assert [(s.id, s.title) for s in sections] == [
        ("sec_1", "General Provisions"),
        ("sec_2", "The Head of State"),
        ("sec_3", "The Council"),
    ]
    art3 = tree.get("art_3")
    assert art3 is not None and history(art3) == ["2005-05-05", "2008-06-01"]  # not the in-force date


def test_russian_markdown_fixture() -> None:
    tree = parse_file(FIXTURES / "testland-2010.ru.md")
    assert tree.lang == "ru"
    assert [a.num for a in tree.articles()] == ["1", "2", "3", "4", "5", "5-1", "6", "7", "8", "9", "10"]
    assert "art_3__para_1__subpara_2" in ids(tree)  # indented, escaped "2\)"
    art5 = tree.get("art_5")
    assert art5 is not None
    assert [c.kind for c in art5.children] == [
        "footnote",
        "text",
        "subparagraph",
        "subparagraph",
        "subparagraph",
    ]
    assert history(art5) == ["2010-05-05"]
    art3 = tree.get("art_3")
    assert art3 is not None and history(art3) == ["2008-06-01"]  # the ruling's date is not an amendment
    assert [s.title for s in tree.root.children if s.kind == "section"] == [
        "Общие положения",
        "Глава государства",
        "Совет",
    ]
    assert not any(n.kind == "text" and "<a id" in n.text for n in tree.root.walk())


def test_kazakh_fixture() -> None:
    tree = parse_file(FIXTURES / "testland-2010.kk.md")
    assert tree.lang == "kk"
    assert "art_5-1__para_1" in ids(tree) and "art_3__para_1__subpara_2" in ids(tree)
    art2 = tree.get("art_2")
    assert art2 is not None and history(art2) == ["2005-05-05"]
    assert [s.id for s in tree.root.children if s.kind == "section"] == ["sec_1", "sec_2"]


def test_windows_1251_reads_like_utf8(tmp_path: Path) -> None:
    utf8 = FIXTURES / "testland-2010.ru.md"
    cp = tmp_path / "ru-cp1251.md"
    cp.write_bytes(utf8.read_text(encoding="utf-8").encode("cp1251"))
    assert parse_file(cp).root == parse_file(utf8).root


def test_normalization() -> None:
    raw = "\ufeffArticle 1  \r\n\r\n1. Cafe\u0301 and tabs\t\r\n2. Line\rArticle 2\n\n\n\n"
    norm = normalize(raw)
    assert norm == "Article 1\n\n1. Café and tabs\n2. Line\nArticle 2\n"
    assert unicodedata.is_normalized("NFC", norm)
    tree = parse(raw)
    assert tree.render() == norm
    assert [n.id for n in tree.root.walk()] == [
        "document",
        "art_1",
        "art_1__para_1",
        "art_1__para_2",
        "art_2",
    ]


def test_repeated_enumeration_is_text_not_a_new_node() -> None:
    tree = parse("Article 1\n\n1. Lists:\n1) a;\n2) b.\nAlso:\n1) c;\n2) d.\n")
    assert ids(tree)[1:] == ["art_1", "art_1__para_1", "art_1__para_1__subpara_1", "art_1__para_1__subpara_2"]
    sub = tree.get("art_1__para_1__subpara_2")
    assert sub is not None and sub.text.endswith("1) c;\n2) d.\n")


def test_amendment_dates_in_three_languages() -> None:
    en = (
        "Footnote. See Resolution of 1 May 2001. Article 9 as amended by Law No. 1 of 7 October 1998 "
        "(in force from 9 October 1998); No. 2 of 21 May 2007."
    )
    ru = "Сноска. См. постановление от 1 мая 2001 г. N 3. Статья 9 с изменениями от 21.05.2007 N 254."
    kk = "Ескерту. 9-бапқа өзгерістер енгізілді - 2007 жылғы 21 мамырдағы N 254 Заңымен."
    assert amendment_dates(en) == ["1998-10-07", "2007-05-21"]
    assert amendment_dates(ru) == ["2007-05-21"]
    assert amendment_dates(kk) == ["2007-05-21"]


def test_docstring_examples() -> None:
    result = doctest.testmod(texts, raise_on_error=False, verbose=False)
    assert result.attempted > 0 and result.failed == 0
