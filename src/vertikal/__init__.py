"""vertikal: how a head of state's constitutional powers concentrate and deconcentrate over time.

The public API is small:

>>> import vertikal
>>> ds = vertikal.load()            # the built-in Kazakhstan data; raises DataError if it has errors
>>> ds.errors                       # [] (warnings, documented gaps, are in ds.warnings)
[]
>>> vertikal.history(ds, "decree_force_of_law")["item"]["id"]
'decree_force_of_law'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vertikal.dataset import Dataset
from vertikal.problems import DataError, Problem, VertikalError

if TYPE_CHECKING:
    from vertikal.loader import load
    from vertikal.queries import codebook, history, powers, versions

# Imported when first used, so that `import vertikal` (and the CLI's start) loads no models.
_LAZY = {
    "load": "vertikal.loader",
    "codebook": "vertikal.queries",
    "history": "vertikal.queries",
    "powers": "vertikal.queries",
    "versions": "vertikal.queries",
}

__all__ = [
    "DataError",
    "Dataset",
    "Problem",
    "VertikalError",
    "codebook",
    "history",
    "load",
    "powers",
    "versions",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vertikal' has no attribute {name!r}")
