"""Benchmarks for the issues' performance targets. Run with `make bench` (or `python bench/run.py NAME...`).

Each benchmark reports the median of several runs and the target it is measured against.
Timings depend on the machine; these are never asserted in tests.
"""

from __future__ import annotations

import os
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
HIGHER_IS_BETTER: set[str] = set()  # benchmarks whose value must reach the target, not stay under it


def bench(
    name: str, target: float, unit: str = "s", higher: bool = False
) -> Callable[[Callable[[], float]], Callable[[], float]]:
    def register(fn: Callable[[], float]) -> Callable[[], float]:
        BENCHES[name] = (fn, target, unit)
        if higher:
            HIGHER_IS_BETTER.add(name)
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


def process(*args: str, columns: int | None = None) -> Callable[[], object]:
    exe = shutil.which("vertikal", path=str(BIN)) or "vertikal"
    env = None if columns is None else {**os.environ, "COLUMNS": str(columns)}

    def run() -> object:
        return subprocess.run([exe, *args], check=True, stdout=subprocess.DEVNULL, env=env)

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


@bench("versions-process", target=0.5)
def versions_process() -> float:
    """Issue 11: `vertikal versions` as a whole process, the table at 80 columns (median of 15)."""
    return median_of(process("versions", columns=80), 15)


@bench("powers-process", target=0.5)
def powers_process() -> float:
    """Issue 11: `vertikal powers 2017-03-10` as a whole process, at 80 columns (median of 15)."""
    return median_of(process("powers", "2017-03-10", columns=80), 15)


@bench("matrix-process", target=0.5)
def matrix_process() -> float:
    """Issue 11: `vertikal matrix` as a whole process, at 80 columns (median of 15)."""
    return median_of(process("matrix", columns=80), 15)


@bench("measures-all-versions", target=0.050)
def measures_all_versions() -> float:
    """Issue 3: every measure for every version, in-process, data already loaded (median of 20)."""
    import vertikal
    from vertikal import measures

    ds = vertikal.load()
    measures.definitions(ds)  # parse the definition files once, as a long-lived process would

    def run() -> None:
        ds.memo.clear()  # measure the computation, not the memo
        for d in measures.definitions(ds):
            for v in ds.versions:
                measures.score(ds, d.id, v.id)

    return median_of(run, 20)


@bench("measures-ranges-all-versions", target=0.100)
def measures_ranges_all_versions() -> float:
    """Issue 12: every measure of every dimension, with its range over the unknown codings, for every
    version, in-process, data already loaded, memo cleared each run (median of 20)."""
    import vertikal
    from vertikal import measures

    ds = vertikal.load()
    measures.definitions(ds)

    def run() -> None:
        ds.memo.clear()
        for d in measures.definitions(ds):
            for v in ds.versions:
                s = measures.score(ds, d.id, v.id)
                assert s["low"] <= s["total"] <= s["high"]

    return median_of(run, 20)


@bench("claims-process", target=1.0)
def claims_process() -> float:
    """Issue 12: `vertikal claims --json` as a whole process, three-valued verdicts included (median of 5)."""
    return median_of(process("claims", "--json"), 5)


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


