"""Running a command of the CLI in-process at a given terminal width."""

from __future__ import annotations

from typer.testing import CliRunner

from vertikal.cli import render
from vertikal.cli.app import app

runner = CliRunner()


def run_at_width(*args: str, columns: int = 80) -> str:
    """The command's standard output at `columns` wide (the console's width put back as it was: None
    reads the terminal's at print time); a non-zero exit fails the test with its output."""
    old = render.console._width
    render.console.width = columns
    try:
        result = runner.invoke(app, list(args), env={"COLUMNS": str(columns)})
    finally:
        render.console._width = old
    assert result.exit_code == 0, result.output
    return result.stdout
