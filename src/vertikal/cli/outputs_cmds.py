"""Commands that write outputs: report, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from vertikal.cli._common import DataOpt, JsonOpt, dataset, fail, respond
from vertikal.cli.app import app


@app.command("report")
def report_cmd(
    out: Annotated[Path, typer.Option("--out", help="Output directory (replaced atomically).")] = Path(
        "report"
    ),
    lang: Annotated[str, typer.Option("--lang", help="en or ru.")] = "en",
    png: Annotated[bool, typer.Option("--png/--no-png", help="Also write PNG figures.")] = True,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Build the self-contained HTML report, a Markdown summary and SVG/PNG figures."""
    from vertikal.report import LANGS, write_report

    if lang not in LANGS:
        fail(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")

    def say(r: dict[str, str]) -> None:
        typer.echo(f"report: {r['html']}\nsummary: {r['markdown']}\nfigures: {r['figures']}/")

    respond(lambda: write_report(dataset(data), out, lang, png), say, as_json)


@app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Option("--out", help="Output directory (replaced atomically).")] = Path(
        "export"
    ),
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet, json or all.")] = "all",
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export tidy tables (CSV, Parquet, JSON) and a Frictionless datapackage.json."""
    from vertikal.export import FORMATS, export

    if fmt not in (*FORMATS, "all"):
        fail(f"unknown format {fmt!r}; choose one of: {', '.join((*FORMATS, 'all'))}")

    def say(r: dict[str, Any]) -> None:
        typer.echo(f"exported {len(r['tables'])} tables as {', '.join(r['formats'])} to {r['out']}/")

    respond(lambda: export(dataset(data), out, fmt), say, as_json)
