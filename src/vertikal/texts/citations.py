"""Resolve every citation of the codings against the version's own text, where the text is cached.

A citation such as ``art_44__para_3__subpara_1`` must name a node of the parsed text. Citations of
another document (``independence/art_1``) are not checked here, nor versions without a cached text.
A citation of a provision that the text marks as excluded is unresolved too, unless the coding says
the power is absent.
"""

from __future__ import annotations

from pathlib import Path

from vertikal.dataset import Dataset, Source
from vertikal.problems import Problem
from vertikal.refs import ArticleRef
from vertikal.texts.cache import DEFAULT_LANGS, find
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


def _texts(version: str, cache: Path | None) -> list[tuple[str, Tree | str]]:
    """The parsed cached texts of a version by language (or the parse error's message)."""
    out: list[tuple[str, Tree | str]] = []
    for lang in DEFAULT_LANGS:
        entry = find(version, lang, cache)
        if entry is None:
            continue
        try:
            out.append((lang, parse(read_text(entry.path), str(entry.path))))
        except ParseError as exc:
            out.append((lang, str(exc)))
    return out


def check_citations(ds: Dataset, cache: Path | None = None) -> list[Problem]:
    """VK019 problems for the citations that the cached texts do not resolve, with file and line."""
    problems: list[Problem] = []
    for version, codings in sorted(ds.codings.items()):
        src = _codings_source(ds, version)
        texts = _texts(version, cache)
        if src is None or not texts:
            continue
        for lang, tree in texts:
            if isinstance(tree, str):
                msg = f"cannot check citations against the cached {lang} text of {version}: {tree}"
                problems.append(Problem(src.name, src.line("version"), CODE, msg))
                continue
            for item_id, coding in codings.items():
                for i, cite in enumerate(coding.cite):
                    msg = _unresolved(tree, cite, coding.status)
                    if msg:
                        where = src.line("codings", item_id, "cite", i)
                        text = f"{item_id}: {cite} {msg} in the cached {lang} text of {version}"
                        problems.append(Problem(src.name, where, CODE, text))
    return sorted(problems)


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
