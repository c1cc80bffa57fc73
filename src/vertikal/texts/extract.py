"""Import a user's file into the cache: plain text, Markdown, HTML or PDF, decoded and normalized."""

from __future__ import annotations

import io
import logging
import warnings
from html.parser import HTMLParser
from pathlib import Path

from vertikal.texts.cache import Entry
from vertikal.texts.decode import decode, looks_html, normalize
from vertikal.texts.model import ParseError

_BLOCK = frozenset(
    {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre"}
    | {"section", "article", "blockquote", "table", "ul", "ol", "dd", "dt"}
)
_SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})


class _TextOf(HTMLParser):
    """The visible text of an HTML page, one block per paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """The visible text of an HTML page: blocks separated by blank lines, spaces collapsed."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    blocks = ("".join(parser.parts)).split("\n\n")
    lines = [" ".join(block.split()) for block in blocks]
    return "\n\n".join(line for line in lines if line) + "\n"


def pdf_text(data: bytes, name: str) -> str:
    """The text of a PDF's pages (pypdf), pages separated by blank lines.

    A damaged PDF gives one line: pypdf's log messages and warnings (repairs it attempts, a missing
    end-of-file marker) are silenced, and whatever it raises becomes a ParseError naming the file.
    """
    from pypdf import PdfReader

    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                raise ParseError(f"{name}: an encrypted PDF; decrypt it first")
            pages = [page.extract_text() or "" for page in reader.pages]
    except ParseError:
        raise
    except Exception as exc:  # a third-party parser of untrusted bytes: any failure is the file's
        detail = " ".join(str(exc).split())[:200]
        raise ParseError(f"{name}: not a readable PDF ({type(exc).__name__}: {detail})") from None
    finally:
        log.setLevel(level)
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise ParseError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    return text + "\n"


def extract(data: bytes, name: str) -> tuple[str, str]:
    """The normalized text of a file's bytes, and its format: pdf, html or text."""
    if data.startswith(b"%PDF-"):
        return normalize(pdf_text(data, name)), "pdf"
    text = decode(data, name)
    if looks_html(text):
        text, fmt = html_text(text), "html"
        if not text.strip():
            raise ParseError(f"{name}: the HTML page has no visible text")
        return normalize(text), fmt
    return normalize(text), "text"


def add_file(path: Path, version: str, lang: str, cache: Path | None = None, *, force: bool = False) -> Entry:
    """Import a local file as the text of `version` in `lang`, stored as normalized UTF-8.

    The file is checked at the door first (see :mod:`vertikal.texts.intake`): without `force`, a
    file that is not what its name says, has no article, reads as another language or would replace
    a different cached text is refused with :class:`~vertikal.texts.intake.Refused`.
    """
    from vertikal.texts.intake import admit

    return admit(path, version, lang, cache=cache, force=force).entry
