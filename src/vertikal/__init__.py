"""vertikal: how a head of state's constitutional powers concentrate and deconcentrate over time.

The public API is small:

>>> import vertikal
>>> ds = vertikal.load()            # the built-in Kazakhstan data; raises DataError if it has errors
>>> ds.errors                       # [] (warnings, documented gaps, are in ds.warnings)
[]
>>> vertikal.history(ds, "decree_force_of_law")["item"]["id"]
'decree_force_of_law'
"""

from vertikal.dataset import Dataset
from vertikal.loader import load
from vertikal.problems import DataError, Problem, VertikalError
from vertikal.queries import codebook, history, powers, versions

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
