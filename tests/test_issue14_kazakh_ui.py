"""Issue 14, part 1: the interface in Kazakh - the explorer (catalogue, pages, charts, errors, a
language the site lacks), the report and its charts, the CLI's labels and the exports' label columns."""

from __future__ import annotations

import csv
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from tests.browser import chromium_page, needs_chromium
from tests.html import start_tags, visible_text
from tests.test_web_pages import PAGES
from vertikal.cli.app import app

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette's notice about its test client's transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

runner = CliRunner()
WEB = Path(vertikal.__file__).parent / "web"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
ERROR_PAGES = ["/nowhere", "/versions/1900-01-01", "/powers/no_such_power", "/compare?a=yesterday"]

# Latin-script words a Kazakh page may show: names, ids and abbreviations, not English.
ALLOWED = {
    "vertikal",  # the tool's name
    "English",  # the language switch names each language in itself
    "JSON",
    "OpenAPI",
    "CSV",
    "Frictionless",
    "CC",
    "BY",  # CC BY 4.0, the licence
    "RAI",  # the Regional Authority Index
    "GET",
    "HEAD",
    "JavaScript",
    "zip",  # a file format
    "V-Dem",  # Varieties of Democracy, a data set
}
ALLOWED_TOKEN = re.compile(
    r"""^(?:
        https?://\S+                        # a link shown as its address
      | /\S*                                # a path of the site (/downloads)
      | [\w./-]+\.(?:csv|json|zip)          # a file name
      | [\d.-]*[IVXLC]+(?:-[IVXLC]+)*       # Roman numerals of an act's number (142-VII)
      | `[^`]+`                             # an id quoted in a text (`national_rai`)
      | [a-z][a-z0-9]*(?:_[a-z0-9]+)+       # an id (no_such_power)
    )$""",
    re.VERBOSE,
)


def _with(path: str, lang: str) -> str:
    return path + ("&" if "?" in path else "?") + f"lang={lang}"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from vertikal.web import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERTIKAL_CACHE", str(tmp_path_factory.mktemp("no-texts")))
        app_ = create_app(cache_dir=tmp_path_factory.getbasetemp() / "web-cache")
        with TestClient(app_, raise_server_exceptions=False) as c:
            yield c


