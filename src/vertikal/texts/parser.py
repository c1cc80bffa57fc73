"""Parse a law's text into a tree of sections, chapters, articles, paragraphs and subparagraphs.

The parser reads the normalized text line by line. A line is a heading (``Article 44``, ``### Статья
44``, ``**44-бап**``, ``Section III``, ``## Раздел II ...``, ``I бөлім``, ``Chapter 2``, ``Глава 2``), a
numbered paragraph (``3.``, ``3-1.``), a subparagraph (``1)``, ``10-1)``), a footnote (``Footnote.``,
``> *Сноска. ...*``, ``Ескерту.``, ``Сілтеме.``), an editorial note (``Note.``, ``Примечание.``,
``Ескертпе.``), or plain text, which belongs to the node it follows. Markdown anchors (``<a
id="st44"></a>``) count as blank lines. Plain text after a footnote or a note and a blank line opens a
``text`` node (``art_5__text_1``), as when a footnote stands between a heading and its body.

Kazakh texts number articles ``1-бап`` and sections ``I бөлім``; Roman numerals written with the
Cyrillic letters that look like Latin ones (``І``, ``Х``) are read as Roman numerals.

Footnotes record a node's amendment history and belong to the article (or section) they are in.
Editorial notes belong to the innermost article, paragraph or subparagraph they stand in
(``art_44__para_2__note_1``); the italic lines that follow a note (a wording that an amending act
has adopted but not yet put in force) are part of the note, so that they open no provision.

Ids follow the citation ids of :mod:`vertikal.refs`: ``art_44``, ``art_44__para_3``,
``art_44__para_3__subpara_1``, ``art_44__subpara_3`` (directly under the article), ``art_94-1``;
sections ``sec_3``, chapters ``ch_2`` (``sec_3__ch_2`` inside a section), footnotes ``art_44__fn_1``.
A number already used by a sibling does not open a new node (the line is plain text), so ids are
unique; a repeated article number is an error. Articles, paragraphs and subparagraphs whose text
says they were excluded (``Excluded by ...``, ``(исключен ...)``, ``алып тасталды``), and articles that
have only a footnote saying so, are kept as nodes with ``excluded=True``.
"""

from __future__ import annotations

import re
from pathlib import Path

from vertikal.texts.decode import check_size, normalize, read_text
from vertikal.texts.model import Node, ParseError, Tree

_NUM = r"\d{1,6}(?:[-–]\d{1,3})*"
_HEAD = re.compile(
    rf"^(?P<kw>Article|ARTICLE|Статья|СТАТЬЯ|Section|SECTION|Раздел|РАЗДЕЛ|Chapter|CHAPTER|Глава|ГЛАВА)"
    rf"\s+(?P<num>{_NUM}|[IVXLCDMІХ]+)(?P<rest>.*)$"
)
_KK_ARTICLE = re.compile(rf"^(?P<num>{_NUM})[-–](?:бап|БАП)(?P<rest>.*)$")
_KK_PART = re.compile(
    r"^(?P<num>\d{1,3}|[IVXLCDMІХ]+)(?:\s+|[-–])(?P<kw>бөлім|БӨЛІМ|тарау|ТАРАУ)(?P<rest>.*)$"
)
_ENUM = re.compile(rf"^(?P<num>{_NUM})(?P<mark>[.)])(?:\s|$)")
_FOOTNOTE = re.compile(r"^(?:Footnote|FOOTNOTE|Сноска|СНОСКА|Ескерту|ЕСКЕРТУ|Сілтеме|СІЛТЕМЕ)\s*[.:]")
_NOTE = re.compile(r"^(?:Note|NOTE|Примечание|ПРИМЕЧАНИЕ|Ескертпе|ЕСКЕРТПЕ)\s*[.:]")
_LOOKALIKE = str.maketrans("ІХ", "IX")  # Cyrillic letters used as Roman numerals in Kazakh texts
_ANCHOR = re.compile(r"^<a\s+(?:id|name)=\"[^\"]*\"\s*>\s*</a>$")  # Markdown anchors: decoration
_UNESCAPE = re.compile(r"\\([().*\-_#>\[\]])")
_EXCLUDED = re.compile(r"^[(\s]*(?:excluded|исключ|ал(?:ын)?ып\s+таст)", re.IGNORECASE)
_EXCLUDED_NOTE = re.compile(r"excluded|исключен|ал(?:ын)?ып\s+тасталды", re.IGNORECASE)
_KIND = {"article": "article", "статья": "article", "section": "section", "раздел": "section"}
_KIND |= {"chapter": "chapter", "глава": "chapter", "бөлім": "section", "тарау": "chapter"}
_LANG = {"article": "en", "статья": "ru", "бап": "kk"}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_PARENTS = {
    "section": ("document",),
    "chapter": ("section", "document"),
    "article": ("chapter", "section", "document"),
    "footnote": ("article", "chapter", "section", "document"),
    "note": ("subparagraph", "paragraph", "article", "chapter", "section", "document"),
}

Line = tuple[str, str | None, str | None]  # kind, number, inline title


