"""`vertikal export`: tidy tables as CSV, Parquet and JSON, with a Frictionless data package.

Every run over the same data writes byte-identical files: rows are ordered, nothing is timestamped.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from vertikal import _yaml
from vertikal._io import OutputError, check_output_dir, staged_dir
from vertikal.dataset import Dataset
from vertikal.problems import VertikalError

__all__ = ["FORMATS", "ExportError", "export", "table_schemas"]

FORMATS = ("csv", "parquet", "json")
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 (the coded data; the texts of laws are not included)",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


class ExportError(VertikalError, ValueError):
    """Bad input to the export (unknown format, unwritable output...)."""


def table_schemas(ds: Dataset | None = None) -> dict[str, dict[str, Any]]:
    """The tables' Frictionless schemas from `tables.yaml`. A wide table (`versionColumns`) gets one
    column per version of `ds`, named by the version's id."""
    text = (resources.files("vertikal.export") / "tables.yaml").read_text(encoding="utf-8")
    schemas: dict[str, dict[str, Any]] = _yaml.load_text(text, "vertikal/export/tables.yaml")
    for schema in schemas.values():
        per_version = schema.pop("versionColumns", None)
        if per_version is not None and ds is not None:
            schema["fields"] += [
                {"name": v.id, "type": "string", "description": per_version.format(version=v.id)}
                for v in ds.versions
            ]
    return schemas


def _formats(fmt: str) -> tuple[str, ...]:
    if fmt == "all":
        return FORMATS
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of: {', '.join((*FORMATS, 'all'))}")
    return (fmt,)


def _frame(rows: list[dict[str, Any]], schema: dict[str, Any]) -> Any:
    import polars as pl

    types = {
        "string": pl.Utf8,
        "number": pl.Float64,
        "integer": pl.Int64,
        "boolean": pl.Boolean,
        "date": pl.Utf8,
    }
    names = [f["name"] for f in schema["fields"]]
    columns = {
        f["name"]: pl.Series(f["name"], [r.get(f["name"]) for r in rows], dtype=types[f["type"]])
        for f in schema["fields"]
    }
    for r in rows[:1]:
        extra = set(r) - set(names)
        if extra:
            raise ExportError(f"internal: columns {sorted(extra)} are not in the schema")
    return pl.DataFrame(columns)


def _package(ds: Dataset, schemas: dict[str, dict[str, Any]], formats: tuple[str, ...]) -> dict[str, Any]:
    import vertikal
    from vertikal.release import how_to_cite, release

    fmt = "csv" if "csv" in formats else formats[0]
    ext = {"csv": "csv", "parquet": "parquet", "json": "json"}[fmt]
    media = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "json": "application/json"}[fmt]
    assert ds.manifest is not None
    from vertikal.references import describe

    sources = describe(ds, sorted({u for v in ds.versions for u in v.sources}))
    resources_ = []
    for name, schema in schemas.items():
        res: dict[str, Any] = {
            "name": name.replace("_", "-"),
            "path": f"{fmt}/{name}.{ext}",
            "format": fmt,
            "mediatype": media,
            "description": schema["description"],
            "schema": {"fields": schema["fields"], "primaryKey": schema["primaryKey"]},
        }
        if fmt == "csv":
            res["encoding"] = "utf-8"
            res["schema"]["missingValues"] = [""]
        resources_.append(res)
    return {
        "name": f"vertikal-{ds.manifest.country.lower()}",
        "title": f"vertikal: presidential powers and akim selection, {ds.manifest.name.en}",
        "description": (
            "Coded facts about the head of state's constitutional powers in every version of the "
            "constitutional order, with article citations, measures, claims from the literature and the "
            "rules for choosing local executives. Texts of laws are not included. Formats written: "
            + ", ".join(formats)
            + "."
        ),
        "version": release(ds)["version"],
        "released": release(ds)["released"],
        "vertikal_version": vertikal.__version__,
        "citation": how_to_cite(ds, "en"),
        "licenses": [LICENCE],
        "sources": [{"title": s["cite"]} | ({"path": s["url"]} if s["url"] else {}) for s in sources],
        "resources": resources_,
    }


def export(ds: Dataset, out: Path, fmt: str = "all", force: bool = False) -> dict[str, Any]:
    """Write every table in the chosen format(s) and a datapackage.json into `out`, atomically.

    `out` must be new, empty, or hold only what vertikal wrote there; with `force`, other files in it
    are kept and only vertikal's own are replaced (see `vertikal._io`).
    """
    from vertikal.export.rows import all_tables
    from vertikal.release import release

    formats = _formats(fmt)
    out = Path(out)
    try:
        check_output_dir(out, force)
    except OutputError as exc:
        raise ExportError(str(exc)) from None
    schemas = table_schemas(ds)
    tables = all_tables(ds)
    missing = set(schemas) ^ set(tables)
    if missing:
        raise ExportError(f"internal: tables and schemas differ: {sorted(missing)}")
    written: list[str] = []
    info = release(ds)
    meta = {"vertikal:dataset_version": info["version"], "vertikal:software_version": info["software"]}
    with staged_dir(out, "export", force) as tmp:
        for f in formats:
            (tmp / f).mkdir()
        for name, schema in schemas.items():
            frame = _frame(tables[name], schema)
            if "csv" in formats:
                frame.write_csv(tmp / "csv" / f"{name}.csv")
            if "parquet" in formats:
                frame.write_parquet(tmp / "parquet" / f"{name}.parquet", statistics=False, metadata=meta)
            if "json" in formats:
                text = json.dumps(frame.to_dicts(), ensure_ascii=False, indent=1, sort_keys=True)
                (tmp / "json" / f"{name}.json").write_text(text + "\n", encoding="utf-8")
            written += [f"{f}/{name}.{f}" for f in formats]
        package = _package(ds, schemas, formats)
        text = json.dumps(package, ensure_ascii=False, indent=2)
        (tmp / "datapackage.json").write_text(text + "\n", encoding="utf-8")
    return {
        "out": str(out),
        "dataset_version": info["version"],
        "formats": list(formats),
        "tables": list(schemas),
        "files": [*written, "datapackage.json"],
    }
