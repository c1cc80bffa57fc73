"""The bounded YAML reader (issue 11): plain values with lines, and limits with stable codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from vertikal import _yaml

KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(alphabet="abcxyz АБВ-:#,", min_size=1, max_size=12),
)
PLAIN = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(PLAIN)
def test_plain_values_round_trip(value: Any) -> None:
    """What PyYAML writes, the reader gives back unchanged (keys are strings)."""
    text = yaml.safe_dump({"root": value}, allow_unicode=True)
    assert _yaml.parse(text).value == {"root": value}


def test_lines_of_keys_and_items() -> None:
    doc = _yaml.parse("a: 1\nb:\n  - x\n  - y: 2\n")
    assert doc.line(("a",)) == 1 and doc.line(("b",)) == 2
    assert doc.line(("b", 0)) == 3 and doc.line(("b", 1, "y")) == 4
    assert doc.line(("b", 1, "nothing", "here")) == 4


def test_duplicate_keys_are_reported_and_the_first_value_kept() -> None:
    doc = _yaml.parse("a:\n  x: 1\nb: 2\na:\n  x: 3\n")
    assert doc.value == {"a": {"x": 1}, "b": 2}
    assert doc.duplicates == [(("a",), 4)]
    assert doc.line(("a", "x")) == 2  # the duplicate's lines never shadow the first's


def test_dates_stay_strings_and_aliases_share_the_value() -> None:
    doc = _yaml.parse("d: 2022-09-17\na: &x [1, 2]\nb: *x\n")
    assert doc.value["d"] == "2022-09-17"
    assert doc.value["b"] == [1, 2] and doc.value["b"] is doc.value["a"]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("x: " + "[" * 10_000 + "]" * 10_000 + "\n", "VK024", 1),
        ("x:\n" + "".join(" " * (2 * i + 2) + f"k{i}:\n" for i in range(200)), "VK024", 65),
        ("a: &a [1]\n" + "".join(f"b{i}: *a\n" for i in range(1000)), "VK025", 1001),
        ("a: [" + ", ".join(["&x 1", "*x"] * 3) + "]\nb: *undefined\n", "VK001", 2),
        ("a: 1\n---\nb: 2\n", "VK001", 2),
    ],
    ids=["deep-flow", "deep-block", "many-aliases", "undefined-alias", "two-documents"],
)
def test_limits_and_errors_have_codes_and_lines(text: str, code: str, line: int) -> None:
    with pytest.raises(_yaml.YamlError) as err:
        _yaml.parse(text)
    assert (err.value.code, err.value.line) == (code, line), err.value.message


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\n"
    assert len(text) < 700
    with pytest.raises(_yaml.YamlError) as err:
        _yaml.parse(text)
    assert err.value.code == "VK026" and "beyond 1,000,000 values" in err.value.message
    # a smaller limit stops it sooner; the same text within a large enough limit is fine
    with pytest.raises(_yaml.YamlError):
        _yaml.parse(text, _yaml.Limits(max_nodes=1000))
    small = "\n".join(lines[:3]) + "\n"
    assert len(_yaml.parse(small).value["a2"]) == 9


def test_size_limit_on_files_and_texts(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n" + "#" * 100 + "\n", encoding="utf-8")
    limits = _yaml.Limits(max_bytes=50)
    with pytest.raises(_yaml.YamlError) as err:
        _yaml.read(path, limits)
    assert err.value.code == "VK023" and "larger than the limit of 50 bytes" in err.value.message
    with pytest.raises(_yaml.YamlError) as err:
        _yaml.parse("é" * 30, limits)  # 60 bytes in UTF-8
    assert err.value.code == "VK023"
    assert _yaml.read(path).value == {"a": 1}


def test_load_text_names_the_place() -> None:
    with pytest.raises(_yaml.YamlError) as err:
        _yaml.load_text("a: 1\na: 2\n", "pkg/table.yaml")
    assert str(err.value).startswith("pkg/table.yaml:2: duplicate key 'a'")


def test_every_shipped_yaml_file_reads_within_the_limits_and_without_duplicate_keys() -> None:
    """PyYAML's own loader keeps the last of two equal keys without a word; ours reports them."""
    import vertikal

    files = sorted(Path(vertikal.__file__).parent.rglob("*.yaml"))
    assert len(files) > 20
    for path in files:
        doc = _yaml.read(path)
        assert doc.duplicates == [], (path, doc.duplicates)
