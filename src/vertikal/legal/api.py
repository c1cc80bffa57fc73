"""The dated legal order: which instrument versions were in force on a day, and the powers they give.

Every result is plain JSON-ready data (dates as ISO strings). The per-instrument lists of versions are
built once per dataset (`_index`, kept in `Dataset.memo`); a date is one bisection in the sorted dates
of every event, the legal state of each interval between them built once (`vertikal.legal.state`).
docs/instruments.md explains the model, the combination rule and the speed.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from vertikal.problems import VertikalError

if TYPE_CHECKING:
    from vertikal.dataset import Dataset
    from vertikal.legal.model import Instrument
    from vertikal.models import Item, Version

RULE_ID = "rank-then-later"
_STRENGTH = {"sole": 3, "shared": 2, "absent": 1, "unknown": 0}


class BadDate(VertikalError):
    """A date that is not a real ISO date (YYYY-MM-DD)."""


class UnknownHolder(VertikalError):
    """A holder that the codebook does not list."""


class NoInstruments(VertikalError):
    """The dataset has no instruments.yaml."""


def parse_day(day: _dt.date | str) -> _dt.date:
    """A `datetime.date` from a date or an ISO string; a bad string raises `BadDate` (one line)."""
    if isinstance(day, _dt.date):
        return day
    try:
        return _dt.date.fromisoformat(str(day).strip())
    except ValueError:
        raise BadDate(f"{day!r} is not a date: expected YYYY-MM-DD, e.g. 2020-06-01") from None


def _instruments(ds: Dataset) -> list[Instrument]:
    if ds.instruments is None:
        raise NoInstruments(f"{ds.root}: no instruments.yaml, so there is no dated legal order to show")
    return list(ds.instruments.instruments)


def _in_force(ds: Dataset, inst: Instrument, vid: str, given: str | None) -> str | None:
    if inst.kind == "constitution":
        try:
            return _model_version(ds, vid).in_force
        except KeyError:
            return None
    return given


def _index(ds: Dataset) -> dict[str, Any]:
    """Per instrument: the in-force dates (sorted) and version ids of its dated versions, and its end."""
    key = ("legal", "index")
    if key not in ds.memo:
        index: dict[str, Any] = {}
        for inst in _instruments(ds):
            dated = sorted(
                (d, v.id) for v in inst.versions if (d := _in_force(ds, inst, v.id, v.in_force)) is not None
            )
            index[inst.id] = {
                "starts": [d for d, _ in dated],
                "ids": [i for _, i in dated],
                "end": inst.repealed.date if inst.repealed else None,
            }
        ds.memo[key] = index
    result: dict[str, Any] = ds.memo[key]
    return result


def _version_of(entry: dict[str, Any], iso: str) -> str | None:
    if entry["end"] is not None and iso >= entry["end"]:
        return None
    i = bisect_right(entry["starts"], iso)
    return entry["ids"][i - 1] if i else None


def version_on(ds: Dataset, day: _dt.date | str) -> str | None:
    """The id of the Constitution's version (versions.yaml) in force on `day`; None before the first."""
    return _version_on_iso(ds, parse_day(day).isoformat())


def _version_on_iso(ds: Dataset, iso: str) -> str | None:
    key = ("legal", "version-starts")
    if key not in ds.memo:
        ds.memo[key] = ([v.in_force for v in ds.versions], [v.id for v in ds.versions])
    starts, ids = ds.memo[key]
    i = bisect_right(starts, iso)
    return str(ids[i - 1]) if i else None


def _model_version(ds: Dataset, vid: str) -> Version:
    """`ds.version(vid)` through a dict built once, not a scan (KeyError for an unknown id)."""
    key = ("legal", "versions-by-id")
    if key not in ds.memo:
        ds.memo[key] = {v.id: v for v in ds.versions}
    found: Version = ds.memo[key][vid]
    return found


def _act(act: Any) -> dict[str, Any] | None:
    if act is None:
        return None
    return {"en": act.en, "ru": act.ru, "number": act.number, "date": act.date}


def _title(inst: Instrument) -> dict[str, str | None]:
    return {"en": inst.title.en, "ru": inst.title.ru, "kk": inst.title.kk}


