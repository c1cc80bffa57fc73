"""Vega-Lite chart specifications (built with Altair) shared by the report and the web explorer.

Each function takes library results (plain dicts) and the words of one language, and returns a
Vega-Lite spec as a dict with the data inlined, so that a chart renders offline. Every title, axis
and legend is in the reader's language: measures are named by their definitions' labels, versions by
their labels. Time runs on a numeric axis of fractional years (1995.68 is 5 September 1995) with a
tick every few years, so year labels never run together. Altair is imported here only.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import altair as alt

from vertikal import fmt

WIDTH, HEIGHT = 480, 200
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Liberation Sans, Arial, sans-serif"
# The figures (SVG, PNG) name a font vl-convert bundles (Liberation Sans covers Latin and
# Cyrillic, Kazakh letters too), then its metric twin Arial: the PNG is the same on every machine
# and the SVG keeps its layout in any viewer.
FIGURE_FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK, ACCENT, WARN, RULE = "#1b1f24", "#1f4e79", "#d1495b", "#b8bec6"
PALETTE = ["#1f4e79", "#d1495b", "#2a7f3f", "#b07d00", "#6a3d9a", "#1b9e9e", "#8c564b", "#e377c2"]
# d3 number and time locales for the charts' own formatting (axis numbers, tooltips)
RU_LOCALE = {
    "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₽"]},
}
KK_LOCALE = {
    "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₸"]},
}
LOCALES = {"ru": RU_LOCALE, "kk": KK_LOCALE}


def year(iso: str) -> float:
    """A date as a fractional year: '1995-09-05' -> 1995.677."""
    d = dt.date.fromisoformat(iso)
    days = 366 if d.year % 4 == 0 and (d.year % 100 != 0 or d.year % 400 == 0) else 365
    return round(d.year + (d.timetuple().tm_yday - 1) / days, 4)


def year_ticks(lo: float, hi: float, width: float) -> list[int]:
    """Whole years from `lo` to `hi`, a step of 1, 2, 5, 10... chosen so labels stay ~45 px apart."""
    span = max(hi - lo, 1)
    room = max(int(width // 45), 2)
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if span / s <= room), 100)
    first = math.ceil(lo / step) * step
    return list(range(first, math.floor(hi) + 1, step))


def _x(lo: float, hi: float, width: float, title: str | None) -> Any:
    """The time axis: fractional years, ticks on whole years, labels as plain years (no '1,990')."""
    return alt.X(
        "t:Q",
        title=title,
        scale=alt.Scale(domain=[lo, hi], nice=False, zero=False),
        axis=alt.Axis(values=year_ticks(lo, hi, width), format="d", labelAngle=0, labelOverlap=True),
    )


def _span(dates: list[str]) -> tuple[float, float]:
    years = [year(d) for d in dates]
    return float(math.floor(min(years))), float(math.floor(max(years)) + 1)


def wrap(text: str, width: int) -> str:
    """Words joined into lines of about `width` characters, separated by '|' (split by the chart)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "|".join(lines)


class _Data:
    """A chart's rows, named in the spec and put into its `datasets` at the end.

    Altair deep-copies inline data at every layer and every `configure`; naming the rows keeps
    building the report's charts fast.
    """

    def __init__(self) -> None:
        self.sets: dict[str, list[dict[str, Any]]] = {}
        self._names: dict[int, str] = {}

    def __call__(self, values: list[dict[str, Any]]) -> Any:
        name = self._names.get(id(values))
        if name is None:
            name = self._names[id(values)] = f"data-{len(self.sets)}"
            self.sets[name] = values
        return alt.NamedData(name=name)


def _part(chart: Any) -> dict[str, Any]:
    """One Altair chart as a plain Vega-Lite dict, without the top-level keys a part must not have."""
    spec: dict[str, Any] = chart.to_dict(validate=False)
    for key in ("$schema", "config", "datasets"):
        spec.pop(key, None)
    return spec


