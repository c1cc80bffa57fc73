"""The rules `vertikal check` applies beyond the schemas. Each reports problems with stable codes.

The validator uses the loader (`vertikal.dataset` parses and schema-validates); `validate` runs every
rule on a dataset it has read. `vertikal.load()` is the two together.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from vertikal import check_codings, untranslated
from vertikal.dataset import Dataset, Source, read_source
from vertikal.models import CodingFile, Definition, Item, Version
from vertikal.problems import Problem, display_path
from vertikal.references import is_legal_text
from vertikal.refs import ArticleRef, expand_articles


def validate(ds: Dataset) -> Dataset:
    """Apply every rule to the dataset `ds` (as read by `vertikal.dataset.read`); problems go to `ds`."""
    known = {v.id: v for v in ds.versions}
    items = {it.id: it for it in ds.items}
    said = {it.id: _said(it.definition) for it in ds.items}
    for src, parsed in ds.coding_files:
        present = set(src.doc.value.get("codings") or {})
        coding_file(ds, src, src.path.stem, parsed, present, known=known, items=items, said=said)
    dataset(ds)
    extras(ds)
    from vertikal.legal import checks as legal_checks

    legal_checks.validate(ds)
    ds.problems.sort(key=lambda p: (p.file, p.line, p.code))
    return ds


@functools.lru_cache(maxsize=4096)
def normalized(text: str) -> str:
    """`text` compared loosely: case folded, punctuation dropped, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def repeats_definition(paraphrase: str, definition: str | Definition) -> bool:
    """True when a paraphrase says no more than the item's codebook definition, in any of its
    languages (VK030)."""
    return normalized(paraphrase) in _said(definition)


def _said(definition: str | Definition) -> frozenset[str]:
    """The non-empty loose forms of a definition's texts (`normalized`)."""
    texts = [definition] if isinstance(definition, str) else [definition.en, definition.ru, definition.kk]
    return frozenset(n for n in (normalized(t) for t in texts if t) if n)


def _articles(ds: Dataset, version: Version, report: bool = True) -> dict[str | None, frozenset[str]]:
    """Article numbers per document of a version (None = the main text); bad specs reported."""
    out: dict[str | None, frozenset[str]] = {}
    src = ds.sources.get(_manifest_name(ds))
    specs: list[tuple[str | None, list[str]]] = [(None, version.articles)]
    specs += [(k, d.articles) for k, d in version.documents.items()]
    for doc, spec in specs:
        try:
            out[doc] = expand_articles(spec)
        except ValueError as exc:
            if report:
                line = src.line("versions", _version_index(ds, version.id), "articles") if src else 0
                ds.problem(src, line, "VK002", f"version {version.id}: {exc}")
            out[doc] = frozenset()
    return out


def _manifest_name(ds: Dataset) -> str:
    for name, src in ds.sources.items():
        if src.path.name == "versions.yaml":
            return name
    return ""


def _version_index(ds: Dataset, version_id: str) -> int:
    for i, v in enumerate(ds.versions):
        if v.id == version_id:
            return i
    return 0


def coding_file(
    ds: Dataset,
    src: Source,
    stem: str,
    parsed: CodingFile,
    present: set[str],
    *,
    known: dict[str, Version] | None = None,
    items: dict[str, Item] | None = None,
    said: dict[str, frozenset[str]] | None = None,
) -> None:
    """Checks of one codings file against the codebook and its version.

    `present` holds every item key in the file, including codings that failed their schema; `known`
    (the versions by id), `items` (the codebook's items by id) and `said` (their definitions, `_said`)
    are found from `ds` unless given.
    """
    if parsed.version != stem:
        ds.problem(
            src, src.line("version"), "VK011", f"file is named {stem} but codes version {parsed.version}"
        )
    if known is None:
        known = {v.id: v for v in ds.versions}
    version = known.get(parsed.version)
    if ds.manifest is not None and version is None:
        ds.problem(src, src.line("version"), "VK011", f"version {parsed.version} is not in versions.yaml")
    if items is None:
        items = {it.id: it for it in ds.items}
    if said is None:
        said = {it.id: _said(it.definition) for it in items.values()}
    bodies = set(ds.codebook.bodies) if ds.codebook else set()
    articles = _articles(ds, version, report=False) if version is not None else None
    file_legal = any(is_legal_text(ds, s) for s in parsed.sources)  # the file's sources serve each coding
    for item_id, coding in parsed.codings.items():
        item = items.get(item_id)
        if ds.codebook is not None and item is None:
            ds.problem(
                src, src.line("codings", item_id), "VK005", f"unknown power {item_id!r}: not in the codebook"
            )
            continue
        if item is not None and not item.admits(coding.status):
            allowed = ", ".join([*item.statuses, "unknown"])
            ds.problem(
                src,
                src.line("codings", item_id, "status"),
                "VK002",
                f"{item_id}: status {coding.status!r} does not apply; allowed: {allowed}",
            )
        if item is not None:
            check_codings.coding(ds, src, item, item_id, coding)
        for i, body in enumerate(coding.with_):
            if bodies and body not in bodies:
                ds.problem(
                    src,
                    src.line("codings", item_id, "with", i),
                    "VK002",
                    f"{item_id}: unknown body {body!r}; see `bodies` in the codebook",
                )
        if coding.status not in ("absent", "unknown") and not coding.cite:
            if parsed.basis == "secondary" and coding.confidence == "low":
                ds.problem(
                    src,
                    src.line("codings", item_id),
                    "VK022",
                    f"{item_id} is {coding.status} but cites no article (no legal text of the version read)",
                )
            else:
                ds.problem(
                    src,
                    src.line("codings", item_id),
                    "VK008",
                    f"{item_id} is {coding.status} but cites no article",
                )
        if coding.status == "shared" and not coding.with_ and item is not None and item.kind == "power":
            ds.problem(
                src, src.line("codings", item_id), "VK014", f"{item_id} is shared but names no body in `with`"
            )
        if item is not None:
            _paraphrase(ds, src, item_id, coding.paraphrase, said[item_id])
        if coding.confidence == "low" and not coding.note.strip():
            ds.problem(
                src,
                src.line("codings", item_id),
                "VK002",
                f"{item_id}: a low-confidence coding needs a note saying what is missing",
            )
        if (
            coding.confidence in ("high", "medium")
            and ds.references is not None
            and not (file_legal or any(is_legal_text(ds, s) for s in coding.sources))
        ):
            ds.problem(
                src,
                src.line("codings", item_id),
                "VK015",
                f"{item_id} is {coding.confidence}-confidence but names no legal text among its sources "
                "(a source of a kind that counts as one in references.yaml, e.g. official_text)",
            )
        _check_cites(ds, src, item_id, coding.cite, articles, parsed.version)
    if ds.codebook is not None:
        for item in ds.codebook.items:
            if item.id not in present:
                ds.problem(
                    src,
                    src.line("codings"),
                    "VK006",
                    f"item {item.id!r} is not coded in version {parsed.version}",
                )


