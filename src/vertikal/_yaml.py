"""Strict, bounded YAML reading: plain values plus the line of every key, duplicate keys reported.

Every YAML file vertikal reads goes through here. We build plain Python values from PyYAML's event
stream ourselves, without recursion, so that dates stay strings (checked later against one ISO
pattern), every value keeps its line, and hostile input is refused early with a stable code:

- VK023: the file is larger than `Limits.max_bytes` (checked before reading it);
- VK024: collections nested deeper than `Limits.max_depth`;
- VK025: more than `Limits.max_aliases` anchors and aliases;
- VK026: aliases that would expand the document beyond `Limits.max_nodes` values (an "alias bomb").

An alias gives the anchored value itself (shared, not copied); its size counts towards `max_nodes`
each time it is used, as any consumer walking the document would see it.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.resolver import Resolver

from vertikal._limits import LIMITS, Limits
from vertikal.problems import VertikalError

try:  # the C parser is several times faster; fall back when libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the build of PyYAML
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_RESOLVER = Resolver()


# Called with each file `read` reads and its bytes (the dataset cache records what a load read).
on_read: Callable[[Path, bytes], object] | None = None

# A parse of a file made elsewhere (`vertikal._yaml_pool`), asked with the file's path, the bytes
# `read` read and the limits; None when it has none for exactly those bytes. Per thread (a context).
prepared: contextvars.ContextVar[Callable[[Path, bytes, Limits], Doc | None] | None] = contextvars.ContextVar(
    "prepared", default=None
)


class YamlError(VertikalError):
    """The file is not YAML, or is past one of the limits; `code` is its stable problem code."""

    def __init__(self, line: int, message: str, code: str = "VK001") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code


@dataclass
class Doc:
    """A YAML document as plain values, with the line of every path and any duplicate keys.

    The lines are found when first asked for (`lines`, `line`): the text is parsed again, this time
    keeping the line of every value, so that a file without a problem to report costs one fast parse.
    """

    value: Any
    duplicates: list[tuple[Path_, int]] = field(default_factory=list)
    # the UTF-8 text, parsed again for `lines` (bytes: the dataset cache keeps them as they are, fast)
    text: bytes | None = field(default=None, repr=False, compare=False)
    found: dict[Path_, int] | None = field(default=None, repr=False, compare=False)  # `lines` once found

    @property
    def lines(self) -> dict[Path_, int]:
        """The line of every path of the document (found on first use)."""
        if self.found is None:
            self.found = _lines(self.text.decode("utf-8")) if self.text is not None else {}
        return self.found

    def line(self, path: Path_) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        lines = self.lines
        p = tuple(path)
        while p:
            if p in lines:
                return lines[p]
            p = p[:-1]
        return lines.get((), 1)


def _convert(tag: str, text: str) -> Any:
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


_PLAIN: dict[str, Any] = {}  # short plain scalars already resolved (values are immutable)
# The first characters for which the resolver has a rule: a plain scalar starting otherwise is a string.
_FIRST = frozenset(k for k in Resolver.yaml_implicit_resolvers if k)
# A plain ISO day is a YAML timestamp, which stays a string (no other rule of the resolver matches it).
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_MAX = 1 << 16  # entries of `_PLAIN`


def _scalar(event: yaml.ScalarEvent) -> Any:
    text = event.value
    if event.tag and event.tag != "!":
        return _convert(event.tag, text)
    if not event.implicit[0]:  # quoted, or a non-specific tag: a string
        return text
    if text in _PLAIN:
        return _PLAIN[text]
    if (text and text[0] not in _FIRST) or _DAY.fullmatch(text):
        return text
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, event.implicit)  # type: ignore[no-untyped-call]
    value = _convert(tag, text)
    if len(text) <= 40 and len(_PLAIN) < _PLAIN_MAX:
        _PLAIN[text] = value
    return value


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence being built."""

    value: Any  # dict[str, Any] | list[Any]
    is_list: bool
    path: Path_
    line: int
    anchor: str | None
    record: bool  # False inside the value of a duplicate key: its lines would shadow the first's
    nodes: int = 1  # values in this collection with aliases expanded, itself included
    key: Any = None
    key_line: int = 0
    has_key: bool = False


