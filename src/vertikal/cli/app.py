"""The typer application and the dataset commands (codebook, versions, powers, power, check)."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Annotated

import typer

from vertikal._limits import LIMITS
from vertikal.cli import _commands
from vertikal.cli._common import (
    DataOpt,
    JsonOpt,
    LabelLangOpt,
    dataset,
    emit_json,
    fail,
    respond_data,
    respond_named,
)

app = typer.Typer(
    name="vertikal",
    help="Measure how a head of state's constitutional powers concentrate and deconcentrate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _render() -> ModuleType:
    """The table renderers; Rich loads with them, so only when a command prints a table (not --json)."""
    from vertikal.cli import render

    return render


def _queries() -> ModuleType:
    """The library's queries, imported only when a result is not already in the dataset cache."""
    from vertikal import queries

    return queries


def _print_version(value: bool) -> None:
    """`vertikal --version`: the program's version and the version of the data it reads by default."""
    if not value:
        return
    import vertikal
    from vertikal.dataset import default_root
    from vertikal.release import UNVERSIONED, read_release

    root = default_root()
    found = read_release(root) if root.is_dir() else None
    typer.echo(f"vertikal {vertikal.__version__}")
    if found is not None:
        typer.echo(f"dataset {found.version} (released {found.released})")
    else:
        typer.echo(f"dataset {UNVERSIONED} ({root} has no valid dataset.yaml)")
    raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the versions of vertikal and of its data ($VERTIKAL_DATA or the built-in data).",
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read and validate the data files without the dataset cache (also VERTIKAL_NO_CACHE=1); "
            "`vertikal cache` shows where it is.",
        ),
    ] = False,
) -> None:
    """Measure how a head of state's constitutional powers concentrate and deconcentrate."""
    from vertikal import datacache

    datacache.switch(not no_cache)


@app.command("codebook")
def codebook_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """The codebook: every power, constraint and check that vertikal codes."""
    respond_data(
        data,
        ("codebook",),
        lambda ds: _queries().codebook(ds),
        lambda r: _render().codebook(r, lang),
        as_json,
    )


@app.command("versions")
def versions_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """Every coded version of the constitutional order."""
    respond_data(
        data,
        ("versions",),
        lambda ds: _queries().versions(ds),
        lambda r: _render().versions(r, lang),
        as_json,
    )


@app.command("powers")
def powers_cmd(
    version: Annotated[str, typer.Argument(help="Version: an id (1995-08-30), a prefix or a year (2007).")],
    domain: Annotated[str | None, typer.Option("--domain", help="Only this domain, e.g. government.")] = None,
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """The President's powers in one version, with citations."""
    respond_named(
        data,
        lambda ds: _queries().powers(ds, version, domain),
        lambda r, names: _render().powers(r, names, lang),
        as_json,
        key=("powers", version, repr(domain)),
    )


@app.command("power")
def power_cmd(
    item: Annotated[str, typer.Argument(help="Codebook item id, e.g. decree_force_of_law.")],
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """The history of one power across all versions, with citations."""
    respond_named(
        data,
        lambda ds: _queries().history(ds, item),
        lambda r, names: _render().history(r, names, lang),
        as_json,
        key=("power", item),
    )


@app.command("matrix")
def matrix_cmd(
    item: Annotated[list[str] | None, typer.Option("--item", help="An item id; repeat for more.")] = None,
    domain: Annotated[str | None, typer.Option("--domain", help="All items of this domain.")] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--from", help="First version: an id, a year or a month (1995, 2022-09).", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last version: an id, a year or a month.", show_default=False),
    ] = None,
    transpose: Annotated[
        bool | None,
        typer.Option(
            "--transpose/--no-transpose",
            help="Versions as rows and numbered items as columns (default: whichever fits the terminal).",
            show_default=False,
        ),
    ] = None,
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """Several powers across the versions at a glance (the key powers by default).

    In a narrow terminal the table shows what fits (every version with the items as numbered
    columns, or the most recent versions) and says how to see the rest: --from/--to choose the
    versions, --item/--domain the items, --transpose/--no-transpose the orientation.
    """

    def show(result: dict[str, object]) -> None:
        from vertikal.cli import render_matrix

        render_matrix.matrix(result, transpose, lang)

    key = ("matrix", repr(item), repr(domain), repr(start), repr(end))
    respond_data(data, key, lambda ds: _queries().matrix(ds, item, domain, start, end), show, as_json)


CHECK_HELP = (
    "Validate the data strictly; list every problem with its code, file and line.\n\n"
    "Errors are listed first, then one line that counts the warnings by code (documented gaps that "
    "do not fail the check); --warnings lists them one by one. --json lists every problem.\n\n"
    f"Every YAML file is read within limits: at most {LIMITS.max_bytes // 2**20} MiB (VK023), "
    f"{LIMITS.max_depth} levels of nesting (VK024), {LIMITS.max_aliases:,} anchors and aliases (VK025) "
    f"and {LIMITS.max_nodes:,} values once aliases are expanded (VK026); docs/coding-guide.md explains them."
)


@app.command("check", help=CHECK_HELP)
def check_cmd(
    data: DataOpt = None,
    as_json: JsonOpt = False,
    texts: Annotated[
        bool, typer.Option("--texts", help="Also resolve every citation against the versions' cached texts.")
    ] = False,
    errors_only: Annotated[
        bool, typer.Option("--errors-only", help="List the errors only (not even the warnings' summary).")
    ] = False,
    warnings: Annotated[
        bool, typer.Option("--warnings", help="List every warning too, not only their summary by code.")
    ] = False,
    lang: LabelLangOpt = "en",
) -> None:
    """Validate the data strictly; list every problem with its code, file and line."""
    if errors_only and warnings:
        fail("choose one of --errors-only and --warnings")
    ds = dataset(data, strict=False, cache=False)  # always the data files themselves, validated
    checked = None
    if texts:
        from vertikal.texts.citations import check_texts

        checked = check_texts(ds)
        ds.problems.extend(checked.problems)
        ds.problems.sort(key=lambda p: (p.file, p.line, p.code))
    result = {
        "ok": not ds.errors,
        "errors": len(ds.errors),
        "warnings": len(ds.warnings),
        "problems": [p.to_dict() for p in ds.problems],
    }
    if checked is not None:
        result["texts"] = checked.to_dict()
    if as_json:
        emit_json(result)
    else:
        if checked is not None:
            from vertikal.cli.texts_cmds import print_checked

            print_checked(checked.to_dict())
        listed = "errors" if errors_only else "warnings" if warnings else "default"
        _render().check(ds.problems, ds, listed, lang)
    if ds.errors:
        raise typer.Exit(1)


# Further command groups register themselves on `app` when imported: all of them, or only the one of
# the command this process runs (see `vertikal.cli._commands`).
for _module in _commands.wanted():
    importlib.import_module(f"vertikal.cli.{_module}")
