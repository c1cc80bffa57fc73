"""Issue 7: article texts on the version and compare pages, when the local corpus has them."""

from __future__ import annotations

import types
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import vertikal
from tests.conftest import EN_2022

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from vertikal.web.texts import TextSource

TEXTS = {
    "2011-02-02": {"articles": {"45": "Article 45\n\n1. Decrees.\n\n2. Decrees having the force of law."}},
    "2017-03-10": {"articles": {"45": "Article 45\n\n1. Decrees."}, "61": "ignored"},
}


@pytest.fixture
def fake_texts(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """A stand-in `vertikal.texts` that offers one of the names the adapter looks for."""
    module = types.ModuleType("vertikal.texts")
    module.cached_text = lambda version: TEXTS.get(version)  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "vertikal.texts", module)
    monkeypatch.setattr(vertikal, "texts", module, raising=False)
    return module


def test_text_source_reads_a_cached_text(fake_texts: Any) -> None:
    ts = TextSource()
    assert ts.articles("2011-02-02") == {
        "45": "Article 45\n\n1. Decrees.\n\n2. Decrees having the force of law."
    }
    assert ts.cited("2011-02-02", ["art_45__para_2", "art_45__para_1", "art_99"]) == [
        {"article": "45", "text": TEXTS["2011-02-02"]["articles"]["45"]}
    ]
    assert ts.articles("1990-04-24") is None


def test_text_source_diffs_the_cited_articles(fake_texts: Any) -> None:
    change = {"item": "decree_force_of_law", "from": {"cite": ["art_45__para_2"]}, "to": {"cite": ["art_45"]}}
    [diff] = TextSource().diff("2011-02-02", "2017-03-10", [change]) or []
    assert diff["articles_from"] == ["45"] and not diff["same"]
    assert {"op": "-", "text": "-2. Decrees having the force of law."} in diff["lines"]
    assert TextSource().diff("2011-02-02", "1990-04-24", [change]) is None  # one text missing


def test_a_failing_text_module_means_no_text(fake_texts: Any) -> None:
    def boom(version: str) -> None:
        raise RuntimeError("parser changed")

    fake_texts.cached_text = boom
    assert TextSource().articles("2011-02-02") is None


def test_no_text_module_means_no_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "vertikal.texts", None)  # import fails
    monkeypatch.delattr(vertikal, "texts", raising=False)
    assert TextSource().articles("2011-02-02") is None


@pytest.fixture(scope="module")
def with_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The explorer with the 2022-09 English text in a private texts cache, through `vertikal.texts`."""
    texts = pytest.importorskip("vertikal.texts")
    if not EN_2022.is_file() or not hasattr(texts, "add_file"):
        pytest.skip("the shared corpus or vertikal.texts.add_file is not here")
    from vertikal.store.cache import prepare
    from vertikal.web import create_app

    prepared = prepare(None, tmp_path_factory.getbasetemp() / "web-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERTIKAL_CACHE", str(tmp_path_factory.mktemp("texts-cache")))
        texts.add_file(Path(EN_2022), "2022-09-17", "en")
        app = create_app(db=prepared.db, downloads=prepared.downloads)
        with TestClient(app) as client:
            yield client


def test_the_version_page_shows_the_cited_article(with_corpus: TestClient) -> None:
    data = with_corpus.get("/versions/2022-09-17.json").json()
    assert data["text_available"] is True
    arts = {a["article"] for found in data["texts"].values() for a in found}
    assert "44" in arts
    html = with_corpus.get("/versions/2022-09-17").text
    assert "Article 44: text" in html and "Text not in the local corpus" not in html
    other = with_corpus.get("/versions/2017-03-10").text
    assert "Text not in the local corpus" in other


def test_compare_says_when_one_text_is_missing(with_corpus: TestClient) -> None:
    data = with_corpus.get("/compare.json?a=2022-06-08&b=2022-09-17").json()
    assert data["text_diff"] is None
