"""The database's rows: the shared rows (`vertikal.rows`) with the columns of `store.schema`, nested
values stored as JSON in the `*_json` columns (nothing is recomputed here)."""

from __future__ import annotations

import json
from typing import Any

from vertikal import measures, queries
from vertikal import rows as shared
from vertikal.dataset import Dataset

Rows = dict[str, list[dict[str, Any]]]
LANGS = ("en", "ru", "kk")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _pick(
    rows: list[dict[str, Any]], table: str, rename: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """The columns of `table`, renamed where `rename` says; a `X_json` column holds the row's `X` (or,
    when the row has no `X`, its whole library result `row`) as JSON."""
    from vertikal.store.schema import metadata

    names = [c.name for c in metadata.tables[table].columns]
    rename = rename or {}
    out = []
    for r in rows:
        picked = {}
        for name in names:
            if name.endswith("_json"):
                key = rename.get(name) or name.removesuffix("_json")
                picked[name] = dumps(r[key] if key in r else r["row"])
            else:
                picked[name] = r[rename.get(name, name)]
        out.append(picked)
    return out


def _versions(ds: Dataset) -> list[dict[str, Any]]:
    rows = shared.versions(ds)
    for r in rows:
        r["powers"] = queries.powers(ds, r["version"])
    return _pick(rows, "versions", {"id": "version"})


def _codebook(ds: Dataset) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    rows = shared.codebook(ds)
    for r in rows:
        r["history"] = queries.history(ds, r["item"])
    return shared.domains(ds), _pick(rows, "codebook"), [r["row"] for r in rows]


def _codings(ds: Dataset) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    return _pick(shared.codings(ds), "codings"), _pick(shared.citations(ds), "citations")


def _claims(ds: Dataset) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from vertikal.measures.claimset import ClaimsError

    try:
        tables, result = shared.claim_tables(ds)
    except ClaimsError:
        return [], {"claims": [], "counts": {}}
    rename = {"id": "claim", "grp": "group", "check_expr": "check"}
    return _pick(tables["claims"], "claims", rename), result


def tables(ds: Dataset) -> tuple[Rows, dict[str, Any]]:
    """Every table's rows, and the whole library results kept as blobs."""
    from vertikal.measures.periods import periods

    doms, items, codebook = _codebook(ds)
    codings, cites = _codings(ds)
    rows: Rows = {"versions": _versions(ds), "domains": doms, "codebook": items}
    rows |= {"codings": codings, "citations": cites}
    m = shared.measure_tables(ds)
    rows["measures"] = _pick(m["measures"], "measures")
    rows["measure_values"] = _pick(m["measure_values"], "measure_values")
    rows["measure_components"] = _pick(m["measure_components"], "measure_components")
    compare_rows, steps = shared.compare_tables(ds)
    rows["compare_steps"] = _pick(compare_rows["compare_steps"], "compare_steps")
    rows["step_measures"] = _pick(compare_rows["step_measures"], "step_measures")
    rows["claims"], claims = _claims(ds)
    akim_rows, akims = shared.akim_tables(ds)
    if akims is not None:
        rows["akim_tiers"] = _pick(akim_rows["akim_tiers"], "akim_tiers", {"tier_json": "row"})
        rename = {"date_from": "from", "date_to": "to", "rule_json": "row"}
        rows["akim_rules"] = _pick(akim_rows["akim_rules"], "akim_rules", rename)
        events = [
            e | {"title_en": e["title"]["en"], "title_ru": e["title"]["ru"], "title_kk": e["title"]["kk"]}
            for e in akim_rows["events"]
        ]
        for e in events:
            e["tiers"] = ";".join(e["tiers"])
        rows["events"] = _pick(events, "events", {"event_json": "row"})
        rows["decentralization"] = _pick(
            akim_rows["decentralization"], "decentralization", {"year_json": "row"}
        )
    assert ds.manifest is not None
    blobs: dict[str, Any] = {
        "country": ds.manifest.name.model_dump(),
        "versions": queries.versions(ds),
        "codebook": codebook,
        "domains": {d["id"]: {"en": d["label_en"], "ru": d["label_ru"], "kk": d["label_kk"]} for d in doms},
        "bodies": {k: v.model_dump() for k, v in (ds.codebook.bodies.items() if ds.codebook else ())},
        "timeline": measures.timeline(ds),
        "methods": measures.methods(ds),
        "periods": periods(ds),
        "steps": steps,
        "claims": claims,
        "akims": akims,
    }
    return rows, blobs