def _roman(num: str) -> str:
    """A section or chapter number in digits: 'IV' -> '4', '3-1' -> '3-1'."""
    if num[0].isdigit():
        return "-".join(str(int(part)) for part in num.replace("–", "-").split("-"))
    num = num.translate(_LOOKALIKE)
    total = 0
    for ch, nxt in zip(num, [*num[1:], ""], strict=True):
        v = _ROMAN[ch]
        total += -v if nxt and _ROMAN[nxt] > v else v
    return str(total)


def _bare(line: str) -> tuple[str, bool]:
    """The line without Markdown decoration; True if it was a heading or emphasised."""
    s = line.strip()
    marked = False
    if s.startswith("#"):
        s, marked = s.lstrip("#").strip(), True
    if s.startswith(">"):
        s = s.lstrip("> \t")
    if s[:1] in ("*", "_"):
        s, marked = s.strip("*_ \t"), True
    if "\\" in s:
        s = _UNESCAPE.sub(r"\1", s)
    return s, marked


def _italic(line: str) -> bool:
    """True for a line in italics (``*...*``, ``> *...*``, ``_..._``), not in bold."""
    s = line.strip().lstrip("> \t")
    return (s[:1] == "*" and s[:2] != "**") or (s[:1] == "_" and s[:2] != "__")


def _title(rest: str, marked: bool) -> tuple[bool, str | None]:
    """Whether the text after a heading's number fits a heading, and the inline title if any."""
    if not rest:
        return True, None
    if len(rest) > 300:
        return False, None
    if rest[0] in ".:" or (marked and rest[0] in " \t—–-"):
        return True, rest.lstrip(".:—–- \t").strip("*_ \t") or None
    return False, None


def classify(line: str) -> Line:
    """(kind, number, inline title); kind is one of 'blank', 'plain', 'footnote', 'note', 'section',
    'chapter', 'article', 'paragraph', 'subparagraph'."""
    s, marked = _bare(line)
    if not s:
        return ("blank", None, None) if not line.strip() else ("plain", None, None)
    c = s[0]
    if c == "<" and _ANCHOR.match(s):
        return "blank", None, None
    if c.isdigit() or c in "IVXLCDMІХ":
        m = _ENUM.match(s)
        if m:
            kind = "paragraph" if m["mark"] == "." else "subparagraph"
            return kind, m["num"].replace("–", "-"), None
        m = _KK_ARTICLE.match(s) or _KK_PART.match(s)
        if m:
            ok, title = _title(m["rest"], marked)
            if ok:
                kw = m.groupdict().get("kw") or "бап"
                kind = _KIND.get(kw.lower(), "article")
                num = m["num"].replace("–", "-") if kind == "article" else _roman(m["num"])
                return kind, num, title
    if c in "AaSsCcРрСсГгFfЕеNnПп":
        if _FOOTNOTE.match(s):
            return "footnote", None, None
        if _NOTE.match(s):
            return "note", None, None
        m = _HEAD.match(s)
        if m:
            ok, title = _title(m["rest"], marked)
            kind = _KIND[m["kw"].lower()]
            num = m["num"]
            if ok and kind == "article" and num[0].isdigit():
                return kind, num.replace("–", "-"), title
            if ok and kind != "article":
                return kind, _roman(num), title
    return "plain", None, None


