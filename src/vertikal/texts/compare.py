"""Compare two parsed texts article by article, with word-level changes and amendment histories.

Articles are aligned by number first. The articles left over on both sides are then paired by
similarity (renumbered articles); an added article whose words mostly come from one article of the
other text is reported as split from it, and a removed one as merged into one. Footnotes and editorial
notes are not compared as text: each article's amendment history, read from its footnotes, is reported
instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from vertikal.texts.footnotes import history
from vertikal.texts.model import Node, Tree

RENUMBERED = 0.6  # least similarity for two differently numbered articles to be the same article
SPLIT = 0.6  # least share of an added article's words found in one article of the other text
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_ANCHOR = re.compile(r"^\s*<a\s+(?:id|name)=\"[^\"]*\"\s*>\s*</a>\s*$")
_DECOR = re.compile(r"^\s*(?:#{1,6}\s+|(?:>\s*)+)?\**")


@dataclass
class _Article:
    num: str
    node: Node
    plain: str
    tokens: list[str]
    spans: list[tuple[int, int]]
    where: list[str]

    def slice(self, i: int, j: int, *, trailing: bool = True) -> str:
        """The text of tokens i..j-1 (and the space after them, if `trailing`)."""
        if i >= j:
            return ""
        end = self.spans[j][0] if trailing and j < len(self.spans) else self.spans[j - 1][1]
        return self.plain[self.spans[i][0] : end]


def _plain(text: str) -> str:
    """A node's text without Markdown decoration, anchors and escapes."""
    lines = []
    for line in text.split("\n"):
        if _ANCHOR.match(line):
            continue
        line = _DECOR.sub("", line).rstrip("*").replace("\\", "")
        lines.append(line.strip())
    return "\n".join(lines).strip()


def _article(node: Node) -> _Article:
    parts: list[tuple[str, str]] = []
    for n in node.walk():
        if n.kind in ("footnote", "note"):
            continue
        text = _plain(n.body if n is node else n.text)
        if text:
            parts.append((n.id, text))
    plain, tokens, spans, where = "", [], [], []
    for node_id, text in parts:
        base = len(plain) + (1 if plain else 0)
        plain = f"{plain}\n{text}" if plain else text
        for m in _TOKEN.finditer(text):
            tokens.append(m.group())
            spans.append((base + m.start(), base + m.end()))
            where.append(node_id)
    return _Article(node.num or "", node, plain, tokens, spans, where)


def _key(num: str) -> tuple[int, ...]:
    return tuple(int(p) for p in num.split("-") if p.isdigit())


def _similarity(a: _Article, b: _Article) -> float:
    m = SequenceMatcher(None, a.tokens, b.tokens, autojunk=False)
    if m.real_quick_ratio() < RENUMBERED or m.quick_ratio() < RENUMBERED:
        return 0.0
    return m.ratio()


def _contained(part: _Article, whole: _Article) -> float:
    """The share of `part`'s words that appear, in order, in `whole`."""
    if not part.tokens:
        return 0.0
    m = SequenceMatcher(None, whole.tokens, part.tokens, autojunk=False)
    return sum(block.size for block in m.get_matching_blocks()) / len(part.tokens)


def _pair_leftovers(left_a: list[_Article], left_b: list[_Article]) -> list[tuple[_Article, _Article, float]]:
    scored = sorted(
        ((s, a.num, b.num, a, b) for a in left_a for b in left_b if (s := _similarity(a, b)) >= RENUMBERED),
        key=lambda t: (-t[0], _key(t[1]), _key(t[2])),
    )
    used_a: set[str] = set()
    used_b: set[str] = set()
    pairs = []
    for s, na, nb, a, b in scored:
        if na not in used_a and nb not in used_b:
            used_a.add(na)
            used_b.add(nb)
            pairs.append((a, b, s))
    return pairs


