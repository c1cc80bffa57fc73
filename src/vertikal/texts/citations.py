"""Resolve every citation of the codings against the version's own text, where the text is cached.

A citation such as ``art_44__para_3__subpara_1`` must name a node of the parsed text. Citations of
another document (``independence/art_1``) are not checked here, nor versions without a cached text.
A citation of a provision that the text marks as excluded is unresolved too, unless the coding says
the power is absent. :func:`check_texts` also says which cached texts were checked against which
versions, and which versions had no cached text to check.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from vertikal.dataset import Dataset, Source
from vertikal.problems import Problem
from vertikal.refs import ArticleRef
from vertikal.texts.cache import DEFAULT_LANGS, Entry, entries, find
from vertikal.texts.decode import read_text
from vertikal.texts.model import ParseError, Tree
from vertikal.texts.parser import parse

CODE = "VK019"


def _codings_source(ds: Dataset, version: str) -> Source | None:
    for src in ds.sources.values():
        if src.path.parent.name == "codings" and src.path.stem == version:
            return src
    return None


def _hint(tree: Tree, ref: ArticleRef) -> str:
    """What the text has instead, to make the message teach."""
    art = tree.get(f"art_{ref.article}")
    if art is None:
        return f"the text has no article {ref.article}"
    para = tree.get(f"art_{ref.article}__para_{ref.paragraph}") if ref.paragraph else None
    if ref.paragraph and para is None:
        kind, label, parent = "paragraph", "paragraphs", art
    else:
        kind, label, parent = "subparagraph", "subparagraphs", para or art
    nums = [c.num or "" for c in parent.children if c.kind == kind]
    where = f"article {ref.article}" + (f" paragraph {ref.paragraph}" if parent is not art else "")
    return f"{where} has {label} {', '.join(nums)}" if nums else f"{where} has no {label}"


@dataclass(frozen=True)
class Checked:
    """One cached text and what the check found in it: citations looked up, how many failed."""

    version: str
    lang: str
    path: str
    sha256: str
    citations: int
    unresolved: int
    error: str | None = None  # the text could not be parsed: nothing was checked against it

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class TextCheck:
    """The VK019 problems, the cached texts checked, the versions with no cached text to check."""

    problems: list[Problem]
    texts: list[Checked]
    without_text: list[str]  # versions of the data that have codings but no cached text
    not_in_data: list[str] = field(default_factory=list)  # "version/lang" cached but not in the data

    def to_dict(self) -> dict[str, object]:
        return {
            "checked": [t.to_dict() for t in self.texts],
            "without_text": self.without_text,
            "not_in_data": self.not_in_data,
        }


def _check_one(ds: Dataset, version: str, src: Source, entry: Entry) -> tuple[Checked, list[Problem]]:
    problems: list[Problem] = []
    base = (version, entry.lang, str(entry.path), entry.sha256)
    try:
        tree = parse(read_text(entry.path), str(entry.path))
    except ParseError as exc:
        msg = f"cannot check citations against the cached {entry.lang} text of {version}: {exc}"
        problems.append(Problem(src.name, src.line("version"), CODE, msg))
        return Checked(*base, 0, 0, str(exc)), problems
    n = 0
    for item_id, coding in ds.codings[version].items():
        for i, cite in enumerate(coding.cite):
            n += not cite.partition("/")[1]  # citations of another document are not checked here
            msg = _unresolved(tree, cite, coding.status)
            if msg:
                where = src.line("codings", item_id, "cite", i)
                text = f"{item_id}: {cite} {msg} in the cached {entry.lang} text of {version}"
                problems.append(Problem(src.name, where, CODE, text))
    return Checked(*base, n, len(problems)), problems


def check_texts(ds: Dataset, cache: Path | None = None) -> TextCheck:
    """Resolve every citation against each cached text of its version; say which texts were checked."""
    problems: list[Problem] = []
    checked: list[Checked] = []
    without: list[str] = []
    for version in sorted(ds.codings):
        src = _codings_source(ds, version)
        found = [e for lang in DEFAULT_LANGS if (e := find(version, lang, cache)) is not None]
        if src is None:
            continue
        if not found:
            without.append(version)
        for entry in found:
            one, more = _check_one(ds, version, src, entry)
            checked.append(one)
            problems.extend(more)
    extra = sorted(f"{e.version}/{e.lang}" for e in entries(cache) if e.version not in ds.codings)
    return TextCheck(sorted(problems), checked, without, extra)


def check_citations(ds: Dataset, cache: Path | None = None) -> list[Problem]:
    """VK019 problems for the citations that the cached texts do not resolve, with file and line."""
    return check_texts(ds, cache).problems


def _unresolved(tree: Tree, cite: str, status: str) -> str:
    try:
        ref = ArticleRef.parse(cite)
    except ValueError:
        return ""  # a malformed citation is VK012's business
    if ref.doc:
        return ""
    node = tree.get(ref.id)
    if node is None:
        return f"is not found ({_hint(tree, ref)})"
    if node.excluded and status != "absent":
        return "names a provision marked as excluded"
    return ""