def _limit(line: int, code: str, limits: Limits) -> YamlError:
    if code == "VK024":
        return YamlError(line, f"nested deeper than {limits.max_depth} levels (limit)", code)
    if code == "VK025":
        return YamlError(line, f"more than {limits.max_aliases} anchors and aliases (limit)", code)
    return YamlError(
        line,
        f"aliases expand the document beyond {limits.max_nodes:,} values (limit); "
        "write the values out instead of repeating anchors",
        code,
    )


class _Redo(Exception):
    """A duplicate key met while building without lines: build again with them, to say where."""


def _build(loader: Any, limits: Limits, keep_lines: bool) -> Doc:
    """Plain values from the parser's events, with an explicit stack instead of recursion.

    With `keep_lines` the line of every path is kept (`Doc.found`) and duplicate keys are listed;
    without, the build is faster and a duplicate key raises `_Redo`.
    """
    doc = Doc(value=None)
    lines: dict[Path_, int] = {}
    if keep_lines:
        doc.found = lines
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    aliases = nodes = documents = 0
    max_aliases, max_nodes = limits.max_aliases, limits.max_nodes
    scalar_event, alias_event, stream_end = yaml.ScalarEvent, yaml.AliasEvent, yaml.StreamEndEvent
    get = loader.get_event
    while True:
        ev = get()
        kind = type(ev)
        if kind is stream_end:
            return doc
        line = ev.start_mark.line + 1 if keep_lines else 0  # (errors read the mark)
        size = 1
        if kind is scalar_event or kind is alias_event:
            if kind is scalar_event:
                text = ev.value
                if ev.tag is None and (not ev.implicit[0] or (text and text[0] not in _FIRST)):
                    value = text  # the common case inline: quoted, or no rule of the resolver applies
                else:
                    value = _scalar(ev)
                if ev.anchor is not None:
                    aliases += 1
                    anchors[ev.anchor] = (value, 1)
                    if aliases > max_aliases:
                        raise _limit(ev.start_mark.line + 1, "VK025", limits)
            else:
                aliases += 1
                if ev.anchor not in anchors:
                    raise YamlError(
                        ev.start_mark.line + 1, f"not valid YAML: found undefined alias {ev.anchor!r}"
                    )
                value, size = anchors[ev.anchor]
                if aliases > max_aliases:
                    raise _limit(ev.start_mark.line + 1, "VK025", limits)
            nodes += size
            if nodes > max_nodes:
                raise _limit(ev.start_mark.line + 1, "VK026", limits)
            if not stack:
                doc.value = value
                lines[()] = line
                continue
            top = stack[-1]
            top.nodes += size
            if top.is_list:
                if top.record:
                    lines[(*top.path, len(top.value))] = line
                top.value.append(value)
            elif not top.has_key:
                top.key = value if isinstance(value, str) else str(value)
                top.key_line, top.has_key = line, True
            else:
                top.has_key = False
                if top.key in top.value:
                    if not keep_lines:
                        raise _Redo
                    doc.duplicates.append(((*top.path, top.key), top.key_line))
                else:
                    top.value[top.key] = value
                    if top.record:
                        lines[(*top.path, top.key)] = top.key_line
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if ev.anchor is not None:
                aliases += 1
                if aliases > limits.max_aliases:
                    raise _limit(ev.start_mark.line + 1, "VK025", limits)
            nodes += 1
            if nodes > limits.max_nodes:
                raise _limit(ev.start_mark.line + 1, "VK026", limits)
            if len(stack) >= limits.max_depth:
                raise _limit(ev.start_mark.line + 1, "VK024", limits)
            is_list = kind is yaml.SequenceStartEvent
            if not stack:
                path: Path_ = ()
                record = keep_lines
                lines[()] = line
            elif not keep_lines:
                path, record = (), False
            else:
                top = stack[-1]
                if top.is_list:
                    path, record = (*top.path, len(top.value)), top.record
                    if record:
                        lines[path] = line
                elif top.has_key:
                    path = (*top.path, top.key)
                    record = top.record and top.key not in top.value
                    if record:
                        lines[path] = top.key_line
                else:  # a collection used as a key: no lines of its own
                    path, record = (*top.path, "<key>"), False
            stack.append(_Frame([] if is_list else {}, is_list, path, line, ev.anchor, record))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            value = frame.value
            if frame.anchor is not None:
                anchors[frame.anchor] = (value, frame.nodes)
            if not stack:
                doc.value = value
                continue
            top = stack[-1]
            top.nodes += frame.nodes
            if top.is_list:
                top.value.append(value)
            elif not top.has_key:
                top.key = str(value)
                top.key_line, top.has_key = frame.line, True
            else:
                top.has_key = False
                if top.key in top.value:
                    if not keep_lines:
                        raise _Redo
                    doc.duplicates.append(((*top.path, top.key), top.key_line))
                else:
                    top.value[top.key] = value
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlError(
                    ev.start_mark.line + 1, "not valid YAML: expected a single document in the stream"
                )


