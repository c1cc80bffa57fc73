"""Read-only views of the dataset as plain JSON-ready values. The CLI renders exactly these."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from vertikal.dataset import Dataset
from vertikal.problems import VertikalError
from vertikal.refs import ArticleRef

if TYPE_CHECKING:
    from vertikal.models import Coding, Version

STATUSES = ("sole", "shared", "absent", "unknown")
KINDS = ("power", "constraint", "check", "status")


class NotFound(VertikalError, LookupError):
    """An unknown version, item or domain; the message lists what exists."""


class Ambiguous(NotFound):
    """A version prefix or year that fits several versions; `candidates` lists them."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


class SameVersion(VertikalError, ValueError):
    """Both sides of a comparison are the same version."""


_YEAR = re.compile(r"^\d{4}$")


def resolve_id(versions: Iterable[tuple[str, str]], text: str) -> str:
    """The version id that `text` names, from (id, in force) pairs in order; the one resolver of ids.

    `text` is an id, a unique prefix of one (``1998``, ``2022-09``), or a year in which exactly one
    version was in force. A prefix or year that fits several versions raises `Ambiguous` listing
    them; anything else raises `NotFound` listing the known ids.

    >>> vs = [("1995-08-30", "1995-09-05"), ("1998-10-07", "1998-10-07"), ("2007-05-21", "2007-05-21")]
    >>> resolve_id(vs, "1998"), resolve_id(vs, "2007-05"), resolve_id(vs, "2001")
    ('1998-10-07', '2007-05-21', '1998-10-07')
    """
    pairs = list(versions)
    ids = [vid for vid, _ in pairs]
    text = text.strip()
    if text in ids:
        return text
    found = [vid for vid in ids if text and vid.startswith(text)]
    how = f"versions whose id starts with {text}"
    if not found and _YEAR.match(text) and pairs:
        # a year in which no version took effect: the version(s) in force during that year
        starts = [in_force for _, in_force in pairs]
        ends = [*starts[1:], None]
        first, last = starts[0][:4], starts[-1][:4]
        if first <= text <= last:
            found = [
                vid
                for (vid, start), end in zip(pairs, ends, strict=True)
                if start <= f"{text}-12-31" and (end is None or end > f"{text}-01-01")
            ]
            how = f"versions in force in {text}"
    if len(found) == 1:
        return found[0]
    if found:
        raise Ambiguous(
            f"version {text!r} is ambiguous: {how}: {', '.join(found)}; give more of the date", found
        )
    raise NotFound(f"unknown version {text!r}; known versions: {', '.join(ids)}")


def resolve_version(ds: Dataset, text: str) -> str:
    """The id of the version of `ds` that `text` names (see `resolve_id`)."""
    return resolve_id(((v.id, v.in_force) for v in ds.versions), text)


def resolve_pair(ds: Dataset, a: str, b: str) -> tuple[str, str]:
    """Two different versions, resolved; the same version twice raises `SameVersion`."""
    va, vb = resolve_version(ds, a), resolve_version(ds, b)
    if va == vb:
        said = f"{a!r} and {b!r} both name" if a != b else f"{a!r} names"
        raise SameVersion(f"{said} version {va}: both sides are the same version; give two different ones")
    return va, vb


def _find_version(ds: Dataset, version_id: str) -> Version:
    return ds.version(resolve_version(ds, version_id))


def codebook(ds: Dataset) -> list[dict[str, Any]]:
    """Every codebook item."""
    assert ds.codebook is not None
    domains = ds.codebook.domains
    return [
        {
            "id": it.id,
            "domain": it.domain,
            "domain_label": domains[it.domain].model_dump(),
            "kind": it.kind,
            "label": it.label.model_dump(),
            "definition": it.definition.model_dump(),
            "statuses": dict(it.statuses),
            "attributes": {k: v.model_dump() for k, v in it.attributes.items()},
            "maps": {k: list(v) for k, v in it.maps.items()},
        }
        for it in ds.items
    ]


def _until(ds: Dataset) -> dict[str, str | None]:
    vs = ds.versions
    return {v.id: (vs[i + 1].in_force if i + 1 < len(vs) else None) for i, v in enumerate(vs)}


def version_row(ds: Dataset, v: Version) -> dict[str, Any]:
    """A version as JSON, its sources (and its documents' sources) described by the registry."""
    from vertikal.references import describe

    row = v.model_dump(mode="json", by_alias=True)
    row["sources"] = describe(ds, v.sources)
    for key, doc in v.documents.items():
        row["documents"][key]["sources"] = describe(ds, doc.sources)
    return row


def versions(ds: Dataset) -> list[dict[str, Any]]:
    """Every version, in order, with the date it was superseded and its coding counts.

    `counts` counts the powers (items of kind `power`) by status; `counts_by_kind` counts every kind
    (power, constraint, check, status) apart, so that checks and constraints are never added to powers.
    """
    until = _until(ds)
    kinds = {it.id: it.kind for it in ds.items}
    out = []
    for v in ds.versions:
        row = version_row(ds, v)
        row["until"] = until[v.id]
        codings = ds.codings.get(v.id, {})
        by_kind = {k: dict.fromkeys(STATUSES, 0) for k in KINDS}
        for item_id, c in codings.items():
            kind = kinds.get(item_id)
            if kind is not None:
                by_kind[kind][c.status] += 1
        row["counts"] = dict(by_kind["power"])
        row["counts_by_kind"] = by_kind
        out.append(row)
    return out