def _layer(charts: list[Any], **props: Any) -> dict[str, Any]:
    """Layers assembled as plain dicts (Altair's LayerChart deep-copies every layer several times)."""
    return {"layer": [_part(c) for c in charts], **props}


def _config(chart: Any, lang: str, data: _Data) -> dict[str, Any]:
    """The finished spec: the chart (an Altair chart or a dict of parts), the shared look, the rows."""
    spec = chart if isinstance(chart, dict) else _part(chart)
    config: dict[str, Any] = {
        "font": FONT,
        "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
        "title": {"anchor": "start", "fontSize": 14, "color": INK},
        "legend": {"orient": "bottom", "direction": "horizontal", "labelLimit": 260, "titleLimit": 260},
    }
    if lang in LOCALES:
        config["locale"] = LOCALES[lang]
    return {"$schema": alt.SCHEMA_URL, "config": config, "datasets": data.sets, **spec}


def for_figure(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with the figure font (for vl-convert's SVG and PNG), the input left as it is."""
    return {**spec, "config": {**spec.get("config", {}), "font": FIGURE_FONT}}


def _low_confidence_marker(data: _Data, rows: list[dict[str, Any]], x: Any, y: Any, t: dict[str, str]) -> Any:
    """A red ring around each value that rests on low-confidence codings, with one legend entry."""
    return (
        alt.Chart(data(rows))
        .mark_point(filled=False, size=170, strokeWidth=1.8, color=WARN)
        .encode(
            x=x,
            y=y,
            shape=alt.ShapeDatum(
                t["low_confidence_marker"], scale=alt.Scale(range=["circle"]), legend=alt.Legend(title=None)
            ),
        )
    )


def measure_timeline(
    timeline: dict[str, Any], measure: str, label: str, t: dict[str, str], lang: str
) -> dict[str, Any]:
    """One measure over time: a step line by date in force, reforms as rules, the first peak labelled."""
    data = _Data()
    rows = [
        {
            "version": r["version"],
            "date": r["in_force"],
            "t": year(r["in_force"]),
            "value": r["measures"][measure]["total"],
            "max": r["measures"][measure]["max"],
            "uncertain": r["measures"][measure]["uncertain"],
            "label": r["label"].get(lang) or r["label"]["en"],
        }
        for r in timeline["versions"]
    ]
    lo, hi = _span([r["date"] for r in rows])
    top, most = max(r["value"] for r in rows), max(r["max"] for r in rows)
    peak = next(r for r in rows if r["value"] == top)  # a tie is not a later peak: the first one
    peak_text = f"{t['peak']} {fmt.number(top, lang)} ({peak['version'][:4]})"
    x = _x(lo, hi, WIDTH, t["date_in_force"])
    y = alt.Y(
        "value:Q",
        title=t["score_of"].format(max=fmt.number(most, lang)),
        scale=alt.Scale(domain=[min(0.0, *(r["value"] for r in rows)), most]),
    )
    tooltip = [
        alt.Tooltip("label:N", title=t["version"]),
        alt.Tooltip("date:N", title=t["in_force"]),
        alt.Tooltip("value:Q", title=label),
    ]
    base = alt.Chart(data(rows)).encode(x=x, y=y)
    layers = [
        alt.Chart(data(rows)).mark_rule(color=RULE, strokeDash=[2, 3]).encode(x=x),
        base.mark_line(color=ACCENT, interpolate="step-after", strokeWidth=2),
        base.mark_point(filled=True, size=45, color=ACCENT).encode(tooltip=tooltip),
    ]
    uncertain = [r for r in rows if r["uncertain"]]
    if uncertain:
        layers.append(_low_confidence_marker(data, uncertain, x, y, t))
    layers.append(
        alt.Chart(data([dict(peak, text=peak_text)]))
        .mark_text(dy=-12, fontWeight="bold", color=INK, align="center")
        .encode(x=x, y=y, text="text:N")
    )
    return _config(_layer(layers, width=WIDTH, height=HEIGHT, title=label), lang, data)


def domain_small_multiples(
    timeline: dict[str, Any], domains: dict[str, str], label: str, t: dict[str, str], lang: str
) -> dict[str, Any]:
    """The volume of powers in each domain over time, one panel per domain."""
    data = _Data()
    rows = []
    for r in timeline["versions"]:
        for dom, value in r["measures"]["volume"]["by_domain"].items():
            rows.append(
                {
                    "t": year(r["in_force"]),
                    "version": r["version"],
                    "domain": domains.get(dom, dom),
                    "panel": wrap(domains.get(dom, dom), 27),
                    "value": value,
                }
            )
    lo, hi = _span([r["in_force"] for r in timeline["versions"]])
    order = [wrap(label, 27) for label in domains.values()]
    chart = (
        alt.Chart(data(rows))
        .mark_line(point=alt.OverlayMarkDef(size=18), interpolate="step-after", color=ACCENT)
        .encode(
            x=_x(lo, hi, 150, None),
            y=alt.Y("value:Q", title=label, axis=alt.Axis(tickMinStep=1)),
            tooltip=[
                alt.Tooltip("version:N", title=t["version"]),
                alt.Tooltip("domain:N", title=t["domain"]),
                alt.Tooltip("value:Q", title=label),
            ],
        )
        .properties(width=150, height=100)
        .facet(
            facet=alt.Facet(
                "panel:N",
                sort=order,
                title=None,
                header=alt.Header(labelExpr="split(datum.label, '|')", labelFontSize=11, labelLimit=0),
            ),
            columns=3,
        )
        .properties(title=t["by_domain"])
    )
    return _config(chart, lang, data)


def decentralization(
    series: dict[str, Any], tiers: dict[str, str], t: dict[str, str], lang: str
) -> dict[str, Any]:
    """Directness of akim selection by year (0 appointed by the centre, 1 elected directly): the
    national index with its range as a band, then each tier in its own row.

    One row each, so that tiers with the same score never hide one another; a year whose rule is
    unknown is a gap in the line, never a zero; a break in the national series is a dashed rule.
    """
    data = _Data()
    order = [t["national"], *(tiers.get(k, k) for k in series["tiers"])]
    cuts: dict[int, str] = {}
    for b in series.get("breaks", []):
        cuts[b["year"]] = "; ".join(
            [f"{tiers.get(e['tier'], e['tier'])}: {t['break_out']}" for e in b["left"]]
            + [f"{tiers.get(x, x)}: {t['break_in']}" for x in b["returned"]]
        )
    rows = []
    for y in series["years"]:
        rows.append(
            {
                "year": y["year"],
                "series": order[0],
                "value": y["national"],
                "low": y["national_low"],
                "high": y["national_high"],
                "cut": y["year"] in cuts,
                "why": cuts.get(y["year"], ""),
            }
        )
        for tier in series["tiers"]:
            cell = y["tiers"].get(tier)
            score = None if cell is None else cell["directness"]
            rows.append({"year": y["year"], "series": tiers.get(tier, tier), "value": score, "cut": False})
    years = [y["year"] for y in series["years"]]
    lo, hi = float(min(years)), float(max(years) + 1)
    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[lo, hi], nice=False, zero=False),
        axis=alt.Axis(values=year_ticks(lo, hi, WIDTH), format="d", labelAngle=0),
    )
    y_axis = alt.Y(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(values=[0, 0.5, 1], format=".1f", grid=True),
    )
    base = alt.Chart().encode(x=x)
    band = (
        base.transform_filter("datum.low != null")
        .mark_area(opacity=0.18, color=ACCENT, interpolate="step-after")
        .encode(y=alt.Y("low:Q", scale=alt.Scale(domain=[0, 1])), y2="high:Q")
    )
    rules = (
        base.transform_filter("datum.cut")
        .mark_rule(color=RULE, strokeDash=[3, 3])
        .encode(tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("why:N", title=t["series_break"])])
    )
    line = base.mark_line(
        interpolate="step-after", strokeWidth=2, color=ACCENT, invalid="break-paths-show-domains"
    ).encode(
        y=y_axis,
        tooltip=[
            alt.Tooltip("year:Q", title=t["year"], format="d"),
            alt.Tooltip("series:N", title=t["tier"]),
            alt.Tooltip("value:Q", title=t["score"]),
        ],
    )
    chart = (
        alt.layer(band, rules, line, data=data(rows))
        .properties(width=WIDTH, height=38)
        .facet(
            row=alt.Row(
                "series:N",
                sort=order,
                title=None,
                header=alt.Header(
                    labelAngle=0, labelOrient="top", labelAnchor="start", labelAlign="left", labelLimit=WIDTH
                ),
            ),
            spacing=6,
        )
        .properties(title=alt.Title(t["decentralization"], subtitle=t["directness_scale"].split("\n")))
    )
    return _config(chart, lang, data)


