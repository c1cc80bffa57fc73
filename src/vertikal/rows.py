"""The rows of every table, built once from the library's results (nothing is recomputed here).

The export (`vertikal.export.rows`) and the explorer's database (`vertikal.store.rows`) both take
their rows from these builders and only choose, rename and encode columns for their format. A row
holds plain values: strings, numbers, booleans, None, and lists or dicts where the library's result
has them (each output decides how to write those). Citation labels are made by `vertikal.fmt`.
"""

from __future__ import annotations

import itertools
from typing import Any

from vertikal import fmt, measures, queries
from vertikal.dataset import Dataset
from vertikal.references import describe
from vertikal.refs import ArticleRef

Row = dict[str, Any]
LABEL_LANGS = ("en", "ru", "kk")  # the languages of label columns (kk is empty where not written)

# How a status counts in the `score` and `long` columns. Read from the data: a status the data adds
# later (e.g. `unknown`) has no score until it is given one here, and its cells stay empty.
SCORE = {"sole": 1.0, "shared": 0.5, "absent": 0.0}


def versions(ds: Dataset) -> list[Row]:
    """One row per version, in order, with its coding counts (`row` is the library's result)."""
    out = []
    for pos, v in enumerate(queries.versions(ds)):
        out.append(
            {
                "version": v["id"],
                "position": pos,
                "kind": v["kind"],
                "label_en": v["label"]["en"],
                "label_ru": v["label"]["ru"],
                "label_kk": v["label"]["kk"],
                "act_en": v["act"]["en"],
                "act_ru": v["act"].get("ru", ""),
                "act_number": v["act"]["number"],
                "adopted": v["adopted"],
                "in_force": v["in_force"],
                "until": v["until"],
                "basis": v["basis"],
                "sources": list(v["sources"]),  # described by the source registry
                "note": v["note"].strip(),
                **v["counts"],
                "row": v,
            }
        )
    return out


def codebook(ds: Dataset) -> list[Row]:
    """One row per codebook item (`row` is the library's result, with the item's `key` flag)."""
    keys = {it.id: it.key for it in ds.items}
    out = []
    for pos, row in enumerate(queries.codebook(ds)):
        row["key"] = keys[row["id"]]
        out.append(
            {
                "item": row["id"],
                "position": pos,
                "domain": row["domain"],
                "kind": row["kind"],
                "key": row["key"],
                "label_en": row["label"]["en"],
                "label_ru": row["label"]["ru"],
                "label_kk": row["label"]["kk"],
                "definition": row["definition"]["en"],
                "definition_ru": row["definition"]["ru"],
                "definition_kk": row["definition"]["kk"],
                "statuses": row["statuses"],
                "row": row,
            }
        )
    return out


def domains(ds: Dataset) -> list[Row]:
    assert ds.codebook is not None
    return [
        {"id": d, "position": i, "label_en": lab.en, "label_ru": lab.ru, "label_kk": lab.kk}
        for i, (d, lab) in enumerate(ds.codebook.domains.items())
    ]


def codebook_maps(ds: Dataset) -> list[Row]:
    return [
        {"item": it.id, "scheme": scheme, "key": key}
        for it in ds.items
        for scheme, keys in sorted(it.maps.items())
        for key in keys
    ]


def codings(ds: Dataset) -> list[Row]:
    """One row per version and item, in version then codebook order."""
    rows = []
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
                    "score": SCORE.get(c.status),
                    "with_bodies": ";".join(c.with_),
                    "attrs": dict(c.attrs),
                    "paraphrase": c.paraphrase,
                    "confidence": c.confidence,
                    "note": c.note,
                    "sources": describe(ds, ds.sources_of(v.id, c)),
                }
            )
    return rows


def citations(ds: Dataset) -> list[Row]:
    """One row per citation of a coding: the structured parts and the label a lawyer writes."""
    names = fmt.Names.of(ds)
    rows = []
    for v in ds.versions:
        for it in ds.items:
            c = ds.codings.get(v.id, {}).get(it.id)
            for pos, text in enumerate(c.cite if c is not None else []):
                ref = ArticleRef.parse(text)
                rows.append(
                    {
                        "version": v.id,
                        "item": it.id,
                        "position": pos,
                        "cite": ref.id,
                        "doc": ref.doc,
                        "article": ref.article,
                        "paragraph": ref.paragraph,
                        "subparagraph": ref.subparagraph,
                        "label_en": names.cite(ref, v.id, "en"),
                        "label_ru": names.cite(ref, v.id, "ru"),
                        "label_kk": names.cite(ref, v.id, "kk"),
                    }
                )
    return rows


