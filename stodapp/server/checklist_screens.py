"""ServerChecklistScreens: what the GUI's Checklistor area reads and writes on the unit's server.

The page is one read transaction (`page`): the cases she may open (her assigned ones — row-level security hides
the rest anyway), the shipped checklists she may run on a case, and the chosen case's drafts and signed
assessments. An open assessment comes back as the local store's `AssessmentView` (id = the form id as text), so the
local runner widgets show it as they are, plus the server version its next save must name.

Writes (`start`, `save_draft`, `sign`) are each one idempotent server write with their audit rows
(`ServerAssessments`), published on the session's change feed (area "assessments") once committed. A save or a
signature names the version it read; a stale one is refused whole with `Conflict` ("Någon annan har ändrat … —
ladda om") and nothing of it is saved. The whole record — answers, free text, judgements, which checklist — is
encrypted on this machine before it is sent (`stodapp.server.assessments`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from stodapp.access import require
from stodapp.calendar_se import local_date
from stodapp.changes import Change
from stodapp.checklists import record as rec
from stodapp.checklists.render_pdf import provenance_line
from stodapp.checklists.store_views import (
    AssessmentSummary,
    AssessmentView,
    ChecklistSubject,
    DefinitionList,
    DefinitionSummary,
)
from stodapp.localized_text import LocalizedText
from stodapp.server import schema as t
from stodapp.server.assessment_models import (
    ServerAssessment,
    ServerAssessmentScreen,
    ServerChecklistHistory,
    ServerChecklistPageScreen,
)
from stodapp.server.assessments import ServerAssessments
from stodapp.server.checklist_runner import ServerRunnerService
from stodapp.server.service_base import CaseNotVisible
from stodapp.server.store import ServerStore, new_op_id

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

AREA = "assessments"
#: At most this many cases on the page (newest first), as the local page's case list.
SUBJECTS = 500


def shipped_case_definitions() -> DefinitionList:
    """The published case checklists of the shipped folder, the newest version of each id (what `start` uses;
    licensed packs live in a local store's registry, not on the server)."""
    from stodapp.checklists.defs import load_folder_cached, semver_key
    from stodapp.checklists.digest import definition_digest
    from stodapp.paths import checklist_dir

    newest: dict[str, Any] = {}  # id -> its newest loaded entry
    for entry in load_folder_cached(checklist_dir()).loaded:
        d = entry.definition
        if d.audience != "case" or d.status != "published":
            continue
        if d.id not in newest or semver_key(d.version) > semver_key(newest[d.id].definition.version):
            newest[d.id] = entry
    entries = sorted(newest.values(), key=lambda e: (str(e.path), e.definition.id))  # the files' order, as locally
    out = tuple(DefinitionSummary(definition_id=d.id, version=d.version, status=d.status, audience="case",
                                  title=d.title, source="shipped", digest=definition_digest(d),
                                  copyright_line=provenance_line(d),
                                  requires_training=tuple(d.provenance.requires_training))
                for d in (e.definition for e in entries))  # fmt: skip
    return DefinitionList(definitions=out, broken=())


def summary_of(form: ServerAssessment) -> AssessmentSummary:
    """A history line of a decrypted assessment (no answers)."""
    r = form.record
    return AssessmentSummary(
        id=str(form.id), case_id=form.case_id, audience="case", checklist_id=r.definition_id,
        version=r.definition_version, title=LocalizedText.model_validate(r.definition_snapshot.get("title", {})),
        status=r.status, created_by=r.created_by, created_at=r.created_at, signed_by=r.signed_by,
        signed_at=r.signed_at, review_date=_review(r),
    )  # fmt: skip


def screen_of(form: ServerAssessment) -> ServerAssessmentScreen:
    """The local runner's view of a decrypted assessment, with the version its next change must name."""
    r = form.record
    view = AssessmentView(id=str(form.id), case_id=form.case_id, audience="case", status=r.status, record=r,
                          copyright_line=provenance_line(rec.definition_of(r)), created_by=r.created_by,
                          signed_by=r.signed_by, signed_at=r.signed_at, review_date=_review(r))
    return ServerAssessmentScreen(view=view, version=form.version)


def _review(r: rec.AssessmentRecord) -> Any:
    return rec.review_date_of(r, local_date(r.signed_at)) if r.status == "signed" and r.signed_at else None


class ServerChecklistScreens:
    def __init__(self, store: ServerStore, assessments: ServerAssessments,
                 publish: Callable[[Change], Change]) -> None:
        self._store = store
        self._assessments = assessments
        self._publish = publish

    @staticmethod
    def new_op_id() -> str:
        """An operation id for one write the user asked for; pass the same one again to retry that write."""
        return new_op_id()

    # ---- reads ---------------------------------------------------------------------------------------------
    def page(self, subject: int | None = None) -> ServerChecklistPageScreen:
        """Her cases, the checklists and the history of `subject` (else her newest case): one transaction.

        Audited as `checklist.page` naming the ids of the cases listed, and `assessment.history` for the case
        whose assessments it shows; never a name or an answer."""
        from stodapp.audit import id_chunks

        require(self._store.principal, "assessment.read")
        definitions = shipped_case_definitions()  # files on this machine: no need to hold the transaction
        a, c = t.case_assignments, t.cases
        with self._store.session() as s:
            rows = s.execute(select(c.c.id, c.c.case_no, c.c.status).join(a, a.c.case_id == c.c.id)
                             .where(a.c.user_id == self._store.principal.user_id)
                             .order_by(c.c.id.desc()).limit(SUBJECTS)).all()
            subjects = tuple(ChecklistSubject(id=r.id, case_no=r.case_no, status=r.status) for r in rows)
            ids = [x.id for x in subjects]
            chosen = subject if subject in ids else (ids[0] if ids else None)
            for chunk in id_chunks(ids) or [""]:
                self._store.audit(s, "checklist.page", "case", chunk, purpose=f"{len(ids)} visade")
            history = self._history(s, chosen) if chosen is not None else ()
        return ServerChecklistPageScreen(subjects=subjects, definitions=definitions, subject=chosen, history=history)

    def history(self, case_id: int) -> ServerChecklistHistory:
        """One case's drafts and signed assessments, newest change first (one transaction)."""
        require(self._store.principal, "assessment.read")
        try:
            with self._store.session() as s:
                return ServerChecklistHistory(case_id=case_id, rows=self._history(s, case_id))
        except CaseNotVisible:
            with self._store.session() as s:  # audited after the failing read rolled back
                self._store.audit(s, "case.denied", "case", str(case_id), purpose="assessment.history")
            raise

    def _history(self, s: Session, case_id: int) -> tuple[AssessmentSummary, ...]:
        return tuple(summary_of(f) for f in self._assessments.read_history(s, case_id))

    def open(self, form_id: int) -> ServerAssessmentScreen:
        """One assessment with its record (one transaction, one `assessment.view` audit row)."""
        return screen_of(self._assessments.get(form_id))

    def runner_service(self, screen: ServerAssessmentScreen) -> ServerRunnerService:
        """What the checklist runner saves and signs `screen`'s assessment through (it follows the version)."""
        return ServerRunnerService(self, screen)

    # ---- writes --------------------------------------------------------------------------------------------
    def start(self, case_id: int, definition_id: str, *, op_id: str) -> ServerAssessmentScreen:
        """A new draft of a shipped checklist on a case she may open."""
        form = self._assessments.start(case_id, definition_id, op_id=op_id)
        self._published("created", form)
        return screen_of(form)

    def save_draft(self, form_id: int, answers: Mapping[str, Any], judgements: Mapping[str, tuple[str | None, str]],
                   *, version: int, op_id: str) -> ServerAssessmentScreen:
        """Answers and changed judgements in one write naming `version`; a stale one is `Conflict`, nothing saved."""
        form = self._assessments.save_draft(form_id, answers, judgements, version=version, op_id=op_id)
        self._published("saved", form)
        return screen_of(form)

    def sign(self, form_id: int, *, version: int, op_id: str) -> ServerAssessmentScreen:
        """Freeze a complete draft read at `version` (read-only afterwards)."""
        form = self._assessments.sign(form_id, version=version, op_id=op_id)
        self._published("signed", form)
        return screen_of(form)

    def _published(self, action: str, form: ServerAssessment) -> None:
        self._publish(Change(area=AREA, action=action, ids=(str(form.id), str(form.case_id))))
