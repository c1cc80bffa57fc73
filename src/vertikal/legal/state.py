"""The legal state between two events: what `vertikal.legal.at` answers, built once per interval.

The legal order is piecewise constant: it changes only on the dates on which a version enters into
force or an instrument is repealed (and on which a version of the Constitution enters into force).
`_bounds` sorts those dates once per dataset; `interval(ds, day)` is one bisection in them; every day
of an interval has the same instrument versions in force, the same codings and the same governing
coding per holder and item. `_in_force_by_interval` sweeps the instruments once to list, per interval,
the versions in force; each version's codings become entries once (`_version_entries`); and the state
of an interval (`state_of`) is assembled from them the first time a day of it is asked, and kept in
`Dataset.memo`. What is kept is bounded by the number of intervals in the data, never by the days
asked, and is shared: read it, do not change it. docs/instruments.md ("Speed") explains it.
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any

from vertikal.legal.api import (
    RULE_ID,
    _index,
    _instruments,
    _model_version,
    _version_on_iso,
    all_items,
    holders,
    parse_day,
)

if TYPE_CHECKING:
    from vertikal.dataset import Dataset
    from vertikal.legal.model import Instrument
    from vertikal.models import Coding, Item


def _bounds(ds: Dataset) -> list[str]:
    """Every date on which the legal order may change (a version in force, an instrument repealed, a
    version of the Constitution in force), sorted: between two of them `at` answers the same."""
    key = ("legal", "bounds")
    if key not in ds.memo:
        found = {v.in_force for v in ds.versions if v.in_force}
        for entry in _index(ds).values():
            found.update(entry["starts"])
            if entry["end"] is not None:
                found.add(entry["end"])
        ds.memo[key] = sorted(found)
    bounds: list[str] = ds.memo[key]
    return bounds


def interval(ds: Dataset, day: _dt.date | str) -> int:
    """The number of the interval between events that `day` falls in (0: before the first event).

    Every day of an interval has the same legal state, so a result that depends on the day only through
    `at` may be kept per interval (their number is bounded by the data, never by the days asked)."""
    if ds.instruments is None:
        _instruments(ds)  # raises NoInstruments, saying why
    return bisect_right(_bounds(ds), parse_day(day).isoformat())


def _in_force_by_interval(ds: Dataset) -> list[list[tuple[Instrument, str]]]:
    """Per interval, the (instrument, version id) in force, in the order of instruments.yaml.

    A version is in force from its date until the next version's date or the instrument's repeal,
    whichever comes first: on interval i, whose first day is bounds[i - 1], when that day is in
    [start, stop); a later version on the same date replaces it from the start (as a bisection to
    the right in the sorted dates would pick it)."""
    key = ("legal", "in-force-by-interval")
    if key not in ds.memo:
        bounds, index = _bounds(ds), _index(ds)
        per: list[list[tuple[Instrument, str]]] = [[] for _ in range(len(bounds) + 1)]
        for inst in _instruments(ds):
            entry = index[inst.id]
            starts, ids, end = entry["starts"], entry["ids"], entry["end"]
            for k, (start, vid) in enumerate(zip(starts, ids, strict=True)):
                stops = [d for d in (starts[k + 1] if k + 1 < len(starts) else None, end) if d is not None]
                lo = bisect_right(bounds, start)
                hi = bisect_left(bounds, min(stops)) + 1 if stops else len(per)
                for i in range(lo, hi):
                    per[i].append((inst, vid))
        ds.memo[key] = per
    found: list[list[tuple[Instrument, str]]] = ds.memo[key]
    return found


def prepare(ds: Dataset) -> None:
    """Build now what `at` would otherwise build at the first day of each version: the sorted dates of
    the events, and every version's codings as entries (for a server, before its first request; at
    100x the real data 0.7 s, then no day pays for it)."""
    index = _index(ds)
    _in_force_by_interval(ds)
    for inst in _instruments(ds):
        for vid in index[inst.id]["ids"]:
            _version_entries(ds, inst, vid)


def _version_entries(ds: Dataset, inst: Instrument, vid: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(the in-force record of a version, every coding it gives as an entry), built once per version."""
    memo: dict[tuple[str, str], Any] = ds.memo.setdefault(("legal", "version-entries"), {})
    if (inst.id, vid) not in memo:
        items = _items(ds)
        version = next(v for v in inst.versions if v.id == vid)
        if inst.kind == "constitution":
            mv = _model_version(ds, vid)
            docs = {k: d.title.en for k, d in mv.documents.items()}
            pairs = [("president", items[k], c) for k, c in ds.codings.get(vid, {}).items() if k in items]
            read = mv.basis == "primary"
        else:
            docs = {}
            found = ds.instrument_codings.get(inst.id, {}).get(vid, [])
            pairs = [(c.holder, items[c.item], c) for c in found if c.item in items]
            read = version.read
            if not read:
                pairs = _unread(ds, inst, _index(ds)[inst.id], vid, items)
        record = {"instrument": inst.id, "version": vid, "read": read, "approximate": version.approximate}
        labels = ds.memo.setdefault(("legal", "labels"), {})
        cited = ds.memo.setdefault(("legal", "citations"), {})
        memo[(inst.id, vid)] = (
            record,
            [_entry(inst, vid, h, it, c, docs, labels, cited) for h, it, c in pairs],
        )
    result: tuple[dict[str, Any], list[dict[str, Any]]] = memo[(inst.id, vid)]
    return result


