"""Commands on the quality of the codings: agreement between coders, blanks, external validation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from vertikal.cli._common import DataOpt, JsonOpt, dataset, fail, respond
from vertikal.cli.app import app

LangOpt = Annotated[str, typer.Option("--lang", help="Language of the tables: en, ru or kk.")]


def _lang(lang: str) -> str:
    from vertikal.cli.render_quality import LANGS

    if lang not in LANGS:
        fail(f"unknown language {lang!r}; choose one of: {', '.join(LANGS)}")
    return lang


@app.command("agreement")
def agreement_cmd(
    a: Annotated[Path, typer.Argument(help="The first coder's data directory.")],
    b: Annotated[Path, typer.Argument(help="The second coder's data directory.")],
    version: Annotated[
        list[str] | None, typer.Option("--version", help="Only this version; repeat for more.")
    ] = None,
    lang: LangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """Agreement between two coders: percent, Cohen's kappa, Krippendorff's alpha, cited articles."""
    from vertikal.agreement import agreement
    from vertikal.cli import render_quality
    from vertikal.fmt import Names

    lang = _lang(lang)
    respond(
        lambda: agreement(a, b, version),
        lambda r: render_quality.agreement(r, lang, Names.of(dataset(a))),
        as_json,
    )


@app.command("blank")
def blank_cmd(
    version: Annotated[str, typer.Argument(help="Version id, e.g. 2022-09-17.")],
    out: Annotated[Path, typer.Option("--out", help="The codings file to write.")],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    lang: LangOpt = "en",
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write a codings file with every item to fill and no answers, for a blind second coding."""
    from vertikal.blank import write_blank
    from vertikal.cli import render_quality

    lang = _lang(lang)
    respond(
        lambda: write_blank(dataset(data), version, out, force),
        lambda r: render_quality.blank(r, lang),
        as_json,
    )


@app.command("validate")
def validate_cmd(
    against: Annotated[
        Path, typer.Option("--against", help="A country-year CSV: a year column, value columns.")
    ],
    map_: Annotated[
        Path, typer.Option("--map", help="YAML: which column is compared with what, and its direction.")
    ],
    lang: LangOpt = "en",
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Spearman's rho between the columns of an outside table and vertikal's measures or items."""
    from vertikal.cli import render_quality
    from vertikal.validate import validate

    lang = _lang(lang)
    respond(
        lambda: validate(dataset(data), against, map_),
        lambda r: render_quality.validate(r, lang),
        as_json,
    )
