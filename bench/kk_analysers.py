"""Compare the Kazakh analysers (issue 14): Hunspell's dictionary (spylls) against the suffix rules.

For each analyser: the time to load it in a fresh process (median of 3), how well it groups the
inflected forms of bench/kk-stem-groups.yaml (pairwise precision, recall, F1: two forms of one word
should get one stem, forms of different words different stems), and the item F1 of `extract` with
the same pattern file (data/patterns/kk.yaml) on the official Kazakh texts that are present: the
2022 text in ../shared/corpus (against 2022-09-17) and the 2026 Constitution in $VERTIKAL_TEST_TEXTS
(against 2026-07-01). Run: `python bench/kk_analysers.py [--json]`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
GROUPS = Path(__file__).with_name("kk-stem-groups.yaml")
TEXTS = [
    (ROOT.parent / "shared" / "corpus" / "kz-constitution-1995-rev2022-09.kk.md", "2022-09-17"),
    (
        Path(os.environ.get("VERTIKAL_TEST_TEXTS", "/nonexistent")) / "kz-constitution-2026.kk.md",
        "2026-07-01",
    ),
]
LOAD = (
    "import sys, time; from vertikal.extract import lemmas; lemmas.use_analyser('kk', sys.argv[1]); "
    "t = time.perf_counter(); lemmas.load('kk'); print(time.perf_counter() - t)"
)


def load_time(name: str, runs: int = 3) -> float:
    def once() -> float:
        out = subprocess.run([sys.executable, "-c", LOAD, name], check=True, capture_output=True, text=True)
        return float(out.stdout)

    return statistics.median(once() for _ in range(runs))


def grouping(stem: Any) -> dict[str, float]:
    groups = yaml.safe_load(GROUPS.read_text(encoding="utf-8"))
    words = [(w, i) for i, g in enumerate(groups) for w in g]
    stems = {w: stem(w) for w, _ in words}
    tp = fp = fn = 0
    for (a, i), (b, j) in combinations(words, 2):
        same = stems[a] == stems[b]
        tp, fp, fn = tp + (same and i == j), fp + (same and i != j), fn + (not same and i == j)
    p, r = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def extraction(name: str) -> dict[str, dict[str, float | None]]:
    import vertikal
    from vertikal import extract, texts
    from vertikal.extract import lemmas

    lemmas.use_analyser("kk", name)
    ds = vertikal.load()
    assert ds.codebook is not None
    out = {}
    for path, version in TEXTS:
        if path.is_file():
            found = extract.suggest(texts.parse_file(path), ds.codebook, "kk")
            result = extract.evaluate(found, ds.codings[version], ds.items, version)
            out[version] = {"f1": result.overall.f1, "held_out_f1": result.held_out.f1}
    return out


def compare() -> dict[str, dict[str, Any]]:
    from vertikal.extract import kazakh

    table = {}
    for name in kazakh.ANALYSERS:
        try:
            stem = kazakh.analyser(name)
        except kazakh.AnalyserError as exc:
            table[name] = {"error": str(exc)}
            continue
        table[name] = {
            "load_s": round(load_time(name), 3),
            "stems": grouping(stem),
            "extract": extraction(name),
        }
    return table


def main(args: list[str]) -> int:
    table = compare()
    if "--json" in args:
        print(json.dumps(table, ensure_ascii=False, indent=2))
        return 0
    for name, row in table.items():
        if "error" in row:
            print(f"{name:9} not available: {row['error']}")
            continue
        s = row["stems"]
        ext = ", ".join(f"{v}: F1 {e['f1']} (held-out {e['held_out_f1']})" for v, e in row["extract"].items())
        stems = f"stems P {s['precision']} R {s['recall']} F1 {s['f1']}"
        print(f"{name:9} load {row['load_s']:.3f} s; {stems}; {ext}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
