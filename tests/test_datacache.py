"""Issue 15: the cache of the validated dataset is safe: a change to the data, a bad file or two
processes at once never give a stale or broken answer."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import vertikal
from vertikal import _plain, datacache
from vertikal.cli.app import app
from vertikal.datacache import _lazy, _store
from vertikal.dataset import Dataset

runner = CliRunner()
BIN = Path(sys.executable).parent


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own, the cache switched on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("VERTIKAL_CACHE", str(folder))
    monkeypatch.delenv("VERTIKAL_NO_CACHE", raising=False)
    datacache.switch(True)
    return folder


def files(cache: Path) -> list[Path]:
    return sorted((cache / "dataset").glob("*")) if (cache / "dataset").is_dir() else []


def out(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_strict_load_writes_one_cache_file_and_a_warm_load_reads_it(cache: Path, mini: Path) -> None:
    cold = datacache.load(mini)
    assert [p.suffix for p in files(cache)] == [".vkd"]
    warm = datacache.load(mini)
    assert type(warm) is not Dataset  # nothing decoded yet
    assert warm.codings == cold.codings  # the first field read decodes them all
    assert type(warm) is Dataset
    for f in dataclasses.fields(Dataset):
        if f.name != "memo":
            assert getattr(warm, f.name) == getattr(cold, f.name), f.name


def test_data_with_errors_is_never_cached(cache: Path, broken: Any) -> None:
    data = broken("VK005-unknown-power")
    with pytest.raises(vertikal.DataError):
        datacache.load(data)
    assert datacache.load(data, strict=False).errors
    assert files(cache) == []


def test_editing_a_coding_changes_the_next_runs_output(cache: Path, mini: Path) -> None:
    vid = "2010-05-05"
    before = out("powers", vid, "--data", str(mini), "--json")
    assert out("powers", vid, "--data", str(mini), "--json") == before  # warm: from the cache
    path = mini / "codings" / f"{vid}.yaml"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("confidence: high", "confidence: medium", 1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    after = out("powers", vid, "--data", str(mini), "--json")
    assert after != before
    assert after == out("--no-cache", "powers", vid, "--data", str(mini), "--json")


def test_an_edit_of_the_same_size_and_time_is_found_by_its_content(cache: Path, mini: Path) -> None:
    """An edit within the same tick of a coarse clock keeps size and time: the stat data cannot tell.

    The file was written just before the cache was, so its time is too recent to trust: its content is
    compared. (A file whose time is set back to long before the cache was written is not read again.)
    """
    vid = "2010-05-05"
    path = mini / "codings" / f"{vid}.yaml"
    os.utime(path)  # written now, as an editor would
    before = out("powers", vid, "--data", str(mini), "--json")
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("No decrees with", "No edicts! with", 1)  # as many bytes
    assert len(edited.encode()) == st.st_size and edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_mtime_ns == st.st_mtime_ns and path.stat().st_size == st.st_size
    after = out("powers", vid, "--data", str(mini), "--json")
    assert "No edicts! with" in after and after != before
    assert after == out("--no-cache", "powers", vid, "--data", str(mini), "--json")


def test_a_touched_file_of_the_same_content_keeps_the_cache(cache: Path, mini: Path) -> None:
    hour = 3600 * 10**9  # far out of the window in which times are not trusted
    for path in mini.rglob("*.yaml"):
        os.utime(path, ns=(time.time_ns() - 2 * hour, time.time_ns() - 2 * hour))
    datacache.load(mini)
    [file] = files(cache)
    path = mini / "codebook.yaml"
    old = time.time_ns() - hour
    os.utime(path, ns=(old, old))
    written = file.stat().st_mtime_ns
    ds = datacache.load(mini)
    assert type(ds) is not Dataset  # read from the cache: the content confirmed it
    assert file.stat().st_mtime_ns != written  # and the new time was kept, so it is not read again
    record = _store.unpack(file)
    assert record is not None and ("codebook.yaml", path.stat().st_size, old) in [
        r[:3] for r in record["files"]
    ]


def test_a_new_or_removed_data_file_rebuilds(cache: Path, mini: Path) -> None:
    datacache.load(mini)
    (mini / "notes.txt").write_text("a note\n", encoding="utf-8")
    assert type(datacache.load(mini)) is Dataset  # loaded again, not from the cache
    (mini / "notes.txt").unlink()
    assert type(datacache.load(mini)) is Dataset


@pytest.mark.parametrize(
    "damage",
    ["truncated", "a flipped byte", "empty", "foreign", "another format", "no magic", "a directory"],
)
def test_a_bad_cache_file_is_ignored_and_rebuilt(cache: Path, mini: Path, damage: str) -> None:
    expected = out("--no-cache", "versions", "--data", str(mini), "--json")
    assert out("versions", "--data", str(mini), "--json") == expected
    [file] = files(cache)
    data = file.read_bytes()
    if damage == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif damage == "a flipped byte":
        file.write_bytes(data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:])
    elif damage == "empty":
        file.write_bytes(b"")
    elif damage == "foreign":
        file.write_bytes(os.urandom(len(data)))
    elif damage == "another format":
        file.write_bytes(_store.MAGIC + b"\x00\x63" + data[len(_store.MAGIC) + 2 :])
    elif damage == "no magic":
        file.write_bytes(b"x" + data[1:])
    else:
        file.unlink()
        file.mkdir()
    assert out("versions", "--data", str(mini), "--json") == expected
    assert out("versions", "--data", str(mini), "--json") == expected
    if damage != "a directory":
        assert _store.unpack(file) is not None  # rebuilt
    assert not [p for p in files(cache) if p.name.startswith(".tmp-")]


def test_a_forged_record_naming_a_class_outside_vertikal_is_refused() -> None:
    import marshal

    forged = marshal.dumps((["os:system"], [("c", 0, ("p", marshal.dumps({})))], ("o", 0)))
    with pytest.raises(_plain.Unkept):
        _plain.decode(forged)


def test_a_state_that_fails_to_decode_is_loaded_again(cache: Path, mini: Path) -> None:
    cold = datacache.load(mini)
    [file] = files(cache)
    record = _store.unpack(file)
    assert record is not None
    record["state"] = _plain.encode({"root": Path("elsewhere")})  # intact file, wrong fields
    _store.write(file, record)
    warm = datacache.load(mini)
    assert type(warm) is not Dataset
    assert warm.codings == cold.codings  # decoding failed: loaded and validated again
    assert not file.exists()  # and the file is no longer trusted


def test_another_users_file_is_never_trusted(cache: Path, mini: Path) -> None:
    datacache.load(mini)
    [file] = files(cache)
    try:
        os.chown(file, os.getuid() + 1, -1)
    except PermissionError:
        pytest.skip("only root can give a file to another user")
    assert _store.unpack(file) is None
    assert type(datacache.load(mini)) is Dataset


def test_an_unwritable_cache_is_never_fatal(
    tmp_path: Path, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("VERTIKAL_CACHE", str(blocker))
    expected = out("--no-cache", "versions", "--data", str(mini), "--json")
    assert out("versions", "--data", str(mini), "--json") == expected
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_two_concurrent_first_runs_both_succeed_and_leave_one_valid_cache(tmp_path: Path, mini: Path) -> None:
    env = {**os.environ, "VERTIKAL_CACHE": str(tmp_path / "cache")}
    env.pop("VERTIKAL_NO_CACHE", None)
    cmd = [str(BIN / "vertikal"), "powers", "2010-05-05", "--data", str(mini), "--json"]
    procs = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [err for _, err in results]
    assert len({stdout for stdout, _ in results}) == 1
    left = sorted((tmp_path / "cache" / "dataset").iterdir())
    assert len(left) == 1 and left[0].suffix == ".vkd", left  # one file, no temporary one left
    assert _store.unpack(left[0]) is not None
    again = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    assert again.stdout == results[0][0]


def test_no_cache_gives_identical_output_and_writes_nothing(cache: Path, mini: Path) -> None:
    off = out("--no-cache", "power", "decree", "--data", str(mini), "--json")
    assert files(cache) == []
    assert out("power", "decree", "--data", str(mini), "--json") == off  # cold
    assert out("power", "decree", "--data", str(mini), "--json") == off  # warm
    assert out("--no-cache", "power", "decree", "--data", str(mini), "--json") == off


def test_vertikal_no_cache_turns_it_off(cache: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERTIKAL_NO_CACHE", "1")
    out("versions", "--data", str(mini), "--json")
    assert files(cache) == [] and not datacache.enabled()
    assert out("cache", "--json") and json.loads(out("cache", "--json"))["enabled"] is False


def test_check_never_reads_the_cache(cache: Path, mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    datacache.load(mini)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("check read the dataset cache")

    monkeypatch.setattr(_store, "unpack", refuse)
    monkeypatch.setattr(datacache, "load", refuse)
    result = runner.invoke(app, ["check", "--data", str(mini), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ok"] is True


def test_a_different_data_directory_or_package_version_has_its_own_cache(
    cache: Path, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "other"
    shutil.copytree(mini, other)
    datacache.load(mini)
    datacache.load(other)
    assert len(files(cache)) == 2
    monkeypatch.setenv("VERTIKAL_DATA", str(other))
    assert type(datacache.load()) is not Dataset  # $VERTIKAL_DATA names the same directory: cached
    monkeypatch.setattr(vertikal, "__version__", "99.0")
    assert type(datacache.load(mini)) is Dataset  # another version: built again
    assert len(files(cache)) == 3


def test_a_file_read_outside_the_key_is_not_cached(
    cache: Path, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vertikal import _yaml, check

    outside = tmp_path / "outside.yaml"
    outside.write_text("a: 1\n", encoding="utf-8")
    validate = check.validate

    def reading_more(ds: Dataset) -> Dataset:
        _yaml.read(outside)
        return validate(ds)

    monkeypatch.setattr(check, "validate", reading_more)
    datacache.load(mini)
    assert files(cache) == []


@pytest.fixture(scope="module")
def with_warnings(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The shipped data with one coding left uncited, so that every field, `problems` too (a VK022
    warning; the shipped data have none since issue 13), has a value."""
    root = tmp_path_factory.mktemp("warned") / "data"
    shutil.copytree(vertikal.dataset.default_root(), root)
    path = root / "codings" / "1993-01-28.yaml"
    text = path.read_text(encoding="utf-8")
    cited = "    cite: [local_bodies_law_1993/art_32__para_4]\n"
    assert cited in text
    path.write_text(text.replace(cited, "    cite: []\n"), encoding="utf-8")
    return vertikal.load(root)


