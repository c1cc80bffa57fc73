"""Issue 7: load the web explorer on loopback and compare it with Datasette serving the same tables.

    python bench/web_load.py [--duration 10] [--connections 32] [--json]

Starts `vertikal serve` (one process, its response cache on), the same app with the cache off, and,
when Datasette is installed (`$VERTIKAL_DATASETTE`, `datasette` on PATH, or /tmp/datasette-venv),
`datasette serve -i` on the same SQLite file; each is loaded in turn with `wrk` (or, without wrk,
an asyncio/httpx loop) at 32 connections for a bounded time. Reports p50/p95/p99 latency, requests
per second, the peak RSS of the server process (VmHWM) and the ratio of our p95 to Datasette's.
Targets: p95 <= 30 ms for the version page and the timeline JSON; peak RSS <= 150 MB.
Every server is started here on 127.0.0.1 and stopped here; nothing else is contacted.

`run_at` (issue 13, called by bench/legal_scale.py) loads `/at/DAY` and `/at/DAY.json` served from a
synthetic dataset, a new day on every request, so that no response can come from a cache.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TARGET_P95 = 0.030
TARGET_RSS_MB = 150.0
VERSION = "1995-08-30"
OURS = {"version page": f"/versions/{VERSION}", "timeline JSON": "/timeline.json"}
# the nearest Datasette pages over the same tables: that version's codings, and every measure value
THEIRS = {
    "version page": f"/vertikal/codings?version={VERSION}",
    "timeline JSON": "/vertikal/measure_values.json?_shape=array&_size=max",
}
LUA = """done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("VK %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95),
    latency:percentile(99), summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end
"""
UNCACHED = (
    "import sys, uvicorn\nfrom pathlib import Path\nfrom vertikal.web import create_app\n"
    "db = Path(sys.argv[1])\n"
    "app = create_app(db=db, downloads=db.parent / 'downloads', response_cache=False)\n"
    "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[2]), log_level='warning', access_log=False)\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def datasette_exe() -> str | None:
    for candidate in (os.environ.get("VERTIKAL_DATASETTE"), shutil.which("datasette")):
        if candidate and Path(candidate).is_file():
            return candidate
    for venv in ("/tmp/datasette-venv", "/tmp/dsvenv"):
        exe = Path(venv) / "bin" / "datasette"
        if exe.is_file():
            return str(exe)
    return None


@contextlib.contextmanager
def server(
    cmd: list[str], probe: str, timeout: float = 90.0, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Start a server, wait until `probe` answers 200, stop it (and only it) on the way out."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(probe, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start: {' '.join(cmd)}") from None
                time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def warm(url: str, n: int = 20) -> None:
    for _ in range(n):
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()


def load_wrk(url: str, duration: float, connections: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(LUA)
    try:
        cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration:g}s", "--timeout", "10s", "-s", fh.name, url]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=duration + 60).stdout
    finally:
        os.unlink(fh.name)
    line = next(x for x in out.splitlines() if x.startswith("VK "))
    p50, p95, p99, reqs, errs = (int(x) for x in line.split()[1:])
    return {"p50": p50 / 1e6, "p95": p95 / 1e6, "p99": p99 / 1e6, "rps": reqs / duration, "errors": errs}


async def _load_httpx(url: str, duration: float, connections: int) -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                r = await client.get(url)
                latencies.append(time.perf_counter() - t0)
                errors += r.status_code != 200

        await asyncio.gather(*(worker() for _ in range(connections)))
    q = statistics.quantiles(latencies, n=100)
    return {"p50": q[49], "p95": q[94], "p99": q[98], "rps": len(latencies) / duration, "errors": errors}


def load(url: str, duration: float, connections: int) -> dict[str, Any]:
    warm(url)
    if shutil.which("wrk"):
        return {**load_wrk(url, duration, connections), "tool": "wrk"}
    return {**asyncio.run(_load_httpx(url, duration, connections)), "tool": "httpx"}


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(
    duration: float = 10.0, connections: int = 32, datasette: bool = True, uncached: bool = True
) -> dict[str, Any]:
    from vertikal.store.cache import default_cache_dir, prepare

    cache = default_cache_dir()
    prepared = prepare(None, cache)
    out: dict[str, Any] = {"connections": connections, "duration_s": duration, "db": str(prepared.db)}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "vertikal", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with server([*cmd, "--cache", str(cache)], base + "/index.json") as proc:
        out["ours"] = {name: load(base + path, duration, connections) for name, path in OURS.items()}
        out["peak_rss_mb"] = peak_rss_mb(proc.pid)
    if uncached:
        port = free_port()
        cmd = [sys.executable, "-c", UNCACHED, str(prepared.db), str(port)]
        with server(cmd, f"http://127.0.0.1:{port}/index.json"):
            base = f"http://127.0.0.1:{port}"
            out["ours_uncached"] = {name: load(base + p, duration, connections) for name, p in OURS.items()}
    exe = datasette_exe() if datasette else None
    if exe is not None:
        port = free_port()
        cmd = [exe, "serve", "-i", str(prepared.db), "--host", "127.0.0.1", "--port", str(port)]
        with server(cmd, f"http://127.0.0.1:{port}/-/versions.json"):
            base = f"http://127.0.0.1:{port}"
            out["datasette"] = {name: load(base + p, duration, connections) for name, p in THEIRS.items()}
        out["ratio_p95"] = {n: out["ours"][n]["p95"] / out["datasette"][n]["p95"] for n in OURS}
    return out


AT_APP = (
    "import os\nfrom pathlib import Path\nfrom vertikal.web import create_app\n\n\ndef app():\n"
    "    db = Path(os.environ['VERTIKAL_BENCH_DB'])\n"
    "    data = os.environ['VERTIKAL_BENCH_DATA']\n"
    "    return create_app(db=db, downloads=db.parent / 'downloads', data=data)\n"
)
AT_PAGES = {"/at/DAY": "/at/{day}", "/at/DAY.json": "/at/{day}.json"}


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on a kept-alive HTTP/1.1 connection to our own server: the status, the body read whole
    (its Content-Length; uvicorn sends one for these pages)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(v) for k, _, v in (x.partition(b":") for x in lines[1:]) if k.lower() == b"content-length"
    )
    await reader.readexactly(length)
    return status


async def _load_days(
    base: str, page: str, days: list[str], duration: float, connections: int
) -> dict[str, Any]:
    """Each request for the next day of `days` (nothing is asked twice), `connections` clients in a
    closed loop, each on its own kept-alive connection. The client is a few lines on asyncio streams,
    not httpx: on two shared cores httpx spent more CPU on a 50 KB body (~3.6 ms) than the server did,
    so the figure measured the client; this one reads the same bytes for a small part of that."""
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0
    it = iter(days)
    deadline = time.perf_counter() + duration

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port), limit=1 << 22)
        try:
            while time.perf_counter() < deadline:
                path = page.format(day=next(it))
                t0 = time.perf_counter()
                status = await _get(reader, writer, path)
                latencies.append(time.perf_counter() - t0)
                errors += status != 200
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    q = statistics.quantiles(latencies, n=100)
    n = len(latencies)
    return {"p50": q[49], "p95": q[94], "p99": q[98], "rps": n / duration, "errors": errors, "requests": n}


def run_at(
    data: Path, days: list[str], duration: float, connections: int, workers: int = 1
) -> dict[str, Any]:
    """Issue 13: /at/DAY and its twin served from the dated legal order of `data` (the database of the
    built-in data serves the other pages), uncached, loaded with a new day on every request."""
    from vertikal.store.cache import default_cache_dir, prepare

    prepared = prepare(None, default_cache_dir())
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="vertikal-bench-app-") as tmp:
        (Path(tmp) / "bench_at_app.py").write_text(AT_APP, encoding="utf-8")
        env = {**os.environ, "VERTIKAL_BENCH_DB": str(prepared.db), "VERTIKAL_BENCH_DATA": str(data)}
        code = (
            "import sys, uvicorn\nuvicorn.run('bench_at_app:app', factory=True, host='127.0.0.1', "
            f"port={port}, workers={workers}, log_level='warning', access_log=False, app_dir=sys.argv[1])\n"
        )
        base = f"http://127.0.0.1:{port}"
        # the first request of each worker reads the dataset, and its first page compiles the templates:
        # once per server, not per day, so done for every worker before the clock starts (one day,
        # 2020-06-01; every timed request then asks a day of its own)
        with server([sys.executable, "-c", code, tmp], base + "/at/2020-06-01.json", env=env, timeout=300):
            warm(base + "/at/2020-06-01.json", 20 * workers)
            warm(base + "/at/2020-06-01", 20 * workers)
            pages = {
                name: asyncio.run(_load_days(base, page, days[i::2], duration, connections))
                for i, (name, page) in enumerate(AT_PAGES.items())
            }
    return {"connections": connections, "workers": workers, "duration_s": duration, "pages": pages}


def report(result: dict[str, Any]) -> str:
    lines = [f"{'server':18} {'endpoint':15} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>9}"]
    for who in ("ours", "ours_uncached", "datasette"):
        for name, r in result.get(who, {}).items():
            lines.append(
                f"{who:18} {name:15} {r['p50'] * 1e3:8.2f} {r['p95'] * 1e3:8.2f} {r['p99'] * 1e3:8.2f}"
                f" {r['rps']:9.0f}"
            )
    worst = max(r["p95"] for r in result["ours"].values())
    lines.append(f"p95 (worst of the two) {worst * 1e3:.2f} ms, target {TARGET_P95 * 1e3:.0f} ms")
    lines.append(f"peak RSS of the server {result['peak_rss_mb']:.1f} MB, target {TARGET_RSS_MB:.0f} MB")
    for name, ratio in result.get("ratio_p95", {}).items():
        lines.append(f"p95 ours / datasette, {name}: {ratio:.4f}")
    if "datasette" not in result:
        lines.append("datasette: not installed, comparison skipped")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of load per endpoint (max 60)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--no-uncached", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    duration = min(max(args.duration, 1.0), 60.0)
    result = run(duration, args.connections, not args.no_datasette, not args.no_uncached)
    print(json.dumps(result, indent=2) if args.json else report(result))
    worst = max(r["p95"] for r in result["ours"].values())
    return 0 if worst <= TARGET_P95 and result["peak_rss_mb"] <= TARGET_RSS_MB else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
