"""The dated legal order on the command line: instruments, events, and the powers on a date."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Any

import typer

from vertikal.cli._common import DataOpt, JsonOpt, LabelLangOpt, respond_data, respond_named
from vertikal.cli.app import app
from vertikal.dataset import Dataset


def _render() -> ModuleType:
    from vertikal.cli import render_legal

    return render_legal


@app.command("instruments")
def instruments_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """Every instrument of the legal order (Constitutions, laws, decrees) with its versions in force."""

    def compute(ds: Dataset) -> list[dict[str, Any]]:
        from vertikal import legal

        return legal.instruments(ds)

    respond_data(data, ("instruments",), compute, lambda r: _render().instruments(r, lang), as_json)


@app.command("events")
def events_cmd(data: DataOpt = None, lang: LabelLangOpt = "en", as_json: JsonOpt = False) -> None:
    """Every date an instrument version entered into force or an instrument was repealed."""

    def compute(ds: Dataset) -> list[dict[str, Any]]:
        from vertikal import legal

        return legal.events(ds)

    respond_data(data, ("events",), compute, lambda r: _render().events(r, lang), as_json)


@app.command("at")
def at_cmd(
    date: Annotated[str, typer.Argument(help="A day, YYYY-MM-DD, e.g. 2020-06-01.")],
    holder: Annotated[
        str | None, typer.Option("--holder", help="Only this holder: president or first_president.")
    ] = None,
    data: DataOpt = None,
    lang: LabelLangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """The powers in force on a date, per holder, each with the instrument and article it rests on."""

    def compute(ds: Dataset) -> dict[str, Any]:
        from vertikal import legal

        return legal.at(ds, date, holder)

    respond_named(
        data, compute, lambda r, names: _render().at(r, names, lang), as_json, key=("at", date, repr(holder))
    )
