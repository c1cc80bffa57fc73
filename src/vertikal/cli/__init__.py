"""The `vertikal` command line: parse arguments, call the library, render its result."""

from __future__ import annotations


def main() -> None:
    from vertikal.cli.app import app

    app()
