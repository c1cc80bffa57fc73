"""The source registry on the command line: every source vertikal cites, as a reader cites it."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from vertikal.cli._common import DataOpt, JsonOpt, dataset, respond
from vertikal.cli.app import app


def _render(rows: list[dict[str, Any]]) -> None:
    from rich.markup import escape

    from vertikal.cli.render import console

    for r in rows:
        console.print(f"[bold]{escape(r['id'])}[/] [dim]({escape(r['kind'] or '')})[/]")
        console.print(f"  {escape(r['cite'])}")
        if r["url"]:
            console.print(f"  {escape(r['url'])}")
        if r["cited_in"]:
            console.print(f"  [dim]cited in: {escape(', '.join(r['cited_in']))}[/]")
    console.print(f"{len(rows)} source(s)")


@app.command("sources")
def sources_cmd(
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only this kind, e.g. official_text, press.")
    ] = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every source the data cite (references.yaml): kind, how to cite it, URL, the files citing it."""
    from vertikal import references

    respond(lambda: references.listing(dataset(data), kind), _render, as_json)