def _paraphrase(ds: Dataset, src: Source, item_id: str, paraphrase: str, said: frozenset[str]) -> None:
    """VK030 (a warning): a paraphrase that only repeats the item's definition says nothing of the version."""
    if normalized(paraphrase) in said:
        ds.problem(
            src,
            src.line("codings", item_id, "paraphrase"),
            "VK030",
            f"{item_id}: the paraphrase only repeats the codebook definition; say what this version "
            "provides (the condition, the body, the limit)",
        )


def _check_cites(
    ds: Dataset,
    src: Source,
    item_id: str,
    cites: list[str],
    articles: dict[str | None, frozenset[str]] | None,
    version_id: str,
) -> None:
    for i, text in enumerate(cites):
        try:
            ref = ArticleRef.parse(text)
        except ValueError as exc:
            ds.problem(src, src.line("codings", item_id, "cite", i), "VK012", f"{item_id}: {exc}")
            continue
        if articles is None:
            continue
        if ref.doc not in articles:
            ds.problem(
                src,
                src.line("codings", item_id, "cite", i),
                "VK009",
                f"{item_id}: version {version_id} has no document {ref.doc!r}",
            )
        elif ref.article not in articles[ref.doc]:
            doc = f" in {ref.doc}" if ref.doc else ""
            ds.problem(
                src,
                src.line("codings", item_id, "cite", i),
                "VK009",
                f"{item_id}: version {version_id} has no article {ref.article}{doc} (cited as {text})",
            )


def dataset(ds: Dataset) -> None:
    """Checks across files: codebook, versions manifest, one codings file per version."""
    if ds.codebook is not None:
        _codebook(ds)
    if ds.manifest is not None:
        _manifest(ds)
        name = _manifest_name(ds)
        src = ds.sources.get(name)
        for i, v in enumerate(ds.versions):
            if v.id not in ds.codings and not any(p.file.endswith(f"{v.id}.yaml") for p in ds.problems):
                line = src.line("versions", i, "id") if src else 0
                ds.problem(src, line, "VK013", f"version {v.id} has no codings file codings/{v.id}.yaml")


def _codebook(ds: Dataset) -> None:
    assert ds.codebook is not None
    src = next((s for s in ds.sources.values() if s.path.name == "codebook.yaml"), None)
    seen: set[str] = set()
    for i, item in enumerate(ds.codebook.items):
        if item.id in seen:
            ds.problem(
                src, src.line("items", i, "id") if src else 0, "VK004", f"duplicate item id {item.id!r}"
            )
        seen.add(item.id)
        if item.domain not in ds.codebook.domains:
            allowed = ", ".join(ds.codebook.domains)
            ds.problem(
                src,
                src.line("items", i, "domain") if src else 0,
                "VK002",
                f"item {item.id}: unknown domain {item.domain!r}; allowed: {allowed}",
            )
    if src is not None:
        untranslated.report(ds, src, ds.codebook)


