"""Reading data files defensively: bytes to text to YAML, keeping line numbers.

Only plain YAML data is accepted: no aliases (so no "billion laughs"), no tags that would
build objects, no duplicate keys, no byte-order mark, no NUL bytes, UTF-8 only, and a size
limit checked before the file is read.  Mappings and sequences come back as
:class:`YamlMap` and :class:`YamlList`, which remember the line of every key and item so
that later checks can point at ``path:line``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from troops.core.errors import ProblemLog, short

#: Largest YAML data file troops reads (bytes); bigger files are refused unread.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 40
DEPTH_PROBLEM = f"YAML nesting is deeper than {MAX_DEPTH} levels"

_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = SafeConstructor()
_RESOLVER = Resolver()


class YamlMap(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A sequence that remembers its own line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


class _Reject(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_text(path: Path, log: ProblemLog, *, limit: int = MAX_YAML_BYTES) -> str | None:
    """Read ``path`` as strict UTF-8 text; log a problem and return ``None`` when it is not."""
    raw = read_bytes(path, log, limit=limit)
    return None if raw is None else decode_text(raw, path, log)


def read_bytes(path: Path, log: ProblemLog, *, limit: int) -> bytes | None:
    """Read at most ``limit`` bytes of a regular file; a bigger one is refused unread."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            what = "a directory" if stat.S_ISDIR(mode) else "a device, pipe or socket"
            log.add(path, 1, None, None, f"is {what}, not a regular file")
            return None
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            raw = handle.read(limit + 1) if size <= limit else b""
    except OSError as exc:
        log.add(path, 1, None, None, f"cannot read file: {exc.strerror or exc}")
        return None
    if size > limit or len(raw) > limit:
        log.add(
            path, 1, None, None, f"file is {max(size, len(raw)):,} bytes; the limit is {limit:,}"
        )
        return None
    return raw


def decode_text(raw: bytes, path: Path, log: ProblemLog) -> str | None:
    """Decode ``raw`` as UTF-8 without BOM or NUL bytes, logging what is wrong."""
    if raw.startswith(b"\xef\xbb\xbf"):
        log.add(path, 1, None, None, "starts with a byte-order mark; save it as UTF-8 without BOM")
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        log.add(path, 1, None, None, "is UTF-16 text; save it as UTF-8")
        return None
    nul = raw.find(b"\x00")
    if nul >= 0:
        log.add(path, raw.count(b"\n", 0, nul) + 1, None, None, "contains a NUL byte")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        log.add(path, line, None, None, f"is not valid UTF-8 (byte 0x{bad})")
        return None


def load_yaml(path: Path, log: ProblemLog) -> Any:
    """Parse one YAML data file; return plain data with line numbers, or ``None`` on error."""
    text = read_text(path, log)
    if text is None:
        return None
    return parse_yaml(text, path, log)


def parse_yaml(text: str, path: Path, log: ProblemLog) -> Any:
    """Parse YAML ``text`` (read from ``path``) into plain data, or log one problem."""
    if not text.strip():
        log.add(path, 1, None, None, "file is empty")
        return None
    bad = _UNPRINTABLE.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        log.add(path, line, None, None, f"contains control character U+{ord(bad.group()):04X}")
        return None
    loader = _LOADER(text)
    try:
        doc = _compose(loader)
    except _Reject as exc:
        log.add(path, exc.line, None, None, exc.message)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        deep = _too_deep(text, mark.index if mark is not None else len(text))
        if deep is not None:  # the library's own depth limit: the same problem as troops'
            log.add(path, deep, None, None, DEPTH_PROBLEM)
            return None
        what = exc.problem or exc.context or "invalid YAML"
        log.add(path, line, None, None, f"YAML syntax error: {what}")
        return None
    except yaml.YAMLError as exc:
        log.add(path, 1, None, None, f"YAML error: {exc}")
        return None
    finally:
        loader.dispose()
    if doc is _NOTHING or doc is None:
        # Only comments, a bare "---", "~" or "null": the file holds nothing to read.  This is
        # a problem of its own, so that ``None`` always means "a problem was logged".
        log.add(path, 1, None, None, "file holds no data")
        return None
    return doc


def _too_deep(text: str, stop: int) -> int | None:
    """The line where flow collections (``[``, ``{``) first nest deeper than
    :data:`MAX_DEPTH` in ``text[:stop]``, or ``None``.

    The YAML library may stop at its own nesting limit, in its own words, before troops
    sees the events that would exceed :data:`MAX_DEPTH`: any syntax error at a point that
    deep is that problem, whatever the library's version says.  One pass: brackets inside
    quoted scalars and comments are skipped.
    """
    if text.count("[", 0, stop) + text.count("{", 0, stop) <= MAX_DEPTH:
        return None
    depth = 0
    quote = ""
    i = 0
    while i < stop:
        ch = text[i]
        if quote:
            if ch == quote:
                if quote == "'" and text.startswith("''", i):
                    i += 1  # a doubled single quote stays inside
                else:
                    quote = ""
            elif ch == "\\" and quote == '"':
                i += 1
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, i) + 1
        elif ch in "]}":
            depth = max(depth - 1, 0)
        elif ch in "'\"" and (i == 0 or text[i - 1] in " \t\n[{,:"):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            i = stop if end < 0 else end
            continue
        i += 1
    return None


