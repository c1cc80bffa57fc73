"""Issue 13 part 7: the dated legal order at 100x the real data (bench/synthetic.py makes it).

    python bench/legal_scale.py [--systems 100] [--dates 1000] [--duration 10] [--connections 32]
                                [--workers 1] [--no-web] [--json]

Measures, each against its target:
- load and validate the synthetic dataset in-process (`vertikal.load`, strict, no dataset cache):
  median of 3, target 3 s; and, for comparison, a load through a warm dataset cache in a fresh process.
  The codings files of so large a load (47 MB) are parsed partly by a helper process at idle
  priority on a second core (docs/instruments.md, "Speed"), so this figure depends on a second core
  being free: it is the wall time of the load, helper included, not the CPU time of one process.
  The clock stops when `vertikal.load` returns; freeing the dataset afterwards is not counted;
- `legal.at(day)` after the load (the index built by a first call, timed apart): median and p95 over
  `--dates` seeded random days, target 20 ms;
- the web page `/at/DAY` and its twin `/at/DAY.json`, uncached (days are never kept by the response
  cache), at `--connections` concurrent clients for `--duration` seconds, each request a new random
  day: p95, target 50 ms (bench/web_load.py runs the server and the load). Before the clock starts
  each server worker answers one day (2020-06-01), page and JSON: it reads the dataset and compiles the
  templates, once per server.

What is kept and what is not: `legal.at` bisects the sorted dates of every event and keeps the legal
state of each interval between two events the first time a day of it is asked (docs/instruments.md,
"Speed"); the pages keep each power's row and JSON (a power is shared by the intervals whose versions
code it alike). That is memoised per legal state and per power, never per day or URL: the responses
themselves are not cached, and most days of a run fall in an interval no earlier day asked (5,700
intervals at 100x), so the figures include building those states. The load client is a few lines
on asyncio streams (bench/web_load.py), on the same two cores as the server.

Random days are drawn inside the coded span of a random copy (1990-04-24 to 2027-12-31, moved by the
copy's years), so that each answers with one system's powers as a real day does. The synthetic data
are written to a temporary directory and removed at the end; nothing is committed.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic

TARGET_LOAD = 3.0
TARGET_AT = 0.020
TARGET_WEB_P95 = 0.050
SEED = 13
SPAN = (dt.date(1990, 4, 24), dt.date(2027, 12, 31))  # the coded span of one copy


@cache
def data(systems: int = 100) -> Path:
    """The synthetic data directory (made once per process, removed at exit)."""
    from vertikal.loader import data_root

    tmp = Path(tempfile.mkdtemp(prefix="vertikal-synthetic-"))
    atexit.register(shutil.rmtree, tmp, True)
    out = tmp / "data"
    synthetic.generate(data_root(None), out, systems)
    return out


def random_days(n: int, systems: int, seed: int = SEED) -> list[str]:
    rnd = random.Random(seed)
    lo, hi = SPAN[0].toordinal(), SPAN[1].toordinal()
    days = []
    for _ in range(n):
        day = dt.date.fromordinal(rnd.randint(lo, hi))
        days.append(synthetic._move(day, rnd.randrange(systems) * synthetic.YEARS).isoformat())
    return days


def load_seconds(root: Path, runs: int = 3) -> float:
    """Median wall time of a strict load with validation (`vertikal.load`), in-process."""
    import vertikal

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        ds = vertikal.load(root)
        times.append(time.perf_counter() - t0)
        del ds  # freeing it (0.15 s at 100x) is not part of loading it: done outside the clock
    return statistics.median(times)


def warm_cache_load_seconds(root: Path, runs: int = 3) -> float:
    """Median time of `datacache.load` and a first `legal.at` (which reads every part of the dataset it
    needs from the cache) in a fresh process, the cache written by one untimed run first."""
    code = (
        "import sys, time\nt = time.perf_counter()\nfrom vertikal import datacache, legal\n"
        "legal.at(datacache.load(sys.argv[1]), '2020-06-01')\nprint(time.perf_counter() - t)\n"
    )
    cache_dir = Path(tempfile.mkdtemp(prefix="vertikal-bench-cache-"))
    env = {**os.environ, "VERTIKAL_CACHE": str(cache_dir)}
    env.pop("VERTIKAL_NO_CACHE", None)
    try:
        args = [sys.executable, "-c", code, str(root)]
        subprocess.run(args, check=True, capture_output=True, env=env)
        runs_out = (
            subprocess.run(args, check=True, capture_output=True, text=True, env=env) for _ in range(runs)
        )
        return statistics.median(float(r.stdout) for r in runs_out)
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)


def at_seconds(root: Path, n: int, systems: int) -> dict[str, float]:
    """`legal.at` after the load: the first call (which builds the index) and the median and p95 of `n`."""
    import vertikal
    from vertikal import legal

    ds = vertikal.load(root)
    t0 = time.perf_counter()
    legal.at(ds, "2020-06-01")
    first = time.perf_counter() - t0
    times, sizes = [], []
    for day in random_days(n, systems):
        t0 = time.perf_counter()
        found = legal.at(ds, day)
        times.append(time.perf_counter() - t0)
        sizes.append(len(found["powers"]))
    q = statistics.quantiles(times, n=100)
    return {
        "first": first,
        "median": statistics.median(times),
        "p95": q[94],
        "powers_median": statistics.median(sizes),
    }


def web(root: Path, duration: float, connections: int, workers: int, systems: int) -> dict[str, Any]:
    import web_load

    days = random_days(200_000, systems, seed=SEED + 1)
    return web_load.run_at(root, days, duration, connections, workers)


def run(args: argparse.Namespace) -> dict[str, Any]:
    root = data(args.systems)
    out: dict[str, Any] = {"systems": args.systems, "data": str(root)}
    out["load_s"] = load_seconds(root)
    out["warm_cache_load_s"] = warm_cache_load_seconds(root)
    out["at"] = at_seconds(root, args.dates, args.systems)
    if not args.no_web:
        out["web"] = web(root, args.duration, args.connections, args.workers, args.systems)
    return out


def report(r: dict[str, Any]) -> str:
    lines = [
        f"synthetic data: {r['systems']} systems",
        f"load + validate (strict, in-process, median of 3): {r['load_s']:.2f} s, target {TARGET_LOAD:.0f} s",
        f"  through a warm dataset cache, with a first at() (fresh process): {r['warm_cache_load_s']:.2f} s",
        f"legal.at after load: first call {r['at']['first'] * 1e3:.1f} ms (builds the index); "
        f"median {r['at']['median'] * 1e3:.2f} ms, p95 {r['at']['p95'] * 1e3:.2f} ms over random days, "
        f"target {TARGET_AT * 1e3:.0f} ms ({r['at']['powers_median']:.0f} powers a day, median)",
    ]
    for name, w in r.get("web", {}).get("pages", {}).items():
        lines.append(
            f"web {name}, uncached, {r['web']['connections']} clients, {r['web']['workers']} worker(s): "
            f"p50 {w['p50'] * 1e3:.1f} ms, p95 {w['p95'] * 1e3:.1f} ms, {w['rps']:.0f} req/s, "
            f"{w['errors']} errors; target p95 {TARGET_WEB_P95 * 1e3:.0f} ms"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--systems", type=int, default=100)
    parser.add_argument("--dates", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-web", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    ok = result["load_s"] <= TARGET_LOAD and result["at"]["p95"] <= TARGET_AT
    ok = ok and all(w["p95"] <= TARGET_WEB_P95 for w in result.get("web", {}).get("pages", {}).values())
    return 0 if ok else 1


def register(bench: Any) -> None:
    """The named figures of bench/run.py (each generates the data once per process)."""

    @bench("legal-load-validate-100x", target=TARGET_LOAD)
    def legal_load() -> float:
        """Issue 13: load and validate a synthetic dataset 100x the real one, in-process (median of 3)."""
        return load_seconds(data())

    @bench("legal-at-100x-p95", target=TARGET_AT)
    def legal_at() -> float:
        """Issue 13: `legal.at(day)` after the load on the 100x data, p95 over 1,000 random days."""
        return at_seconds(data(), 1000, 100)["p95"]

    @bench("web-at-100x-p95", target=TARGET_WEB_P95)
    def web_at() -> float:
        """Issue 13: /at/DAY (HTML) on the 100x data, uncached, 32 clients, random days: p95."""
        return float(web(data(), 10.0, 32, 1, 100)["pages"]["/at/DAY"]["p95"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
