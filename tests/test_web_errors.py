"""Issue 7: every JSON error has one shape; unknown ids are 404s, bad parameters 422s, never a 500;
the site is read-only, sends a strict Content-Security-Policy, and serves no file outside its lists."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette's notice about its test client's transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

LONG = "a" * 5000

# (url, status) for the JSON twins and files
JSON_ERRORS = [
    ("/versions/1900-01-01.json", 404),
    ("/powers/no_such_power.json", 404),
    ("/compare.json?a=1900-01-01&b=2017-03-10", 404),
    ("/compare.json?a=2011-02-02", 422),
    ("/compare.json", 422),
    ("/compare.json?a=2011-02-02&b=yesterday", 422),
    (f"/compare.json?a={LONG}&b=2017-03-10", 422),
    ("/versions/1995-8-30.json", 422),
    ("/versions/1995-8.json", 422),
    ("/versions/2022.json", 404),  # a year with two versions: ambiguous (the message lists them)
    ("/compare.json?a=2007&b=2007-05-21", 422),  # the same version on both sides
    (f"/versions/{LONG}.json", 422),
    ("/powers/Decree.json", 422),
    (f"/powers/{LONG}.json", 422),
    ("/powers/%3Cscript%3E.json", 422),
    ("/no/such/page.json", 404),
    ("/downloads/../vertikal.sqlite", 404),
    ("/downloads/vertikal.sqlite", 404),
    ("/downloads/csv/..%2F..%2Fvertikal.sqlite", 404),
]
HTML_ERRORS = [
    ("/versions/1900-01-01", 404),
    ("/powers/no_such_power", 404),
    ("/compare?a=1900-01-01&b=2017-03-10", 404),
    ("/compare?a=1995-8", 422),
    ("/compare?a=2011&b=2011-02-02", 422),
    ("/?lang=fr_FR%3Cx%3E", 422),  # a malformed tag (a well-formed unknown one falls back: issue 14)
    (f"/?lang={LONG}", 422),
    ("/versions/banana", 422),
    ("/nowhere", 404),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from vertikal.web import create_app

    app = create_app(cache_dir=tmp_path_factory.getbasetemp() / "web-cache")
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def assert_error_shape(body: object, status: int) -> None:
    assert isinstance(body, dict) and set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message"}
    assert err["status"] == status and isinstance(err["code"], str) and isinstance(err["message"], str)
    codes = {404: "not_found", 405: "method_not_allowed", 422: "invalid_parameter", 500: "internal_error"}
    assert err["code"] == codes[status]
    assert "Traceback" not in err["message"] and len(err["message"]) < 2000


@pytest.mark.parametrize(("url", "status"), JSON_ERRORS)
def test_json_errors_share_one_shape(client: TestClient, url: str, status: int) -> None:
    r = client.get(url, headers={"Accept": "application/json"})
    assert r.status_code == status, r.text[:300]
    assert r.headers["content-type"].startswith("application/json")
    assert_error_shape(r.json(), status)


@pytest.mark.parametrize(("url", "status"), HTML_ERRORS)
def test_pages_answer_errors_as_pages_and_as_json_when_asked(
    client: TestClient, url: str, status: int
) -> None:
    page = client.get(url)
    assert page.status_code == status and page.headers["content-type"].startswith("text/html")
    assert 'id="error-message"' in page.text and "<script>" not in page.text
    as_json = client.get(url, headers={"Accept": "application/json"})
    assert as_json.status_code == status
    assert_error_shape(as_json.json(), status)


def test_an_unknown_version_names_the_known_ones(client: TestClient) -> None:
    message = client.get("/versions/1900-01-01.json").json()["error"]["message"]
    assert "1900-01-01" in message and "1995-08-30" in message


def test_an_ambiguous_version_lists_the_candidates(client: TestClient) -> None:
    message = client.get("/versions/2022.json").json()["error"]["message"]
    assert "ambiguous" in message and "2022-06-08, 2022-09-17" in message
    same = client.get("/compare.json?a=2007&b=2007-05-21").json()["error"]["message"]
    assert "same version" in same
    page = client.get("/versions/2022?lang=ru")
    assert page.status_code == 404 and "неоднозначна" in page.text and "2022-06-08, 2022-09-17" in page.text
    page = client.get("/compare?a=2007&b=2007-05-21&lang=ru")
    assert page.status_code == 422 and "одна и та же редакция (2007-05-21)" in page.text


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
@pytest.mark.parametrize("url", ["/", "/versions/1995-08-30.json", "/static/site/app.js", "/nowhere"])
def test_nothing_but_get_and_head(client: TestClient, method: str, url: str) -> None:
    r = client.request(method, url)
    assert r.status_code == 405 and r.headers["allow"] == "GET, HEAD"
    assert_error_shape(r.json(), 405)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/versions/1995-08-30.json",
        "/versions/1900-01-01",
        "/static/vendor/vega.min.js",
        "/downloads/datapackage.json",
        "/openapi.json",
    ],
)
def test_security_headers_everywhere(client: TestClient, url: str) -> None:
    r = client.get(url)
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "url",
    [
        "/static/site/../templates/base.html",
        "/static/site/%2e%2e/templates/base.html",
        "/static/site/..%2f..%2fdataset.py",
        "/static/vendor/../../dataset.py",
        "/static/vendor/%2e%2e/%2e%2e/data/codebook.yaml",
        "/static/site/%2e%2e%2f%2e%2e%2fstore%2f__init__.py",
        "/static//etc/passwd",
        "/static/site//etc/passwd",
        "/static/site/..\\..\\dataset.py",
        "/downloads/csv/%2e%2e%2fdatapackage.json",
    ],
)
def test_no_path_traversal(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in (404, 422), (url, r.status_code)
    assert "import" not in r.text and "root:" not in r.text and "schema:" not in r.text


def test_templates_never_mark_data_safe() -> None:
    from importlib import resources

    folder = resources.files("vertikal.web") / "templates"
    for entry in folder.iterdir():
        text = entry.read_text(encoding="utf-8")
        for bad in ("|safe", "| safe", "autoescape false", "Markup("):
            assert bad not in text, f"{entry.name} uses {bad}"


def test_a_failure_is_a_500_in_the_same_shape(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(name: str) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(client.app.state.store, "blob", boom)  # type: ignore[attr-defined]
    r = client.get("/methods.json")
    assert r.status_code == 500 and "secret" not in r.text
    assert_error_shape(r.json(), 500)
    assert "default-src 'none'" in r.headers["content-security-policy"]
    page = client.get("/methods")
    assert page.status_code == 500 and 'id="error-message"' in page.text and "secret" not in page.text


@pytest.mark.parametrize(
    ("url", "status", "title", "message"),
    [
        ("/nowhere?lang=ru", 404, "Не найдено", "такой страницы нет"),
        ("/versions/1900-01-01?lang=ru", 404, "Не найдено", "неизвестная редакция &#39;1900-01-01&#39;"),
        ("/powers/no_such_power?lang=ru", 404, "Не найдено", "неизвестное полномочие"),
        (
            "/compare?a=yesterday&lang=ru",
            422,
            "Неверный запрос",
            "параметр задан неверно или слишком длинный: a",
        ),
    ],
)
def test_russian_error_pages_are_in_russian(
    client: TestClient, url: str, status: int, title: str, message: str
) -> None:
    """Issue 11: the Russian 404 page was in English."""
    page = client.get(url)
    assert page.status_code == status and 'lang="ru"' in page.text
    assert title in page.text
    found = re.search(r'<p id="error-message">(.*?)</p>', page.text)
    assert found and found.group(1).startswith(message)
    assert not re.search(r"no such page|unknown version|unknown power|malformed", found.group(1))
    # the JSON twin keeps the one English message
    as_json = client.get(url, headers={"Accept": "application/json"}).json()["error"]["message"]
    assert re.match(r"no such page|unknown version|unknown power|query parameter", as_json)


def test_a_failure_in_russian_is_a_russian_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(name: str) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(client.app.state.store, "blob", boom)  # type: ignore[attr-defined]
    page = client.get("/methods?lang=ru")
    assert page.status_code == 500 and "Что-то пошло не так" in page.text
    assert '<p id="error-message">внутренняя ошибка</p>' in page.text and "secret" not in page.text


def test_the_favicon_is_served(client: TestClient) -> None:
    """Issue 11: /favicon.ico was a 404."""
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.content.lstrip().startswith(b"<svg") or b"<svg" in r.content[:200]
    assert '<link rel="icon" href="/static/site/favicon.svg"' in client.get("/").text
