"""Which module registers each command, so that a run imports only the module of its own command.

`vertikal.cli.main` calls `select` with the arguments before the app is imported; `vertikal.cli.app`
then imports `wanted()`: the module of the command named, or every module (for --help, an unknown
name, and whenever `select` was not called, as in the tests). A command missing here still works (every
module is imported for it); a test says when this table is out of date.
"""

from __future__ import annotations

# command or group name -> module of vertikal.cli that registers it ("app": vertikal.cli.app itself)
MODULES: dict[str, str] = {
    "codebook": "app",
    "versions": "app",
    "powers": "app",
    "power": "app",
    "matrix": "app",
    "check": "app",
    "akims": "akims_cmds",
    "decentralization": "akims_cmds",
    "cache": "cache_cmds",
    "extract": "extract_cmds",
    "methods": "measures_cmds",
    "measure": "measures_cmds",
    "timeline": "measures_cmds",
    "compare": "measures_cmds",
    "periods": "measures_cmds",
    "claims": "measures_cmds",
    "sensitivity": "measures_cmds",
    "report": "outputs_cmds",
    "export": "outputs_cmds",
    "agreement": "quality_cmds",
    "blank": "quality_cmds",
    "validate": "quality_cmds",
    "sources": "sources_cmds",
    "parse": "texts_cmds",
    "diff": "texts_cmds",
    "corpus": "texts_cmds",
    "build-db": "web_cmds",
    "serve": "web_cmds",
}
ALL = sorted({m for m in MODULES.values() if m != "app"})
_chosen: dict[str, list[str]] = {}


def select(argv: list[str]) -> None:
    """Import only the module of the command that `argv` names (the first word not an option)."""
    name = next((a for a in argv if not a.startswith("-")), None)
    if name in MODULES:
        _chosen["modules"] = [m for m in [MODULES[name]] if m != "app"]
    else:
        _chosen.pop("modules", None)


def wanted() -> list[str]:
    """The command modules to import: the one `select` chose, or all of them."""
    return _chosen.get("modules", ALL)
