"""How much one YAML file may hold (`vertikal._yaml` reads within these limits).

Kept apart from the reader so that the CLI can state the limits in its help without importing PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """How much one YAML file may hold. The defaults are far above what any data file needs."""

    max_bytes: int = 8 * 2**20  # 8 MiB; the largest shipped file is under 200 KiB
    max_depth: int = 64  # nested mappings and sequences; the shipped data nests under 10 deep
    max_aliases: int = 1000  # anchors plus aliases; the shipped data uses none
    max_nodes: int = 1_000_000  # values in the document with every alias expanded


LIMITS = Limits()