def _sources(ds: Dataset, ids: list[str]) -> list[dict[str, Any]]:
    from vertikal.references import describe

    return describe(ds, ids)


def _coding_row(ds: Dataset, version_id: str, item_id: str, coding: Coding) -> dict[str, Any]:
    return {
        "status": coding.status,
        "with": list(coding.with_),
        "attrs": dict(coding.attrs),
        "cite": [ArticleRef.parse(c).to_dict() for c in coding.cite],
        "paraphrase": coding.paraphrase,
        "sources": _sources(ds, ds.sources_of(version_id, coding)),
        "confidence": coding.confidence,
        "note": coding.note,
    }


def powers(ds: Dataset, version_id: str, domain: str | None = None) -> dict[str, Any]:
    """Every coding of one version (an id, a unique prefix or a year), optionally of one domain."""
    version = _find_version(ds, version_id)
    version_id = version.id
    assert ds.codebook is not None
    if domain is not None and domain not in ds.codebook.domains:
        known = ", ".join(ds.codebook.domains)
        raise NotFound(f"unknown domain {domain!r}; known domains: {known}")
    rows = []
    for it in ds.items:
        if domain is not None and it.domain != domain:
            continue
        coding = ds.codings.get(version_id, {}).get(it.id)
        if coding is None:
            continue
        row = {"item": it.id, "domain": it.domain, "kind": it.kind, "label": it.label.model_dump()}
        row.update(_coding_row(ds, version_id, it.id, coding))
        rows.append(row)
    return {"version": version_row(ds, version), "domain": domain, "codings": rows}


def history(ds: Dataset, item_id: str) -> dict[str, Any]:
    """One item across all versions, with a `change` mark where its status moves."""
    try:
        item = ds.item(item_id)
    except KeyError:
        raise NotFound(f"unknown power {item_id!r}; run `vertikal codebook` for the list") from None
    rows: list[dict[str, Any]] = []
    previous: str | None = None
    for v in ds.versions:
        coding = ds.codings.get(v.id, {}).get(item_id)
        if coding is None:
            continue
        row: dict[str, Any] = {"version": v.id, "in_force": v.in_force}
        row.update(_coding_row(ds, v.id, item_id, coding))
        row["change"] = (
            None if previous is None or previous == coding.status else f"{previous}->{coding.status}"
        )
        previous = coding.status
        rows.append(row)
    item_row = {
        "id": item.id,
        "domain": item.domain,
        "kind": item.kind,
        "label": item.label.model_dump(),
        "definition": item.definition.model_dump(),
    }
    return {"item": item_row, "versions": rows}


_BOUND = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def _within(version_id: str, start: str | None, end: str | None) -> bool:
    """Is the version in [start, end]? A bound may be a year or a month: 2022 ends with 2022-12-31."""
    return (start is None or version_id[: len(start)] >= start) and (
        end is None or version_id[: len(end)] <= end
    )


def _versions_between(ds: Dataset, start: str | None, end: str | None) -> list[str]:
    for bound in (start, end):
        if bound is not None and not _BOUND.match(bound):
            raise NotFound(f"bad version bound {bound!r}: expected a version id, a year or a month (2022-09)")
    found = [v.id for v in ds.versions if _within(v.id, start, end)]
    if not found:
        known = ", ".join(v.id for v in ds.versions)
        raise NotFound(
            f"no version from {start or 'the first'} to {end or 'the last'}; known versions: {known}"
        )
    return found


def matrix(
    ds: Dataset,
    items: list[str] | None = None,
    domain: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> dict[str, Any]:
    """Status of several items across the versions from `start` to `end` (a version id, year or month).

    The key powers unless items or a domain are given; every version unless bounds are given.
    """
    if items:
        for item_id in items:
            history(ds, item_id)  # raises NotFound for an unknown id
        chosen = [ds.item(i) for i in items]
    elif domain is not None:
        assert ds.codebook is not None
        if domain not in ds.codebook.domains:
            raise NotFound(f"unknown domain {domain!r}; known domains: {', '.join(ds.codebook.domains)}")
        chosen = [it for it in ds.items if it.domain == domain]
    else:
        chosen = [it for it in ds.items if it.key]
    version_ids = _versions_between(ds, start, end)
    rows = []
    for it in chosen:
        cells = {}
        for vid in version_ids:
            c = ds.codings.get(vid, {}).get(it.id)
            cells[vid] = (
                None
                if c is None
                else {
                    "status": c.status,
                    "attrs": dict(c.attrs),
                    "cite": list(c.cite),
                    "confidence": c.confidence,
                }
            )
        rows.append({"item": it.id, "label": it.label.model_dump(), "kind": it.kind, "cells": cells})
    return {"versions": version_ids, "items": rows}
