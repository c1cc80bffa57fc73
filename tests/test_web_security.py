"""Issue 7: malicious data is rendered inert. A copy of the data whose codebook label (and a domain
label) carries a script is served; every page escapes it, in HTML, in attributes and in chart specs."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factory import data_dir
from tests.html import start_tags

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PAYLOAD = "<script>alert('pwned')</script><img src=x onerror=alert(1)>"
PAGES = [
    "/",
    "/?lang=ru",
    "/versions/2017-03-10",
    "/versions/2011-02-02?lang=ru",
    "/powers/decree_force_of_law",
    "/compare?a=2011-02-02&b=2017-03-10",
    "/codebook",
    "/methods",
    "/akims",
    "/claims",
]


def poison(root: Path) -> None:
    path = root / "codebook.yaml"
    text = path.read_text(encoding="utf-8")
    label = (
        'label: {en: Decrees having the force of law, ru: "Указы, имеющие силу закона", '
        "kk: Заң күші бар жарлықтар}"
    )
    assert label in text
    poisoned = (
        f"en: {json.dumps(PAYLOAD)}, ru: {json.dumps('ру ' + PAYLOAD)}, kk: {json.dumps('қз ' + PAYLOAD)}"
    )
    text = text.replace(label, f"label: {{{poisoned}}}")
    domain = "legislation: {en: Legislation, ru: Законодательство, kk: Заң шығару}"
    assert domain in text
    text = text.replace(
        domain, f"legislation: {{en: {json.dumps('Leg ' + PAYLOAD)}, ru: Законодательство, kk: Заң шығару}}"
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from vertikal.web import create_app

    root = data_dir(tmp_path_factory.mktemp("poisoned"))
    poison(root)
    import vertikal

    assert vertikal.load(root).errors == []
    app = create_app(root, cache_dir=tmp_path_factory.mktemp("poisoned-cache"))
    with TestClient(app) as c:
        yield c


@pytest.mark.parametrize("url", PAGES)
def test_a_script_in_the_data_is_inert(client: TestClient, url: str) -> None:
    html = client.get(url).text
    if url.split("?")[0] not in ("/methods", "/akims", "/claims"):
        assert "&lt;script&gt;alert" in html or "\\u003cscript\\u003ealert" in html  # shown, as text
    for tag, attrs in start_tags(html):
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert tag != "img"
        if tag == "script":  # only our own scripts and JSON data blocks
            assert set(attrs) in ({"src", "defer"}, {"type", "id"}), attrs
            assert str(attrs.get("src", "/static/")).startswith("/static/")
            assert attrs.get("type", "application/json") == "application/json"


def test_the_label_is_shown_as_text(client: TestClient) -> None:
    html = client.get("/powers/decree_force_of_law").text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in html


def test_chart_specs_escape_markup(client: TestClient) -> None:
    html = client.get("/").text
    blocks = re.findall(r'<script type="application/json" id="[a-z-]+">(.*?)</script>', html, re.S)
    assert blocks and all("<" not in b for b in blocks)
    domains = json.loads(blocks[-1])
    assert PAYLOAD in json.dumps(domains, ensure_ascii=False)  # the text survives, as data


def test_json_twins_carry_the_label_as_data(client: TestClient) -> None:
    r = client.get("/powers/decree_force_of_law.json")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["item"]["label"]["en"] == PAYLOAD
    assert r.json()["item"]["label"]["kk"] == "қз " + PAYLOAD
