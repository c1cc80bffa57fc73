"""Build the rows of every exported table from the library's results."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from vertikal import fmt, measures, queries
from vertikal.dataset import Dataset
from vertikal.references import describe
from vertikal.refs import ArticleRef

SCORE = {"sole": 1.0, "shared": 0.5, "absent": 0.0}
Row = dict[str, Any]


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _bar(values: list[str]) -> str:
    return " | ".join(values)


def _cited(sources: list[dict[str, Any]]) -> str:
    """Described sources (see vertikal.references.describe) as 'display form <url>' separated by ' | '."""
    return _bar(
        [
            s["cite"] if s["cite"] == s["url"] else (s["cite"] + (f" <{s['url']}>" if s["url"] else ""))
            for s in sources
        ]
    )


def _flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def versions(ds: Dataset) -> list[Row]:
    return [
        {
            "version": v["id"],
            "kind": v["kind"],
            "label_en": v["label"]["en"],
            "label_ru": v["label"]["ru"],
            "act_en": v["act"]["en"],
            "act_ru": v["act"]["ru"],
            "act_number": v["act"]["number"],
            "adopted": v["adopted"],
            "in_force": v["in_force"],
            "until": v["until"],
            "basis": v["basis"],
            "sources": _cited(v["sources"]),
            "note": v["note"].strip(),
        }
        for v in queries.versions(ds)
    ]


def codebook(ds: Dataset) -> list[Row]:
    return [
        {
            "item": it.id,
            "domain": it.domain,
            "kind": it.kind,
            "key": it.key,
            "label_en": it.label.en,
            "label_ru": it.label.ru,
            "definition": it.definition,
            "statuses": _j(dict(it.statuses)),
        }
        for it in ds.items
    ]


def codebook_maps(ds: Dataset) -> list[Row]:
    return [
        {"item": it.id, "scheme": scheme, "key": key}
        for it in ds.items
        for scheme, keys in sorted(it.maps.items())
        for key in keys
    ]


def codings(ds: Dataset) -> list[Row]:
    rows = []
    for v in ds.versions:
        for it in ds.items:
            c = ds.codings[v.id][it.id]
            rows.append(
                {
                    "version": v.id,
                    "item": it.id,
                    "status": c.status,
                    "score": SCORE[c.status],
                    "with_bodies": ";".join(c.with_),
                    "attrs": _j(dict(c.attrs)) if c.attrs else "",
                    "paraphrase": c.paraphrase,
                    "confidence": c.confidence,
                    "note": c.note,
                    "sources": _cited(describe(ds, ds.sources_of(v.id, c))),
                }
            )
    return rows


def citations(ds: Dataset) -> list[Row]:
    names = fmt.Names.of(ds)
    rows = []
    for v in ds.versions:
        for it in ds.items:
            for cite in ds.codings[v.id][it.id].cite:
                ref = ArticleRef.parse(cite)
                rows.append(
                    {
                        "version": v.id,
                        "item": it.id,
                        "cite": cite,
                        "document": ref.doc or "",
                        "article": ref.article,
                        "paragraph": ref.paragraph or "",
                        "subparagraph": ref.subparagraph or "",
                        "label_en": names.cite(ref, v.id, "en"),
                        "label_ru": names.cite(ref, v.id, "ru"),
                        "label_kk": names.cite(ref, v.id, "kk"),
                    }
                )
    return rows


def _scores(ds: Dataset) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (v.id, d.id, measures.score(ds, d.id, v.id)) for v in ds.versions for d in measures.definitions(ds)
    ]


def measure_tables(ds: Dataset) -> tuple[list[Row], list[Row]]:
    totals, components = [], []
    for vid, mid, s in _scores(ds):
        totals.append(
            {
                "version": vid,
                "measure": mid,
                "total": s["total"],
                "max": s["max"],
                "uncertain": s["uncertain"],
            }
        )
        for c in s["components"]:
            components.append(
                {
                    "version": vid,
                    "measure": mid,
                    "component": c["id"],
                    "score": c["score"],
                    "max": c["max"],
                    "rule": c["says"],
                }
            )
    return totals, components


def long(ds: Dataset, totals: list[Row]) -> list[Row]:
    dates = {v.id: v.in_force for v in ds.versions}
    rows = [
        {
            "version": t["version"],
            "date": dates[t["version"]],
            "variable": f"measure:{t['measure']}",
            "value": t["total"],
        }
        for t in totals
    ]
    for v in ds.versions:
        for it in ds.items:
            status = ds.codings[v.id][it.id].status
            rows.append(
                {"version": v.id, "date": v.in_force, "variable": f"item:{it.id}", "value": SCORE[status]}
            )
    return rows


def akim_tables(ds: Dataset) -> dict[str, list[Row]]:
    from vertikal.akims import AkimsError, decentralization, load_akims

    try:
        data = load_akims(ds)
    except AkimsError:
        return {"akim_rules": [], "events": [], "decentralization": []}
    rules = [
        {
            "tier": p.tier,
            "from": p.from_,
            "to": p.to,
            "method": p.method,
            "elected_share": p.elected_share,
            "dismissal": p.dismissal,
            "no_confidence": _flag(p.no_confidence.possible),
            "president_cancels_acts": _flag(p.president_cancels_acts),
            "term": p.term,
            "instruments": _bar([f"{i.title} {i.article}".strip() for i in p.instruments]),
            "confidence": p.confidence,
            "sources": _cited(describe(ds, p.sources)),
            "note": p.note,
        }
        for p in sorted(data.periods, key=lambda p: (p.tier, p.from_))
    ]
    events = [
        {
            "id": e.id,
            "date": e.date,
            "kind": e.kind,
            "tiers": ";".join(e.tiers),
            "title_en": e.title.en,
            "title_ru": e.title.ru,
            "counts": _j(e.counts) if e.counts else "",
            "sources": _cited(describe(ds, e.sources)),
        }
        for e in sorted(data.events, key=lambda e: (e.date, str(e.id)))
    ]
    series = []
    for y in decentralization(ds)["years"]:
        for tier, c in y["tiers"].items():
            share = c["share"] or {}
            series.append(
                {
                    "year": y["year"],
                    "tier": tier,
                    "method": c["method"],
                    "directness": c["directness"],
                    "low": c["low"],
                    "high": c["high"],
                    "share_new_rule": share.get("value"),
                    "share_basis": share.get("basis"),
                    "rai_executive": c["rai_executive"],
                    "vdem": c["vdem"],
                    "units": c["units"],
                    "left_out": c["reason"] or "",
                }
            )
        rai = y["national_rai"]
        series.append(
            {
                "year": y["year"],
                "tier": "national",
                "method": None,
                "directness": y["national"],
                "low": y["national_low"],
                "high": y["national_high"],
                "share_new_rule": None,
                "share_basis": None,
                "rai_executive": None if rai is None else round(2 * rai, 4),
                "vdem": None,
                "units": None,
                "left_out": ";".join(f"{e['tier']}:{e['reason']}" for e in y["excluded"]),
            }
        )
    return {"akim_rules": rules, "events": events, "decentralization": series}


def claim_tables(ds: Dataset) -> tuple[list[Row], list[Row]]:
    from vertikal.measures.claimset import evaluate_all

    result = evaluate_all(ds)
    claims, verdicts = [], []
    for c in result["claims"]:
        claims.append(
            {
                "claim": c["id"],
                "group": c["group"],
                "text_en": c["text"]["en"],
                "text_ru": c["text"]["ru"],
                "check": c["check"],
                "verdict": c["verdict"],
                "uncertain": c["uncertain"],
                "sources": _cited(c["sources"]),
            }
        )
        for v in c["verdicts"]:
            verdicts.append(
                {"claim": c["id"], "measure": v["measure"] or "", "verdict": v["verdict"], "why": v["why"]}
            )
    return claims, verdicts


def all_tables(ds: Dataset) -> dict[str, list[Row]]:
    totals, components = measure_tables(ds)
    claims, verdicts = claim_tables(ds)
    builders: dict[str, Callable[[Dataset], list[Row]]] = {
        "versions": versions,
        "codebook": codebook,
        "codebook_maps": codebook_maps,
        "codings": codings,
        "citations": citations,
    }
    tables = {name: fn(ds) for name, fn in builders.items()}
    tables.update(measures=totals, measure_components=components, claims=claims, claim_verdicts=verdicts)
    tables.update(akim_tables(ds))
    tables["long"] = long(ds, totals)
    return tables
