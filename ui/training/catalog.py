"""The shipped checklists and vignettes the training area works with (loaded once, off the GUI thread)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.training.vignettes import Vignette

#: Shown on every training window and dialog. Swedish on purpose in every language: it marks the data.
TRAINING_MARK = "ÖVNING – fiktiva uppgifter"
MARK_COLOUR = "#9fd8ff"


@dataclass(frozen=True)
class TrainingCatalog:
    definitions: dict[tuple[str, str], ChecklistDefinition]
    vignettes: tuple[Vignette, ...]
    authored: frozenset[str] = field(default=frozenset())  # ids of trainer-made vignettes (training store)

    def vignette(self, vignette_id: str) -> Vignette | None:
        return next((v for v in self.vignettes if v.id == vignette_id), None)

    @property
    def shipped_ids(self) -> frozenset[str]:
        return frozenset(v.id for v in self.vignettes) - self.authored

    def with_authored(self, authored: Iterable[Vignette]) -> TrainingCatalog:
        """The shipped vignettes followed by `authored` (replacing any authored ones held before)."""
        mine = tuple(authored)
        shipped = tuple(v for v in self.vignettes if v.id not in self.authored)
        return TrainingCatalog(self.definitions, shipped + mine, frozenset(v.id for v in mine))


def load_catalog() -> TrainingCatalog:
    """Shipped checklists and vignettes; a broken vignette file raises ValidationFailed (one-line message)."""
    from stodapp.checklists.loader import load_folder
    from stodapp.paths import checklist_dir, resource_dir
    from stodapp.training.vignettes import load_vignettes

    definitions = {(e.definition.id, e.definition.version): e.definition for e in load_folder(checklist_dir()).loaded}
    vignettes = load_vignettes(resource_dir() / "training", list(definitions.values()))
    return TrainingCatalog(definitions, tuple(vignettes))