def test_every_field_of_the_dataset_is_kept(with_warnings: Dataset) -> None:
    """A field added to Dataset is kept without naming it; one the cache cannot keep fails here."""
    shipped = with_warnings
    assert shipped.instruments is not None and shipped.instrument_codings and shipped.problems
    names = {f.name for f in dataclasses.fields(Dataset)}
    assert _lazy.STATE | {"root", "memo"} == names
    empty = [n for n in sorted(_lazy.STATE) if getattr(shipped, n) in (None, [], {})]
    assert not empty, (
        f"give these fields a value in the shipped data or a test fixture, to test them: {empty}"
    )
    kept = _plain.decode(_lazy.state(shipped))
    for name in sorted(_lazy.STATE):
        assert same(kept[name], getattr(shipped, name)), name


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if hasattr(a, "__pydantic_fields__"):
        fields = type(a).__pydantic_fields__
        return a.model_fields_set == b.model_fields_set and all(
            same(getattr(a, n), getattr(b, n)) for n in fields
        )
    return bool(a == b)


def test_shared_objects_stay_shared(shipped: Dataset) -> None:
    kept = _plain.decode(_lazy.state(shipped))
    src, _ = kept["coding_files"][0]
    assert any(s is src for s in kept["sources"].values())


def test_the_cache_commands(cache: Path, mini: Path) -> None:
    out("versions", "--data", str(mini), "--json")
    foreign = cache / "dataset" / "notes.txt"
    foreign.write_text("mine\n", encoding="utf-8")
    shown = json.loads(out("cache", "--json"))
    assert shown == datacache.info()
    assert shown["folder"] == str(cache / "dataset") and shown["enabled"] is True
    [entry] = shown["files"]
    assert entry["valid"] and entry["data"] == str(mini.resolve()) and entry["results"] == 1
    assert "dataset cache" in out("cache")
    cleared = json.loads(out("cache", "clear", "--json"))
    assert cleared["removed"] == [entry["file"]]
    assert foreign.read_text(encoding="utf-8") == "mine\n"  # never a file vertikal did not write
    assert json.loads(out("cache", "--json"))["files"] == []
    assert "removed 0 file(s)" in out("cache", "clear")


