"""Parse the YAML files of a large load on a second core, while the loader goes on with the first.

`prefetch(paths)` starts ONE helper process when the files add up to more than `THRESHOLD` bytes (the
real data, ~0.5 MB, and every CLI command on it never start one). The loader still reads every file
itself, in its own order, through `_yaml.read` (so the dataset cache still sees each file's bytes);
the helper parses the same files from the other end of the list. When `_yaml.read` comes to a file
the helper has parsed, it takes the helper's `Doc` if, and only if, the helper parsed exactly the
bytes the loader has just read; any other file the loader parses itself, never waiting for the
helper. The two meet in the middle (the file the helper is on then is parsed by both) and the helper
is told to stop; it has sent every file after that one.

The helper is told only the data directory: it lists the same files (`dataset._bulk`) and reads them
itself, and sends back each file's BLAKE2b digest with its `Doc`, which the loader compares with the
digest of what it read. The loader reads the helper's messages only when it reads a file, in its own
thread: no thread of ours runs beside it (threads waking to read would contend for the GIL and for
the two cores the loader and the helper already use).

The helper runs at idle priority (`SCHED_IDLE`, else `nice 19`): it parses only on a core nothing
else wants. On a busy machine it gets little done and the loader parses nearly everything itself, as
without a helper; it never takes the loader's own core from it.

Why a process of our own (`subprocess`, `python -c`) and not `multiprocessing`: it imports only
`vertikal._yaml`, never the caller's main module (which the `spawn` and `forkserver` starts import,
running a script without a main guard again), and it never forks a process that has threads (the web
server may load in a worker thread): the child is a new interpreter. Its start costs about 50 ms, paid
on the second core while the loader parses on the first.

Anything that goes wrong with the helper (it cannot start, dies, sends something unreadable, parsed
other bytes, or found a problem in a file) leaves those files to the loader's own serial parse, which
reports problems with their lines as always: the result is the serial result, never a partial one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import select
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from vertikal import _yaml
from vertikal._limits import LIMITS, Limits

THRESHOLD = 8 * 1024 * 1024  # bytes of YAML in one load above which the helper starts

# The helper imports what this process would: it is given this process's `sys.path` first.
_BOOT = (
    "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
    "import vertikal._yaml_pool as pool; pool.serve()"
)
_HEAD = struct.Struct("<Q")
# What one read takes from the pipe: no more than a pipe holds (64 KiB by default), and under the size
# at which each read would map and unmap fresh memory.
_CHUNK = 1 << 16


def digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=32).digest()


class _Helper:
    """The helper process of one `prefetch` and what it has sent back."""

    def __init__(self, root: Path, files: list[Path], limits: Limits) -> None:
        self.index = {path: i for i, path in enumerate(files)}
        self.limits = limits
        self.docs: dict[int, tuple[bytes, _yaml.Doc | None]] = {}
        self.started = len(files)  # the lowest index the helper has started on
        self.over = False  # the helper has ended (finished, stopped, or failed)
        self.stopped = False
        self.buffer = bytearray()
        package = str(Path(__file__).resolve().parent.parent)  # (where this vertikal is, first)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.out = self.proc.stdout.fileno()
        start = [[package, *sys.path], (str(root), limits)]  # a few KB: the pipe takes them at once
        self.proc.stdin.write(b"".join(pickle.dumps(part) for part in start))

    def _pump(self, block: bool) -> None:
        """Take in what the helper has sent (waiting for something if `block`)."""
        while not self.over:
            ready, _, _ = select.select([self.out], [], [], 1.0 if block else 0)
            if not ready:
                if block and self.proc.poll() is None:
                    continue
                return
            chunk = os.read(self.out, _CHUNK)
            if not chunk:
                self.over = True
                return
            self.buffer += chunk
            self._messages()
            block = False  # something came: take the rest that is there, and go back

    def _messages(self) -> None:
        buf = self.buffer
        at = 0
        while len(buf) - at >= _HEAD.size:
            (size,) = _HEAD.unpack_from(buf, at)
            if len(buf) - at - _HEAD.size < size:
                break
            message: Any = pickle.loads(buf[at + _HEAD.size : at + _HEAD.size + size])
            at += _HEAD.size + size
            if message[0] == "start":
                self.started = min(self.started, message[1])
            elif message[0] == "doc":
                self.docs[message[1]] = (message[2], message[3])
            else:
                self.over = True
        del buf[:at]

    def doc(self, path: Path, raw: bytes, limits: Limits) -> _yaml.Doc | None:
        """The helper's parse of `path` if it parsed exactly `raw` within `limits`, else None (the
        caller parses)."""
        i = self.index.get(path)
        if i is None or limits != self.limits:
            return None
        try:
            self._pump(block=False)
        except Exception:  # unreadable: the loader parses from now on
            self.over, self.started = True, len(self.index)
            return None
        if i >= self.started and i not in self.docs and not self.stopped:
            # the two have met at the file the helper is on: the loader parses it too (rather than wait
            # for a helper that may get no core), and the helper stops; it sent every file after it
            self._stop()
        found, doc = self.docs.pop(i, (b"", None))
        if doc is None or found != digest(raw):
            return None
        if doc.found is None:
            doc.text = raw
        return doc

    def _stop(self) -> None:
        self.stopped = True
        with contextlib.suppress(OSError, ValueError):
            assert self.proc.stdin is not None
            self.proc.stdin.write(b"s")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError, ValueError):
                if stream is not None:
                    stream.close()


@contextlib.contextmanager
def prefetch(root: Path, limits: Limits = LIMITS) -> Iterator[None]:
    """Within the block, `_yaml.read` (in this thread) of the codings files of `root` may take the
    helper's parse.

    Nothing starts when they add up to `THRESHOLD` bytes or fewer, when a prefetch is already on in
    this thread, when this process may use only one core, or when this Python cannot start itself.
    """
    helper = None
    if _yaml.prepared.get() is None and sys.executable and _cores() > 1:
        with contextlib.suppress(OSError, ValueError, subprocess.SubprocessError):
            helper = _start(root, limits)
    if helper is None:
        yield
        return
    token = _yaml.prepared.set(helper.doc)
    try:
        yield
    finally:
        _yaml.prepared.reset(token)
        helper.close()


def _cores() -> int:
    """The cores this process may run on (0 where pipes cannot be polled: not POSIX)."""
    if os.name != "posix":
        return 0
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start(root: Path, limits: Limits) -> _Helper | None:
    from vertikal.dataset import _bulk

    files = _bulk(root)
    if sum(p.stat().st_size for p in files) <= THRESHOLD:
        return None
    return _Helper(root, files, limits)


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """The helper: parse the codings files of the data directory it is sent, last first, until done
    or told to stop (any byte on stdin)."""
    from vertikal.dataset import _bulk

    inp = stdin if stdin is not None else sys.stdin.buffer
    out = stdout if stdout is not None else sys.stdout.buffer
    _idle()
    root, limits = pickle.load(inp)
    files = _bulk(Path(root))

    def send(message: Any) -> None:
        blob = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_HEAD.pack(len(blob)) + blob)
        out.flush()

    for i in range(len(files) - 1, -1, -1):
        if select.select([inp], [], [], 0)[0]:
            break
        send(("start", i))
        try:
            raw = files[i].read_bytes() if files[i].stat().st_size <= limits.max_bytes else b""
        except OSError:
            raw = b""
        send(("doc", i, digest(raw), _parse(raw, limits) if raw else None))
    send(("end",))


def _idle() -> None:
    """Run only on a core nothing else wants: on a busy machine the helper would take the loader's own
    core from it (the loader then parses the files itself, as without a helper)."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        with contextlib.suppress(AttributeError, OSError):
            os.nice(19)


def _parse(raw: bytes, limits: Limits) -> _yaml.Doc | None:
    """`_yaml.parse` of the bytes, without them (the loader has them); None for any problem."""
    try:
        doc = _yaml.parse(raw.decode("utf-8"), limits)
    except (UnicodeDecodeError, _yaml.YamlError):
        return None
    doc.text = None
    return doc
