"""Benchmarks for the issues' performance targets. Run with `make bench` (or `python bench/run.py NAME...`).

Each benchmark reports the median of several runs and the target it is measured against.
Timings depend on the machine; these are never asserted in tests.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BENCHES: dict[str, tuple[Callable[[], float], float, str]] = {}


def bench(name: str, target: float, unit: str = "s") -> Callable[[Callable[[], float]], Callable[[], float]]:
    def register(fn: Callable[[], float]) -> Callable[[], float]:
        BENCHES[name] = (fn, target, unit)
        return fn

    return register


def median_of(fn: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def process(*args: str) -> Callable[[], object]:
    exe = shutil.which("vertikal", path=str(BIN)) or "vertikal"

    def run() -> object:
        return subprocess.run([exe, *args], check=True, stdout=subprocess.DEVNULL)

    return run


@bench("load-and-validate", target=0.150)
def load_and_validate() -> float:
    """Issue 2: load and validate the whole dataset in-process (median of 30)."""
    import vertikal

    def run() -> None:
        ds = vertikal.load()
        assert not ds.problems

    return median_of(run, 30)


@bench("versions-json-process", target=0.5)
def versions_json_process() -> float:
    """Issue 2: `vertikal versions --json` as a whole process (median of 15)."""
    return median_of(process("versions", "--json"), 15)


def main(names: list[str]) -> int:
    chosen = names or list(BENCHES)
    failed = 0
    print(f"{'benchmark':32} {'median':>10} {'target':>10}  verdict")
    for name in chosen:
        fn, target, unit = BENCHES[name]
        value = fn()
        ok = value <= target
        failed += not ok
        print(f"{name:32} {value:>9.3f}{unit} {target:>9.3f}{unit}  {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