#: Characters YAML forbids in a stream (checked up front so the line can be reported).
_UNPRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_NOTHING: Any = object()
#: A number as troops reads one, in YAML and in CSV alike: plain decimal digits, an optional
#: minus, no leading zero, no sign, separator or base prefix, at most 18 digits (a longer run
#: stays text: ``int()`` refuses 4,300 digits, and no count is that long).
_DECIMAL_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")


def plain_int(text: str) -> int | None:
    """``text`` as an int when it is a number written the one way troops reads, else None."""
    return int(text) if _DECIMAL_INT.fullmatch(text) else None


_DECIMAL_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")


class _Frame:
    """One open mapping or sequence while events are read."""

    __slots__ = ("container", "is_map", "key", "key_line")

    def __init__(self, container: YamlMap | YamlList) -> None:
        self.container = container
        self.is_map = isinstance(container, YamlMap)
        self.key: str | None = None
        self.key_line = 0


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1


def _compose(loader: Any) -> Any:
    """Build plain data from the parser's events, without recursion.

    Depth is checked before a collection is opened and an alias is refused when it is met,
    so neither deep nesting nor an alias bomb costs more than reading the text once.
    """
    stack: list[_Frame] = []
    root: Any = _NOTHING
    documents = 0
    while True:
        event = loader.get_event()
        cls = type(event)
        if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            frame = stack[-1] if stack else None
            if frame is not None and frame.is_map and frame.key is None:
                _add_key(frame, _key(event), _line(event))
            elif cls is ScalarEvent:
                value = _scalar(event)
                if frame is None:
                    root = value
                else:
                    _add_value(frame, value, _line(event))
            else:
                if len(stack) >= MAX_DEPTH:
                    raise _Reject(_line(event), DEPTH_PROBLEM)
                stack.append(_Frame(_collection(event)))
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            done = stack.pop().container
            if stack:
                _add_value(stack[-1], done, done.line)
            else:
                root = done
        elif cls is StreamEndEvent:
            return root
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Reject(_line(event), "holds more than one YAML document (a second ---)")
        elif cls is AliasEvent:
            raise _Reject(_line(event), "YAML aliases (*name) are not allowed in data files")
        # StreamStartEvent and DocumentEndEvent carry nothing


def _key(event: Any) -> str:
    if not isinstance(event, ScalarEvent) or _scalar_tag_of(event) != f"{_STD}str":
        raise _Reject(_line(event), "mapping keys must be plain words")
    return str(event.value)


def _scalar_tag_of(event: Any) -> str:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
    return str(tag)


def _add_key(frame: _Frame, key: str, line: int) -> None:
    assert isinstance(frame.container, YamlMap)
    if key in frame.container:
        raise _Reject(line, f"duplicate key {key!r}")
    frame.key = key
    frame.key_line = line


def _add_value(frame: _Frame, value: Any, line: int) -> None:
    container = frame.container
    if isinstance(container, YamlMap):
        assert frame.key is not None
        container[frame.key] = value
        container.key_lines[frame.key] = frame.key_line
        frame.key = None
    else:
        container.append(value)
        container.item_lines.append(line)


def _collection(event: Any) -> YamlMap | YamlList:
    mapping = isinstance(event, MappingStartEvent)
    tag = event.tag
    if tag is None or tag == "!":
        tag = f"{_STD}map" if mapping else f"{_STD}seq"
    expected = f"{_STD}map" if mapping else f"{_STD}seq"
    if tag != expected:
        raise _Reject(_line(event), f"YAML tag {tag} is not allowed in data files")
    if mapping:
        mapping_ = YamlMap()
        mapping_.line = _line(event)
        mapping_.key_lines = {}
        return mapping_
    items = YamlList()
    items.line = _line(event)
    items.item_lines = []
    return items


def _scalar(event: Any) -> Any:
    tag = _scalar_tag_of(event)
    if tag not in _SCALAR_TAGS:
        raise _Reject(_line(event), f"YAML tag {tag} is not allowed in data files")
    if tag in (f"{_STD}str", f"{_STD}timestamp"):
        return str(event.value)  # dates stay text; troops parses them as periods
    plain = {f"{_STD}int": _DECIMAL_INT, f"{_STD}float": _DECIMAL_FLOAT}.get(tag)
    if plain is not None and not plain.fullmatch(event.value):
        # YAML 1.1 reads 0x9C4, 04704 (octal), 41:40 (base 60), +2500 and 2_500 as numbers;
        # troops reads numbers as a CSV cell is read: plain decimal digits only.  Untagged,
        # such a value stays text, which the record's rule then refuses where a number is
        # due; tagged (!!int 0x10), it is a value no tag can read.
        if event.tag in (None, "!"):
            return str(event.value)
        name = tag.removeprefix(_STD)
        raise _Reject(_line(event), f"cannot read {short(event.value)} as a YAML {name}")
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    build = {
        f"{_STD}int": _CONSTRUCTOR.construct_yaml_int,
        f"{_STD}float": _CONSTRUCTOR.construct_yaml_float,
        f"{_STD}bool": _CONSTRUCTOR.construct_yaml_bool,
        f"{_STD}null": _CONSTRUCTOR.construct_yaml_null,
    }[tag]
    try:
        return build(node)
    except Exception:  # any constructor failure is bad input, never a crash
        # (``!!bool maybe`` raises KeyError, ``!!int ""`` IndexError, a 5,000-digit int
        # ValueError); the value is shown shortened, as it may be very long.
        name = tag.removeprefix(_STD)
        raise _Reject(_line(event), f"cannot read {short(event.value)} as a YAML {name}") from None
