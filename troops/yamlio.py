"""Reading data files defensively: bytes to text to YAML, keeping line numbers.

Only plain YAML data is accepted: no aliases (so no "billion laughs"), no tags that would
build objects, no duplicate keys, no byte-order mark, no NUL bytes, UTF-8 only, and a size
limit checked before the file is read.  Mappings and sequences come back as
:class:`YamlMap` and :class:`YamlList`, which remember the line of every key and item so
that later checks can point at ``path:line``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import ProblemLog

#: Largest YAML data file troops reads (bytes); bigger files are refused unread.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 40

_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = SafeConstructor()


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
    try:
        size = path.stat().st_size
        if size > limit:
            log.add(path, 1, None, None, f"file is {size:,} bytes; the limit is {limit:,}")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        log.add(path, 1, None, None, f"cannot read file: {exc.strerror or exc}")
        return None
    return decode_text(raw, path, log)


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
    if not text.strip():
        log.add(path, 1, None, None, "file is empty")
        return None
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or exc.context or "invalid YAML"
        log.add(path, line, None, None, f"YAML syntax error: {what}")
        return None
    except yaml.YAMLError as exc:
        log.add(path, 1, None, None, f"YAML error: {exc}")
        return None
    except RecursionError:
        log.add(path, 1, None, None, "YAML nesting is too deep")
        return None
    if node is None:
        log.add(path, 1, None, None, "file holds no YAML document")
        return None
    try:
        return _build(node, set(), 0)
    except _Reject as exc:
        log.add(path, exc.line, None, None, exc.message)
        return None


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _build(node: Node, seen: set[int], depth: int) -> Any:
    if id(node) in seen:
        raise _Reject(_line(node), "YAML aliases (*name) are not allowed in data files")
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _Reject(_line(node), f"YAML nesting is deeper than {MAX_DEPTH} levels")
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        _check_tag(node, f"{_STD}seq")
        items = YamlList(_build(child, seen, depth + 1) for child in node.value)
        items.line = _line(node)
        items.item_lines = [_line(child) for child in node.value]
        return items
    if isinstance(node, MappingNode):
        _check_tag(node, f"{_STD}map")
        mapping = YamlMap()
        mapping.line = _line(node)
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != f"{_STD}str":
                raise _Reject(_line(key_node), "mapping keys must be plain words")
            key = str(key_node.value)
            if key in mapping:
                raise _Reject(_line(key_node), f"duplicate key {key!r}")
            mapping[key] = _build(value_node, seen, depth + 1)
            mapping.key_lines[key] = _line(key_node)
        return mapping
    raise _Reject(_line(node), "unsupported YAML node")  # pragma: no cover - exhaustive above


def _check_tag(node: Node, expected: str) -> None:
    if node.tag != expected:
        raise _Reject(_line(node), f"YAML tag {node.tag} is not allowed in data files")


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    if tag not in _SCALAR_TAGS:
        raise _Reject(_line(node), f"YAML tag {tag} is not allowed in data files")
    if tag in (f"{_STD}str", f"{_STD}timestamp"):
        return str(node.value)  # dates stay text; troops parses them as periods
    build = {
        f"{_STD}int": _CONSTRUCTOR.construct_yaml_int,
        f"{_STD}float": _CONSTRUCTOR.construct_yaml_float,
        f"{_STD}bool": _CONSTRUCTOR.construct_yaml_bool,
        f"{_STD}null": _CONSTRUCTOR.construct_yaml_null,
    }[tag]
    try:
        return build(node)
    except (ValueError, yaml.YAMLError) as exc:
        raise _Reject(_line(node), f"cannot read value {node.value!r}: {exc}") from None
