"""The cache files: their format, their key, and the check that a file still fits the data.

A file is ``MAGIC``, a header (format, CRC-32 and length of the body) and the body: `marshal` bytes of
one record (a dict) holding the key (`ident`, the package's files, the data's files with the SHA-256
of each), the time the data were read, the dataset's state and the memoised results (each as bytes
that `vertikal._plain` decodes). Anything else is not ours and is never used.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import struct
import sys
import time
import zlib
from pathlib import Path
from typing import Any

FORMAT = 1
MAGIC = b"vertikal dataset cache\n"
_HEAD = struct.Struct(">HIQ")  # format, CRC-32 of the body, length of the body
SUFFIX = ".vkd"
RACY_NS = 2_000_000_000  # a file modified this close to its reading is confirmed by its content
MAX_FILES = 10_000  # a data directory with more files than this is not cached
MAX_BYTES = 256 * 2**20  # nor one whose files (or cache file) are larger than this
MAX_MEMO = 8 * 2**20  # memoised results kept per cache file, the oldest dropped first
NAME = re.compile(r"^[0-9a-f]{8}-[0-9A-Za-z.+_-]+\.vkd$")
TEMP = re.compile(r"^\.tmp-.*\.vkd$")
_KEYS = frozenset({"ident", "code", "files", "captured", "state", "memo"})

Listing = list[tuple[str, int, int]]  # (path relative to the top, size, modification time in ns), sorted


def scan(top: Path, limit: int = MAX_FILES) -> Listing | None:
    """Every file under `top`, except hidden ones and __pycache__.

    None when there are more than `limit` files or a folder cannot be read: such data is not cached.
    """
    out: Listing = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, str]] = [(str(top), "")]
    try:
        while stack:
            where, prefix = stack.pop()
            with os.scandir(where) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or entry.name == "__pycache__":
                        continue
                    st = entry.stat()
                    if entry.is_dir():
                        if (st.st_dev, st.st_ino) not in seen:  # a symlink loop is walked once
                            seen.add((st.st_dev, st.st_ino))
                            stack.append((entry.path, f"{prefix}{entry.name}/"))
                    elif entry.is_file():
                        out.append((prefix + entry.name, st.st_size, st.st_mtime_ns))
                        if len(out) > limit:
                            return None
    except OSError:  # an unreadable folder, a broken link: not cached
        return None
    out.sort()
    return out


def package() -> Path:
    """The installed package: its code and built-in tables are part of every key."""
    return Path(__file__).resolve().parents[1]


# The package's files as this process found them when it first used the cache, not as they are later:
# a process whose code was replaced while it ran must not write a file that the new code would trust.
_CODE: list[Listing | None] = []


def code(root: Path) -> Listing | None:
    """The package's files (code and built-in tables) without the data under `root`, if it is inside."""
    if not _CODE:
        _CODE.append(scan(package()))
    listing = _CODE[0]
    if listing is None:
        return None
    inside = root.resolve()
    if not inside.is_relative_to(package()):
        return listing
    prefix = f"{inside.relative_to(package()).as_posix()}/"
    return [entry for entry in listing if not entry[0].startswith(prefix)]


def ident(root: Path) -> tuple[str, ...]:
    """What names the cache file of the data under `root` (as given): versions, the root, the cwd."""
    import vertikal

    resolved = root.resolve()
    cwd = Path.cwd().resolve()
    # file names in messages are relative to the cwd when a file is under it (problems.display_path)
    related = resolved.is_relative_to(cwd) or cwd.is_relative_to(resolved) or not root.is_absolute()
    python = f"{sys.implementation.name}-{'.'.join(map(str, sys.version_info[:3]))}"
    return (
        f"format {FORMAT}",
        f"vertikal {vertikal.__version__}",
        f"{python} marshal {marshal.version}",
        str(root),
        str(resolved),
        str(cwd) if related else "",
    )


def file_name(key: tuple[str, ...]) -> str:
    """``<CRC-32 of the key>-<package version>.vkd``; the key itself is inside, and compared."""
    version = re.sub(r"[^0-9A-Za-z.+_-]", "_", key[1].removeprefix("vertikal "))
    return f"{zlib.crc32(repr(key).encode('utf-8')):08x}-{version}{SUFFIX}"


def sha256(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def pack(record: dict[str, Any]) -> bytes:
    body = marshal.dumps(record)
    return MAGIC + _HEAD.pack(FORMAT, zlib.crc32(body), len(body)) + body


def unpack(path: Path) -> dict[str, Any] | None:
    """The record of a cache file, or None for anything that is not an intact file of ours."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                return None  # another user's file: never trusted
            if st.st_size > MAX_BYTES:
                return None
            data = fh.read()
    except OSError:
        return None
    start = len(MAGIC) + _HEAD.size
    if len(data) < start or not data.startswith(MAGIC):
        return None
    fmt, crc, length = _HEAD.unpack_from(data, len(MAGIC))
    body = memoryview(data)[start:]
    if fmt != FORMAT or length != len(body) or zlib.crc32(body) != crc:
        return None
    try:
        record = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(record, dict) or not record.keys() >= _KEYS:
        return None
    return record


def write(path: Path, record: dict[str, Any]) -> bool:
    """Write atomically (a temporary file, then a rename); False when the cache cannot be written."""
    import tempfile

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=SUFFIX)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pack(record))
        os.replace(tmp, path)
        return True
    except (OSError, ValueError):
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        return False


def confirmed(root: Path, stored: list[Any], now: Listing, captured: int) -> bool | None:
    """Do the data files match those the record was made from?

    True: the stat data decide. False: a file is new, gone, resized or of another content. None:
    they match, but some had to be read to tell (a new time, or one too recent to trust).
    """
    if len(stored) != len(now):
        return False
    read = False
    for (name, size, mtime, digest), (name2, size2, mtime2) in zip(stored, now, strict=True):
        if name != name2 or size != size2:
            return False
        if mtime == mtime2 and mtime < captured - RACY_NS:
            continue  # unchanged since well before it was read
        try:
            content = (root / name).read_bytes()
        except OSError:
            return False
        if sha256(content) != digest:
            return False
        read = True
    return None if read else True


def lookup(
    root: Path, path: Path, key: tuple[str, ...], code: Listing, files: Listing
) -> dict[str, Any] | None:
    """The record in `path` if it fits the data under `root` now, else None."""
    record = unpack(path)
    if record is None or record["ident"] != key or record["code"] != code:
        return None
    checked = time.time_ns()
    ok = confirmed(root, record["files"], files, record["captured"])
    if ok is False:
        return None
    if ok is None and all(mtime < checked - RACY_NS for _, _, mtime in files):
        # the content was confirmed: keep the new times, so that the next run need not read it again
        record["files"] = [(*new, old[3]) for new, old in zip(files, record["files"], strict=True)]
        record["captured"] = checked
        write(path, record)
    return record


def trimmed(memo: dict[Any, bytes]) -> dict[Any, bytes]:
    """The memoised results, the oldest dropped while they add up to more than `MAX_MEMO` bytes."""
    total = sum(len(b) for b in memo.values())
    out = dict(memo)
    for key in memo:
        if total <= MAX_MEMO:
            break
        total -= len(out.pop(key))
    return out
