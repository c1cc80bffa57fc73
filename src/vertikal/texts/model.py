"""The article tree: nodes with stable ids whose texts, concatenated in order, are the normalized text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from vertikal.problems import VertikalError

# Node kinds, outermost first. `footnote` holds a note on its parent (e.g. which acts amended an
# article); `note` an editorial note (e.g. a wording adopted but not yet in force); `text` is
# unnumbered text that follows a footnote or a note inside its parent.
KINDS = ("document", "section", "chapter", "article", "paragraph", "subparagraph", "footnote", "note", "text")


class ParseError(VertikalError, ValueError):
    """A text that cannot be parsed; the message is one line and names the file (and line)."""


@dataclass(slots=True, eq=True)
class Node:
    """One unit of the text. `text` is the node's own text: from its start to its first child.

    Rendering a node is its own text followed by its children's renderings, so the document node
    renders the whole normalized text, byte for byte.
    """

    kind: str
    id: str
    num: str | None
    line: int
    start: int
    text: str = ""
    title: str | None = None
    excluded: bool = False
    children: list[Node] = field(default_factory=list)

    def render(self) -> str:
        parts: list[str] = []
        self._render_into(parts)
        return "".join(parts)

    def _render_into(self, parts: list[str]) -> None:
        parts.append(self.text)
        for child in self.children:
            child._render_into(parts)

    @property
    def end(self) -> int:
        """The offset just past the node's last character in the normalized text."""
        node = self
        while node.children:
            node = node.children[-1]
        return node.start + len(node.text)

    @property
    def body(self) -> str:
        """The own text without the heading line (sections, chapters, articles) or the number."""
        if self.kind in ("section", "chapter", "article"):
            _, _, rest = self.text.partition("\n")
            return rest
        if self.kind in ("paragraph", "subparagraph"):
            return _strip_marker(self.text)
        return self.text

    def walk(self) -> Iterator[Node]:
        """This node and every node under it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "num": self.num,
            "title": self.title,
            "excluded": self.excluded,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "children": [c.to_dict() for c in self.children],
        }

    def __repr__(self) -> str:
        return f"Node({self.id}, {len(self.children)} children)"


def _strip_marker(text: str) -> str:
    """'3-1. Text' -> 'Text'; '10) text' -> 'text' (Markdown quoting and escapes allowed)."""
    s = text.lstrip(" \t>*")
    i = 0
    while i < len(s) and (s[i].isdigit() or s[i] in "-\\"):
        i += 1
    if i < len(s) and s[i] in ".)":
        return s[i + 1 :].lstrip()
    return text


@dataclass(eq=True)
class Tree:
    """A parsed text: the document node, the language of its headings and an index by id."""

    name: str
    lang: str
    root: Node
    _index: dict[str, Node] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index = {n.id: n for n in self.root.walk()}

    def render(self) -> str:
        return self.root.render()

    def articles(self) -> list[Node]:
        return [n for n in self.root.walk() if n.kind == "article"]

    def get(self, node_id: str) -> Node | None:
        return self._index.get(node_id)

    def ids(self) -> list[str]:
        return list(self._index)

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(KINDS[1:], 0)
        for node in self.root.walk():
            if node.kind in out:
                out[node.kind] += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        arts = self.articles()
        return {
            "name": self.name,
            "lang": self.lang,
            "counts": self.counts(),
            "articles": [a.num for a in arts],
            "excluded": [a.num for a in arts if a.excluded],
            "root": self.root.to_dict(),
        }

    def __repr__(self) -> str:
        return f"Tree({self.name}, {self.lang}, {len(self.articles())} articles)"
