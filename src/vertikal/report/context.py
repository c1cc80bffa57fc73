"""Gather everything the report shows from the library's results (no rendering here)."""

from __future__ import annotations

import itertools
from importlib import resources
from typing import Any

from vertikal import _yaml, measures, queries
from vertikal.dataset import Dataset
from vertikal.measures.claimset import evaluate_all
from vertikal.measures.compare import compare
from vertikal.measures.periods import periods
from vertikal.problems import VertikalError
from vertikal.release import how_to_cite, release

LANGS = ("en", "ru", "kk")


class ReportError(VertikalError, ValueError):
    """Bad input to the report (unknown language, unwritable output...)."""


def strings(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ReportError(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    text = (resources.files("vertikal.report") / "strings.yaml").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = _yaml.load_text(text, "vertikal/report/strings.yaml")
    return table[lang]


def _steps(ds: Dataset) -> list[dict[str, Any]]:
    out = []
    for a, b in itertools.pairwise(v.id for v in ds.versions):
        c = compare(ds, a, b)
        out.append(
            {"from": a, "to": b, "version": ds.version(b), "changes": c["changes"], "measures": c["measures"]}
        )
    return out


def _low_confidence(ds: Dataset) -> list[dict[str, Any]]:
    rows = []
    for v in ds.versions:
        for it in ds.items:
            c = ds.codings.get(v.id, {}).get(it.id)
            if c is not None and c.confidence == "low":
                rows.append(
                    {"version": v.id, "item": it.id, "label": it.label, "status": c.status, "note": c.note}
                )
    return rows


def _akims(ds: Dataset) -> dict[str, Any] | None:
    from vertikal.akims import AkimsError, akims, decentralization

    try:
        return {"series": decentralization(ds), "rules": akims(ds)}
    except AkimsError:
        return None


def _instruments(ds: Dataset, lang: str) -> dict[str, Any] | None:
    from vertikal.report.instruments import section

    return section(ds, lang)


def _sensitivity(ds: Dataset) -> dict[str, Any] | None:
    from vertikal.measures.sensitivity import FILE, sensitivity

    return sensitivity(ds) if (ds.root / FILE).is_file() else None


def _findings(ds: Dataset, lang: str, t: dict[str, str]) -> list[dict[str, Any]]:
    from vertikal.report.findings import FindingsError, findings
    from vertikal.report.sentences import describe

    try:
        return describe(findings(ds), lang, t)
    except FindingsError as exc:
        raise ReportError(str(exc)) from None


def build(ds: Dataset, lang: str) -> dict[str, Any]:
    t = strings(lang)
    assert ds.codebook is not None and ds.manifest is not None
    timeline = measures.timeline(ds)
    claims = evaluate_all(ds)
    methods = measures.methods(ds)
    every = measures.methods_all(ds)
    return {
        "lang": lang,
        "t": t,
        "country": ds.manifest.name.get(lang),
        "versions": queries.versions(ds),
        "n_codings": sum(len(c) for c in ds.codings.values()),
        "n_items": len(ds.items),
        "domains": {k: v.get(lang) for k, v in ds.codebook.domains.items()},
        "timeline": timeline,
        "measures": methods,
        "dimensions": every["dimensions"],
        "ranges": every["ranges"].get(lang, every["ranges"]["en"]),
        "dlabels": {d["id"]: d["label"].get(lang) or d["label"]["en"] for d in every["dimensions"]},
        "mlabels": {m["id"]: m["label"].get(lang) or m["label"]["en"] for m in methods},
        "sensitivity": _sensitivity(ds),
        "findings": _findings(ds, lang, t),
        "periods": periods(ds)["measures"],
        "steps": _steps(ds),
        "claims": claims,
        "low": _low_confidence(ds),
        "akims": _akims(ds),
        "instruments": _instruments(ds, lang),
        "data_root": t["builtin_data"] if ds.root.name == "data" else str(ds.root),
        "dataset_version": release(ds)["version"],
        "citation": how_to_cite(ds, lang),
    }
