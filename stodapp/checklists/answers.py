"""Answers to a definition: checking and normalising them (unknown items, facets or codes are refused)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.safe_yaml import YamlRefused, read_text
from stodapp.checklists.schema import (
    ChecklistDefinition,
    ChoiceItem,
    DateItem,
    ItemT,
    MultiChoiceItem,
    NumberItem,
    RepeatGroup,
    TextItem,
)
from stodapp.errors import ValidationFailed
from stodapp.i18n import _

Answers = dict[str, Any]


def check_answers(definition: ChecklistDefinition, raw: Any, source: str = "answers") -> Answers:
    """Validate `raw` ({item_id: value}) against the definition; returns normalised answers or raises."""
    if not isinstance(raw, Mapping):
        raise ValidationFailed(
            _("svaren ska vara en mappning"), [f"{source}: ska vara en mappning (id: svar)"]
        )
    index = DefinitionIndex.build(definition)
    problems: list[str] = []
    out: Answers = {}
    for item_id, value in raw.items():
        ref = index.items.get(str(item_id))
        if ref is None or ref.group is not None:
            problems.append(f"{source}.{item_id}: okänt item")
            continue
        if value is None:
            continue
        normal = _value(index, ref.item, value, f"{source}.{item_id}", problems)
        if normal is not None:
            out[ref.item.id] = normal
    if problems:
        raise ValidationFailed(_("{n} fel i svaren").format(n=len(problems)), problems)
    return out


def _codes(index: DefinitionIndex, item_id: str, facet: str | None) -> set[str]:
    return index.codes(item_id, facet)


def _value(index: DefinitionIndex, item: ItemT, value: Any, where: str, problems: list[str]) -> Any:
    if isinstance(item, ChoiceItem):
        if item.facets:
            if not isinstance(value, Mapping):
                problems.append(f"{where}: ska vara en mappning facett -> kod ({', '.join(item.facets)})")
                return None
            result: dict[str, str] = {}
            for facet, code in value.items():
                if facet not in item.facets:
                    problems.append(f"{where}.{facet}: okänd facett")
                elif code is not None:
                    ok = _code(index, item.id, facet, code, f"{where}.{facet}", problems)
                    if ok is not None:
                        result[str(facet)] = ok
            return result or None
        return _code(index, item.id, None, value, where, problems)
    if isinstance(item, MultiChoiceItem):
        if not isinstance(value, list):
            problems.append(f"{where}: ska vara en lista med koder")
            return None
        codes = [_code(index, item.id, None, v, where, problems) for v in value]
        if len(set(codes)) != len(codes):
            problems.append(f"{where}: samma kod flera gånger")
        if item.max_selected is not None and len(codes) > item.max_selected:
            problems.append(f"{where}: högst {item.max_selected} val")
        return [c for c in codes if c is not None] if None not in codes else None
    if isinstance(item, TextItem):
        if not isinstance(value, str):
            problems.append(f"{where}: ska vara text")
            return None
        if len(value) > item.max_len:
            problems.append(f"{where}: för lång text (högst {item.max_len} tecken)")
            return None
        return value if value.strip() else None
    if isinstance(item, DateItem):
        try:
            return date.fromisoformat(value).isoformat() if isinstance(value, str) else _bad(where, problems)
        except ValueError:
            return _bad(where, problems)
    if isinstance(item, NumberItem):
        return _number(item, value, where, problems)
    assert isinstance(item, RepeatGroup)
    return _rows(index, item, value, where, problems)


def _bad(where: str, problems: list[str]) -> None:
    problems.append(f"{where}: ska vara ett datum ÅÅÅÅ-MM-DD")
    return None


def _code(
    index: DefinitionIndex, item_id: str, facet: str | None, value: Any, where: str, problems: list[str]
) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        problems.append(f"{where}: ska vara en svarskod")
        return None
    if value not in _codes(index, item_id, facet):
        problems.append(f"{where}: okänd svarskod '{value[:40]}'")
        return None
    return value


def _number(item: NumberItem, value: Any, where: str, problems: list[str]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(f"{where}: ska vara ett tal")
        return None
    if item.integer and value != int(value):
        problems.append(f"{where}: ska vara ett heltal")
        return None
    if (item.min is not None and value < item.min) or (item.max is not None and value > item.max):
        problems.append(f"{where}: utanför intervallet {item.min}–{item.max}")
        return None
    return int(value) if item.integer else float(value)


def _rows(index: DefinitionIndex, group: RepeatGroup, value: Any, where: str, problems: list[str]) -> Any:
    if not isinstance(value, list):
        problems.append(f"{where}: ska vara en lista med rader")
        return None
    if len(value) > group.max:
        problems.append(f"{where}: högst {group.max} rader")
        return None
    children = {c.id: c for c in group.items}
    rows: list[dict[str, Any]] = []
    for r_i, row in enumerate(value):
        if not isinstance(row, Mapping):
            problems.append(f"{where}[{r_i}]: ska vara en mappning (id: svar)")
            continue
        out: dict[str, Any] = {}
        for key, sub in row.items():
            child = children.get(str(key))
            if child is None:
                problems.append(f"{where}[{r_i}].{key}: okänt item i gruppen")
            elif sub is not None:
                normal = _value(index, child, sub, f"{where}[{r_i}].{key}", problems)
                if normal is not None:
                    out[child.id] = normal
        rows.append(out)
    return rows


def load_answers_file(definition: ChecklistDefinition, path: Path) -> Answers:
    """Read an answers JSON file ({"answers": {...}} or {...}); refuses bad JSON, unknown items/codes."""
    source = str(path)
    try:
        text = read_text(path)
        data = json.loads(text)
    except YamlRefused as err:
        raise ValidationFailed(
            _("{source}: kan inte läsas").format(source=source), [f"{source}: {err}"]
        ) from None
    except json.JSONDecodeError as err:
        line = f"{source}:{err.lineno}: ogiltig JSON ({err.msg})"
        raise ValidationFailed(_("{source}: ogiltig JSON").format(source=source), [line]) from None
    except RecursionError:
        raise ValidationFailed(_("{source}: för djup nästling").format(source=source), [source]) from None
    if isinstance(data, dict) and set(data) == {"answers"}:
        data = data["answers"]
    return check_answers(definition, data, source=f"{source}: answers")
