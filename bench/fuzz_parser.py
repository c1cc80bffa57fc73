"""Fuzz the texts parser: random and mutated inputs for N seconds; report crashes.

A crash is any exception other than the parser's own ParseError, or a broken invariant (the tree
does not render the normalized text, or two nodes share an id). Crashing inputs are saved to
--out (default: a temporary folder) so that they can be replayed.

    python bench/fuzz_parser.py              # 60 seconds
    python bench/fuzz_parser.py --seconds 5 --seed 7
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [
    *sorted((ROOT / "tests" / "fixtures" / "texts").glob("*.*")),
    ROOT.parent / "shared" / "corpus" / "kz-constitution-1995-rev2022-09.en.txt",
]
MARKERS = [
    "Article 1",
    "Article 94-1",
    "### Статья 5",
    "**5-1-бап**",
    "7-бап.",
    "Section IV",
    "## Раздел II Человек",
    "## III бөлім",
    "Глава 2",
    "Chapter 3",
    "1.",
    "3-1. x",
    "10-1) y",
    "2\\) z",
    "Footnote. amended 1 May 2001",
    "   > *Сноска. Статья 2 с изменениями от 21.05.2007*",
    "Ескерту. 2007 жылғы 21 мамырдағы",
    '<a id="st1"></a>',
    "",
    "\r",
    "\t",
    "\ufeff",
    "\u0301",
    "\x00",
    "\u2028",
    "Excluded",
    "(исключен)",
    "#",
    ">",
    "**",
    "IIII бөлім",
]


def _seeds() -> list[bytes]:
    return [p.read_bytes() for p in SEEDS if p.is_file()]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(7)
        i = rng.randrange(len(lines) + 1)
        if op == 0:
            lines.insert(i, rng.choice(MARKERS))
        elif op == 1 and lines:
            del lines[min(i, len(lines) - 1)]
        elif op == 2 and lines:
            j = rng.randrange(len(lines))
            lines.insert(i, lines[j])
        elif op == 3 and lines:
            k = min(i, len(lines) - 1)
            line = lines[k]
            p = rng.randrange(len(line) + 1)
            lines[k] = line[:p] + rng.choice(MARKERS) + line[p:]
        elif op == 4:
            lines[i:i] = ["".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(rng.randrange(20)))]
        elif op == 5 and lines:
            lines = lines[: rng.randrange(len(lines) + 1)]
        elif rng.random() < 0.1:
            rng.shuffle(lines)
    out = "\n".join(lines).encode("utf-8")
    if rng.random() < 0.1:
        out = bytearray(out)
        for _ in range(rng.randint(1, 10)):
            if out:
                out[rng.randrange(len(out))] = rng.randrange(256)
        out = bytes(out)
    return out


def _random(rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return rng.randbytes(rng.randrange(2000))
    return "\n".join(
        rng.choice(MARKERS) + " " + rng.choice(MARKERS) for _ in range(rng.randrange(60))
    ).encode()


def check(data: bytes) -> None:
    """Decode and parse like `vertikal parse`; raise AssertionError on a broken invariant."""
    from vertikal.texts import ParseError, normalize, parse
    from vertikal.texts.decode import decode, looks_html

    try:
        text = decode(data, "<fuzz>")
        if looks_html(text):
            return
        tree = parse(text, "<fuzz>")
    except ParseError as exc:
        assert "\n" not in str(exc), "a ParseError message spans several lines"
        return
    assert tree.render() == normalize(text), "the tree does not render the normalized text"
    ids = [n.id for n in tree.root.walk()]
    assert len(ids) == len(set(ids)), "two nodes share an id"


def run(seconds: float, seed: int, out: Path, report: Callable[[str], None]) -> int:
    rng = random.Random(seed)
    seeds = _seeds() or [b"Article 1\n\n1. Text.\n"]
    deadline = time.monotonic() + seconds
    cases = crashes = 0
    kinds: dict[str, int] = {}
    while time.monotonic() < deadline:
        data = _random(rng) if rng.random() < 0.2 else _mutate(rng, rng.choice(seeds))
        cases += 1
        try:
            check(data)
        except Exception as exc:
            crashes += 1
            kind = f"{type(exc).__name__}: {exc}"[:120]
            if kind not in kinds:
                out.mkdir(parents=True, exist_ok=True)
                (out / f"crash-{crashes}.bin").write_bytes(data)
                report(f"crash {crashes}: {kind}\n{traceback.format_exc(limit=3)}")
            kinds[kind] = kinds.get(kind, 0) + 1
    report(f"{cases} inputs in {seconds:g} s (seed {seed}): {crashes} crashes, {len(kinds)} distinct")
    return 1 if crashes else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "vertikal-fuzz")
    args = parser.parse_args(argv)
    return run(args.seconds, args.seed, args.out, print)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
