"""Strict YAML reading: plain values plus the line of every key, duplicate keys reported.

PyYAML's composer gives nodes with positions; we build plain Python values from them ourselves, so
that dates stay strings (checked later against one ISO pattern) and every value keeps its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C composer is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the build of PyYAML
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class YamlError(Exception):
    """The file is not YAML at all."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Doc:
    """A YAML document as plain values, with the line of every path and any duplicate keys."""

    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)

    def line(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, text = node.tag, node.value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text.lower() in ("true", "yes", "on")
    if tag == _INT:
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == _FLOAT:
        try:
            return float(text.replace("_", ""))
        except ValueError:
            return text
    return text  # strings and timestamps stay strings


def _build(node: yaml.Node, path: Path_, doc: Doc) -> Any:
    doc.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*path, i), doc) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            sub = (*path, key)
            if key in out:
                doc.duplicates.append((sub, key_node.start_mark.line + 1))
                continue
            out[key] = _build(value_node, sub, doc)
            doc.lines[sub] = key_node.start_mark.line + 1
        return out
    raise YamlError(node.start_mark.line + 1, f"unsupported YAML node {type(node).__name__}")


def parse(text: str) -> Doc:
    """Parse one YAML document into plain values with line numbers."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlError(line, f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"not valid YAML: {exc}") from None
    doc = Doc(value=None)
    if node is not None:
        doc.value = _build(node, (), doc)
    return doc


def read(path: Path) -> Doc:
    """Read and parse a YAML file; undecodable bytes are a YamlError at line 1."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(1, f"not UTF-8 text (byte {exc.start})") from None
    return parse(text)
