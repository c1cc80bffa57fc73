"""The rows of the page of a day are written in Python (`web.at_html`) for speed; `at_row.html` is
their readable definition. Every row of every legal state of the built-in data, and of rows made to
carry every optional part (bodies, attributes, other instruments, an item without a page, text to
escape), must come out the same both ways, in every language."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from markupsafe import Markup

import vertikal
from vertikal import legal
from vertikal.legal import state
from vertikal.web import i18n
from vertikal.web.at_html import DayWriter


def _powers(ds: vertikal.Dataset) -> list[dict[str, Any]]:
    """One power of every holder and item of every interval between two events (and before the first)."""
    seen: dict[int, dict[str, Any]] = {}
    for day in ["1900-01-01", *state._bounds(ds)]:
        for p in legal.at(ds, day)["powers"]:
            seen.setdefault(id(p), p)
    return list(seen.values())


def _odd(powers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with every optional part and markup-looking text, made from real ones."""
    base = next(p for p in powers if p["also"])
    out = []
    for item in (base["item"], "no_such_item"):
        p = copy.deepcopy(base)
        p["item"] = item
        p["with"] = ["parliament", "<b>unknown body</b>"]
        p["attrs"] = {"term_years": 5, "note": 'a "quoted" <value> & more'}
        p["paraphrase"] = "Text with <tags> & \"quotes\" and 100% of 'it'"
        p["label"] = {"en": "A <label>", "ru": None, "kk": ""}
        p["also"] = p["also"] * 2
        out.append(p)
    return out


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip("fastapi")
    from vertikal.web import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERTIKAL_CACHE", str(tmp_path_factory.mktemp("no-texts")))
        return create_app(cache_dir=tmp_path_factory.getbasetemp() / "web-cache", response_cache=False)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_rows_written_in_python_equal_the_template(app: Any, lang: str) -> None:
    ds = app.state.legal.dataset()
    env = app.state.envs[lang]  # with the database's names of bodies and documents, as the site has
    titles, known = app.state.legal.titles(), app.state.store.item_ids
    template = env.get_template("at_row.html")
    writer = DayWriter(env, titles, known)
    powers = _powers(ds)
    assert len(powers) > 100
    assert (
        any(p["also"] for p in powers) and any(p["with"] for p in powers) and any(p["attrs"] for p in powers)
    )
    for p in [*powers, *_odd(powers)]:
        want = template.render(p=p, h=p["holder"], instruments=titles, known_items=known) + "\n"
        assert writer(p, p["holder"]) == want, (lang, p["holder"], p["item"], p["version"])


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_state_written_in_python_equals_the_template(app: Any, lang: str) -> None:
    ds = app.state.legal.dataset()
    env = app.state.envs[lang]
    titles, known = app.state.legal.titles(), app.state.store.item_ids
    names = app.state.legal.holder_names()
    template = env.get_template("at_state.html")
    writer = DayWriter(env, titles, known)
    days = ["1900-01-01", *state._bounds(ds)]
    seen = set()
    for day in days:
        for holder in (None, "president", "first_president"):
            data = legal.at(ds, day, holder)
            by_holder: dict[str, list[dict[str, Any]]] = {h: [] for h in data["holders"]}
            for p in data["powers"]:
                by_holder[p["holder"]].append(p)
            rows = {h: "".join(writer(p, h) for p in ps) for h, ps in by_holder.items()}
            want = template.render(
                data=data,
                by_holder=by_holder,
                rows_html={h: Markup(r) for h, r in rows.items()},
                holding=data["holding"],
                holder_names=names,
                instruments=titles,
                known_items=known,
            )
            got = writer.state(data, {h: (len(by_holder[h]), r) for h, r in rows.items()}, names)
            assert got == want, (lang, day, holder)
            seen.add((len(data["holding"]), bool(data["powers"]), data["constitution_version"] is None))
    assert {(2, True, False), (1, True, False), (0, False, True)} <= seen  # two holders, one, none


def test_what_the_pages_of_a_day_keep_is_frozen_as_it_grows(
    app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dataset and what is kept for the pages of a day live as long as the server: once loaded,
    and again each time `SETTLE` more parts are kept, the collector is told to leave them alone."""
    import gc
    import warnings

    from vertikal.web import dated

    with warnings.catch_warnings():  # starlette's notice about its test client's transport
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    monkeypatch.setattr(dated, "SETTLE", 5)
    client = TestClient(app)
    assert client.get("/at/2020-06-01").status_code == 200  # the dataset loaded and frozen
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    for day in ("1996-01-01", "2001-01-01", "2011-01-01", "2019-06-01", "2023-06-01"):
        assert client.get(f"/at/{day}", params={"lang": "kk"}).status_code == 200
    assert gc.get_freeze_count() > 0, "what was kept was frozen"
    gc.unfreeze()


def test_no_route_or_dependency_hops_to_a_worker_thread() -> None:
    """FastAPI runs a plain function (a route or a dependency) in a worker thread: a thread hop for
    every request, which was a fifth of the cost of a page of a day. Every one is a coroutine."""
    import inspect

    from vertikal.web.app import site_routes

    def plain(dep: Any) -> list[str]:
        found = []
        for d in dep.dependencies:
            if d.call is not None and not inspect.iscoroutinefunction(d.call):
                found.append(getattr(d.call, "__name__", repr(d.call)))
            found += plain(d)
        return found

    routes = [r for r in site_routes() if hasattr(r, "dependant")]
    assert len(routes) > 20
    bad = {
        r.path: [*plain(r.dependant), *([] if inspect.iscoroutinefunction(r.endpoint) else ["(route)"])]
        for r in routes
    }
    assert not {p: b for p, b in bad.items() if b}
