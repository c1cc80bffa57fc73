"""Issue 15: the simple commands and the web explorer as whole processes, against bare `python -c pass`.

    python bench/startup.py [--runs 7] [--base SRC] [--json] [NAME...]

Every figure is the median of `--runs` whole-process runs: wall time and CPU time (user + system of
the child process, which a busy machine disturbs less), each with its ratio to `python -c pass`
measured in the same rounds. The runs are interleaved (one of each case per round), so that the load
of a shared machine falls on all of them alike.

- `warm`: the dataset cache (and the web database) prepared by one untimed run first;
- `cold`: every run starts from an empty cache directory, so it validates and writes the cache;
- `off`: `VERTIKAL_NO_CACHE=1`.

With `--base PATH` every case also runs with PYTHONPATH=PATH (e.g. main's code, unpacked with
`git archive main src | tar -x -C /tmp/base`, and the typer main installs, in a folder of its own:
`--base /tmp/base/src:/tmp/typer29`), interleaved with ours: an A/B comparison in the same minutes.
Each side gets its own empty cache directory; nothing outside the temporary folders is written.
The web case starts `vertikal serve` on a free loopback port and stops it (only it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent
# name -> (arguments, target in seconds); `check` always validates, whatever the cache holds
COMMANDS: dict[str, tuple[list[str], float]] = {
    "versions-json": (["versions", "--json"], 0.150),
    "powers-json": (["powers", "2007-05-21", "--json"], 0.150),
    "power-json": (["power", "veto", "--json"], 0.150),
    "claims-json": (["claims", "--json"], 0.300),
    "check": (["check"], 0.500),
}
SERVE_TARGET = 1.5


@dataclass
class Side:
    """One code base under test: ours (the installed package) or another source tree (`--base`)."""

    name: str
    src: str | None  # a PYTHONPATH put first (the other side's source tree, and what it needs)
    cache: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="vertikal-bench-cache-")))

    def env(self, mode: str, cache: Path | None = None) -> dict[str, str]:
        env = {**os.environ, "VERTIKAL_CACHE": str(cache or self.cache)}
        env.pop("VERTIKAL_NO_CACHE", None)
        env.pop("VERTIKAL_DATA", None)
        if self.src is not None:
            env["PYTHONPATH"] = self.src
        if mode == "off":
            env["VERTIKAL_NO_CACHE"] = "1"
        return env


def _exe() -> str:
    return shutil.which("vertikal", path=str(BIN)) or "vertikal"


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """Wall and CPU seconds of `run`, which starts and reaps child processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    run()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def command(args: list[str], env: dict[str, str]) -> Callable[[], None]:
    exe = _exe()

    def run() -> None:
        proc = subprocess.run([exe, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {proc.stderr.decode()[-300:]}")

    return run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(env: dict[str, str], timeout: float = 60.0) -> Callable[[], None]:
    """`vertikal serve` from its start to the first 200 of its home page; then stopped."""

    def run() -> None:
        port = _free_port()
        proc = subprocess.Popen(
            [_exe(), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                        if resp.status == 200:
                            return
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("vertikal serve did not answer") from None
                    time.sleep(0.005)
        finally:
            proc.terminate()
            proc.wait(timeout=30)

    return run


@dataclass
class Figure:
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def cases(names: list[str], sides: list[Side], modes: list[str]) -> dict[str, Callable[[], None]]:
    """Every (side, mode, name) to run, as a label and a function; cold runs get a fresh cache each."""
    out: dict[str, Callable[[], None]] = {}
    for side in sides:
        for mode in modes:
            for name in names:
                if mode != "warm" and name == "check":
                    continue  # `check` never reads the cache: warm is the only figure it has
                if mode == "cold" and name == "serve-first-200":
                    continue  # a cold web start builds the database and the downloads: not a start-up figure
                label = f"{side.name}/{mode}/{name}"
                if name == "serve-first-200":
                    make: Callable[[dict[str, str]], Callable[[], None]] = serve
                else:
                    args = COMMANDS[name][0]

                    def make(env: dict[str, str], args: list[str] = args) -> Callable[[], None]:
                        return command(args, env)

                if mode == "cold":

                    def cold(side: Side = side, make: Callable[..., Callable[[], None]] = make) -> None:
                        fresh = Path(tempfile.mkdtemp(prefix="vertikal-bench-cold-"))
                        try:
                            make(side.env("cold", fresh))()
                        finally:
                            shutil.rmtree(fresh, ignore_errors=True)

                    out[label] = cold
                else:
                    out[label] = make(side.env(mode))
    return out


def measure(names: list[str], sides: list[Side], modes: list[str], runs: int) -> dict[str, Figure]:
    """Median figures of every case, with `python -c pass` interleaved in every round."""
    todo = cases(names, sides, modes)
    for side in sides:  # warm every side's cache (dataset and web database) once, untimed
        for name in names:
            if name == "serve-first-200":
                serve(side.env("warm"))()
            else:
                command(COMMANDS[name][0], side.env("warm"))()
    baseline = [sys.executable, "-c", "pass"]
    todo = {"python -c pass": lambda: subprocess.run(baseline, check=True), **todo}
    figures = {label: Figure() for label in todo}
    for _ in range(runs):
        for label, run in todo.items():
            wall, cpu = timed(run)
            figures[label].walls.append(wall)
            figures[label].cpus.append(cpu)
    return figures


def target(label: str) -> float | None:
    name = label.rsplit("/", 1)[-1]
    if name == "serve-first-200":
        return SERVE_TARGET
    return COMMANDS[name][1] if name in COMMANDS else None


def report(figures: dict[str, Figure]) -> list[dict[str, object]]:
    base = figures["python -c pass"]
    rows = []
    for label, fig in figures.items():
        rows.append(
            {
                "case": label,
                "wall_ms": round(fig.wall * 1000, 1),
                "cpu_ms": round(fig.cpu * 1000, 1),
                "wall_ratio": round(fig.wall / base.wall, 1),
                "cpu_ratio": round(fig.cpu / base.cpu, 1) if base.cpu else None,
                "target_ms": None if (t := target(label)) is None else round(t * 1000),
            }
        )
    return rows


def one(name: str, mode: str, runs: int = 7) -> float:
    """The median wall time of one case of ours, printing its CPU time and both as multiples of
    `python -c pass` measured in the same rounds (for bench/run.py)."""
    side = Side("ours", None)
    try:
        figures = measure([name], [side], [mode], runs)
    finally:
        shutil.rmtree(side.cache, ignore_errors=True)
    base, fig = figures["python -c pass"], figures[f"ours/{mode}/{name}"]
    print(
        f"  ({name}, {mode} cache: cpu {fig.cpu * 1000:.0f} ms; {fig.wall / base.wall:.1f}x wall and "
        f"{fig.cpu / base.cpu:.1f}x cpu of python -c pass, {base.wall * 1000:.0f} ms)"
    )
    return fig.wall


# bench/run.py's names: (case, cache, target in seconds, what it measures)
NAMED = {
    "warm-versions-json": ("versions-json", "warm", 0.150, "`vertikal versions --json`, warm dataset cache"),
    "warm-powers-json": ("powers-json", "warm", 0.150, "`vertikal powers 2007-05-21 --json`, warm cache"),
    "warm-power-json": ("power-json", "warm", 0.150, "`vertikal power veto --json`, warm cache"),
    "warm-claims-json": ("claims-json", "warm", 0.300, "`vertikal claims --json`, warm cache"),
    "check-process": ("check", "warm", 0.500, "`vertikal check`, which always validates the files"),
    "serve-first-200": ("serve-first-200", "warm", SERVE_TARGET, "`vertikal serve` to its first 200"),
    # the 457 ms before the cache, plus 10%; compare with main's code with --base
    "cold-versions-json": ("versions-json", "cold", 0.503, "`vertikal versions --json`, empty cache"),
}


def register(bench: Callable[..., Callable[[Callable[[], float]], Callable[[], float]]]) -> None:
    """Register the NAMED figures with bench/run.py's `bench` decorator."""
    for label, (name, mode, limit, what) in NAMED.items():

        def run(name: str = name, mode: str = mode) -> float:
            return one(name, mode)

        run.__doc__ = f"Issue 15: {what} (median of 7 whole processes)."
        bench(label, target=limit)(run)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"cases: {', '.join([*COMMANDS, 'serve-first-200'])}")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--modes", default="warm,cold", help="comma-separated: warm, cold, off")
    parser.add_argument(
        "--base",
        help="another source tree to compare with (A/B), as a PYTHONPATH: e.g. main's src, and a folder "
        "with the typer it installs (pip install --target DIR --no-deps typer==0.29.2)",
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    names = args.names or [*COMMANDS, "serve-first-200"]
    sides = [Side("ours", None)] + ([Side("base", args.base)] if args.base else [])
    try:
        rows = report(measure(names, sides, args.modes.split(","), args.runs))
    finally:
        for side in sides:
            shutil.rmtree(side.cache, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'case':34} {'wall ms':>8} {'cpu ms':>8} {'x pass':>7} {'cpu x':>6} {'target':>7}")
    for r in rows:
        tgt = "" if r["target_ms"] is None else f"{r['target_ms']}"
        print(
            f"{r['case']:34} {r['wall_ms']:>8} {r['cpu_ms']:>8} {r['wall_ratio']:>7} "
            f"{r['cpu_ratio'] if r['cpu_ratio'] is not None else '':>6} {tgt:>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