# -- the catalogue ------------------------------------------------------------------------------
def _catalog(lang: str) -> Any:
    from babel.messages.pofile import read_po

    with (WEB / "locale" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _extracted() -> set[Any]:
    from babel.messages.extract import extract_from_dir

    method_map = [("templates/**.html", "jinja2"), ("*.py", "python")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    keywords: dict[str, Any] = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    return {msg for _, _, msg, _, _ in extract_from_dir(str(WEB), method_map, options, keywords)}


def _key(msgid: Any) -> Any:
    return msgid[0] if isinstance(msgid, tuple) else msgid


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_catalogue_entry_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    untranslated = [
        m.id
        for m in catalog
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
    ]
    assert untranslated == []
    assert not catalog.obsolete
    assert {_key(m) for m in _extracted()} <= {_key(m.id) for m in catalog if m.id}


def test_the_template_holds_every_message_of_the_code() -> None:
    """messages.pot is regenerated with Babel's extract (web/babel.cfg) whenever a message changes."""
    from babel.messages.pofile import read_po

    with (WEB / "locale" / "messages.pot").open("rb") as fh:
        template = {_key(m.id) for m in read_po(fh) if m.id}
    assert template == {_key(m) for m in _extracted()}


def test_the_kazakh_catalogue_is_kazakh() -> None:
    """Each Kazakh entry is written in Cyrillic, not left English or copied from the Russian."""
    kk, ru = _catalog("kk"), _catalog("ru")
    latin = re.compile(r"[A-Za-z]{3,}")
    for m in kk:
        if not m.id:
            continue
        text = " ".join(m.string) if isinstance(m.string, tuple) else m.string
        bare = re.sub(
            r"%\(\w+\)[sd]|JSON|OpenAPI|GET|HEAD|CSV|Frictionless|JavaScript|CC BY|vertikal", "", text
        )
        bare = re.sub(r"datapackage\.json|zip|/downloads", "", bare)
        assert not latin.search(bare), (m.id, text)
        # a loanword is the same in both (редакция, акт, файл); a phrase the same as the Russian is a copy
        assert text != ru.get(m.id).string or len(text.split()) == 1, m.id


# -- the pages ----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_kazakh(client: TestClient, path: str) -> None:
    r = client.get(_with(path, "kk"))
    assert r.status_code == 200, r.text[:300]
    assert '<html lang="kk">' in r.text
    assert KAZAKH_LETTERS & set(visible_text(r.text))


def _english_words(html: str, params: frozenset[str] = frozenset()) -> list[str]:
    """The Latin-script words of a page that are not names, ids or abbreviations (`params`: the names
    of the request's parameters, which an error message quotes)."""
    out = []
    for token in visible_text(html).split():
        if not re.search("[A-Za-z]", token):
            continue
        token = token.strip("()[]{},;:.«»“”\"'!?*—–-")
        name, _, ending = token.partition("-")
        if name in ALLOWED and re.fullmatch("[а-яәғқңөұүһі]+", ending):
            continue  # a name with a Kazakh case ending (RAI-дың)
        if token and token not in ALLOWED | params and not ALLOWED_TOKEN.match(token):
            out.append(token)
    return out


@pytest.mark.parametrize("path", PAGES + ERROR_PAGES)
def test_no_english_words_remain_in_the_kazakh_pages(client: TestClient, path: str) -> None:
    """What exists in English only (paraphrases, notes) is marked lang="en", a source with the language
    it is written in; the rest is Kazakh."""
    html = client.get(_with(path, "kk")).text
    params = frozenset(re.findall(r"[?&](\w+)=", path))
    assert _english_words(html, params) == []


def test_the_text_check_finds_english_where_there_is_some() -> None:
    page = (
        '<html lang="kk"><p>Редакциялар <b>Versions</b> of JSON</p><p lang="en">kept as English</p>'
        '<a lang="ru" href="/">Закон</a><span lang="kk">not Kazakh</span>'
        " RAI-дың Senate-тің no_such_id</html>"
    )
    assert _english_words(page) == ["Versions", "of", "not", "Kazakh", "Senate-тің"]


def test_the_kazakh_pages_speak_kazakh(client: TestClient) -> None:
    home = client.get("/?lang=kk").text
    assert "Президент билігінің уақыт бойынша шоғырлануы" in home
    assert 'hreflang="kk"' in home and ">Қазақша<" in client.get("/").text
    links = [
        str(a["href"])
        for t, a in start_tags(home)
        if t == "a" and str(a.get("href", "")).startswith("/") and "data-lang" not in a
    ]
    links = [h for h in links if not h.startswith(("/static", "/openapi", "/index"))]
    assert len(links) > 20 and all("lang=kk" in h for h in links)
    version = client.get("/versions/2017-03-10?lang=kk").text
    row = version[version.index('id="item-decree_force_of_law"') :]
    row = row[: row.index("</tr>")]
    assert "45-бап, 2-тармақ" in row and "61-бап, 2-тармақ" in row and ">жоқ<" in row
    assert ">Заң күші бар жарлықтар</a>" in client.get("/codebook?lang=kk").text  # the data's kk label
    compare = client.get("/compare?a=2011-02-02&b=2017-03-10&lang=kk").text
    assert "жойылды" in compare and "Мәтін жергілікті корпуста жоқ" in compare
    assert "шоғырланудың әлсіреуі" in compare


def test_the_kazakh_charts_are_drawn_in_kazakh(client: TestClient) -> None:
    html = client.get("/?lang=kk").text
    specs = dict(re.findall(r'<script type="application/json" id="spec-([\w-]+)">(.*?)</script>', html, re.S))
    overview = json.loads(specs["overview"])
    assert overview["title"]["text"] == "Әр көрсеткіш өз ең жоғары мәнінің үлесі ретінде"
    assert overview["config"]["locale"]["number"]["decimal"] == ","
    assert json.loads(specs["measure-volume"])["layer"][0]["encoding"]["x"]["title"] == "Күшіне енген күні"
    akims = client.get("/akims?lang=kk").text
    spec = re.search(r'id="spec-decentralization">(.*?)</script>', akims, re.S)
    assert spec and json.loads(spec[1])["title"]["text"] == "Атқарушы билікті орталықсыздандыру"


@pytest.mark.parametrize(
    ("url", "status", "title", "message"),
    [
        ("/nowhere?lang=kk", 404, "Табылмады", "мұндай бет жоқ"),
        ("/versions/1900-01-01?lang=kk", 404, "Табылмады", "&#39;1900-01-01&#39; редакциясы белгісіз"),
        ("/powers/no_such_power?lang=kk", 404, "Табылмады", "&#39;no_such_power&#39; өкілеттігі белгісіз"),
        ("/compare?a=yesterday&lang=kk", 422, "Қате сұрау", "параметр қате немесе тым ұзын: a"),
    ],
)
def test_kazakh_error_pages_are_in_kazakh(
    client: TestClient, url: str, status: int, title: str, message: str
) -> None:
    page = client.get(url)
    assert page.status_code == status and '<html lang="kk">' in page.text and title in page.text
    found = re.search(r'<p id="error-message">(.*?)</p>', page.text)
    assert found and found.group(1).startswith(message)
    as_json = client.get(url, headers={"Accept": "application/json"}).json()  # one English message
    assert set(as_json) == {"error"} and re.match(r"no such page|unknown|query", as_json["error"]["message"])


def test_a_failure_in_kazakh_is_a_kazakh_500(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(name: str) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(client.app.state.store, "blob", boom)  # type: ignore[attr-defined]
    page = client.get("/methods?lang=kk&uncached=1")  # the other tests' pages are in the response cache
    assert page.status_code == 500 and "Бірдеңе дұрыс болмады" in page.text and "ішкі қате" in page.text
    assert "secret" not in page.text


# -- a language the site lacks ------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/", "/versions/1995-08-30", "/compare?a=2011-02-02&b=2017-03-10", "/akims"]
)
def test_an_unsupported_language_falls_back_to_english_with_a_notice(client: TestClient, path: str) -> None:
    r = client.get(_with(path, "de"))
    assert r.status_code == 200 and '<html lang="en">' in r.text
    notice = re.search(r'<div class="notice" id="lang-notice" role="status">(.*?)</div>', r.text, re.S)
    assert notice is not None
    said = notice.group(1)
    assert "The language “de” is not available; this page is in English." in said
    assert 'lang="ru">Язык «de» недоступен' in said and 'lang="kk">«de» тілі жоқ' in said
    assert "lang=de" not in r.text  # links lead to the languages the site has
    assert 'id="lang-notice"' not in client.get(path).text


def test_a_language_tag_is_read_by_its_first_part(client: TestClient) -> None:
    r = client.get("/versions?lang=kk-KZ")
    assert r.status_code == 200 and '<html lang="kk">' in r.text and 'id="lang-notice"' not in r.text


def test_the_json_twin_says_the_language_is_not_available(client: TestClient, shipped: Any) -> None:
    home = client.get("/index.json?lang=de")
    assert home.status_code == 200
    body = home.json()
    assert body["notice"]["code"] == "unsupported_language" and body["notice"]["asked"] == "de"
    assert body["notice"]["languages"] == ["en", "ru", "kk"] and "'de'" in body["notice"]["message"]
    assert {k: v for k, v in body.items() if k != "notice"} == client.get("/index.json").json()
    assert home.headers["vertikal-notice"] == "unsupported_language; asked=de"
    listing = client.get("/versions.json?lang=de")  # a list has no room for a field: the header says it
    assert listing.json() == vertikal.versions(shipped) and "asked=de" in listing.headers["vertikal-notice"]
    for lang in ("en", "ru", "kk"):
        same = client.get(f"/codebook.json?lang={lang}")
        assert "notice" not in same.json() and "vertikal-notice" not in same.headers


@pytest.mark.parametrize("url", ["/?lang=d%20e", "/index.json?lang=%3Cscript%3E", "/?lang=" + "a" * 40])
def test_a_malformed_language_is_still_an_error(client: TestClient, url: str) -> None:
    r = client.get(url, headers={"Accept": "application/json"})
    assert r.status_code == 422 and set(r.json()["error"]) == {"status", "code", "message"}


# -- the report ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def kk_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-kk") / "report"
    result = runner.invoke(app, ["report", "--out", str(out), "--lang", "kk", "--no-png"])
    assert result.exit_code == 0, result.output
    return out


def test_the_report_is_written_in_kazakh(kk_report: Path) -> None:
    html = (kk_report / "report.html").read_text(encoding="utf-8")
    md = (kk_report / "report.md").read_text(encoding="utf-8")
    assert '<html lang="kk">' in html
    for text in (html, md):
        assert "Реформалар қадам-қадаммен" in text and "Ғылыми әдебиеттегі тұжырымдар" in text
        assert "жылдары президент билігі шоғырланды" in text  # the first finding, in words
        assert "кіріктірілген Қазақстан деректері" in text
    assert "presidential power concentrated" not in html and "the built-in Kazakhstan data" not in html
    svg = (kk_report / "figures" / "overview.svg").read_text(encoding="utf-8")
    assert "Әр көрсеткіш өз ең жоғары мәнінің үлесі ретінде" in svg


def test_the_report_keys_are_the_same_in_every_language() -> None:
    import yaml

    from vertikal.report import context

    for name in ("strings.yaml", "sentences.yaml"):
        table = yaml.safe_load((Path(context.__file__).parent / name).read_text(encoding="utf-8"))
        assert set(table) == {"en", "ru", "kk"}
        for lang in ("ru", "kk"):
            assert set(table[lang]) == set(table["en"]), (name, lang)
        if name == "sentences.yaml":
            assert set(table["kk"]["methods"]) == set(table["en"]["methods"])


def test_kazakh_plurals_follow_cldr() -> None:
    from vertikal.report.sentences import counts, say

    assert say("all_up", "kk", n=1) == "жалғыз көрсеткіш өсті"
    assert say("all_up", "kk", n=6) == "барлық 6 көрсеткіш өсті"
    moves = [{"direction": d} for d in ("up", "up", "down", "flat")]
    assert counts(moves, "kk") == (
        "4 көрсеткіштің ішінен 2 көрсеткіш өсті, 1 көрсеткіш төмендеді және 1 көрсеткіш өзгерген жоқ"
    )


@needs_chromium
def test_the_kazakh_report_draws_its_charts_with_kazakh_labels(kk_report: Path) -> None:
    with chromium_page(viewport={"width": 1200, "height": 900}) as (page, errors, requests):
        page.goto((kk_report / "report.html").as_uri())
        expected = page.locator("[data-chart]").count()
        page.wait_for_function(f"window.vertikalRendered >= {expected}", timeout=30000)
        drawn: dict[str, str] = page.evaluate(
            """Object.fromEntries([...document.querySelectorAll('[data-chart]')].map(f => [
                 f.dataset.chart,
                 [...f.querySelectorAll('svg text')].map(t => t.textContent).join(' | ')]))"""
        )
    assert errors == [] and [u for u in requests if not u.startswith("file://")] == []
    assert expected >= 7 and set(drawn) >= {"overview", "domains", "decentralization", "measure-volume"}
    for name, text in drawn.items():
        assert KAZAKH_LETTERS & set(text), name
    assert "Әр көрсеткіш өз ең жоғары мәнінің үлесі ретінде" in drawn["overview"]
    assert "Ең жоғары мәннен үлесі" in drawn["overview"] and "Сенімділігі төмен" in drawn["overview"]
    assert "Күшіне енген күні" in drawn["measure-volume"] and "Балл (0 – " in drawn["measure-volume"]
    assert "Атқарушы билікті орталықсыздандыру" in drawn["decentralization"]
    for english in ("Date in force", "Share of the maximum", "Low confidence", "Score (0 to"):
        assert not any(english in text for text in drawn.values()), english


def test_the_figure_font_draws_the_kazakh_letters() -> None:
    """The figures' font (Liberation Sans, bundled by vl-convert) has the letters Kazakh adds."""
    import vl_convert as vlc

    from vertikal import charts

    def png(text: str) -> bytes:
        spec = {
            "data": {"values": [{"t": text}]},
            "mark": {"type": "text", "fontSize": 20},
            "encoding": {"text": {"field": "t"}},
            "width": 160,
            "height": 30,
        }
        return bytes(vlc.vegalite_to_png(charts.for_figure(spec), scale=1))

    missing = png("\ue000\ue001\ue002\ue003\ue004\ue005\ue006\ue007\ue008")
    letters = png("әғқңөұүһі")
    assert letters != missing and png("ӘҒҚҢӨҰҮҺІ") not in (missing, letters)


# -- the CLI and the exports --------------------------------------------------------------------
def test_the_cli_shows_the_data_in_kazakh() -> None:
    env = {"COLUMNS": "100"}
    powers = runner.invoke(app, ["powers", "2017-03-10", "--lang", "kk"], env=env)
    assert powers.exit_code == 0
    assert "45-бап, 2-тармақ" in powers.stdout and "дербес" in powers.stdout and "жоғары" in powers.stdout
    history = runner.invoke(app, ["power", "decree_force_of_law", "--lang", "kk"], env=env)
    assert history.exit_code == 0 and "жоқ → дербес" in history.stdout
    assert history.stdout.startswith("decree_force_of_law: Заң күші бар жарлықтар")  # the data's kk label
    as_json = runner.invoke(app, ["powers", "2017-03-10", "--json", "--lang", "kk"]).stdout
    assert json.loads(as_json) == json.loads(runner.invoke(app, ["powers", "2017-03-10", "--json"]).stdout)


@pytest.mark.parametrize(
    "command",
    [
        ["codebook"],
        ["versions"],
        ["powers", "1995-08-30"],
        ["power", "pardon"],
        ["matrix"],
        ["methods"],
        ["measure", "volume", "1995-08-30"],
        ["compare", "2011-02-02", "2017-03-10"],
        ["claims"],
        ["akims"],
        ["decentralization"],
    ],
)
def test_every_command_that_shows_the_data_takes_lang(command: list[str]) -> None:
    assert "--lang" in runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).stdout
    shown = runner.invoke(app, [*command, "--lang", "kk"], env={"COLUMNS": "120"})
    assert shown.exit_code == 0, shown.output
    bad = runner.invoke(app, [*command, "--lang", "de"])
    assert bad.exit_code == 1 and "bad language 'de' for --lang" in bad.stderr


def test_the_exports_carry_kazakh_label_columns(tmp_path: Path) -> None:
    out = tmp_path / "data"
    assert runner.invoke(app, ["export", "--out", str(out), "--format", "csv"]).exit_code == 0
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    assert "Kazakh" in fields["citations"]["label_kk"]["description"]
    with (out / "csv" / "citations.csv").open(encoding="utf-8") as fh:
        rows = {(r["version"], r["cite"]): r for r in csv.DictReader(fh)}
    row = rows[("2017-03-10", "art_44__subpara_3")]
    assert row["label_kk"] == "44-бап, 3) тармақша" and row["label_ru"] == "ст. 44 пп. 3"


def test_the_quality_tables_speak_kazakh(tmp_path: Path) -> None:
    from vertikal.cli import render_quality

    assert set(render_quality.WORDS["kk"]) == set(render_quality.WORDS["en"])
    out = tmp_path / "blank.yaml"
    done = runner.invoke(app, ["blank", "2022-09-17", "--out", str(out), "--lang", "kk"])
    assert done.exit_code == 0 and "2022-09-17 редакциясының бос кодтаулары (71 бірлік)" in done.stdout
