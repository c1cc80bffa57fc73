"""Dates on the web: a day in a URL, the version in force that day, the redirect to it.

A day is written ``YYYY-MM-DD`` and must be a real date (``2019-02-29`` is not). The version in force
on a day is the last version whose in-force date is on or before it (the library's
`vertikal.legal.version_on`); before the first version there is none.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from vertikal.web.db import Store

DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(text: str) -> date | None:
    """The day `text` names, or None if it is not a real ``YYYY-MM-DD`` date.

    >>> parse_day("2020-06-01"), parse_day("2019-02-29"), parse_day("20200601")
    (datetime.date(2020, 6, 1), None, None)
    """
    if not DAY_RE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def version_on(store: Store, day: date) -> str | None:
    """The id of the version in force on `day` (None before the first), by bisection of the in-force dates."""
    starts = [v["in_force"] for v in store.versions]
    i = bisect.bisect_right(starts, day.isoformat())
    return None if i == 0 else str(store.versions[i - 1]["id"])


def first_in_force(store: Store) -> str:
    return str(store.versions[0]["in_force"])


def redirect_target(store: Store, text: str) -> str | None:
    """For `/versions/DAY`: the version to redirect to when `text` is a day that is not a version id.

    None when `text` is a version id, a prefix of one, or not a real day (the version page then
    resolves it as before); a `NotFoundError` when the day is before the first version.
    """
    from vertikal.web.errors import BEFORE_FIRST, NotFoundError

    if text in store.version_ids:
        return None
    day = parse_day(text)
    if day is None:
        return None
    found = version_on(store, day)
    if found is None:
        raise NotFoundError(
            BEFORE_FIRST, id=repr(text), first=first_in_force(store), known=", ".join(store.version_ids)
        )
    return found


def side(store: Store, text: str) -> tuple[str, dict[str, str] | None]:
    """One side of a comparison: the version `text` names, and when it is a day (not a version id),
    that day with the version in force on it (the page says which version a day was compared as)."""
    from vertikal.web.pages import resolve

    target = redirect_target(store, text)
    if target is None:
        return resolve(store, text), None
    return target, {"day": text, "version": target}


def with_query(path: str, query: str) -> str:
    """`path` with the request's query string kept (the language, for one)."""
    return f"{path}?{query}" if query else path
