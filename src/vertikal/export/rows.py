"""The exported tables: the shared rows (`vertikal.rows`) with the columns of `tables.yaml`, flattened
for CSV (lists joined, dicts as JSON), plus the wide tables (one column per version) and `long`."""

from __future__ import annotations

import json
from typing import Any

from vertikal import rows as shared
from vertikal.dataset import Dataset

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


def _segment(prefix: str, value: str | None) -> str:
    """A citation part as it appears in the citation id (`art_94-1`, `para_3`): text that no CSV
    reader takes for a number, whatever the value."""
    return f"{prefix}_{value}" if value else ""


def versions(ds: Dataset) -> list[Row]:
    keep = (
        "version",
        "kind",
        "label_en",
        "label_ru",
        "label_kk",
        "act_en",
        "act_ru",
        "act_number",
        "adopted",
    )
    return [
        {**{k: r[k] for k in keep}, "in_force": r["in_force"], "until": r["until"], "basis": r["basis"]}
        | {"sources": _cited(r["sources"]), "note": r["note"]}
        for r in shared.versions(ds)
    ]


def codebook(ds: Dataset) -> list[Row]:
    keep = ("item", "domain", "kind", "key", "label_en", "label_ru", "label_kk")
    definitions = ("definition", "definition_ru", "definition_kk")  # definition: the English
    return [
        {**{k: r[k] for k in (*keep, *definitions)}, "statuses": _j(r["statuses"])}
        for r in shared.codebook(ds)
    ]


def codings(ds: Dataset) -> list[Row]:
    return [
        r | {"attrs": _j(r["attrs"]) if r["attrs"] else "", "sources": _cited(r["sources"])}
        for r in shared.codings(ds)
    ]


def citations(ds: Dataset) -> list[Row]:
    return [
        {
            "version": r["version"],
            "item": r["item"],
            "cite": r["cite"],
            "document": r["doc"] or "",
            "article": _segment("art", r["article"]),
            "paragraph": _segment("para", r["paragraph"]),
            "subparagraph": _segment("subpara", r["subparagraph"]),
            "label_en": r["label_en"],
            "label_ru": r["label_ru"],
            "label_kk": r["label_kk"],
        }
        for r in shared.citations(ds)
    ]


def measure_tables(ds: Dataset) -> tuple[list[Row], list[Row]]:
    tables = shared.measure_tables(ds)
    totals = [
        {k: r[k] for k in ("version", "measure", "total", "max", "uncertain")}
        for r in tables["measure_values"]
    ]
    components = [
        {
            "version": r["version"],
            "measure": r["measure"],
            "component": r["component"],
            "score": r["score"],
            "max": r["max"],
            "rule": r["says"],
        }
        for r in tables["measure_components"]
    ]
    order = {d["id"]: i for i, d in enumerate(tables["measures"])}
    versions_order = {v.id: i for i, v in enumerate(ds.versions)}

    def by_version(r: Row) -> tuple[int, int]:
        return versions_order[r["version"]], order[r["measure"]]

    totals.sort(key=by_version)
    components.sort(key=by_version)  # stable: components keep their order within a measure
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
    for r in shared.codings(ds):
        rows.append(
            {
                "version": r["version"],
                "date": dates[r["version"]],
                "variable": f"item:{r['item']}",
                "value": r["score"],
            }
        )
    return rows


def wide(ds: Dataset, powers_only: bool) -> list[Row]:
    """One row per item, one column per version (its id), the status in each cell; empty where the
    version has no coding of the item."""
    statuses = {(r["version"], r["item"]): r["status"] for r in shared.codings(ds)}
    ids = [v.id for v in ds.versions]
    out = []
    for it in ds.items:
        if powers_only and it.kind != "power":
            continue
        row: Row = {"item": it.id, "domain": it.domain, "kind": it.kind}
        row |= {"label_en": it.label.en, "label_ru": it.label.ru, "label_kk": it.label.kk}
        row |= {vid: statuses.get((vid, it.id)) for vid in ids}
        out.append(row)
    return out


def akim_tables(ds: Dataset) -> dict[str, list[Row]]:
    tables, _ = shared.akim_tables(ds)
    rules = [
        {
            "tier": p["tier"],
            "from": p["from"],
            "to": p["to"],
            "method": p["method"],
            "elected_share": p["elected_share"],
            "dismissal": p["dismissal"],
            "no_confidence": p["no_confidence"]["possible"],  # None: unknown
            "president_cancels_acts": p["president_cancels_acts"],
            "term": p["term"],
            "instruments": _bar([f"{i['title']} {i['article']}".strip() for i in p["instruments"]]),
            "confidence": p["confidence"],
            "sources": _cited(p["sources"]),
            "note": p["note"],
        }
        for p in sorted(tables["akim_rules"], key=lambda p: (p["tier"], p["from"]))
    ]
    events = [
        {
            "id": e["id"],
            "date": e["date"],
            "kind": e["kind"],
            "tiers": ";".join(e["tiers"]),
            "title_en": e["title"]["en"],
            "title_ru": e["title"]["ru"],
            "title_kk": e["title"]["kk"],
            "counts": _j(e["counts"]) if e["counts"] else "",
            "sources": _cited(e["sources"]),
        }
        for e in sorted(tables["events"], key=lambda e: (e["date"], str(e["id"])))
    ]
    series = []
    for y in tables["decentralization"]:
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
    tables, _ = shared.claim_tables(ds)
    keep = ("claim", "group", "text_en", "text_ru", "text_kk", "check", "verdict", "uncertain")
    claims = [{**{k: c[k] for k in keep}, "sources": _cited(c["sources"])} for c in tables["claims"]]
    return claims, tables["claim_verdicts"]


def all_tables(ds: Dataset) -> dict[str, list[Row]]:
    totals, components = measure_tables(ds)
    claims, verdicts = claim_tables(ds)
    tables = {
        "versions": versions(ds),
        "codebook": codebook(ds),
        "codebook_maps": shared.codebook_maps(ds),
        "codings": codings(ds),
        "citations": citations(ds),
        "measures": totals,
        "measure_components": components,
        "claims": claims,
        "claim_verdicts": verdicts,
    }
    tables.update(akim_tables(ds))
    tables["long"] = long(ds, totals)
    tables["wide_powers"] = wide(ds, powers_only=True)
    tables["wide_items"] = wide(ds, powers_only=False)
    return tables