def parse(text: str, limits: Limits = LIMITS, raw: bytes | None = None) -> Doc:
    """Parse one YAML document into plain values with line numbers, within `limits`.

    `raw` is the text's UTF-8 bytes, when the caller has them (kept for finding the lines later).
    """
    size = len(text.encode("utf-8")) if len(text) * 4 > limits.max_bytes else len(text)
    if size > limits.max_bytes:
        raise YamlError(1, _too_large(size, limits), "VK023")
    loader = _Loader(text)
    try:
        try:
            doc = _build(loader, limits, keep_lines=False)
        except _Redo:  # a duplicate key: its line is needed now
            loader.dispose()
            loader = _Loader(text)
            doc = _build(loader, limits, keep_lines=True)
        if doc.found is None:
            doc.text = raw if raw is not None else text.encode("utf-8")
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own limit (1,000), above ours
            raise YamlError(line, f"nested deeper than {limits.max_depth} levels (limit)", "VK024") from None
        raise YamlError(line, f"not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(1, f"not valid YAML: {exc}") from None
    finally:
        loader.dispose()


# The text of a Doc was read within its limits once; finding its lines parses the same text again.
_UNLIMITED = Limits(max_bytes=2**62, max_depth=2**62, max_aliases=2**62, max_nodes=2**62)


def _lines(text: str) -> dict[Path_, int]:
    """The line of every path of a text `parse` has accepted."""
    loader = _Loader(text)
    try:
        found = _build(loader, _UNLIMITED, keep_lines=True).found
    except yaml.YAMLError:  # pragma: no cover - the text was parsed once already
        return {}
    finally:
        loader.dispose()
    return found if found is not None else {}


def _too_large(size: int, limits: Limits) -> str:
    return f"file of {size:,} bytes is larger than the limit of {limits.max_bytes:,} bytes"


def read(path: Path, limits: Limits = LIMITS) -> Doc:
    """Read and parse a YAML file; too large a file is refused before it is read (VK023).

    Undecodable bytes are a YamlError (VK001) at line 1.
    """
    path = Path(path)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise YamlError(1, _too_large(size, limits), "VK023")
    with path.open("rb") as fh:
        raw = fh.read(limits.max_bytes + 1)  # a file that grew since stat() is still bounded
    if len(raw) > limits.max_bytes:
        raise YamlError(1, _too_large(len(raw), limits), "VK023")
    if on_read is not None:
        on_read(path, raw)
    elsewhere = prepared.get()
    if elsewhere is not None and (doc := elsewhere(path, raw, limits)) is not None:
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(1, f"not UTF-8 text (byte {exc.start})") from None
    return parse(text, limits, raw)


def load_text(text: str, where: str, limits: Limits = LIMITS) -> Any:
    """The plain value of a YAML text shipped with the package (tables, strings), within `limits`.

    Problems are raised as YamlError with `where` in the message.
    """
    try:
        doc = parse(text, limits)
    except YamlError as exc:
        raise YamlError(exc.line, f"{where}:{exc.line}: {exc.message}", exc.code) from None
    if doc.duplicates:
        dup, line = doc.duplicates[0]
        raise YamlError(line, f"{where}:{line}: duplicate key {'.'.join(map(str, dup))!r}", "VK004")
    return doc.value
