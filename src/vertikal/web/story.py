"""The story of the legal order beyond the Constitution, read off the data for the timeline page.

Everything here comes from `vertikal.legal` (its events, and `at` on every event date), nothing is
written by hand: the periods when more than one holder held presidential-type powers, the days a
power passed from one holder to another, and the day each holder other than the President stopped
holding anything for good. Powers are the codebook items of kind `power`, as `legal.holder_counts` counts
them; a holder holds an item when its governing coding is sole or shared.

The rule marks of the overview chart are the events themselves (`event_marks`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vertikal.dataset import Dataset

HELD = ("sole", "shared")


def _days(ds: Dataset) -> list[tuple[str, list[dict[str, Any]]]]:
    from vertikal import legal

    by_day: dict[str, list[dict[str, Any]]] = {}
    for e in legal.events(ds):
        by_day.setdefault(e["date"], []).append(e)
    return sorted(by_day.items())


def _holding(result: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Per holder, the items (of any kind) it holds that day, each with its governing coding."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for p in result["powers"]:
        if p["status"] in HELD:
            out.setdefault(p["holder"], {})[p["item"]] = p
    return out


def _powers(holding: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {k: p for k, p in holding.items() if p["kind"] == "power"}


def story(ds: Dataset) -> dict[str, Any]:
    """{"shared_periods", "transfers", "ends"}; computed once per dataset (kept in its memo)."""
    return ds.kept(("web", "story"), lambda: _story(ds))


def _story(ds: Dataset) -> dict[str, Any]:
    from vertikal import legal

    days = _days(ds)
    results = [(day, events, _holding(legal.at(ds, day))) for day, events in days]
    periods: list[dict[str, Any]] = []
    transfers: list[dict[str, Any]] = []
    ends: dict[str, dict[str, Any]] = {}  # a holder's last end: after it, it never holds anything again
    before: dict[str, dict[str, Any]] = {}
    for i, (day, events, holding) in enumerate(results):
        with_powers = [h for h, items in holding.items() if _powers(items)]
        if len(with_powers) > 1:
            if periods and periods[-1]["until"] == day and periods[-1]["holders"] == with_powers:
                periods[-1]["until"] = results[i + 1][0] if i + 1 < len(results) else None
            else:
                until = results[i + 1][0] if i + 1 < len(results) else None
                periods.append({"from": day, "until": until, "holders": with_powers, "powers": {}})
            for h in with_powers:
                periods[-1]["powers"].setdefault(h, [])
                for item, p in _powers(holding[h]).items():
                    if item not in [x["item"] for x in periods[-1]["powers"][h]]:
                        periods[-1]["powers"][h].append({"item": item, "label": p["label"]})
        transfers += _transfers(day, events, before, holding)
        for h in before:
            if h not in holding:
                ends[h] = {"date": day, "holder": h, "events": [_event(e) for e in events]}
        for h in holding:
            ends.pop(h, None)
        before = holding
    return {"shared_periods": periods, "transfers": transfers, "ends": list(ends.values())}


def _event(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in ("instrument", "version", "what", "act", "title", "approximate")}


def _transfers(
    day: str, events: list[dict[str, Any]], before: dict[str, Any], after: dict[str, Any]
) -> list[dict[str, Any]]:
    """The powers that one holder held before `day` and another holds from it."""
    out = []
    for h_from, items in before.items():
        for item in _powers(items):
            if item in after.get(h_from, {}):
                continue
            for h_to, now in after.items():
                if h_to != h_from and item in _powers(now) and item not in before.get(h_to, {}):
                    p = now[item]
                    out.append(
                        {
                            "date": day,
                            "item": item,
                            "label": p["label"],
                            "from": h_from,
                            "to": h_to,
                            "instrument": p["instrument"],
                            "version": p["version"],
                            "cite": p["cite"],
                            "events": [_event(e) for e in events],
                        }
                    )
    return out


def _year(iso: str) -> float:
    """A day as a fractional year, as the charts place versions (1990-04-24 -> 1990.3096)."""
    day = dt.date.fromisoformat(iso)
    length = 366 if day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0) else 365
    return round(day.year + (day.timetuple().tm_yday - 1) / length, 4)


def event_marks(spec: dict[str, Any], ds: Dataset, lang: str, gettext: Any) -> dict[str, Any]:
    """The overview chart with a rule at every event of the legal order, its act as the tooltip.

    The chart's second panel (the measures) gets a layer; the spec is copied, not changed.
    """
    from vertikal import fmt, legal

    panels = spec.get("vconcat") or []
    if len(panels) < 2 or "layer" not in panels[1]:
        return spec
    x_enc = panels[1]["layer"][0]["encoding"]["x"]
    low, high = x_enc.get("scale", {}).get("domain", [None, None])
    rows = []
    for e in legal.events(ds):
        t = _year(e["date"])
        if low is not None and not low <= t <= high:
            continue
        act = e["act"] or {}
        rows.append(
            {
                "t": t,
                "date": fmt.date_long(e["date"], lang),
                "instrument": fmt.pick(e["title"], lang),
                "act": fmt.pick(act, lang) if act else "",
                "what": gettext("in force") if e["what"] == "in_force" else gettext("repealed"),
            }
        )
    tooltip = [
        {"field": "date", "title": gettext("Date"), "type": "nominal"},
        {"field": "what", "title": gettext("Event"), "type": "nominal"},
        {"field": "instrument", "title": gettext("Instrument"), "type": "nominal"},
        {"field": "act", "title": gettext("Act"), "type": "nominal"},
    ]
    layer = {
        "data": {"values": rows},
        "mark": {"type": "rule", "color": "#8a6d3b", "opacity": 0.3, "strokeWidth": 1},
        "encoding": {"x": {**x_enc, "field": "t"}, "tooltip": tooltip},
        "name": "legal-events",
    }
    main = {**panels[1], "layer": [*panels[1]["layer"], layer]}
    return {**spec, "vconcat": [panels[0], main, *panels[2:]]}
