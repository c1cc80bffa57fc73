"""Commands that write outputs: report, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vertikal.cli._common import DataOpt, JsonOpt, dataset, emit_json, fail
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
    from vertikal.report import LANGS, ReportError, write_report

    if lang not in LANGS:
        fail(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    try:
        result = write_report(dataset(data), out, lang, png)
    except ReportError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{out}: {exc.strerror or exc}")
    if as_json:
        emit_json(result)
    else:
        typer.echo(f"report: {result['html']}\nsummary: {result['markdown']}\nfigures: {result['figures']}/")


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
    from vertikal.export import FORMATS, ExportError, export

    if fmt not in (*FORMATS, "all"):
        fail(f"unknown format {fmt!r}; choose one of: {', '.join((*FORMATS, 'all'))}")
    try:
        result = export(dataset(data), out, fmt)
    except ExportError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{out}: {exc.strerror or exc}")
    if as_json:
        emit_json(result)
    else:
        typer.echo(
            f"exported {len(result['tables'])} tables as {', '.join(result['formats'])} to {result['out']}/"
        )
