"""Vega-Lite chart specifications (built with Altair) shared by the report and the web explorer.

Each function takes a library result (plain dicts) and returns a Vega-Lite spec as a dict with the
data inlined, so that a chart renders offline. Altair is imported here only.
"""

from __future__ import annotations

from typing import Any

import altair as alt

WIDTH, HEIGHT = 470, 210
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def _data(values: list[dict[str, Any]]) -> Any:
    """Inline data (Altair's `Data` is untyped)."""
    return alt.InlineData(values=values)


def _config(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.configure(font=FONT).configure_view(stroke=None).to_dict(validate=False)
    return spec


def measure_timeline(timeline: dict[str, Any], measure: str, t: dict[str, str]) -> dict[str, Any]:
    """One measure over time: line and points by date in force, reforms as rules, the peak labelled."""
    rows = [
        {
            "version": r["version"],
            "date": r["in_force"],
            "value": r["measures"][measure]["total"],
            "max": r["measures"][measure]["max"],
            "uncertain": r["measures"][measure]["uncertain"],
            "label": r["label"],
        }
        for r in timeline["versions"]
    ]
    top = max(r["value"] for r in rows)
    peaks = [
        dict(r, peak=f"{t['peak']} {r['value']:g} ({r['version'][:4]})") for r in rows if r["value"] == top
    ][:1]
    base = alt.Chart(_data(rows)).encode(
        x=alt.X("date:T", title=t["date_in_force"], axis=alt.Axis(format="%Y")),
        y=alt.Y("value:Q", title=measure, scale=alt.Scale(zero=True)),
    )
    reforms = alt.Chart(_data(rows)).mark_rule(color="#bbb", strokeDash=[2, 3]).encode(x="date:T")
    line = base.mark_line(color="#1f4e79", interpolate="step-after")
    points = base.mark_point(filled=True, size=60).encode(
        color=alt.Color(
            "uncertain:N",
            title=t["low_confidence"],
            scale=alt.Scale(domain=[False, True], range=["#1f4e79", "#d1495b"]),
        ),
        tooltip=["version:N", "value:Q", "max:Q", "uncertain:N"],
    )
    peak = (
        alt.Chart(_data(peaks))
        .mark_text(dy=-12, fontWeight="bold", color="#d1495b")
        .encode(x="date:T", y="value:Q", text="peak:N")
    )
    chart = (reforms + line + points + peak).properties(width=WIDTH, height=HEIGHT, title=measure)
    return _config(chart)


def domain_small_multiples(
    timeline: dict[str, Any], domains: dict[str, str], t: dict[str, str]
) -> dict[str, Any]:
    """The volume of powers in each domain over time, one panel per domain."""
    rows = []
    for r in timeline["versions"]:
        for dom, value in r["measures"]["volume"]["by_domain"].items():
            rows.append(
                {
                    "date": r["in_force"],
                    "version": r["version"],
                    "domain": domains.get(dom, dom),
                    "value": value,
                }
            )
    chart = (
        alt.Chart(_data(rows))
        .mark_line(point=True, interpolate="step-after", color="#1f4e79")
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y")),
            y=alt.Y("value:Q", title=t["volume"]),
            tooltip=["version:N", "domain:N", "value:Q"],
        )
        .properties(width=170, height=110)
        .facet(facet=alt.Facet("domain:N", title=None), columns=3)
        .properties(title=t["by_domain"])
    )
    return _config(chart)


def _runs(points: list[tuple[int, float | None]]) -> list[tuple[int, float, int]]:
    """(year, value, run) for the known values; a new run starts after every unknown year (a gap)."""
    out, run, last = [], 0, None
    for year, value in points:
        if value is None:
            continue
        if last is not None and year != last + 1:
            run += 1
        out.append((year, value, run))
        last = year
    return out


def decentralization(series: dict[str, Any], tiers: dict[str, str], t: dict[str, str]) -> dict[str, Any]:
    """Directness of akim selection by tier and nationally (0 appointed by the centre, 1 elected
    directly), with the national range as a band, unknown years as gaps and breaks as rules."""
    years = series["years"]
    rows = []
    for tier in years[0]["tiers"] if years else []:
        name = tiers.get(tier, tier)
        pts = [(y["year"], y["tiers"][tier]["directness"]) for y in years]
        rows += [
            {"year": yr, "series": name, "value": v, "segment": f"{tier}-{r}"} for yr, v, r in _runs(pts)
        ]
    pts = [(y["year"], y["national"]) for y in years]
    rows += [
        {"year": yr, "series": t["national"], "value": v, "segment": f"national-{r}"}
        for yr, v, r in _runs(pts)
    ]
    band = [
        {"year": y["year"], "low": y["national_low"], "high": y["national_high"]}
        for y in years
        if y["national_low"] is not None
    ]
    cuts = [
        {
            "year": b["year"],
            "why": "; ".join(
                [f"{tiers.get(e['tier'], e['tier'])}: {t['break_out']}" for e in b["left"]]
                + [f"{tiers.get(x, x)}: {t['break_in']}" for x in b["returned"]]
            ),
        }
        for b in series.get("breaks", [])
    ]
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=-90))
    area = (
        alt.Chart(_data(band))
        .mark_area(opacity=0.18, color="#1f4e79", interpolate="step-after")
        .encode(x=x, y="low:Q", y2="high:Q", tooltip=["year:O", "low:Q", "high:Q"])
    )
    rules = (
        alt.Chart(_data(cuts))
        .mark_rule(color="#888", strokeDash=[3, 3])
        .encode(x=x, tooltip=[alt.Tooltip("year:O"), alt.Tooltip("why:N", title=t["series_break"])])
    )
    lines = (
        alt.Chart(_data(rows))
        .mark_line(point=True, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("value:Q", title=t["directness_scale"], scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("series:N", title=None),
            detail="segment:N",
            tooltip=["year:O", "series:N", "value:Q"],
        )
    )
    chart = (area + rules + lines).properties(width=WIDTH, height=HEIGHT, title=t["decentralization"])
    return _config(chart)
