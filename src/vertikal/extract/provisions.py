"""Provisions and clauses: the units of a parsed text in which a power can be granted.

A provision is an article, paragraph or subparagraph that is in force (not excluded), cited by its
node id. Its own text is split into clauses at semicolons and sentence ends, so that an enumeration
such as "appoints X; dismisses Y" yields one clause per power. Each clause carries the text of its
provision, the lead-in of its enumeration (the text of the paragraph or article above it, where the
actor is usually named: "The President shall:"), the text of its whole article and the headings of
the sections and chapters it is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from vertikal.texts import Node, Tree

KINDS = ("article", "paragraph", "subparagraph")
_SPLIT = re.compile(r";|(?<=[.!?])\s+(?=[«\"(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of one provision, with its surroundings."""

    provision: str
    text: str
    whole: str  # the provision's own text
    lead_in: str  # the texts above it in its article
    enumerated: bool  # the lead-in ends with a colon: "The President shall:"
    article: str  # the whole article's text
    headings: str  # the titles of the sections and chapters it is in


def _own_text(node: Node) -> str:
    parts = [node.body]
    parts += [c.text for c in node.children if c.kind == "text"]
    return " ".join(p.strip() for p in parts if p.strip())


def _below(node: Node, lead: list[str]) -> Iterator[tuple[Node, str, list[str]]]:
    for child in node.children:
        if child.excluded or child.kind not in KINDS:
            continue
        text = _own_text(child)
        yield child, text, lead
        yield from _below(child, [*lead, text] if text else lead)


def _parts(article: Node) -> list[tuple[Node, str, list[str]]]:
    """The article and every provision under it that has text of its own, with its lead-in."""
    text = _own_text(article)
    found: list[tuple[Node, str, list[str]]] = [(article, text, [])] if text else []
    return found + [x for x in _below(article, [text] if text else []) if x[1]]


def _articles(node: Node, headings: list[str]) -> Iterator[tuple[Node, list[str]]]:
    for child in node.children:
        if child.excluded:
            continue
        if child.kind == "article":
            yield child, headings
        elif child.kind in ("section", "chapter"):
            yield from _articles(child, [*headings, child.title or ""])


def provisions(tree: Tree) -> Iterator[tuple[str, str]]:
    """(id, own text) of every provision in force that has text of its own, in document order."""
    for article, _ in _articles(tree.root, []):
        for node, text, _ in _parts(article):
            yield node.id, text


def clauses(tree: Tree) -> Iterator[Clause]:
    """Every clause of every provision in force, in document order."""
    for article, headings in _articles(tree.root, []):
        found = _parts(article)
        whole_article = " ".join(t for _, t, _ in found)
        heading = " ".join(h for h in headings if h)
        for node, text, lead in found:
            enumerated = bool(lead) and lead[-1].rstrip().endswith(":")
            for part in _SPLIT.split(text):
                part = part.strip(" \t\n.,:")
                if len(part) > 2:
                    yield Clause(node.id, part, text, " ".join(lead), enumerated, whole_article, heading)
