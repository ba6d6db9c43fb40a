"""Licensed content packs and the trainings they require: import, record a completed training, list them.

Functions over the service context and the definition catalog; `ChecklistService` exposes them as methods.
Every write is one transaction with one audit row (ids only).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.access import allowed
from stodapp.changes import Change
from stodapp.checklists.defs import DefinitionCatalog
from stodapp.checklists.packs import PackInfo, check_content_pack
from stodapp.checklists.store_views import TrainingEntry
from stodapp.checklists.tables import ContentPackRow, UserTrainingRow
from stodapp.errors import AccessDenied, NotFound, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.store.tables import UserRow


def completed_trainings(s: Session, user_id: int) -> set[str]:
    return set(s.scalars(select(UserTrainingRow.training_id).where(UserTrainingRow.user_id == user_id)))


def check_pack(ctx: ServiceContext, path: Path) -> PackInfo:
    ctx.require("checklist.pack_import")
    return check_content_pack(Path(path))[1]


def import_pack(ctx: ServiceContext, catalog: DefinitionCatalog, path: Path) -> Change:
    ctx.require("checklist.pack_import")
    definition, info = check_content_pack(Path(path))
    now = ctx.clock.now()
    with ctx.session() as s:
        exists = s.scalar(
            select(ContentPackRow.id).where(
                ContentPackRow.definition_id == definition.id, ContentPackRow.version == definition.version
            )
        )
        if exists is not None:
            raise UserInputError(
                _("Innehållspaketet {id} {version} är redan importerat.").format(
                    id=definition.id, version=definition.version
                )
            )
        if catalog.shipped_by_key(definition.id, definition.version) is not None:
            raise UserInputError(
                _("{id} {version} finns redan som levererad checklista.").format(
                    id=definition.id, version=definition.version
                )
            )
        catalog.register(s, definition, "pack")
        row = ContentPackRow(
            definition_id=definition.id,
            version=definition.version,
            digest=info.digest,
            licensee=info.licensee,
            copyright_line=info.copyright_line,
            requires_training=json.dumps(list(info.requires_training)),
            imported_at=now,
            imported_by=ctx.principal.user_id,
        )
        s.add(row)
        s.flush()
        ctx.audit(s, "checklist.pack_import", "checklist_pack", str(row.id))
        change = Change(area="checklists", action="imported", ids=(f"{definition.id}@{definition.version}",))
        return ctx.published(change)


def _is_training_manager(ctx: ServiceContext) -> bool:
    return allowed(ctx.principal, "checklist.pack_import") or allowed(ctx.principal, "training.manage")


def record_training(ctx: ServiceContext, username: str, training_id: str, completed_on: date,
                    pack_id: str = "") -> Change:
    if not _is_training_manager(ctx):
        ctx.require("checklist.pack_import")  # raises with the standard message
    training_id = training_id.strip()
    if not training_id or len(training_id) > 120:
        raise UserInputError(_("Ange utbildningens id (högst 120 tecken)."))
    if completed_on > ctx.today():
        raise UserInputError(_("Datumet för genomförd utbildning kan inte ligga i framtiden."))
    with ctx.session() as s:
        user = s.scalar(select(UserRow).where(UserRow.username == username.strip()))
        if user is None:
            raise NotFound(_("Användaren {name} finns inte.").format(name=username.strip()[:60]))
        row = s.scalar(
            select(UserTrainingRow).where(
                UserTrainingRow.user_id == user.id, UserTrainingRow.training_id == training_id
            )
        )
        if row is None:
            row = UserTrainingRow(user_id=user.id, training_id=training_id, pack_id=pack_id.strip()[:120],
                                  completed_on=completed_on, recorded_by=ctx.principal.user_id,
                                  recorded_at=ctx.clock.now())
            s.add(row)
        else:
            row.completed_on = completed_on
        s.flush()
        ctx.audit(s, "checklist.training_record", "user", str(user.id))
        return ctx.published(Change(area="checklists", action="training_recorded", ids=(str(row.id),)))


def trainings(ctx: ServiceContext, username: str | None = None) -> list[TrainingEntry]:
    p = ctx.principal
    manager = _is_training_manager(ctx)
    name = (username or p.username).strip()
    if name != p.username and not manager:
        raise AccessDenied(_("Du kan bara se dina egna utbildningar."))
    with ctx.session() as s:
        q = select(UserTrainingRow, UserRow.username).join(UserRow, UserRow.id == UserTrainingRow.user_id)
        if username is not None or not manager:
            q = q.where(UserRow.username == name)
        out = [
            TrainingEntry(username=u, training_id=t.training_id, pack_id=t.pack_id, completed_on=t.completed_on)
            for t, u in s.execute(q.order_by(UserRow.username, UserTrainingRow.training_id))
        ]
        ctx.audit(s, "checklist.training_list", "user", "" if username is None else name[:60])
        return out
