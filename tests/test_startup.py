"""Issue 15: a command imports only what it uses, and says the same with the cache cold, warm or off."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from vertikal import datacache
from vertikal.cli import _commands
from vertikal.cli.app import app

from .conftest import EN_2022, MINI

runner = CliRunner()

# Never imported by a simple command on a warm cache: the models, their validation and the heavy stacks.
WARM_NEVER = (
    "pydantic",
    "vertikal.models",
    "vertikal.check",
    "vertikal.measures",
    "yaml",
    "rich",
    "polars",
    "fastapi",
    "starlette",
    "sqlalchemy",
    "uvicorn",
    "jinja2",
    "altair",
    "babel",
    "pymorphy3",
    "numpy",
)
# Never imported by these commands, even when they validate the data (a cold cache): only --json is printed.
COLD_NEVER = (
    "rich",
    "polars",
    "fastapi",
    "sqlalchemy",
    "uvicorn",
    "jinja2",
    "altair",
    "babel",
    "pymorphy3",
    "numpy",
)
SIMPLE = [
    ["versions", "--json"],
    ["powers", "2007-05-21", "--json"],
    ["power", "veto", "--json"],
    ["claims", "--json"],
]
PROBE = (
    "import sys\n"
    "from vertikal.cli import main\n"
    "sys.argv = ['vertikal', *sys.argv[1:]]\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "names = sys.argv and {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
    "sys.stderr.write('IMPORTED ' + ' '.join(sorted(names)) + '\\n')\n"
)


def imported(args: list[str], cache: Path) -> set[str]:
    env = {**os.environ, "VERTIKAL_CACHE": str(cache)}
    env.pop("VERTIKAL_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-800:]
    return set(proc.stderr.rsplit("IMPORTED ", 1)[1].split())


@pytest.mark.parametrize("args", SIMPLE, ids=lambda a: a[0])
def test_simple_commands_import_no_models_on_a_warm_cache(args: list[str], tmp_path: Path) -> None:
    cold = imported(args, tmp_path)  # the first run validates the data and fills the cache
    assert not [m for m in COLD_NEVER if m in cold]
    warm = imported(args, tmp_path)
    assert not [m for m in WARM_NEVER if m in warm]
    assert "vertikal.datacache" in warm


def test_the_table_of_command_modules_is_complete() -> None:
    found: dict[str, str] = {}
    for c in app.registered_commands:
        found[c.name or c.callback.__name__] = c.callback.__module__.rsplit(".", 1)[1]  # type: ignore[union-attr]
    for g in app.registered_groups:
        sub = g.typer_instance
        assert sub is not None and g.name is not None
        callbacks = [c.callback for c in sub.registered_commands]
        if sub.registered_callback is not None:
            callbacks.append(sub.registered_callback.callback)
        found[g.name] = {cb.__module__.rsplit(".", 1)[1] for cb in callbacks if cb is not None}.pop()
    assert found == _commands.MODULES


def test_a_run_imports_only_the_module_of_its_command(tmp_path: Path) -> None:
    mods = imported(["versions", "--json"], tmp_path)
    assert not [m for m in mods if m.startswith("vertikal.cli.") and m.endswith("_cmds")]
    mods = imported(["claims", "--json"], tmp_path)
    assert [m for m in mods if m.endswith("_cmds")] == ["vertikal.cli.measures_cmds"]


# Every command with --json, as the cache test runs it ({out} is a folder of the test's own). Those left
# out read no dataset, or show the cache itself.
CASES: dict[str, list[list[str]]] = {
    "codebook": [["codebook"]],
    "versions": [["versions"]],
    "powers": [["powers", "2007-05-21"], ["powers", "2022-09", "--domain", "government"]],
    "power": [["power", "veto"], ["power", "decree_force_of_law"]],
    "matrix": [["matrix"], ["matrix", "--domain", "government", "--from", "1995", "--to", "2022"]],
    "check": [["check"]],
    "akims": [["akims"]],
    "decentralization": [["decentralization"]],
    "methods": [["methods"]],
    "measure": [["measure", "siaroff", "2007"]],
    "timeline": [["timeline"], ["timeline", "-m", "siaroff"], ["timeline", "--by", "date", "-m", "volume"]],
    "compare": [["compare", "1998", "2007-05-21"], ["compare", "2020-06-01", "2022-07-01"]],
    "instruments": [["instruments"]],
    "events": [["events"]],
    "at": [["at", "2020-06-01"], ["at", "2022-07-01", "--holder", "first_president"]],
    "periods": [["periods"]],
    "claims": [["claims"], ["claims", "--id", "seed-1990-representative"]],
    "sensitivity": [["sensitivity"]],
    "sources": [["sources"]],
    "blank": [["blank", "2022-09-17", "--out", "{out}/blank.yaml", "--force"]],
    "agreement": [["agreement", str(MINI), str(MINI)]],
    "extract": [["extract", str(EN_2022), "--lang", "en"]],
    "export": [["export", "--out", "{out}/data", "--format", "csv", "--force"]],
    "report": [["report", "--out", "{out}/report", "--force"]],
    "build-db": [["build-db", "--out", "{out}/v.sqlite", "--force"]],
}
LEFT_OUT = {
    "validate": "reads an outside table the user brings (tests/test_validate.py)",
    "parse": "reads a text, not the dataset",
    "diff": "reads two texts, not the dataset",
    "corpus": "the texts cache",
    "cache": "shows the cache itself",
}


def _json_commands(t: typer.Typer, prefix: str = "") -> set[str]:
    out = set()
    for c in t.registered_commands:
        assert c.callback is not None
        if "as_json" in inspect.signature(c.callback).parameters:
            out.add(prefix + (c.name or c.callback.__name__))
    for g in t.registered_groups:
        assert g.typer_instance is not None and g.name is not None
        if _json_commands(g.typer_instance, prefix) or g.typer_instance.registered_callback:
            out.add(g.name)
    return out


def test_every_json_command_is_compared() -> None:
    assert _json_commands(app) == set(CASES) | set(LEFT_OUT)


def _run(args: list[str], out: Path, mode: str) -> str:
    argv = [a.replace("{out}", str(out)) for a in args] + ["--json"]
    if mode == "off":
        argv = ["--no-cache", *argv]
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, (mode, args, result.output[-600:])
    return result.stdout


def test_every_json_command_says_the_same_with_the_cache_cold_warm_and_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Byte for byte: cold (an empty cache), warm data (the dataset cached, this result not yet),
    warm (the result too) and off (--no-cache)."""
    if not EN_2022.is_file():
        pytest.skip(f"{EN_2022} is missing")
    out = tmp_path / "out"
    monkeypatch.delenv("VERTIKAL_NO_CACHE", raising=False)
    cases = [args for name in sorted(CASES) for args in CASES[name]]
    seen: dict[str, dict[str, str]] = {" ".join(a): {} for a in cases}
    for i, args in enumerate(cases):  # each alone in an empty cache
        monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "cold" / str(i)))
        seen[" ".join(args)]["cold"] = _run(args, out, "cold")
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "shared"))
    _run(["versions"], out, "cold")
    for mode in ("warm data", "warm", "off"):
        for args in cases:
            seen[" ".join(args)][mode] = _run(args, out, mode)
    assert datacache.info()["files"][0]["results"] > 10
    for command, outputs in seen.items():
        assert len(set(outputs.values())) == 1, f"{command}: {[m for m in outputs]} differ"


