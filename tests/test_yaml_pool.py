"""Issue 13 part 7: the codings files parsed by a helper process give the load the serial path gives.

The pool is forced on with a tiny threshold; every field of the dataset is compared with a serial
load (`same`, the field-by-field comparison of the dataset cache's tests), and so is every problem of
broken data. A helper that cannot start, sends garbage, or parsed other bytes changes nothing.
"""

from __future__ import annotations

import dataclasses
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

import vertikal
from tests.test_datacache import same
from vertikal import _yaml, _yaml_pool
from vertikal.dataset import Dataset, default_root


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(default_root(), root)
    return root


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The pool forced on; the files whose helper parse the loader took are listed."""
    monkeypatch.setattr(_yaml_pool, "THRESHOLD", 0)
    out: list[Path] = []
    doc = _yaml_pool._Helper.doc

    def recording(self: _yaml_pool._Helper, path: Path, raw: bytes, limits: Any) -> _yaml.Doc | None:
        found = doc(self, path, raw, limits)
        if found is not None:
            out.append(path)
        return found

    monkeypatch.setattr(_yaml_pool._Helper, "doc", recording)
    start = _yaml_pool._start

    def slow_loader(root: Path, limits: Any) -> _yaml_pool._Helper | None:
        """The helper given a head start (on the small real data the loader would outrun its
        start-up): it has parsed the second half of the files before the loader reads the first."""
        helper = start(root, limits)
        while helper is not None and helper.started > len(helper.index) // 2 and not helper.over:
            helper._pump(block=True)
        return helper

    monkeypatch.setattr(_yaml_pool, "_start", slow_loader)
    return out


def serial(root: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    with monkeypatch.context() as m:
        m.setattr(_yaml_pool, "THRESHOLD", 1 << 62)
        return vertikal.load(root, strict=False)


def assert_same(a: Dataset, b: Dataset) -> None:
    for f in dataclasses.fields(Dataset):
        if f.name != "memo":
            assert same(getattr(a, f.name), getattr(b, f.name)), f.name


def test_the_pool_gives_the_serial_dataset(
    data: Path, taken: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pooled = vertikal.load(data, strict=False)
    assert taken, "the helper parsed nothing: the test would prove nothing"
    assert any(p.parent.name != "codings" for p in taken) or len(taken) > 1
    assert_same(pooled, serial(data, monkeypatch))
    assert pooled.problems == []
    src = next(s for s in pooled.sources.values() if s.path in taken)
    assert src.doc.text == src.path.read_bytes() and src.doc.found is None  # lines found when asked
    assert src.line("codings") == serial(data, monkeypatch).sources[src.name].line("codings")


def test_broken_files_report_what_the_serial_path_reports(
    data: Path, taken: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    codings = sorted((data / "codings").glob("*.yaml"))
    dup = codings[-1].read_text(encoding="utf-8")
    codings[-1].write_text(dup.replace("codings:\n", "version: x\ncodings:\n", 1), encoding="utf-8")
    codings[-2].write_text("version: [unclosed\n", encoding="utf-8")
    codings[-3].write_bytes(b"version: \xff\n")
    alias = "a: &a [1, 2]\n" + "".join(f"b{i}: *a\n" for i in range(1200))
    codings[-4].write_text(alias, encoding="utf-8")  # past the limit of anchors and aliases (VK025)
    folder = next(p for p in sorted((data / "codings").iterdir()) if p.is_dir())
    inst = sorted(folder.glob("*.yaml"))[0]
    inst.write_text(inst.read_text(encoding="utf-8") + "instrument: again\n", encoding="utf-8")
    pooled = vertikal.load(data, strict=False)
    alone = serial(data, monkeypatch)
    assert {"VK001", "VK004", "VK025"} <= {p.code for p in alone.problems}
    assert pooled.problems == alone.problems
    assert_same(pooled, alone)


def test_a_helper_that_cannot_start_leaves_the_serial_load(
    data: Path, taken: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.executable", str(data / "no-such-python"))
    pooled = vertikal.load(data, strict=False)
    assert taken == []
    assert_same(pooled, serial(data, monkeypatch))


@pytest.mark.parametrize(
    "boot",
    [
        "import sys; sys.stdout.buffer.write(b'garbage' * 1000)",  # not our messages
        "import sys; sys.exit(3)",  # dies at once
        "import sys, pickle, struct; b = pickle.dumps(('start', 0)); "
        "sys.stdout.buffer.write(struct.pack('<Q', len(b)) + b); sys.stdout.flush()",  # starts, then dies
    ],
)
def test_a_helper_that_fails_leaves_the_serial_load(
    boot: str, data: Path, taken: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_yaml_pool, "_BOOT", boot)
    pooled = vertikal.load(data, strict=False)
    assert taken == []
    assert_same(pooled, serial(data, monkeypatch))


def test_a_parse_of_other_bytes_is_never_taken(data: Path, taken: list[Path]) -> None:
    """The helper read a file before it changed: the loader parses what it read itself."""
    helper = _yaml_pool._start(data, _yaml.LIMITS)
    assert helper is not None
    try:
        last = max(helper.index, key=helper.index.__getitem__)
        raw = last.read_bytes()
        assert helper.doc(last, raw + b"\n# changed\n", _yaml.LIMITS) is None
        assert helper.doc(last, raw, _yaml.LIMITS) is None  # asked once: not kept for a second reader
    finally:
        helper.close()


def test_the_real_data_never_starts_a_helper(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a helper process started for the real data")

    monkeypatch.setattr(_yaml_pool.subprocess, "Popen", refuse)
    assert vertikal.load().errors == []


def test_a_load_in_a_worker_thread_uses_the_helper_too(
    data: Path, taken: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web server may load in a thread: the helper is a new interpreter (nothing forked), and what
    one thread prefetches is seen by that thread only."""
    found: list[Dataset] = []
    worker = threading.Thread(target=lambda: found.append(vertikal.load(data, strict=False)))
    worker.start()
    worker.join()
    assert taken and _yaml.prepared.get() is None
    assert_same(found[0], serial(data, monkeypatch))
