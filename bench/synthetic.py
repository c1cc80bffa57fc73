"""Issue 13 part 7: a synthetic dataset N times the size of the real one, for the legal-order benchmarks.

    python bench/synthetic.py OUT [--systems 100]

How 100 "systems" are represented: ONE data directory holding 100 copies of the real legal order,
one after another in time, not 100 directories. A dataset is one country, so 100 directories would
measure the same small load 100 times (and a web server serves one dataset); what has to stay fast
as "instruments and versions grow" is one dataset with 100x the versions, instruments and codings:
its load and validation, the per-instrument index that `vertikal.legal.at` bisects, and the page
that calls it. Copy k (k = 0..N-1) is the real data moved forward by k * 50 years (the real order
spans 1978-2027, so the copies never overlap):

- every Constitution version of versions.yaml and its codings file, every date moved (the ids are
  dates, so the move renames them); the versions of all copies form one series in date order;
- every instrument of instruments.yaml under a new id (`<id>_s<k>`; copy 0 keeps the real ids), its
  dates moved, its codings files (codings/<instrument>/<version>.yaml) renamed to match, and, when it
  was never repealed, repealed at the end of its copy's 50 years, so that on any day only one
  copy's instruments are in force and `at(day)` answers with one system's powers (as a real dataset
  of 100x the history would), while the index it searches holds 100x the versions.

Every other file (claims, findings...) refers to copy 0's versions, which keep their ids. One file
is left out: akims.yaml, the dated rules for choosing akims of ONE country, which `check` compares
with every version's akim codings (VK018); a copy moved in time falls under the last rules, so no
set of rules can be true of all copies. Its check is a small part of the load (18 ms of 200 ms under
the profiler at 1x). The data are synthetic, written to a new directory (a temporary one when the
benchmarks make them), never committed.
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


YEARS = 50  # the span of one copy: the real data run from 1978 (the 1978 Constitution) to 2027


def _move(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that is not a leap year
        return day.replace(year=day.year + years, day=28)


def _shift(value: Any, years: int) -> Any:
    """Every date (a date object or an ISO day string) inside `value`, moved by `years`."""
    if isinstance(value, dt.date):
        return _move(value, years)
    if isinstance(value, str) and DAY.match(value):
        return _move(dt.date.fromisoformat(value), years).isoformat()
    if isinstance(value, dict):
        return {k: _shift(v, years) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, years) for v in value]
    return value


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Every value written out: vertikal's loader refuses more than a few anchors (VK025)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")


def _copy_instrument(inst: dict[str, Any], k: int, systems: int) -> dict[str, Any]:
    moved = _shift(inst, k * YEARS)
    if k:
        moved["id"] = f"{inst['id']}_s{k}"
    if moved.get("repealed") is None and k < systems - 1:
        end = dt.date(1978 + (k + 1) * YEARS, 1, 1)
        act = {"en": f"End of synthetic copy {k}", "ru": f"Конец синтетической копии {k}", "date": end}
        moved["repealed"] = {"date": end, "act": act}
    return moved


def generate(source: Path, out: Path, systems: int = 100) -> dict[str, int]:
    """Write the synthetic data directory `out` (which must not exist) from the real data in `source`."""
    shutil.copytree(source, out)
    (out / "akims.yaml").unlink(missing_ok=True)
    versions_doc = _load(source / "versions.yaml")
    real = versions_doc["versions"]
    merged = list(real)
    codings = {_day(v["id"]): _load(source / "codings" / f"{_day(v['id']).isoformat()}.yaml") for v in real}
    for k in range(1, systems):
        for v in real:
            moved = _shift(v, k * YEARS)
            merged.append(moved)
            coding = codings[_day(v["id"])]
            coding = {**coding, "version": _shift(coding["version"], k * YEARS)}
            _dump(out / "codings" / f"{_day(moved['id']).isoformat()}.yaml", coding)
    merged.sort(key=lambda v: (_day(v["in_force"]), _day(v["id"])))
    _dump(out / "versions.yaml", {**versions_doc, "versions": merged})
    counts = {"systems": systems, "versions": len(merged), "instruments": 0, "instrument_versions": 0}
    inst_path = source / "instruments.yaml"
    if inst_path.is_file():
        doc = _load(inst_path)
        files = {
            i["id"]: [_load(f) for f in sorted((source / "codings" / i["id"]).glob("*.yaml"))]
            for i in doc["instruments"]
        }
        instruments = []
        for k in range(systems):
            for inst in doc["instruments"]:
                moved = _copy_instrument(inst, k, systems)
                instruments.append(moved)
                for found in files[inst["id"]] if k else []:
                    coding = _shift(found, k * YEARS)
                    coding["instrument"] = moved["id"]
                    _dump(out / "codings" / moved["id"] / f"{coding['version']}.yaml", coding)
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
