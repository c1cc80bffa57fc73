"""The README's promises: it opens with the two commands, and its `vertikal` commands run offline."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import vertikal
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


# shown, not run: the one command that uses the network, the server that runs until stopped, and the
# quality commands that need a second coder's codings or the reader's own index (tested on their own)
NOT_RUN = ("vertikal corpus fetch", "vertikal serve", "vertikal agreement", "vertikal validate")
CORPUS_EN = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kz-constitution-1995-rev2022-09.en.txt"
)
FIXTURE_EN = Path(__file__).parent / "fixtures" / "texts" / "testland-2000.en.txt"
CORPUS_KK = CORPUS_EN.with_name("kz-constitution-1995-rev2022-09.kk.md")
FIXTURE_KK = Path(__file__).parent / "fixtures" / "extract" / "synthetic.kk.txt"


def _lines() -> list[str]:
    out = []
    for block in _blocks():
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("vertikal "):
                out.append(line)
    return out


def _commands() -> list[list[str]]:
    return [shlex.split(line)[1:] for line in _lines() if not line.startswith(NOT_RUN)]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh directory with the files the README names, its own cache and its own copy of the data.

    `new.txt` and `my-copy.txt` are the English text of 2022 (from ../shared/corpus, never the
    repository), `my-copy.kk.md` the Kazakh one; `old.txt` is a synthetic earlier version of the
    English text, so that `diff` has words to show.
    Without the shared corpus they are small synthetic texts.
    """
    root = tmp_path_factory.mktemp("readme")
    source = CORPUS_EN if CORPUS_EN.is_file() else FIXTURE_EN
    text = source.read_text(encoding="utf-8")
    (root / "new.txt").write_text(text, encoding="utf-8")
    (root / "my-copy.txt").write_text(text, encoding="utf-8")
    (root / "old.txt").write_text(
        text.replace("seven", "six").replace("Minister", "Ministers"), encoding="utf-8"
    )
    kk = CORPUS_KK if CORPUS_KK.is_file() else FIXTURE_KK
    (root / "my-copy.kk.md").write_text(kk.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(Path(vertikal.__file__).parent / "data", root / "data")
    return root


@pytest.mark.parametrize("args", _commands(), ids=lambda a: " ".join(a))
def test_readme_command_runs(args: list[str], workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every README command runs offline, in order, in one directory as a reader would run them."""
    if args[:2] == ["check", "--texts"] and not CORPUS_EN.is_file():
        pytest.skip("the synthetic stand-ins lack articles that the codings cite")
    monkeypatch.chdir(workspace)  # output commands write into the current directory
    monkeypatch.setenv("VERTIKAL_CACHE", str(workspace / "cache"))
    monkeypatch.setenv("VERTIKAL_DATA", str(workspace / "data"))
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


def test_readme_lists_commands() -> None:
    assert len(_commands()) >= 6
    run = {" ".join(a[:2]) for a in _commands()}
    assert {"corpus add", "diff 2022-06-08", "parse new.txt", "check --texts"} <= run


def test_readme_fetch_examples_have_sources() -> None:
    """The commands not run offline name versions that the sources manifest can fetch."""
    from vertikal.texts.sources import load_sources

    manifest = load_sources()
    fetches = [shlex.split(line) for line in _lines() if line.startswith("vertikal corpus fetch")]
    assert fetches
    for cmd in fetches:
        version, lang = cmd[3], cmd[cmd.index("--lang") + 1]
        assert manifest.get(version, lang) is not None, cmd
