"""ChecklistService: definitions (shipped + packs), assessments on cases, the organisation self-assessment.

Case assessments need assessment.* in POLICY and an assignment to the case (or a break-the-glass grant);
organisation self-assessments (audience: organisation, no case) need org_assessment.write; a trainer may run a
case-less training assessment of their own. Every action writes one audit row in the same transaction (ids only).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.access import allowed
from stodapp.calendar_se import local_date
from stodapp.changes import Change
from stodapp.checklists import pack_admin
from stodapp.checklists import record as rec
from stodapp.checklists.cosign import cosign_routine_on, cosigner
from stodapp.checklists.defs import DefinitionCatalog
from stodapp.checklists.packs import PackInfo, missing_training
from stodapp.checklists.render_pdf import provenance_line
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.store_views import (
    AssessmentSummary,
    AssessmentView,
    ChecklistPageScreen,
    ChecklistSubject,
    DefinitionList,
    TrainingEntry,
)
from stodapp.checklists.tables import AssessmentRow
from stodapp.checklists.view import RunnerState, runner_state
from stodapp.errors import AccessDenied, NotFound, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.localized_text import LocalizedText
from stodapp.service import ServiceContext
from stodapp.store.tables import UserRow

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService

AREA = "assessments"
#: The reads the checklist page's one `checklist.page` audit row covers (see `page_screen`).
PAGE_READS = frozenset({"case.list", "assessment.history"})


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class ChecklistService:
    def __init__(self, ctx: ServiceContext, folder: Path | None = None) -> None:
        self._ctx = ctx
        self._catalog = DefinitionCatalog(ctx, folder)

    # ---- definitions ---------------------------------------------------------------------------------------
    def list_definitions(self) -> DefinitionList:
        """Shipped and imported definitions; broken files (or changed published ones) listed with their errors."""
        self._ctx.require("checklist.list")
        with self._ctx.session() as s:
            return self._catalog.listing(s, pack_admin.completed_trainings(s, self._ctx.principal.user_id))

    def definition(self, definition_id: str, version: str | None = None) -> ChecklistDefinition:
        self._ctx.require("checklist.list")
        with self._ctx.session() as s:
            return self._catalog.find(s, definition_id, version)[0]

    def reload(self) -> None:
        """Re-read the shipped folder (after files changed on disk)."""
        self._catalog.reload()

    @staticmethod
    def live_state(view: AssessmentView, answers: Mapping[str, Any]) -> RunnerState:
        """Visible items, critical flags, live scores ("stöd för bedömning") for unsaved answers (no I/O)."""
        return runner_state(rec.definition_of(view.record), answers)

    # ---- content packs and required training (stodapp.checklists.pack_admin) -------------------------------
    def check_pack(self, path: Path) -> PackInfo:
        """Validate a pack file and return its PackInfo (copyright line, training) without importing it."""
        return pack_admin.check_pack(self._ctx, path)

    def import_pack(self, path: Path) -> Change:
        """Import a licensed definition into this store (administrator); validated with the same models."""
        return pack_admin.import_pack(self._ctx, self._catalog, path)

    def record_training(self, username: str, training_id: str, completed_on: date, pack_id: str = "") -> Change:
        """Record that a user completed a training a licensed definition requires (administrator or trainer)."""
        return pack_admin.record_training(self._ctx, username, training_id, completed_on, pack_id)

    def trainings(self, username: str | None = None) -> list[TrainingEntry]:
        """Completed required trainings (one user, or everyone for an administrator or trainer)."""
        return pack_admin.trainings(self._ctx, username)

    # ---- access helpers --------------------------------------------------------------------------------------
    def _require_for(self, audience: str, verb: str) -> None:
        """verb: read | write | sign."""
        if audience == "organisation":
            self._ctx.require("org_assessment.write")
        else:
            self._ctx.require(f"assessment.{verb}")

    def _check_row(self, s: Session, row: AssessmentRow, verb: str) -> None:
        self._require_for(row.audience, verb)
        if row.case_id is not None:
            self._check_case(s, row.case_id)
        elif row.audience == "training" and row.created_by != self._ctx.principal.user_id:
            raise NotFound(_("Bedömningen finns inte."))

    def _check_case(self, s: Session, case_id: int) -> None:
        from stodapp.cases.guard import check_case

        try:
            check_case(self._ctx, s, case_id)
        except AccessDenied:
            raise NotFound(_("Ärendet finns inte eller så har du inte tillgång till det.")) from None

    def _row(self, s: Session, assessment_id: str, verb: str) -> AssessmentRow:
        row = s.get(AssessmentRow, str(assessment_id)[:32])
        if row is None:
            raise NotFound(_("Bedömningen finns inte."))
        self._check_row(s, row, verb)
        return row

    # ---- records ---------------------------------------------------------------------------------------------
    @staticmethod
    def _record(row: AssessmentRow) -> rec.AssessmentRecord:
        try:
            return rec.AssessmentRecord.model_validate_json(row.record_json)
        except (ValueError, ValidationError):
            raise StoreCorrupt(_("Bedömningen {id} kan inte läsas (skadad post).").format(id=row.id)) from None

    def _names(self, s: Session, ids: set[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i is not None}
        if not wanted:
            return {}
        from stodapp.labels import person_label

        rows = s.execute(select(UserRow.id, UserRow.username, UserRow.display_name).where(UserRow.id.in_(wanted)))
        return {r[0]: person_label(r[2], r[1]) for r in rows}

    def _successor(self, s: Session, assessment_id: str) -> str | None:
        return s.scalar(select(AssessmentRow.id).where(AssessmentRow.supersedes_id == assessment_id).limit(1))

    def _view(self, s: Session, row: AssessmentRow) -> AssessmentView:
        record = self._record(row)
        names = self._names(s, {row.created_by, row.signed_by})
        return AssessmentView(
            id=row.id, case_id=row.case_id, audience=row.audience,  # type: ignore[arg-type]
            status=row.status,  # type: ignore[arg-type]
            record=record, copyright_line=provenance_line(rec.definition_of(record)),
            created_by=names.get(row.created_by, ""), signed_by=names.get(row.signed_by or -1),
            signed_at=_aware(row.signed_at), supersedes_id=row.supersedes_id,
            superseded_by=self._successor(s, row.id), review_date=row.review_date,
            cosigned_by=cosigner(s, row.id) if record.cosign_required else None,
        )

    def _store(self, s: Session, row: AssessmentRow, record: rec.AssessmentRecord) -> None:
        row.record_json = record.model_dump_json()
        row.status = record.status
        row.updated_at = self._ctx.clock.now()

    # ---- assessments -----------------------------------------------------------------------------------------
    def start(self, definition_id: str, case_id: int | None = None, version: str | None = None) -> AssessmentView:
        """A new draft: on an assigned case, or case-less (organisation self-assessment, trainer's exercise)."""
        with self._ctx.session() as s:
            definition, _source = self._catalog.find(s, definition_id, version)
            audience = self._audience(definition, case_id)
            self._require_for(audience, "write")
            if case_id is not None:
                self._check_case(s, case_id)
            return self._create(s, definition, audience, case_id, None)

    def _audience(self, definition: ChecklistDefinition, case_id: int | None) -> str:
        if definition.audience == "organisation":
            if case_id is not None:
                raise UserInputError(_("Organisationens självskattning görs utan ärende."))
            return "organisation"
        if case_id is not None:
            if definition.status != "published":
                raise UserInputError(_("Checklistan är inte publicerad och kan inte användas i ett ärende."))
            return "case"
        if allowed(self._ctx.principal, "training.manage"):
            return "training"
        raise UserInputError(_("Välj ett ärende för bedömningen."))

    def _create(self, s: Session, definition: ChecklistDefinition, audience: str, case_id: int | None,
                old: rec.AssessmentRecord | None) -> AssessmentView:
        p = self._ctx.principal
        lacking = missing_training(definition, pack_admin.completed_trainings(s, p.user_id))
        if lacking:
            raise UserInputError(
                _("Checklistan kräver utbildning som inte är registrerad för dig: {ids}.").format(
                    ids=", ".join(lacking)
                )
            )
        self._catalog.register(s, definition, self._catalog.source_of(definition))
        now = self._ctx.clock.now()
        subject = f"case:{case_id}" if case_id is not None else audience
        record = rec.new_assessment(definition, subject_ref=subject, by=p.username, at=now, supersedes=old)
        row = AssessmentRow(
            id=record.id, case_id=case_id, audience=audience, checklist_id=definition.id,
            version=definition.version, digest=record.definition_digest, status="draft",
            record_json=record.model_dump_json(), created_by=p.user_id, created_at=now, updated_at=now,
            supersedes_id=old.id if old is not None else None,
        )
        s.add(row)
        s.flush()
        self._ctx.audit(s, "assessment.supersede" if old else "assessment.create", "assessment", row.id)
        self._ctx.published(Change(area=AREA, action="created", ids=(row.id, str(case_id or ""))))
        return self._view(s, row)

    def get(self, assessment_id: str) -> AssessmentView:
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "read")
            self._ctx.audit(s, "assessment.view", "assessment", row.id)
            return self._view(s, row)

    def save_answers(self, assessment_id: str, answers: Mapping[str, Any]) -> AssessmentView:
        """Replace a draft's answers (checked against its pinned definition); refuses a signed assessment."""
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "write")
            record = rec.with_answers(self._record(row), answers)
            self._store(s, row, record)
            self._ctx.audit(s, "assessment.save", "assessment", row.id)
            self._ctx.published(Change(area=AREA, action="saved", ids=(row.id, str(row.case_id or ""))))
            return self._view(s, row)

    def save_draft(self, assessment_id: str, answers: Mapping[str, Any],
                   judgements: Mapping[str, tuple[str | None, str]]) -> AssessmentView:
        """Save a draft as the runner shows it: the answers, then each changed judgement (value, reason), in one
        transaction — all of it is saved or, on any refusal, none of it."""
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "write")
            record = rec.with_answers(self._record(row), answers)
            for judgement_id, (value, reason) in judgements.items():
                record = rec.with_judgement(record, judgement_id, value, reason=reason,
                                            by=self._ctx.principal.username, at=self._ctx.clock.now())
            self._store(s, row, record)
            self._ctx.audit(s, "assessment.save", "assessment", row.id)
            for _judgement_id in judgements:
                self._ctx.audit(s, "assessment.judgement", "assessment", row.id)
            self._ctx.published(Change(area=AREA, action="saved", ids=(row.id, str(row.case_id or ""))))
            return self._view(s, row)

    def set_judgement(self, assessment_id: str, judgement_id: str, value: str | None,
                      reason: str = "") -> AssessmentView:
        """The professional's judgement; a deviation from the advice needs a written reason (user and time kept)."""
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "write")
            record = rec.with_judgement(self._record(row), judgement_id, value, reason=reason,
                                        by=self._ctx.principal.username, at=self._ctx.clock.now())
            self._store(s, row, record)
            self._ctx.audit(s, "assessment.judgement", "assessment", row.id)
            self._ctx.published(Change(area=AREA, action="judged", ids=(row.id, str(row.case_id or ""))))
            return self._view(s, row)

    def sign(self, assessment_id: str) -> AssessmentView:
        """Freeze the assessment (refuses an incomplete one); read-only afterwards."""
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "sign")
            now = self._ctx.clock.now()
            record = rec.sign(self._record(row), by=self._ctx.principal.username, at=now)
            if rec.lowered_judgements(record) and cosign_routine_on(s):
                record = record.model_copy(update={"cosign_required": True})
            self._store(s, row, record)
            row.signed_by, row.signed_at = self._ctx.principal.user_id, now
            row.review_date = rec.review_date_of(record, local_date(now))
            self._ctx.audit(s, "assessment.sign", "assessment", row.id)
            self._ctx.published(Change(area=AREA, action="signed", ids=(row.id, str(row.case_id or ""))))
            return self._view(s, row)

    def discard_draft(self, assessment_id: str) -> Change:
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "write")
            if row.status != "draft":
                raise UserInputError(_("En signerad bedömning kan inte tas bort; gör en ny som ersätter den."))
            s.delete(row)
            self._ctx.audit(s, "assessment.discard", "assessment", row.id)
            return self._ctx.published(Change(area=AREA, action="deleted", ids=(row.id,)))

    def supersede(self, assessment_id: str) -> AssessmentView:
        """A new draft that replaces a signed assessment, prefilled from it, on the newest version."""
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "write")
            old = self._record(row)
            if row.status != "signed":
                raise UserInputError(_("Bara en signerad bedömning kan ersättas."))
            if self._successor(s, row.id) is not None:
                raise UserInputError(_("Bedömningen är redan ersatt av en nyare."))
            definition, _source = self._catalog.find(s, row.checklist_id, None)
            return self._create(s, definition, row.audience, row.case_id, old)

    def history(self, case_id: int) -> list[AssessmentSummary]:
        """Every assessment on a case, newest first."""
        self._ctx.require("assessment.read")
        with self._ctx.session() as s:
            self._check_case(s, case_id)
            rows = s.scalars(select(AssessmentRow).where(AssessmentRow.case_id == case_id)).all()
            self._ctx.audit(s, "assessment.history", "case", str(case_id))
            return self._summaries(s, list(rows))

    def page_screen(self, cases: CaseService | None, subject: int | None = None) -> ChecklistPageScreen:
        """The checklist page in one read transaction: the user's cases (through `cases`; None for the
        organisation self-assessment), the definitions, and the history of `subject` (else the first case).

        One audit row, `checklist.page`: the case whose history it shows (or the organisation) and the ids of
        the cases it listed; the case list and history reads inside write none of their own."""
        with self._ctx.screen_read(covered=PAGE_READS), self._ctx.session() as s:
            definitions = self.list_definitions()
            if cases is None:
                history = tuple(self.org_history())
                self._ctx.audit_screen(s, "checklist.page", "organisation", "", [])
                return ChecklistPageScreen(subjects=(), definitions=definitions, subject="organisation",
                                           history=history)
            subjects = tuple(ChecklistSubject(id=c.id, case_no=c.case_no, status=c.status)
                             for c in cases.list_cases(limit=500).rows)  # fmt: skip
            ids = [c.id for c in subjects]
            chosen = subject if subject in ids else (ids[0] if ids else None)
            history = tuple(self.history(chosen)) if chosen is not None else ()
            self._ctx.audit_screen(s, "checklist.page", "case" if chosen is not None else "",
                                   str(chosen) if chosen is not None else "", ids)
            return ChecklistPageScreen(subjects=subjects, definitions=definitions, subject=chosen, history=history)

    def org_history(self) -> list[AssessmentSummary]:
        """The organisation self-assessments (dated history), newest first."""
        self._ctx.require("org_assessment.write")
        with self._ctx.session() as s:
            rows = s.scalars(select(AssessmentRow).where(AssessmentRow.audience == "organisation")).all()
            self._ctx.audit(s, "assessment.history", "organisation")
            return self._summaries(s, list(rows))

    def training_history(self) -> list[AssessmentSummary]:
        self._ctx.require("assessment.read")
        with self._ctx.session() as s:
            rows = s.scalars(select(AssessmentRow).where(
                AssessmentRow.audience == "training", AssessmentRow.created_by == self._ctx.principal.user_id)).all()
            self._ctx.audit(s, "assessment.history", "training")
            return self._summaries(s, list(rows))

    def _summaries(self, s: Session, rows: list[AssessmentRow]) -> list[AssessmentSummary]:
        wanted: set[int | None] = {r.signed_by for r in rows}
        wanted.update(r.created_by for r in rows)
        names = self._names(s, wanted)
        successors = {r.supersedes_id: r.id for r in rows if r.supersedes_id}
        out = []
        for r in rows:
            snapshot_title = self._record(r).definition_snapshot.get("title", {})
            out.append(AssessmentSummary(
                id=r.id, case_id=r.case_id, audience=r.audience,  # type: ignore[arg-type]
                checklist_id=r.checklist_id, version=r.version, title=LocalizedText.model_validate(snapshot_title),
                status=r.status,  # type: ignore[arg-type]
                created_by=names.get(r.created_by, ""), created_at=_aware(r.created_at) or r.created_at,
                signed_by=names.get(r.signed_by or -1), signed_at=_aware(r.signed_at),
                supersedes_id=r.supersedes_id, superseded_by=successors.get(r.id), review_date=r.review_date,
            ))
        out.sort(key=lambda a: (a.signed_at or a.created_at, a.created_at), reverse=True)
        return out

    def pdf(self, assessment_id: str, lang: str = "sv") -> bytes:
        """PDF bytes of an assessment (a draft carries an UTKAST watermark); the caller writes them."""
        from stodapp.cases.document_subject import document_subject, user_names
        from stodapp.checklists.render_pdf import render_assessment_pdf

        self._ctx.require_recent_auth(_("skriva ut bedömningen"))
        with self._ctx.session() as s:
            row = self._row(s, assessment_id, "read")
            record = self._record(row)
            cosigned = cosigner(s, row.id) if record.cosign_required else None
            subject = document_subject(s, row.case_id) if row.case_id is not None else None
            names = user_names(s)
            self._ctx.audit(s, "assessment.pdf", "assessment", row.id)
        return render_assessment_pdf(record, lang=lang if lang in ("sv", "en") else "sv", cosigned_by=cosigned,
                                     subject=subject, names=names)

