"""Benchmarks for the issues' performance targets. Run with `make bench` (or `python bench/run.py NAME...`).

Each benchmark reports the median of several runs and the target it is measured against.
Timings depend on the machine; these are never asserted in tests.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
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
        assert not ds.errors

    return median_of(run, 30)


@bench("versions-json-process", target=0.5)
def versions_json_process() -> float:
    """Issue 2: `vertikal versions --json` as a whole process (median of 15)."""
    return median_of(process("versions", "--json"), 15)


@bench("measures-all-versions", target=0.050)
def measures_all_versions() -> float:
    """Issue 3: every measure for every version, in-process, data already loaded (median of 20)."""
    import vertikal
    from vertikal import measures

    ds = vertikal.load()
    measures.definitions(ds)  # parse the definition files once, as a long-lived process would

    def run() -> None:
        for d in measures.definitions(ds):
            for v in ds.versions:
                measures.score(ds, d.id, v.id)

    return median_of(run, 20)


@bench("timeline-json-process", target=0.8)
def timeline_json_process() -> float:
    """Issue 3: `vertikal timeline --json` as a whole process (median of 10)."""
    return median_of(process("timeline", "--json"), 10)


@bench("report-process", target=3.0)
def report_process() -> float:
    """Issue 6: `vertikal report` as a whole process, with SVG and PNG figures (median of 5)."""
    out = Path(tempfile.mkdtemp(prefix="vertikal-bench-")) / "report"
    return median_of(process("report", "--out", str(out)), 5)


@bench("export-all-process", target=2.0)
def export_all_process() -> float:
    """Issue 6: `vertikal export --format all` as a whole process (median of 5)."""
    out = Path(tempfile.mkdtemp(prefix="vertikal-bench-")) / "data"
    return median_of(process("export", "--format", "all", "--out", str(out)), 5)


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
