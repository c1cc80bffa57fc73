"""The rows of every table, gathered from the library's results (nothing is recomputed here)."""

from __future__ import annotations

import itertools
import json
from typing import Any

from vertikal import measures, queries
from vertikal.dataset import Dataset
from vertikal.measures.compare import compare
from vertikal.references import describe
from vertikal.refs import ArticleRef

Rows = dict[str, list[dict[str, Any]]]
LANGS = ("en", "ru", "kk")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _versions(ds: Dataset) -> list[dict[str, Any]]:
    out = []
    for pos, row in enumerate(queries.versions(ds)):
        out.append(
            {
                "id": row["id"],
                "position": pos,
                "kind": row["kind"],
                "label_en": row["label"]["en"],
                "label_ru": row["label"]["ru"],
                "act_en": row["act"]["en"],
                "act_ru": row["act"].get("ru", ""),
                "adopted": row["adopted"],
                "in_force": row["in_force"],
                "until": row["until"],
                "basis": row["basis"],
                **row["counts"],
                "row_json": dumps(row),
                "powers_json": dumps(queries.powers(ds, row["id"])),
            }
        )
    return out


def _codebook(ds: Dataset) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    assert ds.codebook is not None
    doms = [
        {"id": d, "position": i, "label_en": lab.en, "label_ru": lab.ru}
        for i, (d, lab) in enumerate(ds.codebook.domains.items())
    ]
    keys = {it.id: it.key for it in ds.items}
    items = []
    for pos, row in enumerate(queries.codebook(ds)):
        row["key"] = keys[row["id"]]
        items.append(
            {
                "item": row["id"],
                "position": pos,
                "domain": row["domain"],
                "kind": row["kind"],
                "key": row["key"],
                "label_en": row["label"]["en"],
                "label_ru": row["label"]["ru"],
                "definition": row["definition"],
                "row_json": dumps(row),
                "history_json": dumps(queries.history(ds, row["id"])),
            }
        )
    return doms, items


def _codings(ds: Dataset) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows, cites = [], []
    for v in ds.versions:
        for it in ds.items:
            c = ds.codings.get(v.id, {}).get(it.id)
            if c is None:
                continue
            rows.append(
                {
                    "version": v.id,
                    "item": it.id,
                    "status": c.status,
                    "with_bodies": ";".join(c.with_),
                    "paraphrase": c.paraphrase,
                    "confidence": c.confidence,
                    "note": c.note,
                    "attrs_json": dumps(dict(c.attrs)),
                    "sources_json": dumps(describe(ds, ds.sources_of(v.id, c))),
                }
            )
            for pos, cite in enumerate(c.cite):
                ref = ArticleRef.parse(cite)
                cites.append(
                    {"version": v.id, "item": it.id, "position": pos, "cite": ref.id}
                    | {k: ref.to_dict()[k] for k in ("doc", "article", "paragraph", "subparagraph")}
                )
    return rows, cites


def _measures(ds: Dataset) -> Rows:
    defs, values, comps = [], [], []
    for pos, d in enumerate(measures.methods(ds)):
        defs.append(
            {
                "id": d["id"],
                "position": pos,
                "label_en": d["label"]["en"],
                "label_ru": d["label"]["ru"],
                "method": d["method"],
                "higher_means": d.get("higher_means", ""),
                "def_json": dumps(d),
            }
        )
        for v in ds.versions:
            s = measures.score(ds, d["id"], v.id)
            values.append(
                {
                    "measure": d["id"],
                    "version": v.id,
                    "total": s["total"],
                    "max": s["max"],
                    "uncertain": s["uncertain"],
                    "by_domain_json": dumps(s["by_domain"]),
                    "subscales_json": dumps(s["subscales"]),
                    "low_confidence_json": dumps(s["low_confidence"]),
                }
            )
            for cpos, c in enumerate(s["components"]):
                comps.append(
                    {
                        "measure": d["id"],
                        "version": v.id,
                        "component": c["id"],
                        "position": cpos,
                        "domain": c.get("domain"),
                        "score": c["score"],
                        "max": c["max"],
                        "says": c["says"],
                        "evidence_json": dumps(c["evidence"]),
                    }
                )
    return {"measures": defs, "measure_values": values, "measure_components": comps}


def _step_summary(ds: Dataset, result: dict[str, Any]) -> dict[str, Any]:
    """One reform step for the home page: the classification per measure and the changed items."""
    v = ds.version(result["to"])
    return {
        "from": result["from"],
        "to": result["to"],
        "label": v.label.model_dump(),
        "act": {"en": v.act.en, "ru": v.act.ru},
        "measures": {
            m: {k: d[k] for k in ("from", "to", "delta", "classification", "uncertain")}
            for m, d in result["measures"].items()
        },
        "changes": [
            {
                "item": c["item"],
                "label": c["label"],
                "change": c["change"],
                "effect": c["effect"],
                "cite_from": c["from"]["cite"],
                "cite_to": c["to"]["cite"],
            }
            for c in result["changes"]
        ],
    }


