"""The typer application and the dataset commands (codebook, versions, powers, power, check)."""

from __future__ import annotations

from typing import Annotated

import typer

from vertikal._yaml import LIMITS
from vertikal.cli import render
from vertikal.cli._common import (
    DataOpt,
    JsonOpt,
    LabelLangOpt,
    dataset,
    emit_json,
    fail,
    respond,
    respond_named,
)

app = typer.Typer(
    name="vertikal",
    help="Measure how a head of state's constitutional powers concentrate and deconcentrate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
) -> None:
    """Measure how a head of state's constitutional powers concentrate and deconcentrate."""


@app.command("codebook")
def codebook_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """The codebook: every power, constraint and check that vertikal codes."""
    from vertikal import queries

    respond(lambda: queries.codebook(dataset(data)), lambda r: render.codebook(r, lang), as_json)


@app.command("versions")
def versions_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """Every coded version of the constitutional order."""
    from vertikal import queries

    respond(lambda: queries.versions(dataset(data)), lambda r: render.versions(r, lang), as_json)


@app.command("powers")
def powers_cmd(
    version: Annotated[str, typer.Argument(help="Version: an id (1995-08-30), a prefix or a year (2007).")],
    domain: Annotated[str | None, typer.Option("--domain", help="Only this domain, e.g. government.")] = None,
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """The President's powers in one version, with citations."""
    from vertikal import queries

    respond_named(
        data, lambda ds: queries.powers(ds, version, domain), lambda r, n: render.powers(r, n, lang), as_json
    )


@app.command("power")
def power_cmd(
    item: Annotated[str, typer.Argument(help="Codebook item id, e.g. decree_force_of_law.")],
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """The history of one power across all versions, with citations."""
    from vertikal import queries

    respond_named(
        data, lambda ds: queries.history(ds, item), lambda r, n: render.history(r, n, lang), as_json
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
    from vertikal import queries
    from vertikal.cli import render_matrix

    respond(
        lambda: queries.matrix(dataset(data), item, domain, start, end),
        lambda r: render_matrix.matrix(r, transpose, lang),
        as_json,
    )


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
) -> None:
    """Validate the data strictly; list every problem with its code, file and line."""
    if errors_only and warnings:
        fail("choose one of --errors-only and --warnings")
    ds = dataset(data, strict=False)
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
            texts_cmds.print_checked(checked.to_dict())
        listed = "errors" if errors_only else "warnings" if warnings else "default"
        render.check(ds.problems, ds, listed)
    if ds.errors:
        raise typer.Exit(1)


# Further command groups register themselves on `app` when imported.
from vertikal.cli import (
    akims_cmds,
    extract_cmds,
    measures_cmds,
    outputs_cmds,
    quality_cmds,
    sources_cmds,
    texts_cmds,
    web_cmds,
)
