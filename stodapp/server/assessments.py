"""Checklist assessments on the server backend: the local record model (`stodapp.checklists.record`) in
`case_forms`, encrypted on this machine before it is sent.

The whole record — which checklist it is, the answers, free text, judgements, status — is one ciphertext bound
to `case_forms.body_ct` and `<case id>/<form id>`; the server sees only `kind = "assessment"`, the case it belongs
to, a version and when it changed. (Which checklist was used tells what the person lives through — an honour
checklist, a child's — so not even its id is stored in clear.) Answers are checked against the pinned definition
by the same functions as on the local store; a signed assessment is read-only.

Shipped definitions only for now: licensed content packs live in a local store's registry, not on the server.
Every write goes through `ServerStore.write` (idempotent, one transaction with its audit row); every change names
the version it read, and a stale one is refused whole with `Conflict` ("Någon annan har ändrat … — ladda om").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import insert, select, update

from stodapp.checklists import record as rec
from stodapp.errors import Conflict, NotFound, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.assessment_models import ServerAssessment
from stodapp.server.service_base import CaseNotVisible, ServerServiceBase, row_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.checklists.schema import ChecklistDefinition

KIND = "assessment"


def shipped_definition(definition_id: str) -> ChecklistDefinition:
    """A published case checklist from the shipped folder (the newest version of that id)."""
    from stodapp.checklists.defs import load_folder_cached, semver_key
    from stodapp.paths import checklist_dir

    found = [e.definition for e in load_folder_cached(checklist_dir()).loaded if e.definition.id == definition_id]
    if not found:
        raise NotFound(_("Checklistan {id} finns inte.").format(id=definition_id[:80]))
    definition = max(found, key=lambda d: semver_key(d.version))
    if definition.audience != "case" or definition.status != "published":
        raise UserInputError(_("Checklistan är inte publicerad och kan inte användas i ett ärende."))
    return definition


def _stale() -> Conflict:
    return Conflict(_("Någon annan har ändrat bedömningen sedan du läste den — ladda om. Inget har sparats."))


class ServerAssessments(ServerServiceBase):
    """Start, save, sign and list the assessments of a case on the server."""

    def _cipher(self, case_id: int, form_id: int, record: rec.AssessmentRecord) -> bytes:
        return self._store.fields.encrypt("case_forms", "body_ct", row_key(case_id, form_id),
                                          record.model_dump_json())

    def _view(self, row: Any) -> ServerAssessment:
        plain = self._store.fields.decrypt("case_forms", "body_ct", row_key(row.case_id, row.id), row.body_ct)
        try:
            record = rec.AssessmentRecord.model_validate_json(plain)
        except (ValueError, ValidationError):
            raise StoreCorrupt(_("Bedömningen {id} kan inte läsas (skadad post).").format(id=row.id)) from None
        return ServerAssessment(id=row.id, case_id=row.case_id, version=row.version, updated_at=row.updated_at,
                                record=record)

    def start(self, case_id: int, definition_id: str, *, op_id: str | None = None) -> ServerAssessment:
        """A new draft of a shipped checklist on a case she may open."""
        self._require("assessment.write")
        definition = shipped_definition(definition_id)
        now = self._store.clock.now()
        record = rec.new_assessment(definition, subject_ref=f"case:{case_id}", by=self._store.principal.username,
                                    at=now)

        def body(s: Session) -> tuple[str, None]:
            self._case(s, case_id)
            form_id = int(s.execute(select(t.form_id_seq.next_value())).scalar_one())
            s.execute(insert(t.case_forms).values(id=form_id, case_id=case_id, kind=KIND, version=1, updated_at=now,
                                                  body_ct=self._cipher(case_id, form_id, record)))
            self._touch(s, case_id)
            self._store.audit(s, "assessment.create", "assessment", str(form_id))
            return str(form_id), None

        try:
            form_id = int(self._write(op_id, "assessment.create", body))
        except CaseNotVisible:
            self._denied("assessment.create", case_id)
            raise
        return self.get(form_id)

    def _change(self, form_id: int, version: int, action: str, op_id: str | None,
                change: Callable[[rec.AssessmentRecord], rec.AssessmentRecord],
                also_audited: tuple[str, ...] = ()) -> ServerAssessment:
        """Read the form, apply `change(record) -> record` and write it back if nobody changed it since
        `version`; the whole change or nothing (one audit row for `action`, one more per `also_audited`)."""
        now = self._store.clock.now()

        def body(s: Session) -> tuple[str, None]:
            row = self._row(s, form_id)
            if row.version != version:  # stale: said before anything about a copy she no longer holds
                raise _stale()
            old = self._view(row).record
            if old.status != "draft":
                raise UserInputError(_("En signerad bedömning kan inte ändras; gör en ny som ersätter den."))
            new = change(old)
            done = s.execute(
                update(t.case_forms).where(t.case_forms.c.id == form_id, t.case_forms.c.version == version)
                .values(version=t.case_forms.c.version + 1, updated_at=now,
                        body_ct=self._cipher(row.case_id, form_id, new))
            )
            if done.rowcount != 1:  # type: ignore[attr-defined]  # changed between the read and the write
                raise _stale()
            self._touch(s, row.case_id)
            for audited in (action, *also_audited):
                self._store.audit(s, audited, "assessment", str(form_id))
            return str(form_id), None

        self._write(op_id, action, body)
        return self.get(form_id)

    def save_answers(self, form_id: int, answers: Mapping[str, Any], *, version: int,
                     op_id: str | None = None) -> ServerAssessment:
        """Replace a draft's answers (checked against its pinned definition)."""
        self._require("assessment.write")
        return self._change(form_id, version, "assessment.save", op_id, lambda r: rec.with_answers(r, answers))

    def save_draft(self, form_id: int, answers: Mapping[str, Any], judgements: Mapping[str, tuple[str | None, str]],
                   *, version: int, op_id: str | None = None) -> ServerAssessment:
        """Save a draft as the runner shows it — the answers, then each changed judgement (value, reason) — in one
        write that names the version it read: all of it is saved, or on a refusal or a stale version none of it
        (`Conflict`, "Någon annan har ändrat … — ladda om")."""
        self._require("assessment.write")
        by, at = self._store.principal.username, self._store.clock.now()

        def change(record: rec.AssessmentRecord) -> rec.AssessmentRecord:
            record = rec.with_answers(record, answers)
            for judgement_id, (value, reason) in judgements.items():
                record = rec.with_judgement(record, judgement_id, value, reason=reason, by=by, at=at)
            return record

        return self._change(form_id, version, "assessment.save", op_id, change,
                            also_audited=("assessment.judgement",) * len(judgements))

    def sign(self, form_id: int, *, version: int, op_id: str | None = None) -> ServerAssessment:
        """Freeze a complete draft (an incomplete one is refused with what is missing)."""
        self._require("assessment.sign")
        by, at = self._store.principal.username, self._store.clock.now()
        return self._change(form_id, version, "assessment.sign", op_id, lambda r: rec.sign(r, by=by, at=at))

    def _row(self, s: Session, form_id: int) -> Any:
        row = s.execute(select(t.case_forms).where(t.case_forms.c.id == form_id, t.case_forms.c.kind == KIND)).first()
        if row is None:  # another user's case's form looks the same as none (RLS)
            raise NotFound(_("Bedömningen finns inte."))
        return row

    def get(self, form_id: int) -> ServerAssessment:
        self._require("assessment.read")
        with self._store.session() as s:
            view = self._view(self._row(s, form_id))
            self._store.audit(s, "assessment.view", "assessment", str(form_id))
            return view

    def history(self, case_id: int) -> list[ServerAssessment]:
        """The assessments of a case, newest change first."""
        self._require("assessment.read")
        try:
            with self._store.session() as s:
                return self.read_history(s, case_id)
        except CaseNotVisible:
            self._denied("assessment.history", case_id)
            raise

    def read_history(self, s: Session, case_id: int) -> list[ServerAssessment]:
        """`history` inside the caller's transaction (a screen's one read); CaseNotVisible for a case RLS hides."""
        self._case(s, case_id)
        rows = s.execute(select(t.case_forms).where(t.case_forms.c.case_id == case_id, t.case_forms.c.kind == KIND)
                         .order_by(t.case_forms.c.updated_at.desc(), t.case_forms.c.id.desc())).all()
        self._store.audit(s, "assessment.history", "case", str(case_id))
        return [self._view(r) for r in rows]
