"""What a generic runner needs: conditions, visible items given answers, critical flags, effective answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from stodapp.checklists.schema import (
    ChecklistDefinition,
    CondAll,
    CondAny,
    CondItem,
    ConditionT,
    CondNot,
    ItemT,
    RepeatGroup,
)

Lookup = Callable[[str, str | None], Any]


def answer_for(value: Any, facet: str | None) -> Any:
    """The raw answer for one facet (a faceted item stores {facet: code})."""
    if facet is None:
        return None if isinstance(value, Mapping) else value
    return value.get(facet) if isinstance(value, Mapping) else None


def holds(cond: ConditionT | None, lookup: Lookup) -> bool:
    """Evaluate a condition; an unanswered or hidden item satisfies no `in` test."""
    if cond is None:
        return True
    if isinstance(cond, CondAll):
        return all(holds(c, lookup) for c in cond.all)
    if isinstance(cond, CondAny):
        return any(holds(c, lookup) for c in cond.any)
    if isinstance(cond, CondNot):
        return not holds(cond.not_, lookup)
    assert isinstance(cond, CondItem)
    value = lookup(cond.item, cond.facet)
    if isinstance(value, list):
        return any(v in cond.in_ for v in value)
    return value in cond.in_


def effective_answers(definition: ChecklistDefinition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers of visible items only (rows filtered too), evaluated in document order."""
    effective: dict[str, Any] = {}

    def top(item_id: str, facet: str | None) -> Any:
        return answer_for(effective.get(item_id), facet)

    for section in definition.sections:
        section_visible = holds(section.show_if, top)
        for item in section.items:
            if not section_visible or not holds(item.show_if, top):
                continue
            if item.id not in answers:
                continue
            value = answers[item.id]
            if isinstance(item, RepeatGroup) and isinstance(value, list):
                value = [_row_effective(item, row, top) for row in value]
            effective[item.id] = value
    return effective


def _row_effective(group: RepeatGroup, row: Mapping[str, Any], top: Lookup) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def lookup(item_id: str, facet: str | None) -> Any:
        if item_id in {c.id for c in group.items}:
            return answer_for(out.get(item_id), facet)
        return top(item_id, facet)

    for child in group.items:
        if child.id in row and holds(child.show_if, lookup):
            out[child.id] = row[child.id]
    return out


def visible_items(
    definition: ChecklistDefinition, answers: Mapping[str, Any], *, effective: Mapping[str, Any] | None = None
) -> list[str]:
    """Ids of the top-level items shown for these answers, in document order (pass `effective` when the caller
    already has `effective_answers(definition, answers)`: derived state is computed once per change)."""
    effective = effective_answers(definition, answers) if effective is None else effective
    top = _top(effective)
    shown: list[str] = []
    for section in definition.sections:
        if not holds(section.show_if, top):
            continue
        shown += [item.id for item in section.items if holds(item.show_if, top)]
    return shown


def visible_sections(
    definition: ChecklistDefinition, answers: Mapping[str, Any], *, effective: Mapping[str, Any] | None = None
) -> list[str]:
    effective = effective_answers(definition, answers) if effective is None else effective
    return [s.id for s in definition.sections if holds(s.show_if, _top(effective))]


def _top(effective: Mapping[str, Any]) -> Lookup:
    def top(item_id: str, facet: str | None) -> Any:
        return answer_for(effective.get(item_id), facet)

    return top


def visible_in_row(
    group: RepeatGroup, row: Mapping[str, Any], answers: Mapping[str, Any], definition: ChecklistDefinition,
    *, effective: Mapping[str, Any] | None = None,
) -> list[str]:
    """Ids of the sub-items shown in one row of a repeat group."""
    effective = effective_answers(definition, answers) if effective is None else effective
    out: dict[str, Any] = {}
    shown: list[str] = []
    children = {c.id for c in group.items}

    def lookup(item_id: str, facet: str | None) -> Any:
        if item_id in children:
            return answer_for(out.get(item_id), facet)
        return answer_for(effective.get(item_id), facet)

    for child in group.items:
        if holds(child.show_if, lookup):
            shown.append(child.id)
            if child.id in row:
                out[child.id] = row[child.id]
    return shown


def critical_items(
    definition: ChecklistDefinition, answers: Mapping[str, Any], *, effective: Mapping[str, Any] | None = None,
    visible: list[str] | None = None,
) -> list[str]:
    """Visible top-level items to highlight: `critical: true`, or `critical_if` holding for these answers."""
    effective = effective_answers(definition, answers) if effective is None else effective
    top = _top(effective)
    flagged: list[str] = []
    for item_id in visible_items(definition, answers, effective=effective) if visible is None else visible:
        item = find_item(definition, item_id)
        if item is not None and (
            item.critical or (item.critical_if is not None and holds(item.critical_if, top))
        ):
            flagged.append(item_id)
    return flagged


def find_item(definition: ChecklistDefinition, item_id: str) -> ItemT | None:
    for section in definition.sections:
        for item in section.items:
            if item.id == item_id:
                return item
            if isinstance(item, RepeatGroup):
                for child in item.items:
                    if child.id == item_id:
                        return child
    return None


def visible_answers(definition: ChecklistDefinition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers worth keeping: those of items visible under these answers (a hidden item's answer is dropped).

    One rule for the GUI runner, the CLI and the service: a question hidden by an earlier answer is not asked,
    so an answer left behind from before must not count in scores or print on paper.
    """
    shown = set(visible_items(definition, answers))
    return {item: value for item, value in answers.items() if item in shown}
