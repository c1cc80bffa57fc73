"""Commands over the measures: methods, measure, timeline, compare, periods, claims, sensitivity."""

from __future__ import annotations

from typing import Annotated

import typer

from vertikal.cli._common import DataOpt, JsonOpt, LabelLangOpt, dataset, respond, respond_named
from vertikal.cli.app import app


@app.command("methods")
def methods_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """How every dimension and measure is defined: what it follows, its sources, what was not verified."""
    from vertikal import measures
    from vertikal.cli import render_measures

    respond(lambda: measures.methods_all(dataset(data)), lambda r: render_measures.methods(r, lang), as_json)


@app.command("measure")
def measure_cmd(
    measure: Annotated[str, typer.Argument(help="Measure id, e.g. shugart-carey.")],
    version: Annotated[str, typer.Argument(help="Version: an id (1995-08-30), a prefix or a year (2007).")],
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """One measure on one version, component by component, with the codings behind each.

    The score is a range: low and high over the statuses the unknown codings could have; the point
    value counts them as absent."""
    from vertikal import measures
    from vertikal.cli import render_measures

    respond_named(
        data,
        lambda ds: measures.score(ds, measure, version),
        lambda r, n: render_measures.score(r, n, lang),
        as_json,
    )


@app.command("timeline")
def timeline_cmd(
    measure: Annotated[
        list[str] | None,
        typer.Option("--measure", "-m", help="A measure to show; repeat for more (default: all)."),
    ] = None,
    data: DataOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every version with every measure (point value and low-high range), and a terminal chart."""
    from vertikal import measures
    from vertikal.cli import render_measures

    respond(lambda: measures.timeline(dataset(data), measure or None), render_measures.timeline, as_json)


@app.command("compare")
def compare_cmd(
    a: Annotated[str, typer.Argument(help="The earlier version: an id, a unique prefix or a year (1998).")],
    b: Annotated[str, typer.Argument(help="The later version: an id, a unique prefix or a year (2007).")],
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """The step from A to B: every power gained, lost, constrained or loosened, and every measure's delta."""
    from vertikal.cli import render_measures
    from vertikal.measures.compare import compare

    respond_named(
        data, lambda ds: compare(ds, a, b), lambda r, n: render_measures.compare(r, n, lang), as_json
    )


@app.command("periods")
def periods_cmd(data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """Peaks and runs of increase and decrease of each measure."""
    from vertikal.cli import render_measures
    from vertikal.measures.periods import periods

    respond(lambda: periods(dataset(data)), render_measures.periods, as_json)


@app.command("claims")
def claims_cmd(
    claim: Annotated[str | None, typer.Option("--id", help="Only this claim.")] = None,
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """Claims from the literature, evaluated against the data: verdict per measure, with evidence."""
    from vertikal.cli import render_measures
    from vertikal.measures.claimset import evaluate_all

    respond(lambda: evaluate_all(dataset(data), claim), lambda r: render_measures.claims(r, lang), as_json)


@app.command("sensitivity")
def sensitivity_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """How every claim's verdict and every measure's peak change under each judgement switch.

    The switches (data/sensitivity.yaml): unknown codings as absent or present, consultation as sole,
    conditional powers not counted."""
    from vertikal.cli import render_measures
    from vertikal.measures.sensitivity import sensitivity

    respond(lambda: sensitivity(dataset(data)), lambda r: render_measures.sensitivity(r, lang), as_json)
