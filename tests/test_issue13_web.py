"""Issue 13 on the web: a day in a URL (/versions/DAY, /at/DAY), compare two days, the timeline's events."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette's notice about its test client's transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from vertikal.web import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERTIKAL_CACHE", str(tmp_path_factory.mktemp("no-texts")))
        app = create_app(cache_dir=tmp_path_factory.getbasetemp() / "web-cache")
        with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as c:
            yield c


# -- /versions/DAY ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("day", "version"),
    [
        ("1999-01-01", "1998-10-07"),
        ("1998-10-07", None),  # a version id keeps its meaning
        ("1995-09-01", "1993-01-28"),  # the 1995 Constitution came into force on 5 September
        ("1995-09-05", "1995-08-30"),
        ("2030-01-01", "2026-07-01"),
        ("1990-04-24", None),
    ],
)
def test_a_day_redirects_to_the_version_in_force(client: TestClient, day: str, version: str | None) -> None:
    for suffix in ("", ".json"):
        r = client.get(f"/versions/{day}{suffix}?lang=ru")
        if version is None:
            assert r.status_code == 200
        else:
            assert r.status_code == 307
            assert r.headers["location"] == f"/versions/{version}{suffix}?lang=ru"


def test_the_redirect_lands_on_the_version_page(client: TestClient) -> None:
    r = client.get("/versions/1999-01-01", follow_redirects=True)
    assert r.status_code == 200 and str(r.url).endswith("/versions/1998-10-07")
    assert client.get("/versions/1999-01-01").headers["location"] == "/versions/1998-10-07"


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "no version was in force that day; the first came into force on 1990-04-24"),
        ("ru", "в этот день ни одна редакция не действовала; первая вступила в силу 1990-04-24"),
        ("kk", "бұл күні ешбір редакция күшінде болған жоқ; алғашқысы 1990-04-24 күшіне енді"),
    ],
)
def test_a_day_before_the_first_version_is_a_404_saying_so(client: TestClient, lang: str, said: str) -> None:
    page = client.get(f"/versions/1900-01-01?lang={lang}")
    assert page.status_code == 404 and f'<html lang="{lang}">' in page.text
    assert said in page.text
    body = client.get("/versions/1900-01-01.json").json()
    assert body["error"]["code"] == "not_found" and "no version was in force" in body["error"]["message"]


@pytest.mark.parametrize("day", ["1999-02-30", "1999-13-01", "2019-02-29"])
def test_a_day_that_does_not_exist_is_an_unknown_version(client: TestClient, day: str) -> None:
    r = client.get(f"/versions/{day}.json")
    assert r.status_code == 404 and "unknown version" in r.json()["error"]["message"]
    assert "no version was in force" not in r.json()["error"]["message"]


# -- compare two days --------------------------------------------------------------------------
def test_two_days_compare_as_the_versions_in_force(client: TestClient) -> None:
    by_days = client.get("/compare.json?a=2012-01-01&b=2018-01-01").json()
    by_versions = client.get("/compare.json?a=2011-02-02&b=2017-03-10").json()
    assert by_days["compare"] == by_versions["compare"]
    assert by_days["days"] == {
        "a": {"day": "2012-01-01", "version": "2011-02-02"},
        "b": {"day": "2018-01-01", "version": "2017-03-10"},
    }
    assert "days" not in by_versions
    mixed = client.get("/compare.json?a=2011-02-02&b=2018-01-01").json()
    assert mixed["days"] == {"a": None, "b": {"day": "2018-01-01", "version": "2017-03-10"}}


def test_the_compare_page_says_which_version_a_day_is(client: TestClient) -> None:
    page = client.get("/compare?a=2012-01-01&b=2018-01-01&lang=ru")
    assert page.status_code == 200
    assert 'value="2012-01-01"' in page.text and 'value="2018-01-01"' in page.text  # the day inputs
    assert "сравнивается редакция, действовавшая в этот день, 2011-02-02" in page.text
    assert 'id="change-decree_force_of_law"' in page.text
    partial = client.get("/compare?a=2012-01-01&b=2018-01-01", headers={"HX-Request": "true"})
    assert "<html" not in partial.text
    assert "compared as the version in force that day, 2017-03-10" in partial.text


def test_two_days_compare_across_the_legal_order(client: TestClient, shipped: object) -> None:
    from vertikal import legal

    body = client.get("/compare.json?a=2020-06-01&b=2022-07-01").json()
    assert body["dates"] == legal.compare_dates(shipped, "2020-06-01", "2022-07-01")  # type: ignore[arg-type]
    # the Security Council's chair passed in February 2022, with no new version of the Constitution
    same = client.get("/compare.json?a=2022-01-01&b=2022-03-01")
    assert same.status_code == 200 and same.json()["compare"] is None
    changed = {(c["holder"], c["item"]) for c in same.json()["dates"]["changed"]}
    assert {("president", "chair_security_council"), ("first_president", "chair_security_council")} <= changed
    page = client.get("/compare?a=2022-01-01&b=2022-03-01&lang=ru").text
    assert 'id="same-version"' in page and "2019-03-23" in page
    assert 'id="date-change-president-chair_security_council" data-change="changed"' in page
    assert client.get("/compare.json?a=2019-03-23&b=2019-03-23").status_code == 422  # one version twice
    early = client.get("/compare.json?a=1900-01-01&b=2021-06-01")
    assert early.status_code == 404 and "no version was in force" in early.json()["error"]["message"]


# -- /at/DAY -----------------------------------------------------------------------------------
def test_the_json_twin_of_a_day_equals_the_library(client: TestClient, shipped: object) -> None:
    from vertikal import legal

    for day, holder in [("2020-06-01", None), ("2022-07-01", None), ("2020-06-01", "first_president")]:
        url = f"/at/{day}.json" + (f"?holder={holder}" if holder else "")
        assert client.get(url).json() == legal.at(shipped, day, holder)  # type: ignore[arg-type]


def test_2020_shows_two_holders_and_the_first_president_chairing_the_council(client: TestClient) -> None:
    page = client.get("/at/2020-06-01")
    assert page.status_code == 200
    assert 'id="at-two-holders"' in page.text and 'id="powers-first_president"' in page.text
    row = page.text.split('id="power-first_president-chair_security_council"')[1].split("</tr>")[0]
    assert 'data-instrument="security_council_law_2018"' in row and "Art. 1(2)" in row
    assert 'id="at-rule"' in page.text and "rank-then-later" in page.text
    later = client.get("/at/2022-07-01").text  # the status lasts until its law's repeal (2023)
    assert 'id="power-president-chair_security_council" data-status="sole"' in later
    assert 'id="power-first_president-chair_security_council" data-status="absent"' in later
    after = client.get("/at/2023-06-01").text
    assert 'id="at-two-holders"' not in after  # the First President's status had ended
    assert 'id="power-first_president-chair_security_council" data-status="absent"' in after


@pytest.mark.parametrize(("lang", "title"), [("ru", "Полномочия, действовавшие на"), ("kk", "күні күшінде")])
def test_a_day_in_russian_and_kazakh(client: TestClient, lang: str, title: str) -> None:
    page = client.get(f"/at/2020-06-01?lang={lang}&holder=first_president")
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text and title in page.text
    assert 'id="powers-president"' not in page.text and 'id="powers-first_president"' in page.text
    assert 'href="/at/2020-06-01.json?holder=first_president"' in page.text


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/at/2020-02-30", "malformed date '2020-02-30' in the parameter day"),
        ("/at/20200601", "malformed date '20200601' in the parameter day"),
        ("/at/yesterday", "malformed date 'yesterday' in the parameter day"),
        ("/at/2020-06-01?holder=pope", "unknown holder 'pope' in the parameter holder"),
    ],
)
def test_a_bad_day_is_a_400_and_an_unknown_holder_a_404_naming_it(
    client: TestClient, url: str, said: str
) -> None:
    path, _, query = url.partition("?")
    status, code = (404, "not_found") if "holder" in url else (400, "bad_request")
    as_json = client.get(f"{path}.json" + (f"?{query}" if query else ""))
    assert as_json.status_code == status
    assert as_json.json()["error"]["code"] == code and said in as_json.json()["error"]["message"]
    page = client.get(url)
    assert page.status_code == status and said.replace("'", "&#39;") in page.text
    ru = client.get(url + ("&" if "?" in url else "?") + "lang=ru")
    assert ru.status_code == status and ("неверная дата" in ru.text or "неизвестный носитель" in ru.text)


def test_the_form_goes_to_the_day_and_days_are_never_cached(client: TestClient) -> None:
    r = client.get("/at?day=2020-06-01&holder=&lang=ru")
    assert r.status_code == 307 and r.headers["location"] == "/at/2020-06-01?lang=ru"
    assert client.get("/at").headers["location"].startswith("/at/20")
    cache = next(m for m in client.app.user_middleware if m.cls.__name__ == "ResponseCache")  # type: ignore[attr-defined]
    assert cache is not None
    client.get("/at/2021-01-01.json")
    client.get("/at/2021-01-02")
    stack = client.app.middleware_stack  # type: ignore[attr-defined]
    while stack is not None and type(stack).__name__ != "ResponseCache":
        stack = getattr(stack, "app", None)
    assert stack is not None
    keys = [k[0] for k in stack.entries]
    assert not any(k.startswith(b"/at") for k in keys) and keys, keys


# -- the timeline: events on the chart, the story from the data ----------------------------------
def _overview(html: str) -> dict[str, object]:
    import json
    import re

    found = re.search(r'<script type="application/json" id="spec-overview">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.mark.parametrize(("lang", "title"), [("en", "Act"), ("ru", "Акт")])
def test_the_overview_marks_every_event(client: TestClient, shipped: object, lang: str, title: str) -> None:
    from vertikal import legal

    spec = _overview(client.get(f"/?lang={lang}").text)
    layers = spec["vconcat"][1]["layer"]  # type: ignore[index]
    marks = [x for x in layers if x.get("name") == "legal-events"]
    assert len(marks) == 1 and marks[0]["mark"]["type"] == "rule"
    rows = marks[0]["data"]["values"]
    in_range = [e for e in legal.events(shipped) if "1990" <= e["date"] <= "2027-12-31"]  # type: ignore[arg-type]
    assert len(rows) == len(in_range) > 20
    assert title in [t["title"] for t in marks[0]["encoding"]["tooltip"]]
    if lang == "ru":
        assert any("Закон" in r["act"] for r in rows) and all(r["what"] for r in rows)


def test_the_story_is_read_off_the_data(client: TestClient, shipped: object) -> None:
    from vertikal.web.story import story

    home = client.get("/index.json").json()
    assert home["legal"]["story"] == story(shipped)  # type: ignore[arg-type]
    told = home["legal"]["story"]
    dual = [p for p in told["shared_periods"] if p["from"] <= "2020-06-01" < (p["until"] or "9999")]
    assert dual and dual[0]["holders"] == ["president", "first_president"]
    shift = [t for t in told["transfers"] if t["item"] == "chair_security_council"]
    assert [(t["from"], t["to"]) for t in shift] == [("first_president", "president")]
    assert shift[0]["date"].startswith("2022-")
    ends = [e for e in told["ends"] if e["holder"] == "first_president"]
    assert len(ends) == 1 and any(ev["what"] == "repealed" for ev in ends[0]["events"])
    page = client.get("/?lang=ru").text
    assert (
        'class="story-transfer" data-date="' + shift[0]["date"] + '" data-item="chair_security_council"'
        in page
    )
    assert "прежде: Первый Президент, теперь: Президент" in page
    assert f'href="/at/{ends[0]["date"]}?lang=ru"' in page
