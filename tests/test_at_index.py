"""Issue 13 part 7: `legal.at` is one bisection in the dates of the events, with the legal state built
once per interval between them; the pages of a day keep parts per interval (never per day), and every
day gets exactly what it would get without them."""

from __future__ import annotations

import datetime as dt
import random
import warnings
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

import pytest

import vertikal
from vertikal import legal
from vertikal.legal import api, state

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette's notice about its test client's transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def _days(n: int, seed: int = 13) -> list[str]:
    rnd = random.Random(seed)
    lo, hi = dt.date(1985, 1, 1).toordinal(), dt.date(2035, 12, 31).toordinal()
    return [dt.date.fromordinal(rnd.randint(lo, hi)).isoformat() for _ in range(n)]


def _reference(ds: vertikal.Dataset, iso: str, holder: str | None) -> dict[str, Any]:
    """`at` as it was computed before the index: each instrument bisected on the day itself."""
    index = api._index(ds)
    in_force, groups, starts = [], {}, {}
    for inst in api._instruments(ds):
        vid = api._version_of(index[inst.id], iso)
        if vid is None:
            continue
        record, entries = state._version_entries(ds, inst, vid)
        in_force.append(record)
        starts[(inst.id, vid)] = index[inst.id]["starts"][index[inst.id]["ids"].index(vid)]
        for e in entries:
            if holder is None or e["holder"] == holder:
                groups.setdefault((e["holder"], e["item"]), []).append(e)
    order_h = {h: i for i, h in enumerate(legal.holders(ds))}
    order_i = {k: i for i, k in enumerate(legal.all_items(ds))}
    powers = []
    for key in sorted(groups, key=lambda k: (order_h[k[0]], order_i[k[1]])):
        ranked = sorted(groups[key], key=lambda e: state._governs(e, starts), reverse=True)
        powers.append({**ranked[0], "also": ranked[1:]})
    listed = sorted({p["holder"] for p in powers}, key=order_h.__getitem__)
    held = [h for h in listed if any(p["holder"] == h and p["status"] in ("sole", "shared") for p in powers)]
    starts_c = [v.in_force for v in ds.versions]
    i = bisect_right(starts_c, iso)
    return {
        "date": iso,
        "constitution_version": ds.versions[i - 1].id if i else None,
        "holder": holder,
        "holders": listed,
        "holding": held,
        "in_force": in_force,
        "powers": powers,
    }


def test_at_equals_a_bisection_of_every_instrument_on_the_day(shipped: vertikal.Dataset) -> None:
    bounds = state._bounds(shipped)
    days = (
        _days(400) + bounds + [(dt.date.fromisoformat(b) - dt.timedelta(days=1)).isoformat() for b in bounds]
    )
    for day in days:
        for holder in (None, "president", "first_president"):
            found = legal.at(shipped, day, holder)
            found.pop("rule")
            assert found == _reference(shipped, day, holder), (day, holder)


def test_the_states_kept_are_bounded_by_the_intervals_not_the_days(shipped: vertikal.Dataset) -> None:
    for day in _days(2000, seed=7):
        legal.at(shipped, day)
    kept = shipped.memo[("legal", "states")]
    intervals = len(state._bounds(shipped)) + 1
    assert all(0 <= i < intervals for i, _ in kept)  # keyed by interval (and holder), never by day
    assert len(kept) <= intervals * (len(legal.holders(shipped)) + 1)


def test_holding_names_the_holders_with_a_sole_or_shared_power(shipped: vertikal.Dataset) -> None:
    found = legal.at(shipped, "2023-06-01")
    assert found["holders"] == ["president", "first_president"]  # listed: every coding of his is absent
    assert found["holding"] == ["president"]
    assert legal.at(shipped, "2020-06-01")["holding"] == ["president", "first_president"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from vertikal.web import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERTIKAL_CACHE", str(tmp_path_factory.mktemp("no-texts")))
        app = create_app(cache_dir=tmp_path_factory.getbasetemp() / "web-cache", response_cache=False)
        with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as c:
            yield c


def test_pages_of_a_day_equal_the_pages_without_the_parts_kept(client: TestClient) -> None:
    source: Any = client.app.state.legal  # type: ignore[attr-defined]
    asks = [
        (f"/at/{day}{suffix}", params)
        for day in [*_days(60, seed=3), "2020-06-01", "2022-07-01", "2023-06-01", "1990-04-24"]
        for suffix, langs in ((".json", (None, "de")), ("", ("en", "ru", "kk")))
        for lang in langs
        for holder in (None, "first_president")
        for params in [{k: v for k, v in (("lang", lang), ("holder", holder)) if v}]
    ]
    kept = source.fragments
    source.fragments = None
    try:
        plain = [client.get(path, params=params) for path, params in asks]
    finally:
        source.fragments = kept
    for _ in range(2):  # the first pass keeps the parts, the second answers from them
        for (path, params), want in zip(asks, plain, strict=True):
            got = client.get(path, params=params)
            assert want.status_code == 200, (path, params)
            assert (got.status_code, got.headers["content-type"], got.content) == (
                want.status_code,
                want.headers["content-type"],
                want.content,
            ), (path, params)
    assert source.fragments, "the parts were kept"
    assert not any(isinstance(k, str) and k.startswith("/at/") for k in source.fragments)


def test_prepared_ahead_the_answers_are_the_same() -> None:
    """A server builds every version's entries before its first request (`state.prepare`): every
    version is then built, and each day gets what it gets when they are built on demand."""
    ds = vertikal.load()
    state.prepare(ds)
    built = ds.memo[("legal", "version-entries")]
    assert all(
        (inst.id, vid) in built for inst in api._instruments(ds) for vid in api._index(ds)[inst.id]["ids"]
    )
    for day in [*_days(150, seed=11), "2020-06-01", "2022-07-01"]:
        found = legal.at(ds, day)
        found.pop("rule")
        assert found == _reference(ds, day, None), day