def _entry(
    inst: Instrument,
    vid: str,
    holder: str,
    item: Item,
    c: Coding,
    docs: dict[str, str],
    labels: dict[str, dict[str, str | None]],
    cited: dict[tuple[Any, ...], str],
) -> dict[str, Any]:
    label = labels.get(item.id)
    if label is None:  # one per item, shared by its entries (read it, do not change it)
        label = labels[item.id] = {"en": item.label.en, "ru": item.label.ru, "kk": item.label.kk}
    return {
        "holder": holder,
        "item": item.id,
        "label": label,
        "kind": item.kind,
        "status": c.status,
        "with": list(c.with_),
        "attrs": dict(c.attrs),
        "instrument": inst.id,
        "rank": inst.rank,
        "version": vid,
        "cite": list(c.cite),
        "citation": _citation(c.cite, docs, cited) if c.cite else "",
        "paraphrase": c.paraphrase,
        "confidence": c.confidence,
        "note": c.note,
    }


def _citation(cite: list[Any], docs: dict[str, str], cited: dict[tuple[Any, ...], str]) -> str:
    """`fmt.cites` in English, kept in `cited` per citation ids (and the titles of the documents they
    name): the same articles are cited by version after version."""
    key: tuple[Any, ...] | None = None
    try:
        joined = "\x00".join(cite)
    except TypeError:  # a citation given as a mapping, not an id: not kept
        pass
    else:
        key = (tuple(sorted(docs.items())) if "/" in joined else (), joined)
        found = cited.get(key)
        if found is not None:
            return found
    from vertikal import fmt  # (imported here only: an import in a function costs at every call)

    found = fmt.cites(cite, "en", docs)
    if key is not None:
        cited[key] = found
    return found


def _items(ds: Dataset) -> dict[str, Item]:
    """`all_items`, found once per dataset."""
    return ds.kept(("legal", "items"), lambda: all_items(ds))


def _unread(
    ds: Dataset, inst: Instrument, entry: dict[str, Any], vid: str, items: dict[str, Item]
) -> list[tuple[str, Item, Coding]]:
    """A version not read: each holder and item the last read version coded, as `unknown`.

    The text changed and what it says is not known, so an older wording never stands in for it; but
    what that wording gave is not absent either. The note names the wording last read and its status,
    so the reader sees what is missing (docs/instruments.md)."""
    from vertikal import fmt
    from vertikal.models import Coding

    ids: list[str] = entry["ids"]
    earlier = [v for v in ids[: ids.index(vid)] if ds.instrument_codings.get(inst.id, {}).get(v)]
    if not earlier:
        return []
    last = earlier[-1]
    out = []
    for c in ds.instrument_codings[inst.id][last]:
        if c.item not in items:
            continue
        note = (
            f"Version {vid} of {inst.id} was not read. The wording last read (version {last}) had it "
            f"{c.status}"
            + (f" ({fmt.cites(c.cite, 'en', {})})" if c.cite else "")
            + ". Unknown until this version is read."
        )
        unknown = Coding.model_construct(
            status="unknown",
            with_=[],
            attrs={},
            cite=[],
            paraphrase=f"Not read; as last read: {c.paraphrase}",
            sources=[],
            confidence="low",
            note=note,
        )
        out.append((c.holder, items[c.item], unknown))
    return out