def test_results_are_kept_by_command_and_arguments(cache: Path, mini: Path) -> None:
    vid = "2010-05-05"
    out("powers", vid, "--data", str(mini), "--json")
    result = runner.invoke(app, ["powers", vid, "--domain", "", "--data", str(mini), "--json"])
    assert result.exit_code == 1 and "unknown domain" in result.stderr  # not the cached answer without one


def test_memoised_results_stay_within_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_store, "MAX_MEMO", 10)
    kept = _store.trimmed({("a",): b"12345", ("b",): b"12345", ("c",): b"12345"})
    assert list(kept) == [("b",), ("c",)]  # the oldest dropped first


AUDIT = """
import json, sys
opened = []
sys.addaudithook(lambda event, args: opened.append(args[0]) if event == "open" else None)
from vertikal.loader import load
load()
print(json.dumps([str(p) for p in opened if isinstance(p, str)]))
"""


def test_every_file_the_loader_reads_is_in_the_key(cache: Path) -> None:
    """Whatever file a load opens (through the YAML reader or not) is one the key covers: a data file
    or a file of the package. A reader of a new file elsewhere must add it to the key first."""
    proc = subprocess.run([sys.executable, "-c", AUDIT], capture_output=True, text=True, check=True)
    opened = {Path(p).resolve() for p in json.loads(proc.stdout)}
    root, package = Path(vertikal.__file__).resolve().parent / "data", _store.package()
    prefixes = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    data = [p for p in opened if p.suffix not in (".py", ".pyc", ".so") and not p.is_dir()]
    data = [p for p in data if not any(p.is_relative_to(x) for x in prefixes) or p.is_relative_to(package)]
    assert data and all(p.is_relative_to(root) or p.is_relative_to(package) for p in data), data
    datacache.load()
    assert files(cache), "the shipped data could not be cached"


def test_a_process_whose_code_changed_while_it_ran_writes_nothing_the_new_code_trusts(
    cache: Path, mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key holds the package's files as the process found them first, not as they are on disk."""
    monkeypatch.setattr(_store, "_CODE", [[("vertikal/old.py", 1, 1)]])  # as if it started on other code
    datacache.load(mini)
    [file] = files(cache)
    record = _store.unpack(file)
    assert record is not None and record["code"] == [("vertikal/old.py", 1, 1)]
    env = {**os.environ, "VERTIKAL_CACHE": str(cache)}
    cmd = [str(BIN / "vertikal"), "versions", "--data", str(mini), "--json"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    record = _store.unpack(file)
    assert record is not None and record["code"] != [("vertikal/old.py", 1, 1)]  # rebuilt by the new code
