"""Issue 7: a walk through the explorer in Debian's Chromium, against `vertikal serve` on a free port.

Home (charts drawn), language switch, a version, the compare form (htmx) showing the loss of decree
power from 2011-02-02 to 2017-03-10, the akims page; no console error, no request leaves the site.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser import chromium_page, needs_chromium, screenshot

pytest.importorskip("fastapi")
pytestmark = needs_chromium


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from vertikal.store.cache import prepare

    cache = tmp_path_factory.getbasetemp() / "web-cache"
    prepare(None, cache)  # built here once; the server finds it up to date
    port = free_port()
    env = dict(os.environ, VERTIKAL_CACHE=str(tmp_path_factory.mktemp("no-texts")))
    env.pop("VERTIKAL_DATA", None)
    cmd = [sys.executable, "-m", "vertikal", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen([*cmd, "--cache", str(cache)], env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/index.json", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    detail = proc.stderr.read() if proc.stderr else ""
                    raise RuntimeError(f"the server did not start: {detail}") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def browser_page(server: str) -> Iterator[tuple[Any, list[str], list[str]]]:
    with chromium_page(viewport={"width": 1280, "height": 900}) as recorded:
        yield recorded


def shot(page: Any, name: str) -> None:
    screenshot(page, f"web-{name}")


def charts_drawn(page: Any) -> None:
    expected = page.locator("[data-chart]").count()
    assert expected > 0
    page.wait_for_function(
        f"document.querySelectorAll('[data-drawn=\"yes\"] svg').length >= {expected}", timeout=30000
    )


def test_walk_through_the_site(server: str, browser_page: tuple[Any, list[str], list[str]]) -> None:
    page, errors, requests = browser_page
    # home: the charts of the measures and the reforms
    page.goto(server + "/")
    charts_drawn(page)
    assert page.locator("#table-timeline tbody tr").count() == 15
    assert page.locator("ol.steps > li").count() == 14
    shot(page, "home")
    # the keyboard reaches the skip link first, and it moves focus to the content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # switch the language
    page.click("nav.lang-switch a[data-lang='ru']")
    page.wait_for_url("**/?lang=ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Реформы по шагам" in page.locator("#h-reforms").inner_text()
    charts_drawn(page)
    shot(page, "home-ru")
    # open a version from the timeline table, still in Russian
    page.click("#table-timeline a[href='/versions/1995-08-30?lang=ru']")
    page.wait_for_url("**/versions/1995-08-30?lang=ru")
    assert "1995-08-30" in page.locator("h1").inner_text()
    assert page.locator("#item-decree_force_of_law").count() == 1
    shot(page, "version")
    # back to English, then compare 2011-02-02 with 2017-03-10 through the form (an htmx swap)
    page.click("nav.lang-switch a[data-lang='en']")
    page.wait_for_url("**/versions/1995-08-30")
    page.click("nav.site-nav a[href='/compare']")
    page.wait_for_url("**/compare")
    page.select_option("#select-a", "2011-02-02")
    page.select_option("#select-b", "2017-03-10")
    page.click("#compare-submit")
    row = page.locator("#change-decree_force_of_law")
    row.wait_for(timeout=10000)
    assert row.get_attribute("data-change") == "lost"
    assert "lost" in row.inner_text()
    page.wait_for_url("**/compare?a=2011-02-02&b=2017-03-10")  # a deep link to this state
    assert page.evaluate("document.activeElement.id") == "h-result"
    row.scroll_into_view_if_needed()
    shot(page, "compare")
    # the akims page: the tier-by-time chart and the events
    page.click("nav.site-nav a[href='/akims']")
    page.wait_for_url("**/akims")
    charts_drawn(page)
    assert page.locator("#table-events tbody tr").count() > 10
    shot(page, "akims")
    assert errors == []
    assert [u for u in requests if not u.startswith(server + "/")] == []


def test_the_compare_form_works_without_javascript(server: str) -> None:
    with chromium_page(java_script_enabled=False) as (page, _, _):
        page.goto(server + "/compare?lang=ru")
        page.select_option("#select-a", "2011-02-02")
        page.select_option("#select-b", "2017-03-10")
        page.click("#compare-submit")
        page.wait_for_url("**/compare?lang=ru&a=2011-02-02&b=2017-03-10")
        assert page.locator("#change-decree_force_of_law").get_attribute("data-change") == "lost"
        assert "утрачено" in page.locator("#change-decree_force_of_law").inner_text()


PHONE = {"width": 390, "height": 844}
# every page of the site, in both languages, including a compare result and a power page
EVERY_PAGE = [
    "/",
    "/versions",
    "/versions/1995-08-30",
    "/compare",
    "/compare?a=2023-01-01&b=2026-07-01",
    "/compare?a=2011-02-02&b=2017-03-10",
    "/powers/decree_force_of_law",
    "/akims",
    "/claims",
    "/sensitivity",
    "/methods",
    "/codebook",
    "/downloads",
    "/no-such-page",
    "/versions/1900-01-01",
    "/at/2020-06-01",
    "/at/2020-06-01?holder=first_president",
    "/compare?a=2012-01-01&b=2018-01-01",
]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_page_scrolls_sideways_on_a_phone(server: str, lang: str) -> None:
    """Issue 11: the compare page scrolled sideways on a 390 px phone."""
    with chromium_page(viewport=PHONE) as (page, errors, _):
        for path in EVERY_PAGE:
            url = server + path
            if lang == "ru":
                url += ("&" if "?" in path else "?") + "lang=ru"
            page.goto(url)
            if page.locator("[data-chart]").count():
                charts_drawn(page)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= page.evaluate("innerWidth"), f"{url} is {width} px wide"
        shot(page, f"phone-{lang}")
    assert [e for e in errors if "404" not in e] == []


def svg_texts(page: Any) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('[data-chart] svg text')].map(t => t.textContent)")


@pytest.mark.parametrize(
    ("lang", "expected", "absent"),
    [
        (
            "en",
            [
                "Every measure, as a share of its maximum",
                "Volume of powers",
                "Shugart–Carey presidential powers",
                "Date in force",
                "Low confidence",
                "1995",
                "2025",
            ],
            ["Дата вступления в силу"],
        ),
        (
            "ru",
            [
                "Все показатели как доля от их максимума",
                "Объём полномочий",
                "Индекс Шугарта–Кэри",
                "Дата вступления в силу",
                "Низкая достоверность",
                "Конституция 1995 года",
            ],
            ["Date in force", "Low confidence", "Volume of powers"],
        ),
    ],
)
def test_charts_are_drawn_with_human_words(
    server: str, lang: str, expected: list[str], absent: list[str]
) -> None:
    """Issue 11: chart titles read `volume`, legends false/true, year labels ran together."""
    with chromium_page(viewport={"width": 1280, "height": 900}) as (page, errors, _):
        page.goto(server + ("/?lang=ru" if lang == "ru" else "/"))
        charts_drawn(page)
        words = svg_texts(page)
        for text in expected:
            assert text in words, text
        for text in [*absent, "volume", "shugart-carey", "true", "false", "uncertain"]:
            assert text not in words, text
        years = [w for w in words if w.isdigit() and len(w) == 4]
        assert "1991" not in years and "2024" not in years  # a tick every few years, not every year
        page.goto(server + ("/akims?lang=ru" if lang == "ru" else "/akims"))
        charts_drawn(page)
        akim_years = [w for w in svg_texts(page) if w.isdigit() and len(w) == 4]
        assert akim_years and "1991" not in akim_years
        shot(page, f"akims-chart-{lang}")
    assert errors == []


def test_the_no_script_notice_shows_only_without_scripts(server: str) -> None:
    notice = "The charts need JavaScript"
    with chromium_page(viewport={"width": 1280, "height": 900}) as (page, _, _):
        page.goto(server + "/")
        charts_drawn(page)
        assert notice not in page.locator("main").inner_text()
    with chromium_page(java_script_enabled=False) as (page, _, _):
        page.goto(server + "/")
        assert notice in page.locator("main").inner_text()


def test_issue13_a_day_opens_the_version_in_force(server: str) -> None:
    """Issue 13: /versions/1999-01-01 shows the version of 7 October 1998, in the language asked for."""
    with chromium_page(viewport=PHONE) as (page, errors, _):
        page.goto(server + "/versions/1999-01-01?lang=ru")
        assert page.url == server + "/versions/1998-10-07?lang=ru"
        assert page.locator("html").get_attribute("lang") == "ru"
        assert "/versions/1998-10-07.json" in page.content()
        response = page.goto(server + "/versions/1900-01-01?lang=ru")
        assert response is not None and response.status == 404
        assert "в этот день ни одна редакция не действовала" in page.locator("#error-message").inner_text()
    assert [e for e in errors if "404" not in e] == []


def test_issue13_a_day_of_powers_and_the_events_on_the_timeline(server: str) -> None:
    """Issue 13: /at/DAY from its form, compare two days with htmx, the events drawn on the timeline."""
    with chromium_page(viewport={"width": 1280, "height": 900}) as (page, errors, requests):
        page.goto(server + "/at/2020-06-01?lang=ru")
        assert page.locator("#at-two-holders").is_visible()
        row = page.locator("#power-first_president-chair_security_council")
        assert row.get_attribute("data-instrument") == "security_council_law_2018"
        page.fill("#at-day", "2022-07-01")
        page.click("#at-submit")
        page.wait_for_url("**/at/2022-07-01?lang=ru")
        assert page.locator("#power-president-chair_security_council").get_attribute("data-status") == "sole"
        page.goto(server + "/compare?lang=ru")
        page.fill("#day-a", "2012-01-01")
        page.fill("#day-b", "2018-01-01")
        page.click("#compare-days-submit")
        page.wait_for_url("**/compare?lang=ru&a=2012-01-01&b=2018-01-01")
        assert "2011-02-02" in page.locator("#compare-days-note").inner_text()
        assert page.locator("#change-decree_force_of_law").get_attribute("data-change") == "lost"
        page.goto(server + "/")
        charts_drawn(page)
        # the layer named legal-events: Vega names its group legal_events_marks, one line per event
        rules = page.locator("[data-chart='spec-overview'] svg g.legal_events_marks").locator("path, line")
        assert rules.count() > 20
        shot(page, "issue13-timeline-events")
    assert errors == []
    assert all(r.startswith(server) or r.startswith("data:") for r in requests)
