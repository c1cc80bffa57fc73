"""`vertikal cache`: where the dataset cache is and what it holds; `vertikal cache clear` empties it."""

from __future__ import annotations

from typing import Any

import typer

from vertikal.cli._common import JsonOpt, emit_json
from vertikal.cli.app import app

cache_app = typer.Typer(
    help="The dataset cache: where it is and what it holds (`vertikal cache`); `vertikal cache clear`.",
    no_args_is_help=False,
    invoke_without_command=True,
)
app.add_typer(cache_app, name="cache")


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n / 2**10:.0f} kB"


def _show(result: dict[str, Any]) -> None:
    state = "on" if result["enabled"] else "off: --no-cache or VERTIKAL_NO_CACHE=1"
    typer.echo(f"dataset cache: {result['folder']} ({state})")
    if not result["files"]:
        typer.echo("  empty: the next command that reads the data fills it")
    for f in result["files"]:
        if f["valid"]:
            what = f"data {f['data']}, vertikal {f['vertikal']}, {f['results']} results"
        else:
            what = "not a valid cache file: ignored, and replaced by the next run"
        typer.echo(f"  {f['file']}  {_size(f['bytes'])}  {f['written']}  {what}")
    typer.echo(f"total {_size(result['bytes'])}; `vertikal cache clear` empties it")


@cache_app.callback()
def cache_cmd(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Where the dataset cache is and what it holds (the validated data, by data directory)."""
    if ctx.invoked_subcommand is not None:
        return
    from vertikal import datacache

    result = datacache.info()
    emit_json(result) if as_json else _show(result)


@cache_app.command("clear")
def clear_cmd(as_json: JsonOpt = False) -> None:
    """Remove the dataset cache files (only those vertikal wrote); the next run rebuilds what it needs."""
    from vertikal import datacache

    result = datacache.clear()
    if as_json:
        emit_json(result)
    else:
        typer.echo(f"removed {len(result['removed'])} file(s) from {result['folder']}")
