"""Commands that write outputs: report, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from vertikal.cli._common import DataOpt, JsonOpt, dataset, fail, respond
from vertikal.cli.app import app

OUT_HELP = (
    "Output directory: new, empty, or one vertikal wrote before (it keeps a list of its files there, "
    "in .vertikal-output.json). A directory holding other files is refused; `.`, a parent of the "
    "current directory, the home directory and / always are. Written atomically."
)
ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Also write into a directory that holds other files: replace only the files vertikal wrote "
        "there before and keep every other file as it is.",
    ),
]


@app.command("report")
def report_cmd(
    out: Annotated[Path, typer.Option("--out", help=OUT_HELP)] = Path("report"),
    lang: Annotated[str, typer.Option("--lang", help="en or ru.")] = "en",
    png: Annotated[bool, typer.Option("--png/--no-png", help="Also write PNG figures.")] = True,
    force: ForceOpt = False,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Build the self-contained HTML report, a Markdown summary and SVG/PNG figures."""
    from vertikal.report import LANGS, write_report

    if lang not in LANGS:
        fail(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")

    def say(r: dict[str, str]) -> None:
        typer.echo(f"report: {r['html']}\nsummary: {r['markdown']}\nfigures: {r['figures']}/")

    respond(lambda: write_report(dataset(data), out, lang, png, force), say, as_json)


@app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Option("--out", help=OUT_HELP)] = Path("export"),
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet, json or all.")] = "all",
    force: ForceOpt = False,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export tidy tables (CSV, Parquet, JSON) and a Frictionless datapackage.json."""
    from vertikal.export import FORMATS, export

    if fmt not in (*FORMATS, "all"):
        fail(f"unknown format {fmt!r}; choose one of: {', '.join((*FORMATS, 'all'))}")

    def say(r: dict[str, Any]) -> None:
        typer.echo(f"exported {len(r['tables'])} tables as {', '.join(r['formats'])} to {r['out']}/")

    respond(lambda: export(dataset(data), out, fmt, force), say, as_json)