def test_cached_results_are_the_librarys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--json on a warm cache equals the library's result on freshly validated data."""
    import json

    import vertikal
    from vertikal import queries
    from vertikal.measures.claimset import evaluate_all

    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "cache"))
    fresh = vertikal.load()
    expected: dict[str, Any] = {
        "versions": queries.versions(fresh),
        "powers 2007-05-21": queries.powers(fresh, "2007-05-21"),
        "power veto": queries.history(fresh, "veto"),
        "claims": evaluate_all(fresh),
    }
    for command, value in expected.items():
        args = command.split()
        _run(args, tmp_path, "cold")
        assert json.loads(_run(args, tmp_path, "warm")) == value, command


@pytest.mark.parametrize(
    "args",
    [
        ["versions"],
        ["powers", "2007-05-21"],
        ["powers", "2007-05-21", "--lang", "ru"],
        ["power", "veto", "--lang", "kk"],
        ["compare", "1998", "2007-05-21"],
        ["claims"],
    ],
    ids=lambda a: " ".join(a),
)
def test_tables_read_the_same_with_the_cache_cold_warm_and_off(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VERTIKAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "80")
    seen = []
    for argv in (args, args, ["--no-cache", *args]):  # cold, warm, off
        result = runner.invoke(app, argv, env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        seen.append(result.stdout)
    assert seen[0] == seen[1] == seen[2]


def test_names_kept_as_plain_data_format_the_same(shipped: Any) -> None:
    from vertikal.fmt import Names

    names = Names.of(shipped)
    plain = Names(**names.plain())
    for lang in ("en", "ru", "kk"):
        ids = list(names.body_names)
        assert plain.bodies(ids, lang) == names.bodies(ids, lang)
        for vid, docs in names.documents.items():
            assert plain.docs(vid, lang) == names.docs(vid, lang)
            refs = [f"{k}/art_1" for k in docs]
            assert plain.cites(refs, vid, lang) == names.cites(refs, vid, lang)
    assert names.documents, "the shipped data has a version with further documents"