def _governs(entry: dict[str, Any], iso_starts: dict[tuple[str, str], str]) -> tuple[int, int, str]:
    known = 0 if entry["status"] == "unknown" else 1
    return (known, entry["rank"], iso_starts.get((entry["instrument"], entry["version"]), ""))


def _holding(listed: list[str], powers: list[dict[str, Any]]) -> list[str]:
    """Of the holders listed, those with a sole or shared power that day (a holder whose codings are all
    absent or unknown is listed in `holders`, not here)."""
    return [h for h in listed if any(p["holder"] == h and p["status"] in ("sole", "shared") for p in powers)]


def _orders(ds: Dataset) -> tuple[dict[str, int], dict[str, int]]:
    """The order of the holders (the President first) and of the items, by id (found once)."""
    return ds.kept(
        ("legal", "orders"),
        lambda: ({h: i for i, h in enumerate(holders(ds))}, {k: i for i, k in enumerate(all_items(ds))}),
    )


def _build(ds: Dataset, i: int) -> dict[str, Any]:
    """The legal state of interval `i` (every holder): what `at` returns for each of its days, without
    `date` and `holder`."""
    index = _index(ds)
    in_force: list[dict[str, Any]] = []
    starts: dict[tuple[str, str], str] = {}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for inst, vid in _in_force_by_interval(ds)[i]:
        record, entries = _version_entries(ds, inst, vid)
        in_force.append(record)
        starts[(inst.id, vid)] = index[inst.id]["starts"][index[inst.id]["ids"].index(vid)]
        for e in entries:
            groups.setdefault((e["holder"], e["item"]), []).append(e)
    order_h, order_i = _orders(ds)
    # a power (the governing entry and the others) is the same wherever the same versions code the
    # holder's item: kept once and shared by the intervals, so that what is kept stays small
    shared: dict[tuple[Any, ...], dict[str, Any]] = ds.memo.setdefault(("legal", "powers"), {})
    powers = []
    for key in sorted(groups, key=lambda k: (order_h.get(k[0], 99), order_i.get(k[1], 999))):
        ranked = groups[key]
        if len(ranked) == 1:
            versions: tuple[Any, ...] = (key, ranked[0]["instrument"], ranked[0]["version"])
        else:
            ranked = sorted(ranked, key=lambda e: _governs(e, starts), reverse=True)
            versions = (key, *[(e["instrument"], e["version"]) for e in ranked])
        if versions not in shared:
            shared[versions] = {**ranked[0], "also": ranked[1:]}
        powers.append(shared[versions])
    rule = ds.instruments.rule if ds.instruments else None
    listed = sorted({p["holder"] for p in powers}, key=lambda h: order_h.get(h, 99))
    return {
        # the first day of the interval ("" before the first event: earlier than every date)
        "constitution_version": _version_on_iso(ds, _bounds(ds)[i - 1] if i else ""),
        "holders": listed,
        "holding": _holding(listed, powers),
        "in_force": in_force,
        "rule": {
            "id": RULE_ID,
            "text": {"en": rule.en, "ru": rule.ru, "kk": rule.kk} if rule else None,
        },
        "powers": powers,
    }


def state_of(ds: Dataset, i: int, holder: str | None) -> dict[str, Any]:
    """The legal state of interval `i` for `holder` (None: every holder), built once per interval."""
    states: dict[tuple[int, str | None], dict[str, Any]] = ds.memo.setdefault(("legal", "states"), {})
    found = states.get((i, holder))
    if found is None:
        if holder is None:
            found = _build(ds, i)
        else:
            every = state_of(ds, i, None)
            powers = [p for p in every["powers"] if p["holder"] == holder]
            listed = [holder] if powers else []
            found = {**every, "holders": listed, "holding": _holding(listed, powers), "powers": powers}
        states[(i, holder)] = found
    return found
