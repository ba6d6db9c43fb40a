"""Lookup tables over a definition: items in document order with their paths, groups and resolved scales."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from stodapp.checklists.schema import (
    ChecklistDefinition,
    ChoiceItem,
    ItemT,
    Judgement,
    MultiChoiceItem,
    RepeatGroup,
    Scale,
)

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class ItemRef:
    item: ItemT
    loc: Loc  # pydantic-style path in the definition file, e.g. ("sections", 0, "items", 2)
    order: int  # position in document order (parents before their children)
    section: str
    group: str | None  # id of the enclosing repeat group, None at top level


@dataclass
class DefinitionIndex:
    definition: ChecklistDefinition
    items: dict[str, ItemRef] = field(default_factory=dict)
    duplicates: list[tuple[str, Loc]] = field(default_factory=list)

    @classmethod
    def build(cls, definition: ChecklistDefinition) -> DefinitionIndex:
        index = cls(definition)
        counter = 0

        def walk(items: list[ItemT], loc: Loc, section: str, group: str | None) -> None:
            nonlocal counter
            for i, item in enumerate(items):
                item_loc = (*loc, i)
                if item.id in index.items:
                    index.duplicates.append((item.id, (*item_loc, "id")))
                else:
                    index.items[item.id] = ItemRef(item, item_loc, counter, section, group)
                counter += 1
                if isinstance(item, RepeatGroup):
                    walk(list(item.items), (*item_loc, "items"), section, item.id)

        for s_i, section in enumerate(definition.sections):
            walk(list(section.items), ("sections", s_i, "items"), section.id, None)
        return index

    def iter_items(self) -> Iterator[ItemRef]:
        return iter(sorted(self.items.values(), key=lambda r: r.order))

    def scale(self, scale: str | Scale) -> Scale | None:
        if isinstance(scale, Scale):
            return scale
        return self.definition.scales.get(scale)

    def item_scale(self, item_id: str, facet: str | None = None) -> Scale | None:
        """The scale answering `item_id` (a facet's own scale wins); None if not a choice item."""
        ref = self.items.get(item_id)
        if ref is None or not isinstance(ref.item, ChoiceItem | MultiChoiceItem):
            return None
        if facet is not None:
            spec = self.definition.facets.get(facet)
            if spec is not None and spec.scale is not None:
                return self.definition.scales.get(spec.scale)
        return self.scale(ref.item.scale)

    def judgement_scale(self, judgement: Judgement) -> Scale | None:
        return self.scale(judgement.scale)

    def codes(self, item_id: str, facet: str | None = None) -> set[str]:
        scale = self.item_scale(item_id, facet)
        return {o.code for o in scale.options} if scale else set()


def facets_of(item: ItemT) -> list[str]:
    return list(item.facets) if isinstance(item, ChoiceItem) else []
