"""vertikal: how a head of state's constitutional powers concentrate and deconcentrate over time.

The public API is small:

>>> import vertikal
>>> ds = vertikal.load()            # the built-in Kazakhstan data
>>> ds.problems                     # [] when the data is valid
[]
>>> vertikal.history(ds, "decree_force_of_law")["item"]["id"]
'decree_force_of_law'
"""

from vertikal.dataset import Dataset, load
from vertikal.problems import Problem
from vertikal.queries import codebook, history, powers, versions

__all__ = ["Dataset", "Problem", "codebook", "history", "load", "powers", "versions"]
__version__ = "0.1.0"
