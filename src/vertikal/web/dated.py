"""Dates on the web: a day in a URL, the version in force that day, the redirect to it.

A day is written ``YYYY-MM-DD`` and must be a real date (``2019-02-29`` is not). The version in force
on a day is the last version whose in-force date is on or before it (the library's
`vertikal.legal.version_on`); before the first version there is none.
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from vertikal.web.db import Store

if TYPE_CHECKING:
    from vertikal.dataset import Dataset
    from vertikal.web.at_html import DayWriter

T = TypeVar("T")
SETTLE = 2048  # parts kept (states, rows, JSON) between two freezes of what is kept (`LegalSource.settle`)
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


def first_in_force(store: Store) -> str:
    return str(store.versions[0]["in_force"])


def redirect_target(store: Store, source: LegalSource, text: str) -> str | None:
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
    from vertikal import legal

    found = legal.version_on(source.dataset(), day)
    if found is None:
        raise NotFoundError(
            BEFORE_FIRST, id=repr(text), first=first_in_force(store), known=", ".join(store.version_ids)
        )
    return found


def side(store: Store, source: LegalSource, text: str) -> tuple[str, dict[str, str] | None]:
    """One side of a comparison: the version `text` names, and when it is a day (not a version id),
    that day with the version in force on it (the page says which version a day was compared as)."""
    from vertikal.web.pages import resolve

    target = redirect_target(store, source, text)
    if target is None:
        return resolve(store, text), None
    return target, {"day": text, "version": target}


def with_query(path: str, query: str) -> str:
    """`path` with the request's query string kept (the language, for one)."""
    return f"{path}?{query}" if query else path


class LegalSource:
    """The loaded dataset that `vertikal.legal` answers from, read once (through the dataset cache) on
    the first dated request and kept for the life of the server, with the per-instrument index that
    `legal.at` bisects. `root` None: $VERTIKAL_DATA or the built-in data (what `serve --db` serves);
    `cached` False: loaded without the dataset cache, which it then never writes (`serve --db`)."""

    def __init__(self, root: Path | None, cached: bool = True) -> None:
        self.root, self.cached = root, cached
        self._ds: Dataset | None = None
        self._lock = threading.Lock()
        # the parts of the pages of a day kept per power (`kept`); None: never kept (a test compares
        # the pages with and without)
        self.fragments: dict[tuple[str, ...], dict[int, tuple[Any, Any]]] | None = {}
        self._settled = 0  # the size of what was kept when it was last frozen (`settle`)
        self._writers: dict[str, DayWriter] = {}

    def kept(self, kind: tuple[str, ...], values: list[Any], make: Callable[[Any], T]) -> list[T]:
        """`make(v)` for each of `values`, kept under `kind` and the id of `v` (a power of
        `vertikal.legal.at`: one object shared by every day and interval whose versions code it alike),
        never under a day: what is kept is bounded by the powers in the data, not by the days asked.
        `v` is held with its part, so that its id names it while the part is kept (and is checked)."""
        if self.fragments is None:
            return [make(v) for v in values]
        memo = self.fragments.setdefault(kind, {})
        out = []
        for v in values:
            hit = memo.get(id(v))
            if hit is None or hit[0] is not v:
                hit = memo[id(v)] = (v, make(v))
            out.append(hit[1])
        return out

    def dataset(self) -> Dataset:
        """The dataset, loaded on first use with what `legal.at` needs built at once (`state.prepare`:
        the index it bisects and every version's codings as entries, 5 ms for the real data, 0.35 s at
        100x, which no day then pays for); then the collector is told to leave it all alone
        (`gc.freeze`): it lives as long as the server, and a full collection would otherwise walk all
        of it (400 ms a time at 100x the real data, stalling every request in flight;
        bench/legal_scale.py)."""
        if self._ds is None:
            with self._lock:
                if self._ds is None:
                    if self.cached:
                        from vertikal.datacache import load

                        ds = load(self.root)
                    else:
                        from vertikal.loader import load as load_uncached

                        ds = load_uncached(self.root)
                    if ds.instruments is not None:
                        from vertikal.legal import state
                        from vertikal.loader import collector_paused

                        with collector_paused():  # (as a load: many objects, no cycles)
                            state.prepare(ds)  # what `at` needs: its index and every version's entries
                    gc.freeze()
                    self._ds = ds
        return self._ds

    def settle(self) -> None:
        """Once what is kept for the pages of a day (the legal states of `legal.at`, the rows and JSON of
        `kept`) has grown by `SETTLE` parts since the last time, tell the collector to leave it alone
        too (`gc.freeze`): it is bounded by the data and lives as long as the server, and a collection
        walking it grows with it (150 ms a time after a few thousand days at 100x the real data).
        Freezing is constant time; an object frozen while garbage is kept (a request's own are freed
        as usual when the request ends, unless they form a cycle)."""
        ds = self._ds
        if ds is None:
            return
        states = ds.memo.get(("legal", "states"))
        size = (len(states) if states is not None else 0) + sum(
            len(m) for m in (self.fragments or {}).values()
        )
        if size - self._settled >= SETTLE:
            self._settled = size
            gc.freeze()

    def writer(self, env: Any, known_items: Collection[str]) -> DayWriter:
        """The row writer of the page of a day in `env`'s language, kept with what it has written of
        the words that repeat from row to row (bounded by the data: items, instruments, versions)."""
        lang = env.globals["lang"]
        found = self._writers.get(lang)
        if found is None:
            from vertikal.web.at_html import DayWriter

            found = self._writers[lang] = DayWriter(env, self.titles(), known_items)
        return found

    def titles(self) -> dict[str, dict[str, Any]]:
        """Each instrument's title and kind, by id (for the pages; computed once)."""
        ds = self.dataset()
        key = ("web", "instrument-titles")
        if key not in ds.memo:
            from vertikal import legal

            ds.memo[key] = {i["id"]: {"title": i["title"], "kind": i["kind"]} for i in legal.instruments(ds)}
        found: dict[str, dict[str, Any]] = ds.memo[key]
        return found

    def holder_names(self) -> dict[str, dict[str, str | None]]:
        """Each holder's name in every language (the codebook's holders)."""
        codebook = self.dataset().codebook
        holders = codebook.holders if codebook is not None else {}
        return {h: {"en": n.en, "ru": n.ru, "kk": n.kk} for h, n in holders.items()}