def measure_tables(ds: Dataset) -> dict[str, list[Row]]:
    """The measures' definitions, their value on every version, and every component of each."""
    defs, values, comps = [], [], []
    for pos, d in enumerate(measures.methods(ds)):
        defs.append(
            {
                "id": d["id"],
                "position": pos,
                "label_en": d["label"]["en"],
                "label_ru": d["label"]["ru"],
                "label_kk": d["label"]["kk"],
                "method": d["method"],
                "higher_means": d.get("higher_means", ""),
                "row": d,
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
                    "by_domain": s["by_domain"],
                    "subscales": s["subscales"],
                    "low_confidence": s["low_confidence"],
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
                        "evidence": c["evidence"],
                    }
                )
    return {"measures": defs, "measure_values": values, "measure_components": comps}


def claim_tables(ds: Dataset) -> tuple[dict[str, list[Row]], dict[str, Any]]:
    """Every claim and its verdict under every measure; and the library's whole result."""
    from vertikal.measures.claimset import evaluate_all

    result = evaluate_all(ds)
    claims, verdicts = [], []
    for pos, c in enumerate(result["claims"]):
        claims.append(
            {
                "claim": c["id"],
                "position": pos,
                "group": c["group"],
                "text_en": c["text"]["en"],
                "text_ru": c["text"]["ru"],
                "text_kk": c["text"]["kk"],
                "check": c["check"],
                "verdict": c["verdict"],
                "uncertain": c["uncertain"],
                "sources": c["sources"],  # each {cite, url}
                "row": c,
            }
        )
        for v in c["verdicts"]:
            verdicts.append(
                {"claim": c["id"], "measure": v["measure"] or "", "verdict": v["verdict"], "why": v["why"]}
            )
    return {"claims": claims, "claim_verdicts": verdicts}, result


def compare_tables(ds: Dataset) -> tuple[dict[str, list[Row]], list[dict[str, Any]]]:
    """Every ordered pair of different versions compared; and each reform step's summary."""
    from vertikal.measures.compare import compare

    ids = [v.id for v in ds.versions]
    steps = set(itertools.pairwise(ids))
    pairs, classes, summaries = [], [], []
    for a, b in itertools.permutations(ids, 2):  # never a version with itself
        result = compare(ds, a, b)
        pairs.append(
            {
                "from_version": a,
                "to_version": b,
                "is_step": (a, b) in steps,
                "n_changes": len(result["changes"]),
                "result": result,
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


def akim_tables(ds: Dataset) -> tuple[dict[str, list[Row]], dict[str, Any] | None]:
    """Tiers, selection rules (periods), events and the yearly series; and the library's results.

    Empty (and None) when the data directory has no valid akims file.
    """
    from vertikal.akims import AkimsError, akims, decentralization

    try:
        rules, series = akims(ds), decentralization(ds)
    except AkimsError:
        return {"akim_tiers": [], "akim_rules": [], "events": [], "decentralization": []}, None
    tiers, periods = [], []
    for pos, row in enumerate(rules["tiers"]):
        t = row["tier"]
        tiers.append(
            {
                "id": t["id"],
                "position": pos,
                "label_en": t["label"]["en"],
                "label_ru": t["label"]["ru"],
                "label_kk": t["label"]["kk"],
                "row": t,
            }
        )
        for ppos, p in enumerate(row["periods"]):
            periods.append(
                {"tier": t["id"], "position": ppos, **p, "sources": describe(ds, p["sources"]), "row": p}
            )
    events = [{**e, "sources": describe(ds, e["sources"]), "row": e} for e in rules["events"]]
    years = [{**y, "row": y} for y in series["years"]]
    tables = {"akim_tiers": tiers, "akim_rules": periods, "events": events, "decentralization": years}
    return tables, {"rules": rules, "series": series}