def _compare(ds: Dataset) -> tuple[Rows, list[dict[str, Any]]]:
    ids = [v.id for v in ds.versions]
    steps = set(itertools.pairwise(ids))
    pairs, classes, summaries = [], [], []
    for a, b in itertools.product(ids, ids):
        result = compare(ds, a, b)
        pairs.append(
            {
                "from_version": a,
                "to_version": b,
                "is_step": (a, b) in steps,
                "n_changes": len(result["changes"]),
                "result_json": dumps(result),
            }
        )
        for m, d in result["measures"].items():
            classes.append(
                {
                    "from_version": a,
                    "to_version": b,
                    "measure": m,
                    "value_from": d["from"],
                    "value_to": d["to"],
                    "delta": d["delta"],
                    "classification": d["classification"],
                }
            )
        if (a, b) in steps:
            summaries.append(_step_summary(ds, result))
    summaries.sort(key=lambda s: ids.index(s["to"]))
    return {"compare_steps": pairs, "step_measures": classes}, summaries


def _claims(ds: Dataset) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from vertikal.measures.claimset import ClaimsError, evaluate_all

    try:
        result = evaluate_all(ds)
    except ClaimsError:
        return [], {"claims": [], "counts": {}}
    rows = [
        {
            "id": c["id"],
            "position": pos,
            "grp": c["group"],
            "verdict": c["verdict"],
            "uncertain": c["uncertain"],
            "text_en": c["text"]["en"],
            "text_ru": c["text"]["ru"],
            "check_expr": c["check"],
            "row_json": dumps(c),
        }
        for pos, c in enumerate(result["claims"])
    ]
    return rows, result


def _akims(ds: Dataset) -> tuple[Rows, dict[str, Any] | None]:
    from vertikal.akims import AkimsError, akims, decentralization

    try:
        rules, series = akims(ds), decentralization(ds)
    except AkimsError:
        return {}, None
    tiers, periods = [], []
    for pos, row in enumerate(rules["tiers"]):
        t = row["tier"]
        tiers.append(
            {
                "id": t["id"],
                "position": pos,
                "label_en": t["label"]["en"],
                "label_ru": t["label"]["ru"],
                "tier_json": dumps(t),
            }
        )
        for ppos, p in enumerate(row["periods"]):
            periods.append(
                {
                    "tier": t["id"],
                    "position": ppos,
                    "date_from": p["from"],
                    "date_to": p["to"],
                    "method": p["method"],
                    "rule_json": dumps(p),
                }
            )
    events = [
        {
            "id": e["id"],
            "date": e["date"],
            "kind": e["kind"],
            "tiers": ";".join(e["tiers"]),
            "title_en": e["title"]["en"],
            "title_ru": e["title"]["ru"],
            "confidence": e["confidence"],
            "event_json": dumps(e),
        }
        for e in rules["events"]
    ]
    years = [
        {
            "year": y["year"],
            "national": y["national"],
            "national_equal": y["national_equal"],
            "year_json": dumps(y),
        }
        for y in series["years"]
    ]
    tables = {"akim_tiers": tiers, "akim_rules": periods, "events": events, "decentralization": years}
    return tables, {"rules": rules, "series": series}


def tables(ds: Dataset) -> tuple[Rows, dict[str, Any]]:
    """Every table's rows, and the whole library results kept as blobs."""
    from vertikal.measures.periods import periods

    doms, items = _codebook(ds)
    codings, cites = _codings(ds)
    rows: Rows = {"versions": _versions(ds), "domains": doms, "codebook": items}
    rows |= {"codings": codings, "citations": cites}
    rows |= _measures(ds)
    compare_rows, steps = _compare(ds)
    rows |= compare_rows
    rows["claims"], claims = _claims(ds)
    akim_rows, akims = _akims(ds)
    rows |= akim_rows
    assert ds.manifest is not None
    blobs: dict[str, Any] = {
        "country": ds.manifest.name.model_dump(),
        "versions": queries.versions(ds),
        "codebook": [json.loads(r["row_json"]) for r in items],
        "domains": {d["id"]: {"en": d["label_en"], "ru": d["label_ru"]} for d in doms},
        "bodies": {k: v.model_dump() for k, v in (ds.codebook.bodies.items() if ds.codebook else ())},
        "timeline": measures.timeline(ds),
        "methods": measures.methods(ds),
        "periods": periods(ds),
        "steps": steps,
        "claims": claims,
        "akims": akims,
    }
    return rows, blobs
