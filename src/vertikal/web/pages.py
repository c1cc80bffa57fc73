"""What each page shows, as plain data: the JSON twin sends it, the template renders it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vertikal.queries import Ambiguous, NotFound, resolve_id
from vertikal.web.dated import LegalSource, side
from vertikal.web.db import Store
from vertikal.web.errors import (
    AMBIGUOUS_VERSION,
    SAME_VERSION,
    UNKNOWN_POWER,
    UNKNOWN_VERSION,
    NotFoundError,
    ParameterError,
)
from vertikal.web.i18n import N_
from vertikal.web.texts import TextSource

CSV_ZIP = "vertikal-csv.zip"


def home(store: Store, legal: LegalSource | None = None) -> dict[str, Any]:
    """The timeline and the reforms; with the dated legal order, its events and the story read off them
    (`legal`: null for data without instruments)."""
    return {"timeline": store.blob("timeline"), "steps": store.blob("steps"), "legal": legal_order(legal)}


def with_events(charts: dict[str, Any], source: LegalSource, lang: str, gettext: Any) -> dict[str, Any]:
    """The charts with every event of the legal order marked on the overview (`story.event_marks`)."""
    from vertikal.web.story import event_marks

    if not charts.get("overview"):
        return charts
    return {**charts, "overview": event_marks(charts["overview"], source.dataset(), lang, gettext)}


def legal_order(source: LegalSource | None) -> dict[str, Any] | None:
    if source is None:
        return None
    from vertikal import legal
    from vertikal.web.story import story

    ds = source.dataset()
    try:
        return {"events": legal.events(ds), "story": story(ds)}
    except legal.NoInstruments:
        return None


def resolve(store: Store, text: str) -> str:
    """The version id that `text` names (an id, a unique prefix or a year): the library's resolver."""
    try:
        return resolve_id(((v["id"], v["in_force"]) for v in store.versions), text)
    except Ambiguous as exc:
        raise NotFoundError(AMBIGUOUS_VERSION, id=repr(text), candidates=", ".join(exc.candidates)) from None
    except NotFound:
        raise NotFoundError(UNKNOWN_VERSION, id=repr(text), known=", ".join(store.version_ids)) from None


def resolve_pair(store: Store, a: str, b: str) -> tuple[str, str]:
    va, vb = resolve(store, a), resolve(store, b)
    if va == vb:
        raise ParameterError(SAME_VERSION, id=va)
    return va, vb


def version(store: Store, texts: TextSource, version_id: str) -> dict[str, Any]:
    version_id = resolve(store, version_id)
    powers = store.powers(version_id)
    assert powers is not None, "every version is in the database"
    before, after = store.neighbours(version_id)
    available = bool(texts.articles(version_id))
    cited = {}
    if available:
        for c in powers["codings"]:
            found = texts.cited(version_id, [x["id"] for x in c["cite"]])
            if found:
                cited[c["item"]] = found
    return {
        "powers": powers,
        "scores": store.scores(version_id),
        "previous": before,
        "next": after,
        "text_available": available,
        "texts": cited,
    }


def power(store: Store, item_id: str) -> dict[str, Any]:
    found = store.history(item_id)
    if found is None:
        raise NotFoundError(UNKNOWN_POWER, id=repr(item_id))
    return found


def compare(store: Store, texts: TextSource, legal: LegalSource, a: str, b: str) -> dict[str, Any]:
    """Two versions compared; a side given as a day (not a version id) is the version in force that
    day, and `days` says so (absent when both sides are versions). Two days are also compared across
    the whole legal order (`dates`: the library's `legal.compare_dates`), even when the same version
    of the Constitution was in force on both (then `compare` is null)."""
    (a, day_a), (b, day_b) = side(store, legal, a), side(store, legal, b)
    both_days = day_a is not None and day_b is not None
    if a == b and not both_days:
        raise ParameterError(SAME_VERSION, id=a)
    out: dict[str, Any] = {"compare": None, "text_diff": None}
    if a != b:
        result = store.compare(a, b)
        assert result is not None, "every pair of versions is in the database"
        out = {"compare": result, "text_diff": texts.diff(a, b, result["changes"])}
    if day_a or day_b:
        out["days"] = {"a": day_a, "b": day_b}
    if day_a is not None and day_b is not None:
        out["dates"] = compare_dates(legal, day_a["day"], day_b["day"])
    return out


def compare_dates(source: LegalSource, a: str, b: str) -> dict[str, Any] | None:
    """`legal.compare_dates` of two days; null for data without instruments."""
    from vertikal import legal

    try:
        return legal.compare_dates(source.dataset(), a, b)
    except legal.NoInstruments:
        return None


def akims(store: Store) -> dict[str, Any]:
    found = store.blob("akims")
    return {"rules": found["rules"], "series": found["series"]} if found else {"rules": None, "series": None}


def claims(store: Store) -> dict[str, Any]:
    return store.blob("claims")  # type: ignore[no-any-return]


def methods(store: Store) -> dict[str, Any]:
    every = store.blob("methods_all")
    return {
        "measures": store.blob("methods"),
        "dimensions": every["dimensions"],
        "ranges": every["ranges"],
        "periods": store.blob("periods"),
    }


def sensitivity(store: Store) -> dict[str, Any]:
    found: dict[str, Any] | None = store.blob("sensitivity")
    return found if found else {"switches": [], "claims": [], "measures": []}


def codebook(store: Store) -> dict[str, Any]:
    return {"domains": store.domains, "items": store.codebook}


def download_files(downloads: Path | None) -> dict[str, Path]:
    """The files that may be downloaded, by URL name; nothing outside this list is ever served."""
    if downloads is None or not (downloads / "datapackage.json").is_file():
        return {}
    files = {"datapackage.json": downloads / "datapackage.json"}
    if (downloads / CSV_ZIP).is_file():
        files[CSV_ZIP] = downloads / CSV_ZIP
    for p in sorted((downloads / "csv").glob("*.csv")):
        files[f"csv/{p.name}"] = p
    return files


MEDIA = {".json": "application/json", ".zip": "application/zip", ".csv": "text/csv; charset=utf-8"}


def downloads(files: dict[str, Path], descriptions: dict[str, str]) -> dict[str, Any]:
    rows = []
    for name, path in files.items():
        if name == "datapackage.json":
            text = N_("Frictionless data package: every table's schema, licence and sources")
        elif name == CSV_ZIP:
            text = N_("datapackage.json and every CSV table in one zip")
        else:
            text = descriptions.get(Path(name).stem, "")
        rows.append(
            {
                "name": name,
                "url": f"/downloads/{name}",
                "media_type": MEDIA[path.suffix],
                "bytes": path.stat().st_size,
                "description": text,
            }
        )
    return {"available": bool(rows), "files": rows}