def _hostile_yaml() -> dict[str, str]:
    """Issue 11: the three hostile inputs: an alias bomb (~660 bytes), 10,000-deep nesting, and (by
    path) a 100 MB file, which is written sparse so that the benchmark itself stays small."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return {
        "bomb": "schema: 1\nclaims: []\n" + "\n".join(lines) + "\n",
        "deep": "x: " + "[" * 10_000 + "]" * 10_000 + "\n",
    }


def _bomb_data() -> Path:
    """A copy of the shipped data whose claims.yaml is the alias bomb."""
    import vertikal

    root = Path(tempfile.mkdtemp(prefix="vertikal-bench-")) / "data"
    shutil.copytree(Path(vertikal.__file__).parent / "data", root)
    (root / "claims.yaml").write_text(_hostile_yaml()["bomb"], encoding="utf-8")
    return root


@bench("yaml-hostile-inputs", target=1.0)
def yaml_hostile_inputs() -> float:
    """Issue 11: the slowest of the alias bomb, 10,000-deep nesting and a 100 MB file, each turned
    into a coded problem by the YAML reader in-process (median of 5 each)."""
    from vertikal import _yaml

    texts = _hostile_yaml()
    big = Path(tempfile.mkdtemp(prefix="vertikal-bench-")) / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(100 * 2**20)

    def refused(fn: Callable[[], object], code: str) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except _yaml.YamlError as exc:
                assert exc.code == code, exc.code
                return
            raise AssertionError("not refused")

        return run

    cases = [
        refused(lambda: _yaml.parse(texts["bomb"]), "VK026"),
        refused(lambda: _yaml.parse(texts["deep"]), "VK024"),
        refused(lambda: _yaml.read(big), "VK023"),
    ]
    return max(median_of(case, 5) for case in cases)


_BOMB_RUN: dict[str, float] = {}


def _check_bomb() -> dict[str, float]:
    """`vertikal check` on data whose claims.yaml is the alias bomb, as a whole process: wall time
    and peak RSS (median of 5; the process reports its own ru_maxrss)."""
    if not _BOMB_RUN:
        data = _bomb_data()
        code = (
            "import resource, sys\n"
            "from vertikal.cli import main\n"
            "try:\n    main()\n"
            "finally:\n"
            "    sys.stderr.write(f'RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')\n"
        )
        times, rss = [], []
        for _ in range(5):
            t0 = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", code, "check", "--data", str(data)], capture_output=True, text=True
            )
            times.append(time.perf_counter() - t0)
            assert proc.returncode == 1 and "VK026" in proc.stderr, proc.stderr[-500:]
            rss.append(int(proc.stderr.rsplit("RSS ", 1)[1]) / 1024)
        _BOMB_RUN.update(seconds=statistics.median(times), rss=max(rss))
    return _BOMB_RUN


@bench("check-alias-bomb-process", target=1.0)
def check_alias_bomb_process() -> float:
    """Issue 11: `vertikal check` with an alias bomb in claims.yaml, as a whole process (median of 5)."""
    return _check_bomb()["seconds"]


@bench("check-alias-bomb-rss", target=200.0, unit="MB")
def check_alias_bomb_rss() -> float:
    """Issue 11: peak RSS of that process (the largest of the 5 runs)."""
    return _check_bomb()["rss"]


_STEM = "kz-constitution-1995-rev2022-09"
CORPUS_EN = ROOT.parent / "shared" / "corpus" / f"{_STEM}.en.txt"


def _english() -> str:
    if not CORPUS_EN.is_file():
        raise SystemExit(f"{CORPUS_EN}: not found; the texts benchmarks need the shared corpus")
    return CORPUS_EN.read_text(encoding="utf-8")


def _english_repeated(size: int = 10 * 2**20) -> str:
    """The English text repeated to about `size` bytes, article numbers shifted by 1000 per copy."""
    import re

    base, copies = _english(), []
    heading = re.compile(r"(?m)^Article (\d+)")
    k = 0
    while sum(len(c) for c in copies) < size:
        copies.append(heading.sub(lambda m, k=k: f"Article {int(m[1]) + 1000 * k}", base))
        k += 1
    return "\n".join(copies)


@bench("parse-throughput", target=5.0, unit="MB/s", higher=True)
def parse_throughput() -> float:
    """Issue 5: parse the English text repeated to ~10 MB, in MB per second (median of 3)."""
    from vertikal.texts import parse

    text = _english_repeated()
    megabytes = len(text.encode("utf-8")) / 2**20
    return megabytes / median_of(lambda: parse(text), 3)


@bench("parse-peak-memory", target=20.0, unit="x")
def parse_peak_memory() -> float:
    """Issue 5: peak memory while parsing ~10 MB (tracemalloc), as a multiple of the input's size."""
    import tracemalloc

    from vertikal.texts import parse

    text = _english_repeated()
    tracemalloc.start()
    try:
        parse(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / len(text.encode("utf-8"))


@bench("diff-two-versions", target=0.3)
def diff_two_versions() -> float:
    """Issue 5: parse two full texts and diff them (English text and a synthetic amendment; median of 5)."""
    from vertikal.texts import diff, parse

    a = _english()
    b = a.replace("Article 97\n", "Article 97-1\n").replace("Article 84\n", "Article 84-9\n")
    for old, new in [("shall", "must"), ("Parliament", "Kurultai"), ("Senate", "Chamber")]:
        b = b.replace(old, new, 25)
    b += "\nArticle 100\n\n1. A synthetic article added for the benchmark.\n"
    return median_of(lambda: diff(parse(a, "A"), parse(b, "B")), 5)


_WEB: dict[str, object] = {}


def _web_load() -> dict[str, object]:
    """Issue 7: one run of bench/web_load.py (5 s per endpoint, our server only), shared by two entries."""
    if not _WEB:
        import importlib.util

        spec = importlib.util.spec_from_file_location("web_load", ROOT / "bench" / "web_load.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _WEB.update(module.run(duration=5.0, datasette=False, uncached=False))
    return _WEB


@bench("web-p95", target=0.030)
def web_p95() -> float:
    """Issue 7: p95 latency, version page and timeline JSON at 32 connections (the worse of the two)."""
    ours: dict[str, dict[str, float]] = _web_load()["ours"]  # type: ignore[assignment]
    return max(r["p95"] for r in ours.values())


@bench("web-rss", target=150.0, unit="MB")
def web_rss() -> float:
    """Issue 7: peak RSS (VmHWM) of the `vertikal serve` process during that load."""
    return float(_web_load()["peak_rss_mb"])  # type: ignore[arg-type]


@bench("extract-throughput", target=500.0, unit="prov/s", higher=True)
def extract_throughput() -> float:
    """Issue 8: provisions per second through `extract.suggest` on the English text (parsed once;
    patterns compiled and lemmatizer loaded by a first run, as in a long-lived process; median of 5)."""
    import vertikal
    from vertikal import extract
    from vertikal.texts import parse

    tree, codebook = parse(_english()), vertikal.load().codebook
    assert codebook is not None
    provisions = extract.suggest(tree, codebook).provisions
    return provisions / median_of(lambda: extract.suggest(tree, codebook), 5, warmup=0)


@bench("lemmatizer-load", target=1.0)
def lemmatizer_load() -> float:
    """Issue 8: loading a lemmatizer in a fresh process, the slower of ru (pymorphy3) and en (simplemma);
    the median of 5 processes each."""
    code = (
        "import sys, time; from vertikal.extract import lemmas; "
        "t = time.perf_counter(); lemmas.load(sys.argv[1]); print(time.perf_counter() - t)"
    )

    def once(lang: str) -> float:
        out = subprocess.run([sys.executable, "-c", code, lang], check=True, capture_output=True, text=True)
        return float(out.stdout)

    return max(statistics.median(once(lang) for _ in range(5)) for lang in ("ru", "en"))


@bench("language-detect", target=1.0)
def language_detect() -> float:
    """Issue 14 part 5: detecting the language of a whole official text in a fresh process, dictionary
    load included (the budget of issue 14 for loading an analyser: 1 s); the slowest of the English,
    Russian and Kazakh texts of 2022, the median of 5 each."""
    code = (
        "import sys, time; from pathlib import Path; from vertikal.texts.language import detect; "
        "text = Path(sys.argv[1]).read_text(encoding='utf-8'); "
        "t = time.perf_counter(); found = detect(text); print(time.perf_counter() - t); "
        "assert found.lang == sys.argv[2], found"
    )

    def once(path: Path, lang: str) -> float:
        args = [sys.executable, "-c", code, str(path), lang]
        return float(subprocess.run(args, check=True, capture_output=True, text=True).stdout)

    corpus = CORPUS_EN.parent
    texts = {"en": CORPUS_EN, "ru": corpus / f"{_STEM}.ru.md", "kk": corpus / f"{_STEM}.kk.md"}
    return max(statistics.median(once(path, lang) for _ in range(5)) for lang, path in texts.items())


def _kazakh_text() -> str:
    path = ROOT.parent / "shared" / "corpus" / "kz-constitution-1995-rev2022-09.kk.md"
    return path.read_text(encoding="utf-8")


@bench("kk-extract-throughput", target=500.0, unit="prov/s", higher=True)
def kk_extract_throughput() -> float:
    """Issue 14: provisions per second through `extract.suggest` on the official Kazakh text of 2022
    (parsed once; patterns compiled and analyser loaded by a first run; median of 5)."""
    import vertikal
    from vertikal import extract
    from vertikal.texts import parse

    tree, codebook = parse(_kazakh_text()), vertikal.load().codebook
    assert codebook is not None
    provisions = extract.suggest(tree, codebook, "kk").provisions
    return provisions / median_of(lambda: extract.suggest(tree, codebook, "kk"), 5, warmup=0)


@bench("kk-analyser-load", target=1.0)
def kk_analyser_load() -> float:
    """Issue 14: loading the Kazakh analyser (the suffix rules) in a fresh process, median of 5."""
    from kk_analysers import load_time  # bench/ is on sys.path when run as a script

    return load_time("suffixes", runs=5)


@bench("kk-analysers", target=0.85, unit="F1", higher=True)
def kk_analysers() -> float:
    """Issue 14: bench/kk_analysers.py (Hunspell against the suffix rules: load time, stem grouping,
    extraction F1); the value is the chosen analyser's (suffixes) extraction F1 on the latest official
    Kazakh text present (the 2026 Constitution with $VERTIKAL_TEST_TEXTS, else the 2022 text)."""
    import kk_analysers

    kk_analysers.main([])
    chosen = kk_analysers.extraction("suffixes")
    return float(chosen[max(chosen)]["f1"] or 0.0)


def _register_startup() -> None:
    """Issue 15's whole-process figures (warm and cold cache, check, serve): see bench/startup.py."""
    sys.path.insert(0, str(ROOT / "bench"))
    import startup

    startup.register(bench)


_register_startup()


def _register_legal_scale() -> None:
    """Issue 13's figures at 100x the real data (load + validate, legal.at, /at/DAY): bench/legal_scale.py."""
    sys.path.insert(0, str(ROOT / "bench"))
    import legal_scale

    legal_scale.register(bench)


_register_legal_scale()


def main(names: list[str]) -> int:
    chosen = names or list(BENCHES)
    unknown = [n for n in chosen if n not in BENCHES]
    if unknown:
        print(f"bench/run.py: no benchmark {', '.join(unknown)}; the benchmarks: {', '.join(BENCHES)}")
        return 2
    failed = 0
    print(f"{'benchmark':32} {'median':>10} {'target':>10}  verdict")
    for name in chosen:
        fn, target, unit = BENCHES[name]
        value = fn()
        ok = value >= target if name in HIGHER_IS_BETTER else value <= target
        failed += not ok
        print(f"{name:32} {value:>9.3f}{unit} {target:>9.3f}{unit}  {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
