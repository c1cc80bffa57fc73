"""Issue 11, part 6: charts a reader understands - human titles, axes and legends in the page's
language, a low-confidence marker, readable year ticks, one overview of every measure with each
reform labelled, and figures whose fonts render Cyrillic."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

import vertikal
from vertikal import charts, measures
from vertikal.akims import akims, decentralization
from vertikal.report.context import strings


def build(lang: str) -> dict[str, dict[str, Any]]:
    ds = vertikal.load()
    assert ds.codebook is not None
    return charts.build(
        measures.timeline(ds),
        vertikal.versions(ds),
        measures.methods(ds),
        {k: v.get(lang) for k, v in ds.codebook.domains.items()},
        {"rules": akims(ds), "series": decentralization(ds)},
        strings(lang),
        lang,
    )


@pytest.fixture(scope="module")
def en() -> dict[str, dict[str, Any]]:
    return build("en")


@pytest.fixture(scope="module")
def ru() -> dict[str, dict[str, Any]]:
    return build("ru")


def values(spec: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """The inline rows of a chart part (Altair moves them to the spec's named datasets)."""
    data = node["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]  # type: ignore[no-any-return]


def texts(spec: Any) -> list[str]:
    """Every title, axis title and legend title in a spec (what a reader sees besides data)."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("title", "subtitle", "text") and isinstance(value, str):
                    found.append(value)
                elif key in ("title", "subtitle") and isinstance(value, list):
                    found.extend(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk({k: v for k, v in spec.items() if k not in ("data", "datasets")})
    return found


def test_measure_charts_are_titled_by_the_measure_definitions(en: Any, ru: Any) -> None:
    assert en["measure-volume"]["title"] == "Volume of powers"
    assert en["measure-shugart-carey"]["title"] == "Shugart–Carey presidential powers"
    assert ru["measure-volume"]["title"] == "Объём полномочий"
    assert ru["measure-shugart-carey"]["title"] == "Индекс Шугарта–Кэри"
    for spec in (*en.values(), *ru.values()):
        shown = texts(spec)
        assert shown, "every chart says what it shows"
        for word in shown:
            assert word not in ("volume", "shugart-carey", "value", "uncertain", "t", "share")


def test_russian_charts_speak_russian(ru: Any) -> None:
    for name, spec in ru.items():
        shown = " ".join(texts(spec))
        assert any("а" <= ch <= "я" for ch in shown.lower()), name
        for english in ("Date in force", "Low confidence", "peak", "Share of the maximum", "National"):
            assert english not in json.dumps(spec, ensure_ascii=False), (name, english)


def test_low_confidence_is_one_marked_legend_entry_not_true_false(en: Any) -> None:
    text = json.dumps(en["measure-volume"], ensure_ascii=False)
    assert "Low confidence" in text
    assert '"uncertain:N"' not in text and '"domain": [false, true]' not in text
    shapes = [
        layer["encoding"]["shape"]
        for layer in en["measure-volume"]["layer"]
        if "shape" in layer.get("encoding", {})
    ]
    assert shapes == [{"datum": "Low confidence", "legend": {"title": None}, "scale": {"range": ["circle"]}}]


@pytest.mark.parametrize(
    ("lo", "hi", "width"), [(1990, 2027, 480), (1990, 2027, 150), (1990, 2027, 600), (2000, 2003, 480)]
)
def test_year_ticks_are_whole_years_spaced_for_their_labels(lo: int, hi: int, width: int) -> None:
    ticks = charts.year_ticks(lo, hi, width)
    assert ticks and all(isinstance(t, int) and lo <= t <= hi for t in ticks)
    assert len(ticks) <= width // 45
    steps = {b - a for a, b in itertools.pairwise(ticks)}
    assert len(steps) <= 1


def test_the_decentralization_chart_labels_every_fifth_year_not_every_year(en: Any) -> None:
    spec = en["decentralization"]
    layers = spec["spec"]["layer"]  # the national range as a band, breaks as rules, the line
    assert {layer["mark"]["type"] for layer in layers} == {"area", "rule", "line"}
    axis = layers[-1]["encoding"]["x"]["axis"]
    assert axis["values"] == [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2025]
    assert axis["format"] == "d" and axis["labelAngle"] == 0
    # one row per tier plus the national score, so that equal scores never hide a line
    assert len(spec["facet"]["row"]["sort"]) == 6
    # a year without a known rule is a gap (null), never a zero
    assert any(v["value"] is None for v in values(spec, spec))


def test_the_overview_has_every_measure_normalised_and_every_reform_labelled(en: Any, ru: Any) -> None:
    ds = vertikal.load()
    spec = en["overview"]
    band, plot = spec["vconcat"]
    reforms = values(spec, band["layer"][1])
    assert [r["version"] for r in reforms] == [v.id for v in ds.versions]
    assert "Mazhilis consents to the PM" in {r["name"] for r in reforms}
    names_ru = {r["name"] for r in values(ru["overview"], ru["overview"]["vconcat"][0]["layer"][1])}
    assert "Премьер с согласия Мажилиса" in names_ru
    rows = values(spec, plot["layer"][1])
    assert len(rows) == len(ds.versions) * len(measures.definitions(ds))
    assert {r["measure"] for r in rows} == {d.label.en for d in measures.definitions(ds)}
    assert all(-0.1 <= r["share"] <= 1 for r in rows)
    # labels are spread apart, in order, at least a label's width from each other
    xs = [r["lt"] for r in reforms]
    span = 1 / charts.OVERVIEW_WIDTH * (max(r["t"] for r in reforms) - min(r["t"] for r in reforms))
    assert xs == sorted(xs)
    assert all(b - a >= charts.LABEL_GAP * span * 0.99 for a, b in itertools.pairwise(xs))


@seed(11)
@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(min_value=0, max_value=600, allow_nan=False), min_size=1, max_size=30),
    st.floats(min_value=4, max_value=20),
)
def test_spread_keeps_order_gap_and_bounds(xs: list[float], gap: float) -> None:
    xs = sorted(xs)
    lo, hi = 0.0, 600.0
    out = charts.spread(xs, gap, lo, hi)
    assert len(out) == len(xs)
    if gap * (len(xs) - 1) <= hi - lo:
        assert all(lo - 1e-6 <= x <= hi + 1e-6 for x in out)
        assert all(b - a >= gap - 1e-6 for a, b in itertools.pairwise(out))
    # a label that needs no room is left where it is
    if len(xs) == 1:
        assert out == xs


def test_the_figure_font_is_bundled_and_covers_cyrillic() -> None:
    """vl-convert bundles Liberation Sans: Cyrillic letters render as glyphs, not as empty boxes."""
    import vl_convert as vlc

    def png(text: str) -> bytes:
        spec = {
            "data": {"values": [{"t": text}]},
            "mark": {"type": "text", "fontSize": 20},
            "encoding": {"text": {"field": "t"}},
            "width": 120,
            "height": 30,
        }
        return bytes(vlc.vegalite_to_png(charts.for_figure(spec), scale=1))

    missing = png("\ue000\ue001\ue002")  # private-use code points: no font has them
    assert png("Жук") != missing and png("Щит") != png("Жук")
    assert charts.for_figure({"config": {"font": "x"}})["config"]["font"].startswith("Liberation Sans")


def test_a_russian_figure_keeps_its_russian_text(ru: Any) -> None:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(charts.for_figure(ru["measure-volume"]))
    assert "Объём полномочий" in svg and "Liberation Sans" in svg
