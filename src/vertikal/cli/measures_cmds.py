"""Commands over the measures: methods, measure, timeline, compare, periods, claims, sensitivity.

Each result is memoised in the dataset cache under the command and its arguments; the measures and
the renderers (Rich) are imported only when a result has to be computed or a table printed.
"""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Any

import typer

from vertikal.cli._common import DataOpt, JsonOpt, LabelLangOpt, respond_data, respond_named
from vertikal.cli.app import app
from vertikal.dataset import Dataset


def _render() -> ModuleType:
    from vertikal.cli import render_measures

    return render_measures


@app.command("methods")
def methods_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """How every dimension and measure is defined: what it follows, its sources, what was not verified."""

    def compute(ds: Dataset) -> dict[str, Any]:
        from vertikal import measures

        return measures.methods_all(ds)

    respond_data(data, ("methods",), compute, lambda r: _render().methods(r, lang), as_json)


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

    def compute(ds: Dataset) -> dict[str, Any]:
        from vertikal import measures

        return measures.score(ds, measure, version)

    respond_named(
        data,
        compute,
        lambda r, names: _render().score(r, names, lang),
        as_json,
        key=("measure", measure, version),
    )


@app.command("timeline")
def timeline_cmd(
    measure: Annotated[
        list[str] | None,
        typer.Option("--measure", "-m", help="A measure to show; repeat for more (default: all)."),
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by", help="version: one row per version (the default); date: one row per event date."
        ),
    ] = "version",
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """Every version with every measure (point value and low-high range), and a terminal chart.

    With --by date, one row per date an instrument changed, with the powers per holder that day."""
    if by not in ("version", "date"):
        from vertikal.cli._common import fail

        fail(f"--by {by!r}: expected version or date")

    def compute(ds: Dataset) -> dict[str, Any]:
        if by == "date":
            from vertikal import legal

            return legal.timeline_by_date(ds, measure or None)
        from vertikal import measures

        return measures.timeline(ds, measure or None)

    def render(r: dict[str, Any]) -> None:
        if by == "date":
            from vertikal.cli import render_legal

            render_legal.timeline_by_date(r, lang)
        else:
            _render().timeline(r, lang)

    respond_data(data, ("timeline", by, repr(measure or None)), compute, render, as_json)


@app.command("compare")
def compare_cmd(
    a: Annotated[
        str, typer.Argument(help="The earlier version (an id, a unique prefix or a year) or a date.")
    ],
    b: Annotated[str, typer.Argument(help="The later version (an id, a unique prefix or a year) or a date.")],
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """The step from A to B: every power gained, lost, constrained or loosened, and every measure's delta.

    A and B may also be two dates (YYYY-MM-DD) that are not version ids: then the powers in force on each
    day are compared, per holder and instrument. A version id (which looks like a date) keeps its meaning."""

    def by_dates(ds: Dataset) -> bool:
        from vertikal.legal import BadDate, parse_day

        ids = {v.id for v in ds.versions}
        if a in ids or b in ids:  # a version id keeps its meaning (docs/instruments.md)
            return False
        try:
            parse_day(a), parse_day(b)
        except BadDate:
            return False
        return len(a) == 10 and len(b) == 10

    def compute(ds: Dataset) -> dict[str, Any]:
        if by_dates(ds):
            from vertikal import legal

            return legal.compare_dates(ds, a, b)
        from vertikal.measures.compare import compare

        return compare(ds, a, b)

    def render(r: dict[str, Any], names: Any) -> None:
        if "added" in r:
            from vertikal.cli import render_legal

            render_legal.compare_dates(r, names, lang)
        else:
            _render().compare(r, names, lang)

    respond_named(data, compute, render, as_json, key=("compare", a, b))


@app.command("periods")
def periods_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """Peaks and runs of increase and decrease of each measure."""

    def compute(ds: Dataset) -> dict[str, Any]:
        from vertikal.measures.periods import periods

        return periods(ds)

    respond_data(data, ("periods",), compute, lambda r: _render().periods(r, lang), as_json)


@app.command("claims")
def claims_cmd(
    claim: Annotated[str | None, typer.Option("--id", help="Only this claim.")] = None,
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """Claims from the literature, evaluated against the data: verdict per measure, with evidence."""

    def compute(ds: Dataset) -> dict[str, Any]:
        from vertikal.measures.claimset import evaluate_all

        return evaluate_all(ds, claim)

    respond_data(data, ("claims", repr(claim)), compute, lambda r: _render().claims(r, lang), as_json)


@app.command("sensitivity")
def sensitivity_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """How every claim's verdict and every measure's peak change under each judgement switch.

    The switches (data/sensitivity.yaml): unknown codings as absent or present, consultation as sole,
    conditional powers not counted."""

    def compute(ds: Dataset) -> dict[str, Any]:
        from vertikal.measures.sensitivity import sensitivity

        return sensitivity(ds)

    respond_data(data, ("sensitivity",), compute, lambda r: _render().sensitivity(r, lang), as_json)
