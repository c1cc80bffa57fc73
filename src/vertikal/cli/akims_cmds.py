"""Commands over the akim selection rules: akims, decentralization."""

from __future__ import annotations

from typing import Annotated

import typer

from vertikal.cli._common import DataOpt, JsonOpt, LabelLangOpt, dataset, respond
from vertikal.cli.app import app

TierOpt = Annotated[
    str | None,
    typer.Option("--tier", help="region, republican_city, district, rural or city_district."),
]


@app.command("akims")
def akims_cmd(
    tier: TierOpt = None,
    year: Annotated[
        int | None, typer.Option("--year", min=1990, max=2026, help="Only the rules of this year.")
    ] = None,
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """How akims were chosen, tier by tier: the rules per period, events and counts."""
    from vertikal.akims import akims
    from vertikal.cli import render_akims

    respond(lambda: akims(dataset(data), tier, year), lambda r: render_akims.akims(r, lang), as_json)


@app.command("decentralization")
def decentralization_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """The decentralization series by year, 1990-2026, per tier and nationally."""
    from vertikal.akims import decentralization
    from vertikal.cli import render_akims

    respond(
        lambda: decentralization(dataset(data)), lambda r: render_akims.decentralization(r, lang), as_json
    )
