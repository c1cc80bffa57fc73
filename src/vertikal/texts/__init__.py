"""Texts of the laws: fetched or imported at run time, parsed into article trees, diffed, cited.

vertikal never ships law texts. :func:`fetch` downloads a version's text into the per-user cache,
:func:`add_file` imports a local file (text, Markdown, HTML, PDF); :func:`parse` turns a text into a
:class:`Tree` whose node ids are the citation ids of the codings; :func:`diff` compares two trees.

>>> from vertikal import texts
>>> tree = texts.parse("Article 1\\n\\n1. First.\\n\\n2. Second:\\n1) one;\\n2) two.\\n")
>>> [n.id for n in tree.root.walk()][1:]
['art_1', 'art_1__para_1', 'art_1__para_2', 'art_1__para_2__subpara_1', 'art_1__para_2__subpara_2']
>>> tree.render() == texts.normalize("Article 1\\n\\n1. First.\\n\\n2. Second:\\n1) one;\\n2) two.\\n")
True

The citation check is :func:`vertikal.texts.citations.check_citations`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from vertikal.texts.decode import MAX_BYTES, normalize
from vertikal.texts.model import Node, ParseError, Tree
from vertikal.texts.parser import parse, parse_file

if TYPE_CHECKING:
    from vertikal.texts.cache import Entry

__all__ = [
    "MAX_BYTES",
    "Node",
    "ParseError",
    "Tree",
    "add_file",
    "diff",
    "fetch",
    "normalize",
    "parse",
    "parse_file",
]


def diff(a: Tree, b: Tree, *, article: str | None = None) -> dict[str, Any]:
    """Compare two texts article by article (see :mod:`vertikal.texts.compare`)."""
    from vertikal.texts import compare

    return compare.diff(a, b, article=article)


def fetch(version: str, lang: str, **options: Any) -> Entry:
    """Download a version's text into the cache (see :mod:`vertikal.texts.fetcher`)."""
    from vertikal.texts import fetcher

    return fetcher.fetch(version, lang, **options)


def add_file(path: Path, version: str, lang: str, **options: Any) -> Entry:
    """Import a local file into the cache (see :mod:`vertikal.texts.extract`)."""
    from vertikal.texts import extract

    return extract.add_file(path, version, lang, **options)
