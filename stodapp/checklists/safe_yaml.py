"""Hardened YAML reading: UTF-8 only, size/depth caps, no anchors/aliases, no duplicate keys, line marks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40


class YamlRefused(Exception):
    """A file we refuse to read; `line` is 1-based or None. The message is one line without file content."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader (no python tags) that also refuses anchors/aliases and caps nesting depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = cast(Any, self).peek_event()  # untyped in some types-PyYAML releases
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, AliasEvent):
            raise YamlRefused("YAML-alias (*) är inte tillåtna", line)
        if isinstance(event, NodeEvent) and event.anchor is not None:
            raise YamlRefused("YAML-ankare (&) är inte tillåtna", line)
        if isinstance(event, CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise YamlRefused(f"för djup nästling (högst {MAX_DEPTH} nivåer)", line)
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, ScalarNode):
                key = key_node.value
                if key in seen:
                    raise YamlRefused(f"dubblettnyckel '{key}'", key_node.start_mark.line + 1)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file of at most `max_bytes`; refuse anything else with a one-line reason."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as err:
        raise YamlRefused(f"kan inte läsas: {err.strerror or type(err).__name__}") from None
    if len(raw) > max_bytes:
        raise YamlRefused(f"filen är för stor (högst {max_bytes // 1024} KiB)")
    return decode_utf8(raw)


def decode_utf8(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlRefused("filen är UTF-16; spara den som UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise YamlRefused(f"filen är inte UTF-8 (ogiltig byte vid position {err.start})", line) from None
    if "\x00" in text:
        raise YamlRefused("filen innehåller NUL-tecken")
    return text


def load_yaml(text: str) -> tuple[Any, Node | None]:
    """Parse one YAML document: returns (data, node tree with marks). Raises YamlRefused."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except YamlRefused:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlRefused(f"YAML-syntaxfel: {err.problem or err.context or 'okänt'}", line) from None
    except yaml.YAMLError as err:
        raise YamlRefused(f"YAML-fel: {type(err).__name__}") from None
    except RecursionError:
        raise YamlRefused(f"för djup nästling (högst {MAX_DEPTH} nivåer)") from None
    finally:
        loader.dispose()
    return data, node


def line_of(node: Node | None, loc: Sequence[str | int]) -> int | None:
    """1-based line of the deepest node reached by following `loc` (unknown parts are skipped)."""
    if node is None:
        return None
    current = node
    for part in loc:
        nxt: Node | None = None
        if isinstance(current, MappingNode):
            for key_node, value_node in current.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(part):
                    nxt = value_node
                    break
        elif isinstance(current, SequenceNode) and isinstance(part, int) and 0 <= part < len(current.value):
            nxt = current.value[part]
        if nxt is not None:
            current = nxt
    return int(current.start_mark.line) + 1
