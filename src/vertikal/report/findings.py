"""The report's findings: the answers to the questions in the data's ``findings.yaml``, from the data.

Each finding is plain data - values of every measure the data define, versions, the changes with
their citations, the low-confidence codings and the measures that disagree - so that the report,
the web and the JSON say the same thing. `vertikal.report.sentences` words them per language.

>>> import vertikal
>>> [f["id"] for f in findings(vertikal.load())]
['concentration', 'deconcentration', 'decentralization', 'constitution-2026']
"""

from __future__ import annotations

import itertools
from typing import Any, Literal

from pydantic import Field, ValidationError

from vertikal import _yaml, measures
from vertikal.dataset import Dataset
from vertikal.measures.compare import power_changes
from vertikal.models import Labels, Strict
from vertikal.problems import VertikalError

__all__ = ["FindingsError", "findings", "questions"]

FILE = "findings.yaml"
TOP_STEPS = 3  # the steps shown as driving a trend


class FindingsError(VertikalError, ValueError):
    """``findings.yaml`` is invalid or names a version or year the data do not have."""


class Question(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    kind: Literal["trend", "compare", "akims"]
    from_: str | int = Field(alias="from")
    to: str | int
    title: Labels


class Questions(Strict):
    schema_: int = Field(alias="schema")
    findings: list[Question]


def questions(ds: Dataset) -> list[Question]:
    """The data's questions; without a ``findings.yaml``, one trend over the whole span."""
    path = ds.root / FILE
    ids = [v.id for v in ds.versions]
    if not path.is_file():
        title = Labels(en="Over the whole period", ru="За весь период", kk="Бүкіл кезең бойы")
        return [
            Question.model_validate(
                {"id": "trend", "kind": "trend", "from": ids[0], "to": ids[-1], "title": title}
            )
        ]
    try:
        doc = _yaml.read(path)
        found = Questions.model_validate(doc.value).findings
    except _yaml.YamlError as exc:
        raise FindingsError(f"{path}:{exc.line}: {exc.message}") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise FindingsError(f"{path}:{doc.line(loc)}: {'.'.join(map(str, loc))}: {err['msg']}") from None
    for i, q in enumerate(found):
        for key, value in (("from", q.from_), ("to", q.to)):
            wrong = isinstance(value, int) if q.kind != "akims" else not isinstance(value, int)
            if wrong or (q.kind != "akims" and value not in ids):
                expected = "a year, e.g. 2019" if q.kind == "akims" else f"a version id ({', '.join(ids)})"
                line = doc.line(("findings", i, key))
                raise FindingsError(f"{path}:{line}: findings.{i}.{key}: {value!r} is not {expected}")
    return found


def _moves(
    rows: dict[str, Any], ids: list[str], labels: dict[str, Any], a: str, b: str
) -> list[dict[str, Any]]:
    """How each measure moved from version a to version b."""
    out = []
    for m in ids:
        va, vb = rows[a]["measures"][m], rows[b]["measures"][m]
        delta = vb["total"] - va["total"]
        out.append(
            {
                "measure": m,
                "label": labels[m],
                "from": va["total"],
                "to": vb["total"],
                "max": vb["max"],
                "delta": delta,
                "direction": "up" if delta > 0 else "down" if delta < 0 else "flat",
                "uncertain": bool(va["uncertain"] or vb["uncertain"]),
            }
        )
    return out


def direction(moves: list[dict[str, Any]]) -> str:
    """up, down, mixed (some rose and some fell) or flat."""
    dirs = {m["direction"] for m in moves}
    if {"up", "down"} <= dirs:
        return "mixed"
    return "up" if "up" in dirs else "down" if "down" in dirs else "flat"


def _change(c: dict[str, Any], key_items: set[str]) -> dict[str, Any]:
    """A power change as the findings show it: what changed, which way, and the citations."""
    return {
        "item": c["item"],
        "label": c["label"],
        "kind": c["kind"],
        "change": c["change"],
        "effect": c["effect"],
        "key": c["item"] in key_items,
        "attrs": [a["key"] for a in c["attr_changes"]],
        "cite_from": c["from"]["cite"],
        "cite_to": c["to"]["cite"],
        "confidence": [c["from"]["confidence"], c["to"]["confidence"]],
    }


def _low(rows: dict[str, Any], ids: list[str], versions: list[str]) -> list[dict[str, Any]]:
    """Per version, the low-confidence codings that any measure reads."""
    out = []
    for v in versions:
        items = sorted({i for m in ids for i in rows[v]["measures"][m]["low_confidence"]})
        if items:
            out.append({"version": v, "items": items})
    return out


def _trend(ds: Dataset, ctx: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    rows, ids, labels = ctx["rows"], ctx["measures"], ctx["labels"]
    order = [v.id for v in ds.versions]
    period = order[order.index(a) : order.index(b) + 1]
    moves = _moves(rows, ids, labels, a, b)
    net = direction(moves)
    sign = {"up": 1, "down": -1}.get(net, 0)
    steps = []
    for x, y in itertools.pairwise(period):
        step_moves = _moves(rows, ids, labels, x, y)
        score = sum(m["delta"] / m["max"] for m in step_moves if m["max"]) / max(len(step_moves), 1)
        steps.append({"from": x, "to": y, "moves": [m for m in step_moves if m["delta"]], "score": score})
    ranked = sorted(
        (s for s in steps if (s["score"] * sign > 0 if sign else s["score"] != 0)),
        key=lambda s: -abs(s["score"]),
    )
    drivers = sorted(ranked[:TOP_STEPS], key=lambda s: s["to"])
    for s in drivers:
        changes = [_change(c, ctx["keys"]) for c in power_changes(ds, s["from"], s["to"])]
        wanted = [c for c in changes if (c["effect"] == sign if sign else c["effect"] != 0)]
        s["changes"] = sorted(wanted, key=lambda c: not c["key"])
    against = []
    if sign:
        for s in steps:
            opposite = [m for m in s["moves"] if m["delta"] * sign < 0]
            if opposite:
                against.append({"from": s["from"], "to": s["to"], "moves": opposite})
    return {
        "moves": moves,
        "direction": net,
        "drivers": drivers,
        "against": against,
        "low_confidence": _low(rows, ids, period),
    }


def _compare(ds: Dataset, ctx: dict[str, Any], a: str, b: str) -> dict[str, Any]:
    rows, ids, labels = ctx["rows"], ctx["measures"], ctx["labels"]
    moves = _moves(rows, ids, labels, a, b)
    changes = [_change(c, ctx["keys"]) for c in power_changes(ds, a, b)]
    low = [
        {"item": c["item"], "label": c["label"], "version": v}
        for c in changes
        for v, conf in zip((a, b), c["confidence"], strict=True)
        if conf == "low"
    ]
    return {"moves": moves, "direction": direction(moves), "changes": changes, "low_confidence": low}


def _tier_rule(data: Any, tier: str, year: int) -> dict[str, Any] | None:
    from vertikal.akims.rules import period_at

    p = period_at(data, tier, f"{year}-12-31")
    if p is None:
        return None
    return {
        "method": p.method,
        "from": p.from_,
        "confidence": p.confidence,
        "instruments": [{"title": i.title, "article": i.article, "date": i.date} for i in p.instruments],
    }


def _akims(ds: Dataset, ya: int, yb: int) -> dict[str, Any] | None:
    from vertikal.akims import AkimsError, decentralization, load_akims

    try:
        data, series = load_akims(ds), decentralization(ds)
    except AkimsError:
        return None
    by_year = {y["year"]: y for y in series["years"]}
    if ya not in by_year or yb not in by_year:
        raise FindingsError(
            f"{ds.root / FILE}: the akims series has no year {ya if ya not in by_year else yb}"
        )
    a, b = by_year[ya], by_year[yb]
    labels = {t.id: t.label.model_dump() for t in data.tiers}
    tiers = []
    for tid in series["tiers"]:
        ca, cb = a["tiers"].get(tid) or {}, b["tiers"].get(tid) or {}
        ra, rb = ca.get("rai_executive"), cb.get("rai_executive")
        da, db = ca.get("directness"), cb.get("directness")
        tiers.append(
            {
                "tier": tid,
                "label": labels[tid],
                "from": {"method": ca.get("method"), "score": da, "rai": None if ra is None else ra / 2},
                "to": {"method": cb.get("method"), "score": db, "rai": None if rb is None else rb / 2},
                "changed": ca.get("method") != cb.get("method") or da != db,
                "rules": [_tier_rule(data, tid, ya), _tier_rule(data, tid, yb)],
            }
        )
    start, end = f"{ya}-01-01", f"{yb}-12-31"
    shares: dict[str, dict[str, Any]] = {}
    for s in series["direct_shares"]:
        if start <= s["date"] <= end:
            shares[s["tier"]] = dict(s, label=labels[s["tier"]])
    keep = ("id", "date", "kind", "tiers", "title", "confidence", "conflicts")
    events = [
        {k: e.model_dump(mode="json", by_alias=True)[k] for k in keep}
        for e in sorted(data.events, key=lambda e: e.date)
        if start <= e.date <= end
    ]
    return {
        "years": [ya, yb],
        "national": [a["national"], b["national"]],
        "national_range": [[a["national_low"], a["national_high"]], [b["national_low"], b["national_high"]]],
        "excluded": [[labels[e["tier"]] for e in a["excluded"]], [labels[e["tier"]] for e in b["excluded"]]],
        "tiers": tiers,
        "direct_shares": list(shares.values()),
        "events": events,
    }


def findings(ds: Dataset) -> list[dict[str, Any]]:
    """Every question of the data answered: plain data, in the questions' order.

    An `akims` question on data without akims is left out; the others always answer.
    """
    assert ds.codebook is not None
    timeline = measures.timeline(ds)
    ctx = {
        "rows": {r["version"]: r for r in timeline["versions"]},
        "measures": timeline["measures"],
        "labels": {d.id: d.label.model_dump() for d in measures.definitions(ds)},
        "keys": {it.id for it in ds.items if it.key},
    }
    names = {
        v.id: {
            "label": v.label.model_dump(),
            "short": (v.short or v.label).model_dump(),
            "in_force": v.in_force,
        }
        for v in ds.versions
    }
    out = []
    for q in questions(ds):
        head = {"id": q.id, "kind": q.kind, "title": q.title.model_dump(), "from": q.from_, "to": q.to}
        if q.kind == "akims":
            found = _akims(ds, int(q.from_), int(q.to))
            if found is None:
                continue
        else:
            a, b = str(q.from_), str(q.to)
            found = (_trend if q.kind == "trend" else _compare)(ds, ctx, a, b)
            named = {a, b} | {s["to"] for s in found.get("drivers", []) + found.get("against", [])}
            found["versions"] = {v: names[v] for v in sorted(named)}
        out.append(head | found)
    return out
