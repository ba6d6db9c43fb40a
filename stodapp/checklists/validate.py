"""Validate a definition file and report every problem as "file:line: field.path: message"."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from stodapp.checklists.safe_yaml import YamlRefused, line_of, load_yaml, read_text
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.semantics import semantic_issues
from stodapp.errors import ValidationFailed
from stodapp.i18n import _

_MESSAGES = {
    "missing": "fältet saknas",
    "extra_forbidden": "okänt fält",
    "string_type": "ska vara text (sätt värdet inom citattecken)",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "float_type": "ska vara ett tal",
    "float_parsing": "ska vara ett tal",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "list_type": "ska vara en lista",
    "dict_type": "ska vara en mappning (nyckel: värde)",
    "model_type": "ska vara en mappning (nyckel: värde)",
    "too_short": "för få element",
    "too_long": "för många element",
    "string_too_short": "får inte vara tom",
    "string_too_long": "för lång text",
    "string_pattern_mismatch": "ogiltigt format",
    "greater_than_equal": "för litet värde",
    "less_than_equal": "för stort värde",
    "union_tag_invalid": "okänd typ",
    "union_tag_not_found": "typen (kind/type) saknas",
}


_FIXED_TAGS = {
    "cond_item",
    "cond_all",
    "cond_any",
    "cond_not",
    "clause_any_of",
    "clause_at_least",
    "scale_ref",
    "scale_inline",
}


def clean_loc(data: Any, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """Drop pydantic union tags from `loc` so it names real keys ("kind"/"type" values and our own tags)."""
    out: list[str | int] = []
    current: Any = data
    skipped_at: int | None = None
    for part in loc:
        if isinstance(current, list):
            if isinstance(part, int):
                out.append(part)
                current = current[part] if 0 <= part < len(current) else None
            continue  # a str tag on a list level
        if isinstance(current, dict):
            is_kind = part in (current.get("kind"), current.get("type")) and skipped_at != id(current)
            if is_kind or part in _FIXED_TAGS:
                skipped_at = id(current)
                continue
            out.append(part)
            current = current.get(str(part))
            continue
        if part not in _FIXED_TAGS:
            out.append(part)
    return tuple(out)


def display_path(loc: Sequence[str | int]) -> str:
    """ "sections[0].items[2].scale" from a cleaned loc."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(dokument)"


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "value_error":
        return str(err["ctx"].get("error", err["msg"])) if "ctx" in err else err["msg"]
    if kind == "literal_error" and "ctx" in err:
        return f"ogiltigt värde, tillåtna: {err['ctx'].get('expected', '')}"
    if kind == "union_tag_invalid" and "ctx" in err:
        return f"okänd typ '{err['ctx'].get('tag', '')}', tillåtna: {err['ctx'].get('expected_tags', '')}"
    base = _MESSAGES.get(kind, err["msg"])
    if kind == "string_pattern_mismatch" and "ctx" in err:
        return f"{base} (mönster {err['ctx'].get('pattern', '')})"
    return base


def issue_lines(
    source: str,
    data: Any,
    node: Node | None,
    issues: Sequence[tuple[Sequence[str | int], str]],
    tagged: bool = True,
) -> list[str]:
    """Format issues; `tagged`: the locs come from pydantic and may hold union tags to drop."""
    lines = []
    for raw_loc, message in issues:
        loc = clean_loc(data, raw_loc) if tagged else tuple(raw_loc)
        line = line_of(node, loc)
        where = f"{source}:{line}" if line else source
        lines.append(f"{where}: {display_path(loc)}: {message}")
    return lines


def definition_from_data(data: Any, source: str, node: Node | None = None) -> ChecklistDefinition:
    """Validate parsed data (structure, then cross-references); ValidationFailed carries every line."""
    if not isinstance(data, dict):
        raise ValidationFailed(
            _("{source}: inte en checklistdefinition").format(source=source),
            [f"{source}:1: (dokument): ska vara en mappning (nyckel: värde)"],
        )
    try:
        definition = ChecklistDefinition.model_validate(data)
    except ValidationError as err:
        issues = [(e["loc"], _message(e)) for e in err.errors(include_url=False)]
        lines = _dedupe(issue_lines(source, data, node, issues))
        raise ValidationFailed(_("{source}: {n} fel").format(source=source, n=len(lines)), lines) from None
    problems = semantic_issues(definition)
    if problems:
        lines = _dedupe(issue_lines(source, data, node, problems, tagged=False))
        raise ValidationFailed(_("{source}: {n} fel").format(source=source, n=len(lines)), lines)
    return definition


def parse_definition_text(text: str, source: str) -> ChecklistDefinition:
    try:
        data, node = load_yaml(text)
    except YamlRefused as err:
        where = f"{source}:{err.line}" if err.line else source
        raise ValidationFailed(
            _("{source}: kan inte läsas").format(source=source), [f"{where}: {err}"]
        ) from None
    return definition_from_data(data, source, node)


def load_definition_file(path: Path) -> ChecklistDefinition:
    """Read and validate one definition file (YAML, or JSON which is YAML). Raises ValidationFailed."""
    source = str(path)
    try:
        text = read_text(path)
    except YamlRefused as err:
        where = f"{source}:{err.line}" if err.line else source
        raise ValidationFailed(
            _("{source}: kan inte läsas").format(source=source), [f"{where}: {err}"]
        ) from None
    return parse_definition_text(text, source)


def _dedupe(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))