def instruments(ds: Dataset) -> list[dict[str, Any]]:
    """Every instrument with its versions: dates in force and until, acts, articles, sources, read."""
    from vertikal.refs import expand_articles

    index = _index(ds)
    out = []
    for inst in _instruments(ds):
        entry = index[inst.id]
        versions = []
        for v in inst.versions:
            start = _in_force(ds, inst, v.id, v.in_force)
            act, articles, sources, read, note = v.act, v.articles, v.sources, v.read, v.note
            if inst.kind == "constitution" and start is not None:
                mv = _model_version(ds, v.id)
                act, articles, sources, note = mv.act, mv.articles, mv.sources, v.note or mv.note
                read = mv.basis == "primary"
            until = None
            if start is not None:
                later = [d for d in entry["starts"] if d > start]
                until = later[0] if later else entry["end"]
            try:
                count = len(expand_articles(articles))
            except ValueError:
                count = 0
            versions.append(
                {
                    "id": v.id,
                    "in_force": start,
                    "approximate": v.approximate,
                    "in_force_note": v.in_force_note,
                    "until": until,
                    "act": _act(act),
                    "articles": {"count": count, "list": list(articles)},
                    "sources": list(sources),
                    "read": read,
                    "coded": inst.kind == "constitution"
                    or bool(ds.instrument_codings.get(inst.id, {}).get(v.id)),
                    "note": note,
                }
            )
        repealed = None
        if inst.repealed is not None:
            r = inst.repealed
            repealed = {"date": r.date, "approximate": r.approximate, "act": _act(r.act), "note": r.note}
        out.append(
            {
                "id": inst.id,
                "kind": inst.kind,
                "force": inst.force,
                "rank": inst.rank,
                "title": _title(inst),
                "number": inst.number,
                "adopted": inst.adopted,
                "repealed": repealed,
                "sources": list(inst.sources),
                "versions": versions,
                "note": inst.note,
            }
        )
    return out


def events(ds: Dataset) -> list[dict[str, Any]]:
    """Every date on which an instrument version entered into force or an instrument was repealed."""
    out = []
    order = {inst.id: i for i, inst in enumerate(_instruments(ds))}
    for inst in instruments(ds):
        for v in inst["versions"]:
            if v["in_force"] is None:
                continue
            out.append(
                {
                    "date": v["in_force"],
                    "approximate": v["approximate"],
                    "instrument": inst["id"],
                    "version": v["id"],
                    "what": "in_force",
                    "act": v["act"],
                    "title": inst["title"],
                }
            )
        if inst["repealed"] is not None:
            r = inst["repealed"]
            out.append(
                {
                    "date": r["date"],
                    "approximate": r["approximate"],
                    "instrument": inst["id"],
                    "version": None,
                    "what": "repealed",
                    "act": r["act"],
                    "title": inst["title"],
                }
            )
    out.sort(key=lambda e: (e["date"], e["what"] != "repealed", order[e["instrument"]]))
    return out


def all_items(ds: Dataset) -> dict[str, Item]:
    """The codebook's items and its instrument items, by id."""
    out = {it.id: it for it in ds.items}
    if ds.codebook is not None:
        out.update({it.id: it for it in ds.codebook.instrument_items})
    return out


def holders(ds: Dataset) -> list[str]:
    """The holders of the codebook, the President first."""
    listed = list(ds.codebook.holders) if ds.codebook else []
    return ["president", *[h for h in listed if h != "president"]]


def _check_holder(ds: Dataset, holder: str | None) -> None:
    if holder is not None and holder not in holders(ds):
        known = ", ".join(holders(ds))
        raise UnknownHolder(f"unknown holder {holder!r}: expected one of {known}")


def at(ds: Dataset, day: _dt.date | str, holder: str | None = None) -> dict[str, Any]:
    """The powers in force on `day`, per holder and item, each from the instrument that governs it.

    One bisection in the sorted dates of every event gives the interval `day` falls in; its legal state
    is built once (`legal.state`) and shared by every day of it, so the powers' dicts in the result are shared
    between calls: read them, do not change them."""
    from vertikal.legal.state import interval, state_of

    iso = parse_day(day).isoformat()
    _check_holder(ds, holder)
    state = state_of(ds, interval(ds, iso), holder)
    return {
        "date": iso,
        "constitution_version": state["constitution_version"],
        "holder": holder,
        "holders": list(state["holders"]),
        "holding": list(state["holding"]),
        "in_force": list(state["in_force"]),
        "rule": state["rule"],
        "powers": list(state["powers"]),
    }


def _side(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if p is None:
        return None
    keys = (
        "status",
        "attrs",
        "with",
        "instrument",
        "version",
        "cite",
        "citation",
        "paraphrase",
        "confidence",
    )
    return {k: p[k] for k in keys}


def compare_dates(
    ds: Dataset, a: _dt.date | str, b: _dt.date | str, holder: str | None = None
) -> dict[str, Any]:
    """What changed between the powers in force on `a` and on `b`: added, removed and changed codings."""
    left, right = at(ds, a, holder), at(ds, b, holder)
    lp = {(p["holder"], p["item"]): p for p in left["powers"]}
    rp = {(p["holder"], p["item"]): p for p in right["powers"]}
    added, removed, changed = [], [], []
    for key in [*lp, *[k for k in rp if k not in lp]]:
        x, y = lp.get(key), rp.get(key)
        row = {
            "holder": key[0],
            "item": key[1],
            "label": (x or y or {}).get("label"),
            "kind": (x or y or {}).get("kind"),
            "from": _side(x),
            "to": _side(y),
        }
        if x is None:
            added.append(row)
        elif y is None:
            removed.append(row)
        elif (x["status"], x["attrs"], x["with"]) != (y["status"], y["attrs"], y["with"]):
            changed.append(row)
    return {
        "from": {"date": left["date"], "constitution_version": left["constitution_version"]},
        "to": {"date": right["date"], "constitution_version": right["constitution_version"]},
        "holder": holder,
        "added": added,
        "removed": removed,
        "changed": changed,
    }
