"""The README's promises: it opens with the two commands, and its `vertikal` commands run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vertikal.cli.app import app

README = Path(__file__).resolve().parents[1] / "README.md"
MAKEFILE = README.with_name("Makefile")


def _blocks() -> list[str]:
    return re.findall(r"```(?:sh|bash)\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_opens_with_make_demo_and_make_test() -> None:
    first = _blocks()[0].splitlines()
    assert first[0].startswith("make demo")
    assert first[1].startswith("make test")
    targets = MAKEFILE.read_text(encoding="utf-8")
    assert re.search(r"^demo:", targets, flags=re.M) and re.search(r"^test:", targets, flags=re.M)


# shown, not run: they need the network, a user's own file, cached texts, or they serve forever
SHOWN_NOT_RUN = (
    "vertikal corpus fetch",
    "vertikal corpus add",
    "vertikal parse my-copy",
    "vertikal diff",
    "vertikal serve",
    "vertikal build-db",
    "vertikal extract",
    "vertikal agreement",
    "vertikal validate",
)


def _commands() -> list[list[str]]:
    out = []
    for block in _blocks():
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("vertikal ") and not line.startswith(SHOWN_NOT_RUN):
                out.append(shlex.split(line)[1:])
    return out


@pytest.mark.parametrize("args", _commands(), ids=lambda a: " ".join(a))
def test_readme_command_runs(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # output commands write into the current directory
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


def test_readme_lists_commands() -> None:
    assert len(_commands()) >= 6