def _manifest(ds: Dataset) -> None:
    assert ds.manifest is not None
    src = ds.sources.get(_manifest_name(ds))

    def line(i: int, key: str) -> int:
        return src.line("versions", i, key) if src else 0

    seen: set[str] = set()
    previous: Version | None = None
    for i, v in enumerate(ds.manifest.versions):
        if v.id in seen:
            ds.problem(src, line(i, "id"), "VK016", f"version {v.id} is listed twice")
        seen.add(v.id)
        if v.adopted > v.in_force:
            ds.problem(
                src,
                line(i, "in_force"),
                "VK010",
                f"version {v.id}: in force {v.in_force} before adoption {v.adopted}",
            )
        if v.act.date and v.act.date > v.in_force:
            ds.problem(
                src,
                line(i, "act"),
                "VK010",
                f"version {v.id}: act dated {v.act.date} after entry into force {v.in_force}",
            )
        if previous is not None:
            if v.id < previous.id:
                ds.problem(src, line(i, "id"), "VK010", f"version {v.id} is listed after {previous.id}")
            if v.in_force < previous.in_force:
                ds.problem(
                    src,
                    line(i, "in_force"),
                    "VK010",
                    f"version {v.id} in force {v.in_force}, before {previous.id} ({previous.in_force})",
                )
        previous = v
        _articles(ds, v)
    if src is not None:
        untranslated.report(ds, src, ds.manifest)


def extras(ds: Dataset) -> None:
    """Measure definitions, claims, akim rules and the sources they cite, where the data has them."""
    from vertikal import references

    akim_rules(ds)
    from vertikal.measures.defs import read_defs

    mdir = ds.root / "measures"
    if mdir.is_dir():
        defs, errors, docs = read_defs(mdir)
        for file, line, code, msg in errors:
            ds.problems.append(Problem(display_path(Path(file)), line, code, msg))
        from vertikal.measures.defs import check_against, load_dimensions

        dims, dim_errors = load_dimensions(ds.root / "dimensions.yaml")
        for file, line, msg in dim_errors:
            ds.problems.append(Problem(display_path(Path(file)), line, "VK020", msg))
        if ds.items and dims:
            for file, msg in check_against(defs, ds.items, dims, mdir):
                ds.problems.append(Problem(display_path(Path(file)), 1, "VK020", msg))
        known = {it.id for it in ds.items}
        for d in defs:
            used = {c.item for comp in d.components for r in comp.rules for c in (*r.when, *r.any, *r.count)}
            used |= {i for part in d.parts for i in part.items}
            for item_id in sorted(used - known) if known else []:
                ds.problems.append(
                    Problem(
                        display_path(mdir / f"{d.id}.yaml"),
                        1,
                        "VK005",
                        f"measure {d.id} reads unknown power {item_id!r}",
                    )
                )
    if (ds.root / "sensitivity.yaml").is_file():
        from vertikal.measures.sensitivity import SensitivityError, switches

        try:
            switches(ds)
        except SensitivityError as exc:
            ds.problems.append(Problem(display_path(Path(exc.file)), exc.line, "VK044", exc.message))
        for path, doc, d in docs:
            src = Source(path, display_path(path), doc)
            ds.sources.setdefault(src.name, src)  # kept, so that the source rules need not parse it again
            if next(untranslated.gaps(d), None) is not None:
                untranslated.report(ds, src, d)
    if (ds.root / "claims.yaml").is_file():
        from vertikal.measures.claimset import ClaimsError, load_claims_file

        try:
            claims, doc = load_claims_file(ds)
        except ClaimsError as exc:
            ds.problems.append(Problem(display_path(Path(exc.file)), exc.line, exc.code, exc.message))
        else:
            path = ds.root / "claims.yaml"
            src = Source(path, display_path(path), doc)
            ds.sources.setdefault(src.name, src)  # kept, so that the source rules need not parse it again
            if next(untranslated.gaps(claims), None) is not None:
                untranslated.report(ds, src, claims)
    _findings_untranslated(ds)
    references.report(ds)  # last: it reuses the files parsed above


def _findings_untranslated(ds: Dataset) -> None:
    """VK060 in the report's questions (``findings.yaml``); the report itself says if the file is invalid."""
    from pydantic import ValidationError

    from vertikal import _yaml
    from vertikal.report.findings import FILE, Questions

    path = ds.root / FILE
    if not path.is_file():
        return
    try:
        doc = _yaml.read(path)
        questions = Questions.model_validate(doc.value)
    except (_yaml.YamlError, ValidationError):
        return
    if next(untranslated.gaps(questions), None) is not None:
        untranslated.report(ds, Source(path, display_path(path), doc), questions)


def akim_rules(ds: Dataset) -> None:
    """The akim selection rules: schema, gaps per tier (VK017), agreement with the codings (VK018)."""
    path = ds.root / "akims.yaml"
    if not path.is_file():
        return
    from pydantic import ValidationError

    from vertikal.akims import rules
    from vertikal.akims.models import AkimsFile

    src = read_source(ds, path)
    if src is None:
        return
    try:
        data = AkimsFile.model_validate(src.doc.value)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            code = "VK003" if err["type"] == "extra_forbidden" else "VK002"
            ds.problem(src, src.doc.line(loc), code, f"{'.'.join(map(str, loc))}: {err['msg']}")
        return
    rules.report(ds, src, data)
    untranslated.report(ds, src, data)
