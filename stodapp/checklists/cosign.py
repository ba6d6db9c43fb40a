"""Second signature on a lowered judgement, when the unit's routine asks for one.

In structured professional judgement the professional may set a lower level than the suggestion, with a written
reason; the record marks it as a deviation. Some units want a supervisor (arbetsledare) to co-sign such a
deviation. The supervisor sees the checklist, the judgement and the reason, never the case or a person.
"""

from __future__ import annotations

import json
from datetime import date

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.calendar_se import local_date
from stodapp.changes import Change
from stodapp.checklists import record as rec
from stodapp.checklists.judgements import find_judgement
from stodapp.checklists.tables import AssessmentCosignRow, AssessmentRow
from stodapp.errors import NotFound, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.settings import STORE_WIDE, SettingsService
from stodapp.store.tables import SettingRow

COSIGN_LOWERED_KEY = "assessment.cosign_lowered"
AREA = "checklists"


class LoweredJudgement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    advised: str
    chosen: str
    reason: str


class CosignItem(BaseModel):
    """One signed assessment waiting for a second signature: no case number, no person."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    checklist_title: str
    signed_on: date | None
    lowered: tuple[LoweredJudgement, ...]


def cosign_routine_on(s: Session) -> bool:
    """Read inside the caller's transaction (signing), so the routine in force is the one the record gets."""
    row = s.scalar(select(SettingRow).where(SettingRow.user_id == STORE_WIDE, SettingRow.key == COSIGN_LOWERED_KEY))
    return row is not None and bool(json.loads(row.value))


def cosigner(s: Session, assessment_id: str) -> str | None:
    """The name of the supervisor who co-signed, or None."""
    from stodapp.labels import person_label
    from stodapp.store.tables import UserRow

    found = s.execute(select(UserRow.username, UserRow.display_name)
                      .join(AssessmentCosignRow, AssessmentCosignRow.user_id == UserRow.id)
                      .where(AssessmentCosignRow.assessment_id == assessment_id)).first()
    return None if found is None else person_label(found[1], found[0])


class CosignService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def routine_on(self) -> bool:
        return bool(SettingsService(self._ctx).store_wide(COSIGN_LOWERED_KEY, False))

    def set_routine(self, on: bool) -> Change:
        """Administrator: whether a lowered judgement needs a supervisor's second signature."""
        return SettingsService(self._ctx).set_store_wide(COSIGN_LOWERED_KEY, bool(on))

    @staticmethod
    def _record(row: AssessmentRow) -> rec.AssessmentRecord:
        try:
            return rec.AssessmentRecord.model_validate_json(row.record_json)
        except ValueError:
            raise StoreCorrupt(_("Bedömningen {id} kan inte läsas (skadad post).").format(id=row.id)) from None

    def pending(self) -> list[CosignItem]:
        self._ctx.require("assessment.cosign")
        out: list[CosignItem] = []
        with self._ctx.session() as s:
            rows = s.scalars(select(AssessmentRow).where(AssessmentRow.status == "signed",
                                                         AssessmentRow.audience == "case")).all()
            done = set(s.scalars(select(AssessmentCosignRow.assessment_id)))
            for row in rows:
                record = self._record(row)
                if not record.cosign_required or row.id in done:
                    continue
                definition = rec.definition_of(record)
                lowered = []
                for jid in rec.lowered_judgements(record):
                    j = find_judgement(definition, jid)
                    entry = record.judgements[jid]
                    lowered.append(LoweredJudgement(label=j.label.sv, advised=entry.advised or "",
                                                    chosen=entry.value or "", reason=entry.reason))
                signed = local_date(record.signed_at) if record.signed_at else None
                out.append(CosignItem(id=row.id, checklist_title=definition.title.sv, signed_on=signed,
                                      lowered=tuple(lowered)))
            self._ctx.audit(s, "assessment.cosign_list", "assessment", ",".join(i.id for i in out)[:500])
        return out

    def cosign(self, assessment_id: str) -> Change:
        self._ctx.require("assessment.cosign")
        with self._ctx.session() as s:
            row = s.get(AssessmentRow, str(assessment_id)[:32])
            if row is None or row.audience != "case":
                raise NotFound(_("Bedömningen finns inte."))
            record = self._record(row)
            if row.status != "signed" or not record.cosign_required:
                raise UserInputError(_("Bedömningen väntar inte på någon medsignering."))
            if cosigner(s, row.id) is not None:
                raise UserInputError(_("Bedömningen är redan medsignerad."))
            if row.signed_by == self._ctx.principal.user_id:
                raise UserInputError(_("Medsigneringen ska göras av någon annan än den som signerade."))
            s.add(AssessmentCosignRow(assessment_id=row.id, user_id=self._ctx.principal.user_id,
                                      at=self._ctx.clock.now()))
            self._ctx.audit(s, "assessment.cosign", "assessment", row.id)
            assessment = row.id
        return self._ctx.published(Change(area=AREA, action="updated", ids=(assessment,)))
