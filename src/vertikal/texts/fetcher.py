"""Download texts into the cache. The only code in vertikal that touches the network.

A download has a timeout per attempt and a bounded number of attempts (timeouts, connection errors,
server errors and interrupted bodies are retried; 4xx answers and checksum mismatches are not). The
body is read into memory up to the 40 MB text limit, checked against its Content-Length and pinned
SHA-256, and only then written to the cache, atomically: a failed download changes nothing.
"""

from __future__ import annotations

import hashlib
import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from vertikal.problems import VertikalError
from vertikal.texts.cache import Entry, check_key, store
from vertikal.texts.decode import MAX_BYTES, decode, looks_html
from vertikal.texts.model import ParseError
from vertikal.texts.sources import Sources, TextSource, load_sources

Progress = Callable[[int, int | None], None]  # (bytes so far, total if known)
_CHUNK = 64 * 1024
_AGENT = "vertikal/0.1 (texts fetcher)"


class FetchError(VertikalError):
    """A download that failed; the cache is unchanged. The message is one line."""


class _Retry(Exception):
    """A failure worth another attempt."""


def _get(url: str, timeout: float, progress: Progress | None) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": _AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            length = resp.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            if total is not None and total > MAX_BYTES:
                raise FetchError(f"{url}: {total} bytes is over the {MAX_BYTES // 2**20} MB limit")
            chunks: list[bytes] = []
            got = 0
            while chunk := resp.read(_CHUNK):
                chunks.append(chunk)
                got += len(chunk)
                if got > MAX_BYTES:
                    raise FetchError(f"{url}: more than {MAX_BYTES // 2**20} MB; refused")
                if progress:
                    progress(got, total)
            if total is not None and got != total:
                raise _Retry(f"interrupted: got {got} of {total} bytes")
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        if exc.code >= 500 or exc.code == 429:
            raise _Retry(f"HTTP {exc.code} {exc.reason}") from None
        raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise _Retry(f"cannot connect: {exc.reason}") from None
    except TimeoutError:
        raise _Retry(f"timed out after {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise _Retry(f"interrupted: {type(exc).__name__}") from None


def download(
    url: str,
    sha256: str = "",
    *,
    timeout: float = 30.0,
    attempts: int = 3,
    backoff: float = 1.0,
    progress: Progress | None = None,
) -> bytes:
    """The body at `url`, after at most `attempts` tries, checked against `sha256` when it is given."""
    if not url.startswith(("https://", "http://")):
        raise FetchError(f"{url}: only http and https URLs are fetched")
    reason = ""
    for attempt in range(1, attempts + 1):
        try:
            data = _get(url, timeout, progress)
            break
        except _Retry as exc:
            reason = str(exc)
            if attempt < attempts:
                time.sleep(backoff * 2 ** (attempt - 1))
    else:
        raise FetchError(f"{url}: {reason} (gave up after {attempts} attempts)")
    got = hashlib.sha256(data).hexdigest()
    if sha256 and got != sha256:
        raise FetchError(f"{url}: checksum mismatch: expected sha256 {sha256}, got {got}")
    return data


def _check_text(data: bytes, url: str) -> None:
    try:
        text = decode(data, url)
    except ParseError as exc:
        raise FetchError(str(exc)) from None
    if looks_html(text):
        raise FetchError(f"{url}: the server sent an HTML page, not the text")


def fetch(
    version: str,
    lang: str,
    *,
    sources: Sources | None = None,
    cache: Path | None = None,
    timeout: float = 30.0,
    attempts: int = 3,
    backoff: float = 1.0,
    progress: Progress | None = None,
) -> Entry:
    """Download the text of `version` in `lang` from its sources (mirrors in order) into the cache."""
    check_key(version, lang)
    sources = sources or load_sources()
    src: TextSource | None = sources.get(version, lang)
    if src is None:
        known = ", ".join(f"{v}/{lang}" for v, lang in sources.pairs()) or "none"
        raise FetchError(f"no source for version {version} in language {lang}; known: {known}")
    errors: list[str] = []
    for url in src.urls:
        try:
            data = download(
                url, src.sha256, timeout=timeout, attempts=attempts, backoff=backoff, progress=progress
            )
            _check_text(data, url)
        except FetchError as exc:
            errors.append(str(exc))
            continue
        fmt = "markdown" if url.endswith(".md") else "text"
        extra = {"kind": src.kind or "unknown", "publisher": src.publisher, "official": src.official}
        return store(version, lang, data, url, fmt, cache, **extra)
    raise FetchError("; ".join(errors) + "; the cache was not changed")
