"""Write accepted proposals into a version's codings file, for a human to confirm.

Each accepted proposal replaces the item's coding as a ``confidence: low`` coding whose note says
which provision it was proposed from. A curated coding of medium or high confidence is never
replaced. The file is rewritten atomically in the layout of the coding guide, keeping its header.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from vertikal import _yaml
from vertikal._io import atomic_write
from vertikal.dataset import CODINGS, Dataset
from vertikal.extract.model import Proposal
from vertikal.models import Coding, CodingFile, Item, Version
from vertikal.problems import VertikalError
from vertikal.refs import ArticleRef, expand_articles
from vertikal.writer import dump_coding_file


class AcceptError(VertikalError, ValueError):
    """A version or codings file that proposals cannot be written into (one-line message)."""


@dataclass(frozen=True)
class AcceptResult:
    """What was written, and what was kept as it was and why."""

    version: str
    path: str
    written: tuple[str, ...]
    kept: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "path": self.path,
            "written": list(self.written),
            "kept": [{"item": item, "reason": reason} for item, reason in self.kept],
        }


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(lines)


def _version(ds: Dataset, version: str) -> Version:
    known = {v.id: v for v in ds.versions}
    if version not in known:
        raise AcceptError(f"unknown version {version!r}; known: {', '.join(known) or 'none'}")
    return known[version]


def _refusal(p: Proposal, item: Item | None, old: Coding | None, articles: frozenset[str]) -> str | None:
    """Why a proposal may not be written, or None."""
    if item is None:
        return "not a codebook item"
    if old is not None and old.confidence in ("medium", "high"):
        return f"curated {old.confidence}-confidence coding kept"
    if p.status not in item.statuses:
        return f"status {p.status} does not apply to this item"
    if p.status == "shared" and not p.with_ and item.kind == "power":
        return "shared, but the text names no body to share it with; code it by hand"
    for cite in p.cite:
        try:
            ref = ArticleRef.parse(cite)
        except ValueError:
            return f"cites {cite}, which is not a citation id"
        if ref.doc is None and ref.article not in articles:
            return f"cites {cite}, but article {ref.article} is not in this version"
    return None


def _coding(p: Proposal, old: Coding | None, sources: list[str]) -> Coding:
    data = p.to_coding().model_dump(by_alias=True)
    if old is not None and old.note.startswith("proposed by vertikal extract"):
        data["note"] += old.note.partition("; to be confirmed")[2]  # what it replaced, kept on re-accepting
    elif old is not None:
        data["note"] += f" (replaces a low-confidence {old.status} coding)"
    data["sources"] = list(sources)
    return Coding.model_validate(data)


def accept(
    ds: Dataset, version: str, proposals: Iterable[Proposal], *, sources: Iterable[str] = ()
) -> AcceptResult:
    """Write `proposals` into the codings file of `version` under the dataset's root.

    `sources` are the URLs (or file names) of the text the proposals were read from: each URL that
    belongs to a source registered in references.yaml adds that source's id to every written coding
    (the codings file's own sources, which name the version's texts, apply to every coding anyway).
    """
    from vertikal.references import find_url

    ids = [i for i in dict.fromkeys(find_url(ds.references, s) for s in sources) if i is not None]
    v = _version(ds, version)
    path = Path(ds.root) / CODINGS / f"{version}.yaml"
    try:
        text = path.read_text(encoding="utf-8")
        cf = CodingFile.model_validate(_yaml.parse(text).value)
    except (OSError, _yaml.YamlError, ValidationError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not a valid codings file"
        raise AcceptError(f"{path}: {reason}; run `vertikal check`") from None
    items = {it.id: it for it in ds.items}
    articles = expand_articles(v.articles)
    codings = dict(cf.codings)
    written: list[str] = []
    kept: list[tuple[str, str]] = []
    for p in proposals:
        old = codings.get(p.item)
        reason = _refusal(p, items.get(p.item), old, articles)
        if reason is not None:
            kept.append((p.item, reason))
            continue
        codings[p.item] = _coding(p, old, ids)
        written.append(p.item)
    if written:
        ordered = {it.id: codings[it.id] for it in ds.items if it.id in codings}
        ordered |= {k: c for k, c in codings.items() if k not in ordered}
        new = CodingFile(version=cf.version, basis=cf.basis, sources=cf.sources, codings=ordered)
        atomic_write(path, dump_coding_file(new, _header(text)))
    return AcceptResult(version, str(path), tuple(written), tuple(kept))
