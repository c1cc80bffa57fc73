"""Prepare the explorer's cache in a process of its own: ``python -m vertikal.store DATA CACHE``.

`vertikal serve` runs this so that the server process never imports Altair or Polars.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from vertikal.store import StoreError
from vertikal.store.cache import prepare


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: python -m vertikal.store DATA_DIR CACHE_DIR\n")
        return 2
    try:
        p = prepare(Path(argv[0]), Path(argv[1]))
    except StoreError as exc:
        sys.stderr.write(f"vertikal: {exc}\n")
        return 1
    sys.stdout.write(json.dumps({"db": str(p.db), "downloads": str(p.downloads), "data_hash": p.data_hash}))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
