"""From bytes to normalized text: size limit, binary and HTML refused, UTF-8 or Windows-1251 decoded.

Normalization (what the parser's round trip reproduces exactly):

1. leading byte-order marks are dropped;
2. line ends become ``\\n`` (``\\r\\n`` and a lone ``\\r`` alike);
3. the text is put in Unicode NFC;
4. trailing whitespace is stripped from every line;
5. trailing blank lines are dropped and a non-empty text ends with exactly one ``\\n``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from vertikal.texts.model import ParseError

MAX_BYTES = 40 * 1024 * 1024  # the largest text vertikal reads: 40 MiB
_MB = 1024 * 1024
_HTML = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def normalize(text: str) -> str:
    """The normalized form of a text (see the module docstring); idempotent."""
    out = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for _ in range(4):  # stripping can, rarely, leave a text that NFC changes again
        out = unicodedata.normalize("NFC", out)
        lines = [line.rstrip() for line in out.split("\n")]
        while lines and not lines[-1]:
            lines.pop()
        out = "\n".join(lines)
        if unicodedata.is_normalized("NFC", out):
            break
    return out + "\n" if out else ""


def looks_html(text: str) -> bool:
    """An HTML page rather than a text (Markdown with a few inline tags is not one)."""
    return _HTML.search(text[:4096]) is not None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 100)


def _looks_cyrillic(text: str) -> bool:
    letters = [c for c in text[:200_000] if c.isalpha()]
    cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    return bool(letters) and cyr >= len(letters) // 2


def decode(data: bytes, name: str) -> str:
    """Decode a text file: strict UTF-8 first, else Windows-1251 if the result reads as Cyrillic."""
    if not data.strip():
        raise ParseError(f"{name}: empty file")
    if data.startswith(b"%PDF-"):
        raise ParseError(f"{name}: a PDF file; import it with `vertikal corpus add`, which extracts its text")
    if _looks_binary(data):
        raise ParseError(f"{name}: a binary file, not text (control bytes such as NUL in its first 8 KB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = ""
    if text and _looks_cyrillic(text):
        return text
    raise ParseError(
        f"{name}: unknown encoding: not UTF-8 (invalid byte at offset {bad}) "
        "and not Windows-1251 Cyrillic text; convert it to UTF-8"
    )


def check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise ParseError(
            f"{name}: {size / _MB:.1f} MB is over the {MAX_BYTES // _MB} MB limit for one text; "
            "is this really a single law?"
        )


def read_bytes(path: Path) -> bytes:
    """Read a file of at most MAX_BYTES; a one-line ParseError otherwise."""
    name = str(path)
    if path.is_dir():
        raise ParseError(f"{name}: a directory, not a file")
    try:
        check_size(path.stat().st_size, name)
        return path.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"{name}: no such file") from None
    except OSError as exc:
        raise ParseError(f"{name}: cannot read: {exc.strerror}") from None


def read_text(path: Path) -> str:
    """A text file's normalized text, refusing binaries, PDFs, HTML pages and unknown encodings."""
    text = decode(read_bytes(path), str(path))
    if looks_html(text):
        raise ParseError(
            f"{path}: an HTML page, not a text; import it with "
            "`vertikal corpus add FILE --version V --lang L`, which extracts its text"
        )
    return normalize(text)
