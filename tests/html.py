"""Reading rendered HTML in tests."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def start_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of `html`, in order, with its attributes."""
    parser = _Tags()
    parser.feed(html)
    return parser.tags


class _Text(HTMLParser):
    """The text a reader sees, leaving out scripts, styles, code and elements marked as written in
    another language than the page's (quoted in the language they exist in)."""

    SKIP = frozenset({"script", "style", "code", "template"})
    VOID = frozenset({"br", "img", "input", "link", "meta", "hr", "wbr", "source", "area", "col", "base"})

    def __init__(self, page_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[bool] = []  # for each open element: is its text left out?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        hidden = bool(self.stack and self.stack[-1])
        marked = dict(attrs).get("lang")
        other = tag != "html" and marked is not None and marked != self.page_lang
        self.stack.append(hidden or tag in self.SKIP or other)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible_text(html: str, page_lang: str = "kk") -> str:
    """The text of a page as a reader sees it, without scripts, styles, <code> and the parts marked
    as written in another language than `page_lang`."""
    parser = _Text(page_lang)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