def spread(xs: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Label positions as near as can be to the sorted `xs`, at least `gap` apart, kept in [lo, hi].

    Overlapping labels merge into blocks centred on their anchors (least squares), then two passes
    push them inside the bounds.
    """
    blocks: list[tuple[float, list[int]]] = []
    for i, x in enumerate(xs):
        blocks.append((x, [i]))
        while len(blocks) > 1:
            (s1, m1), (s2, m2) = blocks[-2], blocks[-1]
            if s1 + len(m1) * gap <= s2:
                break
            members = m1 + m2
            start = sum(xs[m] - k * gap for k, m in enumerate(members)) / len(members)
            blocks[-2:] = [(start, members)]
    out = [0.0] * len(xs)
    for start, members in blocks:
        for k, m in enumerate(members):
            out[m] = start + k * gap
    for i in range(len(out)):
        out[i] = max(out[i], lo if i == 0 else out[i - 1] + gap)
    for i in reversed(range(len(out))):
        out[i] = min(out[i], hi if i == len(out) - 1 else out[i + 1] - gap)
    return out


OVERVIEW_WIDTH, OVERVIEW_HEIGHT, BAND, LABEL_GAP = 600, 240, 200, 13.0


def overview(
    timeline: dict[str, Any],
    labels: dict[str, str],
    names: dict[str, str],
    t: dict[str, str],
    lang: str,
) -> dict[str, Any]:
    """Every measure normalised to 0-1 (value / maximum) on one time axis, each reform labelled.

    The reforms' short names (`names`, by version id) stand upright in a band above the plot, spread
    apart where versions follow closely (1990, 2022) and tied to their dates by leader lines.
    """
    data = _Data()
    versions = timeline["versions"]
    lo, hi = _span([r["in_force"] for r in versions])
    rows = []
    for r in versions:
        for m in timeline["measures"]:
            v = r["measures"][m]
            rows.append(
                {
                    "t": year(r["in_force"]),
                    "version": r["version"],
                    "measure": labels.get(m, m),
                    "share": round(v["total"] / v["max"], 4) if v["max"] else None,
                    "value": f"{fmt.number(v['total'], lang)} / {fmt.number(v['max'], lang)}",
                    "uncertain": v["uncertain"],
                }
            )
    anchors = [year(r["in_force"]) for r in versions]
    px = [(a - lo) / (hi - lo) * OVERVIEW_WIDTH for a in anchors]
    placed = spread(px, LABEL_GAP, 4, OVERVIEW_WIDTH - 4)
    reforms = [
        {
            "t": a,
            "lt": lo + p / OVERVIEW_WIDTH * (hi - lo),
            "name": names.get(r["version"]) or r["label"].get(lang) or r["label"]["en"],
            "version": r["version"],
        }
        for a, p, r in zip(anchors, placed, versions, strict=True)
    ]
    x = _x(lo, hi, OVERVIEW_WIDTH, t["date_in_force"])
    bare_x = alt.X("lt:Q", scale=alt.Scale(domain=[lo, hi], nice=False, zero=False), axis=None)
    band = _layer(
        [
            alt.Chart(data(reforms))
            .mark_rule(color=RULE)
            .encode(x=bare_x, x2="t:Q", y=alt.value(BAND - 16), y2=alt.value(BAND)),
            alt.Chart(data(reforms))
            .mark_text(angle=270, align="left", baseline="middle", fontSize=10, limit=BAND - 22, color=INK)
            .encode(
                x=bare_x,
                y=alt.value(BAND - 19),
                text="name:N",
                tooltip=[
                    alt.Tooltip("name:N", title=t["reform"]),
                    alt.Tooltip("version:N", title=t["version"]),
                ],
            ),
        ],
        width=OVERVIEW_WIDTH,
        height=BAND,
    )
    color = alt.Color(
        "measure:N",
        title=None,
        sort=[labels.get(m, m) for m in timeline["measures"]],
        scale=alt.Scale(domain=[labels.get(m, m) for m in timeline["measures"]], range=PALETTE),
        legend=alt.Legend(columns=2, symbolType="stroke"),
    )
    y = alt.Y(
        "share:Q", title=t["share"], scale=alt.Scale(domain=[min(0.0, *(r["share"] or 0 for r in rows)), 1])
    )
    base = alt.Chart(data(rows)).encode(x=x, y=y, color=color)
    layers = [
        alt.Chart(data(reforms)).mark_rule(color=RULE, strokeDash=[2, 3]).encode(x=x),
        base.mark_line(interpolate="step-after", strokeWidth=1.8),
        base.mark_point(filled=True, size=22).encode(
            tooltip=[
                alt.Tooltip("measure:N", title=t["measure"]),
                alt.Tooltip("version:N", title=t["version"]),
                alt.Tooltip("value:N", title=t["value"]),
                alt.Tooltip("share:Q", title=t["share"], format=".2f"),
            ]
        ),
    ]
    uncertain = [r for r in rows if r["uncertain"]]
    if uncertain:
        layers.append(_low_confidence_marker(data, uncertain, x, y, t))
    plot = _layer(layers, width=OVERVIEW_WIDTH, height=OVERVIEW_HEIGHT)
    title = {"text": t["overview"], "subtitle": t["overview_sub"].split("\n")}
    return _config({"vconcat": [band, plot], "spacing": 0, "title": title}, lang, data)


def build(
    timeline: dict[str, Any],
    versions: list[dict[str, Any]],
    methods: list[dict[str, Any]],
    domains: dict[str, str],
    akims: dict[str, Any] | None,
    t: dict[str, str],
    lang: str,
) -> dict[str, dict[str, Any]]:
    """Every chart of the report and the explorer, by name, in one language.

    `versions` are the library's version rows (their short labels name the reforms), `methods` the
    measure definitions (their labels name the measures), `domains` the domain labels in `lang`,
    `akims` the akims rules and series (or None when the data have none).
    """
    labels = {d["id"]: d["label"].get(lang) or d["label"]["en"] for d in methods}
    names = {v["id"]: (v.get("short") or v["label"]).get(lang) or v["label"]["en"] for v in versions}
    out = {"overview": overview(timeline, labels, names, t, lang)}
    for m in timeline["measures"]:
        out[f"measure-{m}"] = measure_timeline(timeline, m, labels.get(m, m), t, lang)
    if "volume" in timeline["measures"]:
        out["domains"] = domain_small_multiples(timeline, domains, labels["volume"], t, lang)
    if akims is not None:
        tiers = {row["tier"]["id"]: fmt.pick(row["tier"]["label"], lang) for row in akims["rules"]["tiers"]}
        out["decentralization"] = decentralization(akims["series"], tiers, t, lang)
    return out
