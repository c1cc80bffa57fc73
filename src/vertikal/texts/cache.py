"""The per-user cache of texts: ``<cache>/texts/<version>/<lang>.txt`` and a ``<lang>.json`` beside it.

The cache directory is $VERTIKAL_CACHE, else $XDG_CACHE_HOME/vertikal, else ~/.cache/vertikal. Every
write is atomic (text first, then its metadata), and nothing is created until a text is complete and
verified, so a failed download or import leaves the cache exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from vertikal._io import atomic_write
from vertikal.problems import VertikalError
from vertikal.texts.sources import LANGS

_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DEFAULT_LANGS = ("ru", "en", "kk")  # the order in which a version's text is looked for
# What a cached text's origin is: the official portal, a mirror repository of the official texts, a
# third party's copy, a user's own file, or (older cache entries) not recorded.
KINDS = ("official", "mirror", "copy", "file", "unknown")


class CacheError(VertikalError, ValueError):
    """A bad version id or language, or a cache that cannot be written."""


@dataclass(frozen=True)
class Entry:
    """One cached text; `kind` says what its origin is (see `KINDS`), `official` the publication it copies."""

    version: str
    lang: str
    path: Path
    size: int
    sha256: str
    origin: str
    format: str
    added: str
    kind: str = "unknown"
    publisher: str = ""
    official: str = ""

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["path"] = str(self.path)
        return out

    def __repr__(self) -> str:
        return f"Entry({self.version}/{self.lang}, {self.size} bytes)"


def cache_dir() -> Path:
    """Where texts are kept: $VERTIKAL_CACHE, else $XDG_CACHE_HOME/vertikal, else ~/.cache/vertikal.

    The same base as the dataset cache and the explorer's (`vertikal.datacache.base_dir`).
    """
    from vertikal.datacache import base_dir

    return base_dir()


def check_key(version: str, lang: str) -> None:
    if not _VERSION.match(version):
        raise CacheError(f"bad version id {version!r}: expected a date like 2022-09-17")
    if lang not in LANGS:
        raise CacheError(f"bad language {lang!r}: expected one of {', '.join(LANGS)}")


def _paths(cache: Path, version: str, lang: str) -> tuple[Path, Path]:
    folder = cache / "texts" / version
    return folder / f"{lang}.txt", folder / f"{lang}.json"


def store(
    version: str,
    lang: str,
    data: bytes,
    origin: str,
    fmt: str,
    cache: Path | None = None,
    *,
    kind: str = "unknown",
    publisher: str = "",
    official: str = "",
) -> Entry:
    """Put a complete, verified text in the cache (replacing any previous one) and return its entry."""
    check_key(version, lang)
    root = cache or cache_dir()
    text_path, meta_path = _paths(root, version, lang)
    added = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
    digest = hashlib.sha256(data).hexdigest()
    entry = Entry(version, lang, text_path, len(data), digest, origin, fmt, added, kind, publisher, official)
    meta = {k: v for k, v in entry.to_dict().items() if k not in ("path", "size")}
    missing = [p for p in (text_path.parent, *text_path.parent.parents) if not p.exists()]
    try:
        text_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(text_path, data)
        atomic_write(meta_path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    except OSError as exc:
        for folder in missing:  # innermost first: leave no empty folders behind
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise CacheError(f"{text_path}: cannot write the cache: {exc.strerror}") from None
    return entry


def _entry(text_path: Path) -> Entry | None:
    version, lang = text_path.parent.name, text_path.stem
    if not _VERSION.match(version) or lang not in LANGS:
        return None
    try:
        meta = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    data = text_path.read_bytes()
    return Entry(
        version,
        lang,
        text_path,
        len(data),
        hashlib.sha256(data).hexdigest(),
        str(meta.get("origin", "unknown")),
        str(meta.get("format", "text")),
        str(meta.get("added", "")),
        str(meta.get("kind", "unknown")),
        str(meta.get("publisher", "")),
        str(meta.get("official", "")),
    )


def entries(cache: Path | None = None) -> list[Entry]:
    """Every cached text, by version then language."""
    root = (cache or cache_dir()) / "texts"
    if not root.is_dir():
        return []
    found = (_entry(p) for p in sorted(root.glob("*/*.txt")))
    return [e for e in found if e is not None]


def find(version: str, lang: str | None = None, cache: Path | None = None) -> Entry | None:
    """The cached text of a version: in `lang`, or the first of ru, en, kk that is there."""
    root = cache or cache_dir()
    for code in (lang,) if lang else DEFAULT_LANGS:
        text_path, _ = _paths(root, version, code)
        if text_path.is_file():
            return _entry(text_path)
    return None
