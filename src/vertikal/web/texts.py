"""Article texts from the local corpus, when the optional `vertikal.texts` module can give them.

The repository holds no texts of laws. When `vertikal.texts` is there and has a version's text in its
cache (`texts.cache.find` + `texts.parse_file`, or one of `NAMES` called with a version id), the
version page shows the cited articles and the compare page a diff of them; otherwise both say that
the text is not in the local corpus. Any failure of that module counts as "no text": a page never
breaks because a text is missing or a parser changed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

NAMES = ("cached_text", "get_cached", "cached", "load_cached")
_ART = re.compile(r"^(?:[a-z][a-z0-9_]*/)?art_(\d+(?:-\d+)*)")


def _from_cache(version_id: str) -> Any:
    """The parsed cached text of a version (the first of its languages that is cached), or None."""
    from vertikal.texts import parse_file  # type: ignore[attr-defined,unused-ignore]
    from vertikal.texts.cache import find  # type: ignore[import-not-found,unused-ignore]

    entry = find(version_id)
    if entry is None:
        return None
    tree = parse_file(entry.path)
    return {"articles": {node.num: node.render() for node in tree.articles() if node.num}}


def _getter() -> Callable[[str], Any] | None:
    try:
        from vertikal import texts  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    if callable(getattr(texts, "parse_file", None)):
        return _from_cache
    for name in NAMES:
        fn = getattr(texts, name, None)
        if callable(fn):
            return fn  # type: ignore[no-any-return]
    return None


def _article_key(key: Any) -> str | None:
    """'44', 'art_44', 'art_44__para_3' or 'Article 44' -> '44'."""
    text = str(key).strip()
    m = _ART.match(text)
    if m:
        return m[1]
    m = re.match(r"^(?:article|art\.?|статья|ст\.?)?\s*(\d+(?:-\d+)*)$", text, re.IGNORECASE)
    return m[1] if m else None


def _text_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    for attr in ("text", "body", "content"):
        inner = value.get(attr) if isinstance(value, Mapping) else getattr(value, attr, None)
        if isinstance(inner, str):
            return inner
    return None


def _normalise(parsed: Any) -> dict[str, str]:
    """Whatever the text module returns, as {article number: text}."""
    articles = getattr(parsed, "articles", parsed)
    if isinstance(parsed, Mapping) and "articles" in parsed:
        articles = parsed["articles"]
    pairs: list[tuple[Any, Any]] = []
    if isinstance(articles, Mapping):
        pairs = list(articles.items())
    elif isinstance(articles, list | tuple):
        for a in articles:
            ident = a.get("id") if isinstance(a, Mapping) else getattr(a, "id", None)
            ident = ident or (a.get("number") if isinstance(a, Mapping) else getattr(a, "number", None))
            pairs.append((ident, a))
    out: dict[str, str] = {}
    for key, value in pairs:
        number, text = _article_key(key), _text_of(value)
        if number and text and number not in out:
            out[number] = text.strip()
    return out


class TextSource:
    """Article texts by version, looked up once per version for the life of the server."""

    def __init__(self) -> None:
        self._memo: dict[str, dict[str, str] | None] = {}

    def articles(self, version_id: str) -> dict[str, str] | None:
        if version_id not in self._memo:
            self._memo[version_id] = self._load(version_id)
        return self._memo[version_id]

    @staticmethod
    def _load(version_id: str) -> dict[str, str] | None:
        fn = _getter()
        if fn is None:
            return None
        try:
            parsed = fn(version_id)
            found = _normalise(parsed) if parsed is not None else {}
        except Exception:
            return None
        return found or None

    def cited(self, version_id: str, cites: list[str]) -> list[dict[str, str]]:
        """The texts of the articles that `cites` point into, each once, in citation order."""
        arts = self.articles(version_id)
        if not arts:
            return []
        out, seen = [], set()
        for c in cites:
            number = _article_key(c)
            if number and number in arts and number not in seen:
                seen.add(number)
                out.append({"article": number, "text": arts[number]})
        return out

    def diff(self, a: str, b: str, changes: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
        """For each changed power, a line diff of its cited articles between versions a and b."""
        if not self.articles(a) or not self.articles(b):
            return None
        out = []
        for c in changes:
            before = self.cited(a, c["from"]["cite"] if c.get("from") else [])
            after = self.cited(b, c["to"]["cite"] if c.get("to") else [])
            if not before and not after:
                continue
            old = "\n\n".join(x["text"] for x in before).splitlines()
            new = "\n\n".join(x["text"] for x in after).splitlines()
            lines = [
                {"op": line[:1] if line[:1] in "+-@" else " ", "text": line}
                for line in difflib.unified_diff(old, new, a, b, n=2, lineterm="")
            ][2:]
            out.append(
                {
                    "item": c["item"],
                    "articles_from": [x["article"] for x in before],
                    "articles_to": [x["article"] for x in after],
                    "same": not lines,
                    "lines": lines,
                }
            )
        return out
