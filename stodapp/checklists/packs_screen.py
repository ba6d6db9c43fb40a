"""The administrator's content-packs tab as one screen read: the imported packs (and the ones that cannot be read),
the active users who can be given a training, and the trainings recorded so far."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.store_views import TrainingEntry
from stodapp.localized_text import LocalizedText

if TYPE_CHECKING:
    from stodapp.checklists.service import ChecklistService
    from stodapp.service import ServiceContext


class PackRow(BaseModel):
    """One imported pack as the table shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    definition_id: str
    version: str
    title: LocalizedText
    copyright_line: str
    licensee: str
    requires_training: tuple[str, ...]


class PacksScreen(BaseModel):
    """Everything the content-packs tab shows, read in one transaction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    packs: tuple[PackRow, ...]
    broken: tuple[str, ...]  # one summary line per imported pack that cannot be read
    users: tuple[str, ...]  # usernames of the active users
    trainings: tuple[TrainingEntry, ...]

    def trainings_for(self, definition_id: str) -> tuple[str, ...]:
        """The trainings a pack requires, sorted (for the training picker)."""
        return tuple(sorted({t for p in self.packs if p.definition_id == definition_id for t in p.requires_training}))


def packs_screen(ctx: ServiceContext, checklists: ChecklistService,
                 active_users: Callable[[], Iterable[str]]) -> PacksScreen:  # fmt: skip
    """The packs, the users (`active_users`, the facade's user service) and the recorded trainings in one read
    transaction; each read inside audits as it does on its own (`users.list`, `checklist.training_list`)."""
    with ctx.screen_read(), ctx.session():
        listing = checklists.list_definitions()
        packs = tuple(
            PackRow(definition_id=d.definition_id, version=d.version, title=d.title,
                    copyright_line=d.copyright_line,
                    licensee=checklists.definition(d.definition_id, d.version).provenance.licensee or "",
                    requires_training=tuple(d.requires_training))
            for d in listing.definitions if d.source == "pack")  # fmt: skip
        broken = tuple(b.summary for b in listing.broken if b.source.startswith("pack:"))
        return PacksScreen(
            packs=packs, broken=broken, users=tuple(active_users()), trainings=tuple(checklists.trainings())
        )
