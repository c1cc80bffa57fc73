"""The `vertikal` command line: parse arguments, call the library, render its result."""

from __future__ import annotations


def main() -> None:
    import sys

    from vertikal.cli import _commands

    _commands.select(sys.argv[1:])  # before the app is imported: only this command's module loads
    from vertikal.cli.app import app

    app()