class _Builder:
    """Grows the tree line by line; only the deepest open node ever receives plain text."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.root = Node("document", "document", None, 1, 0)
        self.stack = [self.root]
        self.lines: list[str] = []  # the pending own text of stack[-1]
        self.nums: dict[tuple[str, str], set[str]] = {}
        self.articles: dict[str, int] = {}
        self.lang = ""
        self.footnote_closed = False  # a blank line followed the current footnote or note

    def _find(self, kinds: tuple[str, ...]) -> Node | None:
        for node in reversed(self.stack):
            if node.kind in kinds:
                return node
        return None

    def _push(self, parent: Node, node: Node) -> None:
        self.stack[-1].text = "".join(self.lines)
        self.lines = []
        while self.stack[-1] is not parent:
            self.stack.pop()
        parent.children.append(node)
        self.stack.append(node)
        self.footnote_closed = False

    def _child_id(self, parent: Node, suffix: str) -> str:
        return suffix if parent.kind == "document" else f"{parent.id}__{suffix}"

    def _numbered(self, parent: Node, kind: str, num: str) -> bool:
        """Record `num` as a child number of `parent`; False if a sibling already has it."""
        seen = self.nums.setdefault((parent.id, kind), set())
        if num in seen:
            return False
        seen.add(num)
        return True

    def feed(self, line: str, lineno: int, offset: int) -> None:
        kind, num, title = classify(line)
        if self.stack[-1].kind == "note" and self._quoted(kind, num or "", line):
            self.lines.append(line)  # the wording a note quotes is part of the note
            return
        if kind in ("blank", "plain"):
            self._plain(line, kind, lineno, offset)
            return
        if kind in ("footnote", "note"):
            parent = self._find(_PARENTS[kind]) or self.root
            k = sum(1 for c in parent.children if c.kind == kind) + 1
            prefix = "fn" if kind == "footnote" else "note"
            node_id = self._child_id(parent, f"{prefix}_{k}")
            self._push(parent, Node(kind, node_id, str(k), lineno, offset))
        elif kind == "article":
            self._article(num or "", title, line, lineno, offset)
            return
        elif kind in ("section", "chapter"):
            parent = self._find(_PARENTS[kind]) or self.root
            prefix = "sec" if kind == "section" else "ch"
            if not self._numbered(parent, kind, num or ""):
                self._plain(line, "plain", lineno, offset)
                return
            node_id = self._child_id(parent, f"{prefix}_{num}")
            self._push(parent, Node(kind, node_id, num, lineno, offset, title=title))
        else:
            self._enumerated(kind, num or "", line, lineno, offset)
            return
        self.lines.append(line)

    def _quoted(self, kind: str, num: str, line: str) -> bool:
        """Whether a line after a note is part of the wording the note quotes.

        Italic lines always are. After a note that ends with a colon (it introduces a wording), so are
        plain lines and numbered lines whose number is taken, until a new number or heading.
        """
        if kind not in ("paragraph", "subparagraph", "plain"):
            return False
        if _italic(line):
            return True
        if not self.lines or not _bare(self.lines[0])[0].rstrip("*_ ").endswith(":"):
            return False
        if kind == "plain":
            return bool(line.strip())
        article = self._find(("article",))
        parent = self._find(("paragraph", "article")) if kind == "subparagraph" else article
        return parent is None or num in self.nums.get((parent.id, kind), set())

    def _article(self, num: str, title: str | None, line: str, lineno: int, offset: int) -> None:
        if num in self.articles:
            raise ParseError(
                f"{self.name}:{lineno}: article {num} appears twice (first at line {self.articles[num]})"
            )
        self.articles[num] = lineno
        parent = self._find(_PARENTS["article"]) or self.root
        self._push(parent, Node("article", f"art_{num}", num, lineno, offset, title=title))
        self.lines.append(line)
        if not self.lang:
            self.lang = _language(line)

    def _enumerated(self, kind: str, num: str, line: str, lineno: int, offset: int) -> None:
        article = self._find(("article",))
        if article is None:
            self._plain(line, "plain", lineno, offset)
            return
        parent = article
        if kind == "subparagraph":
            parent = self._find(("paragraph", "article")) or article
        if not self._numbered(parent, kind, num):
            self._plain(line, "plain", lineno, offset)
            return
        suffix = f"para_{num}" if kind == "paragraph" else f"subpara_{num}"
        self._push(parent, Node(kind, f"{parent.id}__{suffix}", num, lineno, offset))
        self.lines.append(line)

    def _plain(self, line: str, kind: str, lineno: int, offset: int) -> None:
        top = self.stack[-1]
        if top.kind in ("footnote", "note") and kind == "plain" and self.footnote_closed:
            parent = self.stack[-2]
            k = sum(1 for c in parent.children if c.kind == "text") + 1
            self._push(parent, Node("text", self._child_id(parent, f"text_{k}"), None, lineno, offset))
        elif top.kind in ("footnote", "note") and kind == "blank":
            self.footnote_closed = True
        self.lines.append(line)

    def finish(self) -> Tree:
        self.stack[-1].text = "".join(self.lines)
        if not self.articles:
            raise ParseError(
                f"{self.name}: no articles found; expected headings like 'Article 1', "
                "'### Статья 1' or '1-бап'"
            )
        for node in self.root.walk():
            _finalize(node)
        return Tree(self.name, self.lang or "en", self.root)


def _finalize(node: Node) -> None:
    """Titles of sections and chapters; the excluded flag of articles and their parts."""
    if node.kind in ("section", "chapter") and node.title is None:
        for line in node.body.split("\n"):
            s, _ = _bare(line)
            if s:
                node.title = s
                break
    elif node.kind in ("paragraph", "subparagraph"):
        node.excluded = _EXCLUDED.match(_bare(node.body)[0]) is not None
    elif node.kind == "article":
        body = _bare(node.body.strip().split("\n")[0])[0]
        if _EXCLUDED.match(body):
            node.excluded = True
        elif not body and all(c.kind == "footnote" for c in node.children):
            node.excluded = any(_EXCLUDED_NOTE.search(c.text) for c in node.children)


def parse(text: str, name: str = "<text>") -> Tree:
    """Parse a text (normalized first) into a tree whose rendering is the normalized text."""
    check_size(len(text), name)
    text = normalize(text)
    b = _Builder(name)
    offset = 0
    lines = text.split("\n")
    lines.pop()  # the normalized text ends with "\n" (or is empty)
    for lineno, raw in enumerate(lines, start=1):
        line = raw + "\n"
        b.feed(line, lineno, offset)
        offset += len(line)
    return b.finish()


def _language(line: str) -> str:
    s = _bare(line)[0].lower()
    for word, lang in _LANG.items():
        if word in s:
            return lang
    return "en"


def parse_file(path: Path) -> Tree:
    """Read, decode and parse a file (see :func:`vertikal.texts.decode.read_text`)."""
    return parse(read_text(path), str(path))


__all__ = ["classify", "parse", "parse_file"]
