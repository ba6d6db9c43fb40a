"""The shipped checklists and vignettes the training area works with (loaded once, off the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.training.vignettes import Vignette

#: Shown on every training window and dialog. Swedish on purpose in every language: it marks the data.
TRAINING_MARK = "ÖVNING – fiktiva uppgifter"
MARK_COLOUR = "#9fd8ff"


@dataclass(frozen=True)
class TrainingCatalog:
    definitions: dict[tuple[str, str], ChecklistDefinition]
    vignettes: tuple[Vignette, ...]

    def vignette(self, vignette_id: str) -> Vignette | None:
        return next((v for v in self.vignettes if v.id == vignette_id), None)


def load_catalog() -> TrainingCatalog:
    """Shipped checklists and vignettes; a broken vignette file raises ValidationFailed (one-line message)."""
    from stodapp.checklists.loader import load_folder
    from stodapp.paths import checklist_dir, resource_dir
    from stodapp.training.vignettes import load_vignettes

    definitions = {(e.definition.id, e.definition.version): e.definition for e in load_folder(checklist_dir()).loaded}
    vignettes = load_vignettes(resource_dir() / "training", list(definitions.values()))
    return TrainingCatalog(definitions, tuple(vignettes))
