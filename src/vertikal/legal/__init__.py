"""The dated legal order of presidential power: instruments, their versions, and the powers on a date.

- `instruments(ds)`, `events(ds)`: the instruments (instruments.yaml) with their versions; every date
  a version entered into force or an instrument was repealed.
- `version_on(ds, day)`: the Constitution's version (versions.yaml) in force on a day.
- `at(ds, day, holder=None)`: the powers in force that day, per holder and item, each from the
  instrument the combination rule picks, with the others under `also`; `holding` names the holders
  with a sole or shared power that day. One bisection: the legal state is built once per interval
  between events (`interval(ds, day)` numbers them).
- `compare_dates(ds, a, b, holder=None)`: what changed between two dates.
- `timeline_by_date(ds, measure_ids=None)`: the measures at every event date, per holder too.

Results are JSON-ready (dates as ISO strings). docs/instruments.md explains the model.
"""

from __future__ import annotations

from vertikal.legal.api import (
    BadDate,
    NoInstruments,
    UnknownHolder,
    all_items,
    at,
    compare_dates,
    events,
    holders,
    instruments,
    parse_day,
    version_on,
)
from vertikal.legal.series import holder_counts, timeline_by_date
from vertikal.legal.state import interval

__all__ = [
    "BadDate",
    "NoInstruments",
    "UnknownHolder",
    "all_items",
    "at",
    "compare_dates",
    "events",
    "holder_counts",
    "holders",
    "instruments",
    "interval",
    "parse_day",
    "timeline_by_date",
    "version_on",
]
