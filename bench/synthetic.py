"""Issue 13 part 7: a synthetic dataset N times the size of the real one, for the legal-order benchmarks.

    python bench/synthetic.py OUT [--systems 100]

How 100 "systems" are represented: ONE data directory holding 100 copies of the real legal order,
not 100 directories. A dataset is one country, so 100 directories would measure the same small load
100 times (and a web server serves one dataset); what has to stay fast as "instruments and versions
grow" is one dataset with 100x the versions, instruments and codings: its load and validation, the
per-instrument index `vertikal.legal.at` bisects, and the page that calls it. So copy k (k = 1..N-1)
of the real data gets:

- every Constitution version of versions.yaml and its codings file, with every date shifted by
  `shift[k]` days (the ids are dates, so the shift renames them); the shifts are chosen so that no
  two copies share a version id or an in-force date, and the versions are merged in date order;
- every instrument of instruments.yaml under a new id (`<id>_s<k>`), its dates shifted the same way,
  and its codings files (codings/<instrument>/<version>.yaml) renamed to match.

Copy 0 is the real data, untouched, so every other file (claims, findings...) still refers to
versions that exist. One file is left out: akims.yaml, the dated rules for choosing akims of ONE
country, which `check` compares with every version's akim codings (VK018); a copy shifted in time
falls under other rules, so no set of rules can be true of all copies. Its check is a small part of
the load (18 ms of 200 ms under the profiler at 1x).

The 100 copies interleave in time: the merged Constitution series is not a
history, only a dataset of the right size and shape (1,500 versions, 100x the instruments and
codings). The data are synthetic, written to a temporary directory, never committed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _shift(value: Any, days: int) -> Any:
    """Every date (a date object or an ISO day string) inside `value`, moved by `days`."""
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=days)
    if isinstance(value, str) and DAY.match(value):
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    if isinstance(value, dict):
        return {k: _shift(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, days) for v in value]
    return value


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def choose_shifts(versions: list[dict[str, Any]], systems: int) -> list[int]:
    """One shift (in days, back in time) per copy such that no two copies share an id or a date in force."""
    days = [_day(v["id"]) for v in versions] + [_day(v["in_force"]) for v in versions]
    used: set[dt.date] = set(days)
    shifts, s = [0], 0
    while len(shifts) < systems:
        s -= 1
        moved = {d + dt.timedelta(days=s) for d in days}
        if not moved & used:
            shifts.append(s)
            used |= moved
    return shifts


Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")


def generate(source: Path, out: Path, systems: int = 100) -> dict[str, int]:
    """Write the synthetic data directory `out` (which must not exist) from the real data in `source`."""
    shutil.copytree(source, out)
    (out / "akims.yaml").unlink(missing_ok=True)
    versions_doc = _load(source / "versions.yaml")
    real = versions_doc["versions"]
    shifts = choose_shifts(real, systems)
    merged = list(real)
    codings = {_day(v["id"]): _load(source / "codings" / f"{_day(v['id']).isoformat()}.yaml") for v in real}
    for s in shifts[1:]:
        for v in real:
            moved = _shift(v, s)
            merged.append(moved)
            coding = codings[_day(v["id"])]
            coding = {**coding, "version": _shift(coding["version"], s)}
            _dump(out / "codings" / f"{_day(moved['id']).isoformat()}.yaml", coding)
    merged.sort(key=lambda v: (_day(v["in_force"]), _day(v["id"])))
    _dump(out / "versions.yaml", {**versions_doc, "versions": merged})
    counts = {"systems": systems, "versions": len(merged), "instruments": 0, "instrument_versions": 0}
    inst_path = source / "instruments.yaml"
    if inst_path.is_file():
        doc = _load(inst_path)
        instruments = list(doc["instruments"])
        files = {
            i["id"]: [_load(f) for f in sorted((source / "codings" / i["id"]).glob("*.yaml"))]
            for i in doc["instruments"]
        }
        for k, s in enumerate(shifts[1:], start=1):
            for inst in doc["instruments"]:
                new_id = f"{inst['id']}_s{k}"
                instruments.append({**_shift(inst, s), "id": new_id})
                for found in files[inst["id"]]:
                    coding = _shift(found, s)
                    coding["instrument"] = new_id
                    _dump(out / "codings" / new_id / f"{coding['version']}.yaml", coding)
        _dump(out / "instruments.yaml", {**doc, "instruments": instruments})
        counts["instruments"] = len(instruments)
        counts["instrument_versions"] = sum(len(i["versions"]) for i in instruments)
    counts["codings_files"] = sum(1 for _ in (out / "codings").rglob("*.yaml"))
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="a new directory to write the synthetic data into")
    parser.add_argument("--systems", type=int, default=100)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"{args.out}: already exists; give a new directory", file=sys.stderr)
        return 1
    from vertikal.loader import data_root

    print(generate(data_root(None), args.out, args.systems))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