def _origin(part: _Article, others: list[_Article]) -> str | None:
    """The article of the other text that most of `part`'s words come from, if any."""
    best, best_num = SPLIT, None
    words = set(part.tokens)
    for other in others:
        if len(words & set(other.tokens)) < SPLIT * len(words):
            continue
        share = _contained(part, other)
        if share >= best:
            best, best_num = share, other.num
    return best_num


def _changes(a: _Article, b: _Article) -> tuple[list[dict[str, Any]], list[list[str]]]:
    m = SequenceMatcher(None, a.tokens, b.tokens, autojunk=False)
    changes: list[dict[str, Any]] = []
    segments: list[list[str]] = []
    lead = b.plain[: b.spans[0][0]] if b.spans else b.plain
    if lead:
        segments.append(["equal", lead])
    for op, i1, i2, j1, j2 in m.get_opcodes():
        if op == "equal":
            segments.append(["equal", b.slice(j1, j2)])
            continue
        old, new = a.slice(i1, i2, trailing=False), b.slice(j1, j2, trailing=False)
        changes.append(
            {
                "op": op,
                "a_node": a.where[i1] if i1 < i2 else None,
                "b_node": b.where[j1] if j1 < j2 else (b.where[j1 - 1] if j1 else None),
                "old": old,
                "new": new,
            }
        )
        if old:
            segments.append(["delete", a.slice(i1, i2)])
        if new:
            segments.append(["insert", b.slice(j1, j2)])
    return changes, segments


def _entry(status: str, a: _Article | None, b: _Article | None) -> dict[str, Any]:
    return {
        "article": b.num if b else a.num if a else "",
        "status": status,
        "a": a.num if a else None,
        "b": b.num if b else None,
        "similarity": None,
        "from": None,
        "into": None,
        "changes": [],
        "segments": [],
        "text": None,
        "history": {"a": history(a.node) if a else [], "b": history(b.node) if b else []},
    }


def _pair_entry(a: _Article, b: _Article, renumbered: bool, similarity: float | None) -> dict[str, Any]:
    same = a.tokens == b.tokens
    status = "renumbered" if renumbered else ("unchanged" if same else "changed")
    out = _entry(status, a, b)
    if not same:
        out["changes"], out["segments"] = _changes(a, b)
        similarity = similarity if similarity is not None else _similarity(a, b)
    out["similarity"] = round(similarity if similarity is not None else 1.0, 3)
    return out


def diff(a: Tree, b: Tree, *, article: str | None = None) -> dict[str, Any]:
    """The differences between two texts (see the module docstring); `article` keeps one article."""
    arts_a = {n.num or "": _article(n) for n in a.articles()}
    arts_b = {n.num or "": _article(n) for n in b.articles()}
    entries = [_pair_entry(arts_a[n], arts_b[n], False, None) for n in arts_a if n in arts_b]
    left_a = [x for n, x in arts_a.items() if n not in arts_b]
    left_b = [x for n, x in arts_b.items() if n not in arts_a]
    for x, y, s in _pair_leftovers(left_a, left_b):
        entries.append(_pair_entry(x, y, True, s))
        left_a.remove(x)
        left_b.remove(y)
    for y in left_b:
        origin = _origin(y, list(arts_a.values()))
        entries.append(_entry("added", None, y) | {"from": origin, "text": y.plain})
    for x in left_a:
        origin = _origin(x, list(arts_b.values()))
        entries.append(_entry("removed", x, None) | {"into": origin, "text": x.plain})
    entries.sort(key=lambda e: (_key(e["b"] or e["a"]), e["a"] is None))
    summary = dict.fromkeys(("added", "removed", "changed", "renumbered", "unchanged"), 0)
    for e in entries:
        summary[e["status"]] += 1
    if article is not None:
        entries = [e for e in entries if article in (e["a"], e["b"])]
    else:
        entries = [e for e in entries if e["status"] != "unchanged"]
    return {
        "a": {"name": a.name, "lang": a.lang, "articles": len(arts_a)},
        "b": {"name": b.name, "lang": b.lang, "articles": len(arts_b)},
        "article": article,
        "summary": summary,
        "articles": entries,
    }
