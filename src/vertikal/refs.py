"""Small frozen value objects: citation ids and article-number lists."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_NUM = r"\d+(?:-\d+)*"
_CITE = re.compile(
    rf"^(?:(?P<doc>[a-z][a-z0-9_]*)/)?art_(?P<art>{_NUM})"
    rf"(?:__para_(?P<para>{_NUM}))?(?:__subpara_(?P<sub>{_NUM}))?$"
)
_RANGE = re.compile(r"^(\d+)\.\.(\d+)$")
_SINGLE = re.compile(rf"^{_NUM}$")


@dataclass(frozen=True)
class ArticleRef:
    """A provision in a version's own numbering, e.g. ``art_44__para_3__subpara_1``."""

    article: str
    paragraph: str | None = None
    subparagraph: str | None = None
    doc: str | None = None

    @classmethod
    def parse(cls, text: str) -> ArticleRef:
        if cls is ArticleRef:
            return _parse(text)
        return cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> ArticleRef:
        m = _CITE.match(text)
        if m is None:
            raise ValueError(
                f"bad citation {text!r}: expected an id like art_44, art_44__para_3, "
                "art_44__subpara_3 or art_44__para_3__subpara_1"
            )
        return cls(m["art"], m["para"], m["sub"], m["doc"])

    @property
    def id(self) -> str:
        out = f"art_{self.article}"
        if self.paragraph:
            out += f"__para_{self.paragraph}"
        if self.subparagraph:
            out += f"__subpara_{self.subparagraph}"
        return f"{self.doc}/{out}" if self.doc else out

    def label(self, lang: str = "en") -> str:
        """Human form: 'Art. 44(3), subpara. 1' or 'ст. 44 п. 3 пп. 1' (see `vertikal.fmt.cite`)."""
        from vertikal.fmt import cite

        return cite(self, lang)

    def __repr__(self) -> str:
        return f"ArticleRef({self.id})"

    def to_dict(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "doc": self.doc,
            "article": self.article,
            "paragraph": self.paragraph,
            "subparagraph": self.subparagraph,
        }


@functools.lru_cache(maxsize=1 << 14)
def _parse(text: str) -> ArticleRef:
    """`ArticleRef.parse`, remembered: a citation recurs in many codings, and the value is frozen."""
    return ArticleRef._parse(text)


def expand_articles(spec: list[str]) -> frozenset[str]:
    """Expand an article list like ``["1..99", "94-1"]`` into the set of article numbers."""
    return _expand(tuple(spec))


@functools.lru_cache(maxsize=1 << 12)
def _expand(spec: tuple[str, ...]) -> frozenset[str]:
    """`expand_articles`, remembered: the versions of an instrument often list the same articles."""
    out: set[str] = set()
    for part in spec:
        m = _RANGE.match(part)
        if m:
            lo, hi = int(m[1]), int(m[2])
            if lo > hi:
                raise ValueError(f"bad article range {part!r}: start after end")
            out.update(str(n) for n in range(lo, hi + 1))
        elif _SINGLE.match(part):
            out.add(part)
        else:
            raise ValueError(f"bad article number {part!r}: expected N, N-M (inserted) or A..B (range)")
    return frozenset(out)
