"""The rules on instruments.yaml and the instruments' codings files (VK055-VK059).

- VK055 an instruments' codings file that names no instrument or version of instruments.yaml (or
  sits under another file name);
- VK056 a citation that is malformed or names an article the instrument version's list lacks;
- VK057 a coding's item or holder: unknown, not applicable to that holder, a status or an attribute
  the item does not admit, an unknown body in `with`, a holder+item coded twice in one file;
- VK058 instruments.yaml: a Constitution version that is not in versions.yaml (or a version of
  versions.yaml no Constitution instrument lists), versions out of date order, a missing date, a
  repeal before adoption, a duplicate id, an unknown source kind of date;
- VK059 a coding without the evidence it needs: a known status citing no article, a coded version whose
  text was not read, a low-confidence or unknown coding without a note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vertikal import attrs
from vertikal.refs import ArticleRef, expand_articles

if TYPE_CHECKING:
    from vertikal.dataset import Dataset, Source
    from vertikal.legal.model import Instrument, InstrumentCoding, InstrumentVersion

CODINGS_PREFIX = "codings/"


def validate(ds: Dataset) -> None:
    if ds.instruments is None:
        return
    src = next((s for s in ds.sources.values() if s.path.name == "instruments.yaml"), None)
    _instruments(ds, src)
    known = {inst.id: inst for inst in ds.instruments.instruments}
    for name, csrc in ds.sources.items():
        if csrc.path.parent.parent.name != "codings" or not isinstance(csrc.doc.value, dict):
            continue
        inst_id, vid = csrc.path.parent.name, csrc.path.stem
        inst = known.get(inst_id)
        version = next((v for v in inst.versions if v.id == vid), None) if inst else None
        if inst is None or version is None:
            what = f"instrument {inst_id!r}" if inst is None else f"version {vid!r} of {inst_id}"
            ds.problem(csrc, 1, "VK055", f"{what} is not in instruments.yaml ({name})")
            continue
        if inst.kind == "constitution":
            ds.problem(
                csrc, 1, "VK055", f"{inst_id} is a Constitution: its codings are codings/<version>.yaml"
            )
            continue
        _codings(ds, csrc, inst, version, ds.instrument_codings.get(inst_id, {}).get(vid, []))


def _instruments(ds: Dataset, src: Source | None) -> None:
    assert ds.instruments is not None
    seen: set[str] = set()
    constitutional: set[str] = set()
    manifest = {v.id: v for v in ds.versions}

    def line(*path: str | int) -> int:
        return src.line(*path) if src else 0

    for i, inst in enumerate(ds.instruments.instruments):
        if inst.id in seen:
            ds.problem(src, line("instruments", i, "id"), "VK058", f"instrument {inst.id} is listed twice")
        seen.add(inst.id)
        if inst.repealed is not None and inst.repealed.date < inst.adopted:
            ds.problem(
                src, line("instruments", i, "repealed"), "VK058", f"{inst.id} is repealed before adoption"
            )
        if inst.force is not None and inst.kind != "decree":
            ds.problem(src, line("instruments", i, "force"), "VK058", f"{inst.id}: only a decree has `force`")
        previous = ""
        for j, v in enumerate(inst.versions):
            where = ("instruments", i, "versions", j)  # its line is found only for a problem
            if inst.kind == "constitution":
                if v.id not in manifest and ds.manifest is not None:
                    ds.problem(
                        src, line(*where), "VK058", f"{inst.id}: version {v.id} is not in versions.yaml"
                    )
                if v.id in constitutional:
                    ds.problem(
                        src, line(*where), "VK058", f"version {v.id} belongs to two Constitution instruments"
                    )
                constitutional.add(v.id)
                start = manifest[v.id].in_force if v.id in manifest else None
            else:
                start = v.in_force
                if start is None:
                    ds.problem(src, line(*where), "VK058", f"{inst.id}: version {v.id} has no date in force")
                if v.approximate and not v.in_force_note and start != inst.adopted:
                    ds.problem(
                        src,
                        line(*where),
                        "VK058",
                        f"{inst.id}: version {v.id}: say why its date is approximate",
                    )
                _article_list(ds, src, where, inst, v)
            if start is not None:
                if start <= previous:
                    ds.problem(
                        src, line(*where), "VK058", f"{inst.id}: version {v.id} is not after the one before"
                    )
                previous = start
                if inst.repealed is not None and start >= inst.repealed.date:
                    ds.problem(
                        src, line(*where), "VK058", f"{inst.id}: version {v.id} starts after the repeal"
                    )
    for mv in ds.versions:
        if mv.id not in constitutional:
            ds.problem(
                src, line("instruments"), "VK058", f"version {mv.id} of versions.yaml is in no Constitution"
            )


def _article_list(
    ds: Dataset, src: Source | None, where: tuple[str | int, ...], inst: Instrument, v: InstrumentVersion
) -> None:
    try:
        expand_articles(v.articles)
    except ValueError as exc:
        ds.problem(src, src.line(*where) if src else 0, "VK058", f"{inst.id}: version {v.id}: {exc}")


def _codings(
    ds: Dataset, src: Source, inst: Instrument, version: InstrumentVersion, codings: list[InstrumentCoding]
) -> None:
    from vertikal.legal.api import all_items

    items = all_items(ds)
    bodies = set(ds.codebook.bodies) if ds.codebook else set()
    holders = set(ds.codebook.holders) if ds.codebook else set()
    try:
        articles: frozenset[str] | None = expand_articles(version.articles)
    except ValueError:
        articles = None
    if codings and not version.read:
        ds.problem(src, 1, "VK059", f"{inst.id} version {version.id} was not read: do not code it")
    seen: set[tuple[str, str]] = set()
    for i, c in enumerate(codings):
        what = f"{c.holder}/{c.item}"
        if (c.holder, c.item) in seen:
            ds.problem(src, src.line("codings", i), "VK057", f"{what} is coded twice")
        seen.add((c.holder, c.item))
        item = items.get(c.item)
        if c.holder not in holders:
            ds.problem(src, src.line("codings", i, "holder"), "VK057", f"{what}: unknown holder {c.holder!r}")
        if item is None:
            ds.problem(
                src, src.line("codings", i, "item"), "VK057", f"{what}: {c.item!r} is not in the codebook"
            )
        else:
            if c.holder not in item.holders:
                ds.problem(
                    src,
                    src.line("codings", i),
                    "VK057",
                    f"{what}: {c.item} applies to {', '.join(item.holders)}, not {c.holder}",
                )
            if not item.admits(c.status):
                allowed = ", ".join([*item.statuses, "unknown"])
                ds.problem(
                    src,
                    src.line("codings", i),
                    "VK057",
                    f"{what}: status {c.status!r} does not apply; allowed: {allowed}",
                )
            for key, value in c.attrs.items():
                spec = item.attributes.get(key)
                why = (
                    "not an attribute of the item"
                    if spec is None
                    else attrs.problem(spec, value, bodies, holders)
                )
                if why is not None:
                    ds.problem(src, src.line("codings", i, "attrs", key), "VK057", f"{what}.{key}: {why}")
        for body in c.with_:
            if body not in bodies:
                ds.problem(src, src.line("codings", i), "VK057", f"{what}: unknown body {body!r}")
        if c.status in ("sole", "shared") and not c.cite:
            ds.problem(
                src,
                src.line("codings", i),
                "VK059",
                f"{what} is {c.status} but cites no article of {inst.id}",
            )
        if (c.status == "unknown" or c.confidence == "low") and not c.note.strip():
            ds.problem(
                src,
                src.line("codings", i),
                "VK059",
                f"{what}: an unknown or low-confidence coding needs a note",
            )
        for j, text in enumerate(c.cite):
            try:
                ref = ArticleRef.parse(text)
            except ValueError as exc:
                ds.problem(src, src.line("codings", i, "cite", j), "VK056", f"{what}: {exc}")
                continue
            if ref.doc is not None:
                ds.problem(
                    src,
                    src.line("codings", i, "cite", j),
                    "VK056",
                    f"{what}: {text}: cite this instrument's own articles, with no prefix",
                )
            elif articles is not None and ref.article not in articles:
                ds.problem(
                    src,
                    src.line("codings", i, "cite", j),
                    "VK056",
                    f"{what}: {inst.id} version {version.id} has no article {ref.article} ({text})",
                )
