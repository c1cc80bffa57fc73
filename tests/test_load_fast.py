"""The fast paths of a load (issue 13 part 7) give what the slow ones give.

- a YAML file is built once without lines; its lines, found when first asked for, are those of a
  build that keeps them;
- a valid codings file is validated whole; coding by coding gives the same models;
- the display names of many files are those `display_path` gives each.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vertikal import _yaml
from vertikal.dataset import Dataset, Source, _coding_file
from vertikal.problems import display_path, display_paths

DATA = Path(__file__).resolve().parents[1] / "src" / "vertikal" / "data"

KEYS = st.text(alphabet="abcxyz_", min_size=1, max_size=6)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.sampled_from(["2020-06-01", "yes", "017", "1:30", ".inf", "~", "a b", "0x1F", "1_000"]),
    st.text(alphabet="abz АБ-:#,.0123", min_size=0, max_size=10),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=30,
)


def _eager(text: str) -> _yaml.Doc:
    loader = yaml.CSafeLoader(text)
    try:
        return _yaml._build(loader, _yaml.LIMITS, keep_lines=True)
    finally:
        loader.dispose()


@settings(max_examples=150, derandomize=True, deadline=None)
@given(VALUES, st.sampled_from([None, "block", "flow"]))
def test_lazy_lines_are_the_lines_of_an_eager_build(value: Any, style: str | None) -> None:
    text = yaml.safe_dump({"root": value}, allow_unicode=True, default_flow_style=style == "flow")
    lazy, eager = _yaml.parse(text), _eager(text)
    assert lazy.found is None  # nothing asked yet: no lines built
    assert repr(lazy.value) == repr(eager.value)
    assert lazy.lines == eager.lines and lazy.duplicates == eager.duplicates == []


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\na: 3\n",
        "a:\n  x: 1\n  x: 2\nb: [1, 2]\n",
        "l:\n  - k: 1\n    k: 2\n  - k: 3\n",
        "a: {x: 1}\nb: 2\na:\n  x: 3\n  x: 4\n",
    ],
)
def test_a_duplicate_key_is_reported_with_its_line_as_by_an_eager_build(text: str) -> None:
    lazy, eager = _yaml.parse(text), _eager(text)
    assert lazy.duplicates and lazy.duplicates == eager.duplicates
    assert lazy.value == eager.value and lazy.lines == eager.lines


def test_a_valid_codings_file_validated_whole_equals_coding_by_coding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vertikal import dataset

    path = sorted((DATA / "codings").glob("*.yaml"))[-1]
    ds = Dataset(root=DATA)
    src = Source(path, path.name, _yaml.read(path))
    whole = _coding_file(ds, src)
    monkeypatch.setattr(dataset, "_at_once", lambda src, model: None)  # the slow path only
    piecewise = _coding_file(ds, src)
    assert whole is not None and whole == piecewise and not ds.problems
    assert whole.model_fields_set == piecewise.model_fields_set
    for key, coding in whole.codings.items():
        assert coding.model_fields_set == piecewise.codings[key].model_fields_set


def test_an_unfilled_blank_is_still_reported_coding_by_coding(tmp_path: Path) -> None:
    path = sorted((DATA / "codings").glob("*.yaml"))[-1]
    text = path.read_text(encoding="utf-8").replace("confidence: high", "confidence: high\n    note: TODO", 1)
    if "note: TODO" not in text:
        pytest.skip("the file has no high-confidence coding")
    file = tmp_path / path.name
    file.write_text(text, encoding="utf-8")
    ds = Dataset(root=tmp_path)
    src = Source(file, file.name, _yaml.read(file))
    _coding_file(ds, src)
    assert [p.code for p in ds.problems] == ["VK002"] and "still TODO" in ds.problems[0].message


def test_display_paths_equal_display_path_of_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "real.yaml").write_text("a: 1\n")
    (tmp_path / "d" / "x.yaml").write_text("a: 1\n")
    os.symlink(tmp_path / "elsewhere" / "real.yaml", tmp_path / "d" / "link.yaml")
    files = sorted((tmp_path / "d").glob("*.yaml"))
    for cwd in (tmp_path, tmp_path / "d", tmp_path / "elsewhere", Path("/")):
        monkeypatch.chdir(cwd)
        assert display_paths(files) == {f: display_path(f) for f in files}
        relative = [Path(os.path.relpath(f)) for f in files]
        assert display_paths(relative) == {f: display_path(f) for f in relative}
