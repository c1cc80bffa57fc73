"""Issue 7: the explorer's pages, their JSON twins (equal to the library's results), languages, errors."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.html import start_tags

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette's notice about its test client's transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import vertikal
from vertikal import measures, queries
from vertikal.measures.claimset import evaluate_all
from vertikal.measures.compare import compare

PAGES = [
    "/",
    "/versions",
    "/versions/1995-08-30",
    "/powers/decree_force_of_law",
    "/compare",
    "/compare?a=2011-02-02&b=2017-03-10",
    "/akims",
    "/claims",
    "/methods",
    "/codebook",
    "/downloads",
]
TWINS = {
    "/": "/index.json",
    "/versions": "/versions.json",
    "/versions/1995-08-30": "/versions/1995-08-30.json",
    "/powers/decree_force_of_law": "/powers/decree_force_of_law.json",
    "/compare?a=2011-02-02&b=2017-03-10": "/compare.json?a=2011-02-02&b=2017-03-10",
    "/akims": "/akims.json",
    "/claims": "/claims.json",
    "/methods": "/methods.json",
    "/codebook": "/codebook.json",
    "/downloads": "/downloads.json",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from vertikal.web import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERTIKAL_CACHE", str(tmp_path_factory.mktemp("no-texts")))  # no article texts
        app = create_app(cache_dir=tmp_path_factory.getbasetemp() / "web-cache")
        with TestClient(app, raise_server_exceptions=False) as c:
            yield c


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    return start_tags(html)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_landmarks(client: TestClient, path: str, lang: str) -> None:
    url = path + ("&" if "?" in path else "?") + "lang=ru" if lang == "ru" else path
    r = client.get(url)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert f'<html lang="{lang}">' in html
    found = tags(html)
    names = [t for t, _ in found]
    assert {"header", "nav", "main", "footer", "h1"} <= set(names)
    assert names.count("h1") == 1
    assert found[names.index("a")][1].get("href") == "#main", "the first link is the skip link"
    assert any(t == "main" and a.get("id") == "main" for t, a in found)
    for tag, attrs in found:  # no inline script or style, no event handlers
        assert "style" not in attrs and not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("type") == "application/json" or str(attrs.get("src", "")).startswith("/static/")
        if tag == "select":
            assert any(t == "label" and a.get("for") == attrs["id"] for t, a in found)


def test_links_keep_the_language(client: TestClient) -> None:
    html = client.get("/?lang=ru").text
    assert "Концентрация президентской власти во времени" in html
    hrefs = [
        str(a["href"])
        for t, a in tags(html)
        if t == "a" and str(a.get("href", "")).startswith("/") and "data-lang" not in a
    ]
    internal = [h for h in hrefs if not h.startswith(("/static", "/openapi", "/index.json"))]
    assert len(internal) > 20 and all("lang=ru" in h for h in internal)
    switch = [a for t, a in tags(html) if t == "a" and a.get("data-lang") == "en"]
    assert switch[0]["href"] == "/"
    compare_ru = client.get("/compare?a=2011-02-02&b=2017-03-10&lang=ru").text
    assert 'href="/compare?a=2011-02-02&amp;b=2017-03-10"' in compare_ru  # the English twin of the state
    assert "утрачено" in compare_ru


def test_json_twins_equal_the_library(client: TestClient, shipped: vertikal.Dataset) -> None:
    ds = shipped
    assert client.get("/versions.json").json() == queries.versions(ds)
    assert client.get("/powers/decree_force_of_law.json").json() == queries.history(ds, "decree_force_of_law")
    assert client.get("/timeline.json").json() == measures.timeline(ds)
    assert client.get("/claims.json").json() == evaluate_all(ds)
    version = client.get("/versions/1995-08-30.json").json()
    assert version["powers"] == queries.powers(ds, "1995-08-30")
    assert version["scores"]["volume"]["total"] == measures.score(ds, "volume", "1995-08-30")["total"]
    assert version["text_available"] is False and version["texts"] == {}
    both = client.get("/compare.json", params={"a": "2011-02-02", "b": "2017-03-10"}).json()
    assert both["compare"] == compare(ds, "2011-02-02", "2017-03-10")
    assert both["text_diff"] is None
    home = client.get("/index.json").json()
    assert home["timeline"] == measures.timeline(ds)
    assert [s["to"] for s in home["steps"]] == [v.id for v in ds.versions][1:]
    codebook = client.get("/codebook.json").json()
    assert [it["id"] for it in codebook["items"]] == [it.id for it in ds.items]


@pytest.mark.parametrize(("page", "twin"), sorted(TWINS.items()))
def test_every_page_links_its_twin(client: TestClient, page: str, twin: str) -> None:
    html = client.get(page).text
    assert f'rel="alternate" type="application/json" href="{twin.replace("&", "&amp;")}"' in html
    assert client.get(twin).status_code == 200


def test_the_compare_page_shows_the_loss_of_decree_power(client: TestClient) -> None:
    html = client.get("/compare", params={"a": "2011-02-02", "b": "2017-03-10"}).text
    row = re.search(r'<tr id="change-decree_force_of_law" data-change="(\w+)">', html)
    assert row is not None and row[1] == "lost"
    assert "Text not in the local corpus" in html


def test_htmx_gets_only_the_result(client: TestClient) -> None:
    r = client.get("/compare?a=2011-02-02&b=2017-03-10", headers={"HX-Request": "true"})
    assert r.status_code == 200 and "<html" not in r.text and 'id="change-decree_force_of_law"' in r.text
    assert "HX-Request" in r.headers["vary"]
    full = client.get(
        "/compare?a=2011-02-02&b=2017-03-10",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in full.text  # a history restore needs the whole page
    assert "<html" in client.get("/compare?a=2011-02-02&b=2017-03-10").text  # not served from the cache


def test_compare_with_one_version_waits_for_the_other(client: TestClient) -> None:
    r = client.get("/compare?a=1995-08-30")
    assert r.status_code == 200
    assert '<option value="1995-08-30" selected>' in r.text and 'id="change-' not in r.text


def test_the_version_page_says_when_the_text_is_missing(client: TestClient) -> None:
    html = client.get("/versions/2017-03-10").text
    assert 'id="text-status"' in html and "Text not in the local corpus" in html
    row = html[html.index('id="item-decree_force_of_law"') :]
    row = row[: row.index("</tr>")]
    assert "Art. 45(2)" in row and "Art. 61(2)" in row and "absent" in row
    assert "<details" not in row


def test_the_akims_page_has_the_chart_and_the_events(client: TestClient) -> None:
    html = client.get("/akims").text
    assert 'data-chart="spec-decentralization"' in html and 'id="spec-decentralization"' in html
    assert html.count('<tr id="event-') == len(client.get("/akims.json").json()["rules"]["events"])


def test_the_akims_page_shows_the_index_its_breaks_and_its_scale(client: TestClient) -> None:
    series = client.get("/akims.json").json()["series"]
    for lang, word in (("en", "left out"), ("ru", "исключён")):
        html = unescape(client.get(f"/akims?lang={lang}").text)
        assert html.count('<li id="break-') == len(series["breaks"]) and word in html
        assert html.count('<tr id="year-') == len(series["years"])
        for lv in series["index"]["scale"]:
            assert lv["label"][lang] in html


def test_downloads_are_the_export(client: TestClient, tmp_path: Path) -> None:
    import io
    import zipfile

    listing = client.get("/downloads.json").json()
    names = {f["name"] for f in listing["files"]}
    assert {"datapackage.json", "vertikal-csv.zip", "csv/codings.csv"} <= names
    package = client.get("/downloads/datapackage.json").json()
    for res in package["resources"]:
        r = client.get(f"/downloads/{res['path']}")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv"), res["path"]
    z = zipfile.ZipFile(io.BytesIO(client.get("/downloads/vertikal-csv.zip").content))
    assert "datapackage.json" in z.namelist() and "csv/codings.csv" in z.namelist()


def test_head_is_answered_like_get(client: TestClient) -> None:
    r = client.head("/versions/1995-08-30")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert client.head("/versions/1900-01-01.json").status_code == 404


def test_the_openapi_schema_is_published(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/versions/{version_id}", "/versions/{version_id}.json", "/compare.json"} <= set(doc["paths"])
    for path, ops in doc["paths"].items():
        assert set(ops) == {"get"}, path  # read-only


def test_the_response_cache_serves_the_same_bytes(client: TestClient) -> None:
    first = client.get("/versions/2007-05-21")
    second = client.get("/versions/2007-05-21")
    assert first.content == second.content and first.headers == second.headers


def test_pages_need_no_javascript_for_their_content(client: TestClient) -> None:
    html = client.get("/").text
    assert 'id="table-timeline"' in html  # the charts' numbers as a table
    for key in ("volume", "shugart-carey"):
        assert f'data-chart="spec-measure-{key}"' in html


def test_translations_cover_every_template_string() -> None:
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    root = Path(vertikal.__file__).parent / "web"
    with (root / "locale" / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale="ru")
    method_map = [("templates/**.html", "jinja2"), ("*.py", "python")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords: dict[str, Any] = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    missing = []
    for _, _, msg, _, _ in extract_from_dir(str(root), method_map, options, keywords):
        entry = catalog.get(msg[0] if isinstance(msg, tuple) else msg)
        if entry is None or not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            missing.append(msg)
    assert missing == []


def test_issue11_versions_resolve_from_a_prefix_or_a_year(client: TestClient) -> None:
    """The web uses the library's resolver: /versions/1998 is /versions/1998-10-07, and so on."""
    assert client.get("/versions/1998.json").json() == client.get("/versions/1998-10-07.json").json()
    short = client.get("/compare.json?a=1998&b=2007")
    assert short.status_code == 200
    assert short.json() == client.get("/compare.json?a=1998-10-07&b=2007-05-21").json()
    page = client.get("/versions/2007-05")
    assert page.status_code == 200 and "/versions/2007-05-21.json" in page.text
