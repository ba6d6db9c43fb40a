"""ConcernService: create from a case snapshot, edit drafts, finalise (sign), track sending and outcome, PDF.

Every action needs a concern.* action in POLICY and an assignment to the case (or a break-the-glass grant),
and writes one audit row in the same transaction (ids only, never content).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stodapp.changes import Change
from stodapp.concerns.model import (
    Reporter,
    check_ready_to_finalise,
    merge_changes,
    parse_report,
)
from stodapp.concerns.prefill import CaseSnapshot, PrefillResult, prefill_from_case
from stodapp.concerns.report_rows import insert_draft, load_report, record_event, report_view
from stodapp.concerns.tables import ConcernReportRow
from stodapp.concerns.tracking import (
    TRANSITIONS,
    ConcernListItem,
    ConcernListScreen,
    ConcernStatus,
    ConcernView,
    Outcome,
    SendMethod,
)
from stodapp.errors import NotFound, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.concerns.screen import ConcernEditorScreen

AREA = "concerns"


class ConcernService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # ---- helpers -------------------------------------------------------------------------------------------
    def _today(self) -> date:
        return self._ctx.today()

    def _check_case(self, s: Session, case_id: int) -> None:
        from stodapp.cases.guard import require_visible

        require_visible(self._ctx, s, case_id)

    def _row(self, s: Session, report_id: int) -> ConcernReportRow:
        row = s.get(ConcernReportRow, report_id)
        if row is None:
            raise NotFound(_("Orosanmälan {id} finns inte.").format(id=report_id))
        self._check_case(s, row.case_id)
        return row

    def _move(self, s: Session, row: ConcernReportRow, to: ConcernStatus, detail: str = "") -> None:
        current = ConcernStatus(row.status)
        if to not in TRANSITIONS[current]:
            raise UserInputError(
                _("Status kan inte ändras från '{old}' till '{new}'.").format(old=current.value, new=to.value)
            )
        record_event(self._ctx, s, row, to, detail)

    def _check_date(self, on: date, row: ConcernReportRow) -> None:
        if on > self._today():
            raise UserInputError(_("Datumet ligger i framtiden."))
        if on < row.report_date:
            raise UserInputError(_("Datumet ligger före anmälans datum."))

    # ---- creating and editing ------------------------------------------------------------------------------
    def prefill(self, snapshot: CaseSnapshot, reporter: Reporter | None = None) -> PrefillResult:
        """A draft from the case without saving it (the editor shows it, then calls create_from_case)."""
        self._ctx.require("concern.write")
        return prefill_from_case(snapshot, today=self._today(), reporter=reporter)

    def create_from_case(self, snapshot: CaseSnapshot, reporter: Reporter | None = None) -> Change:
        """Save a new draft prefilled from the case snapshot. Change.ids holds the new report id."""
        self._ctx.require("concern.write")
        with self._ctx.session() as s:
            self._check_case(s, snapshot.case_id)
            snapshot = self._with_protected_terms(s, snapshot)
            result = prefill_from_case(snapshot, today=self._today(), reporter=reporter)
            new_id = insert_draft(self._ctx, s, snapshot.case_id, result.report)
            self._ctx.audit(s, "concern.create", "concern", str(new_id))
        return self._ctx.published(Change(area=AREA, action="created", ids=(str(new_id),)))

    @staticmethod
    def _with_protected_terms(s: Session, snapshot: CaseSnapshot) -> CaseSnapshot:
        """Add every protected person's real address and personnummer from the store as protected terms.

        Views mask protected addresses, so a snapshot built from them cannot know what to refuse; the model's
        rule ("never in the report") is only enforceable with the real values, which stay in the service layer
        (only salted fingerprints reach the report).
        """
        from stodapp.cases.tables import PersonRow
        from stodapp.concerns.prefill import PersonSnapshot

        rows = s.scalars(
            select(PersonRow).where(PersonRow.case_id == snapshot.case_id, PersonRow.protected_identity.is_(True))
        ).all()
        extra = tuple(
            PersonSnapshot(name="", role="", personnummer=r.personnummer or "", address=r.address, is_guardian=False,
                           lives_with_child=False, protected_identity=True)
            for r in rows
            if r.address or r.personnummer
        )
        return snapshot.model_copy(update={"household": (*snapshot.household, *extra)}) if extra else snapshot

    def edit_draft(self, report_id: int, changes: Mapping[str, Any]) -> Change:
        """Apply editor changes to a draft; final reports are read-only (make a correction instead)."""
        self._ctx.require("concern.write")
        with self._ctx.session() as s:
            row = self._row(s, report_id)
            if row.status != ConcernStatus.DRAFT.value:
                raise UserInputError(
                    _("Anmälan är slutförd och kan inte ändras: gör en rättelse (ny anmälan).")
                )
            report = merge_changes(load_report(row), changes, today=self._today())
            row.report_json = report.model_dump_json()
            row.report_date = report.report_date
            row.home_municipality_code = report.home_municipality_code
            row.acute = report.urgency.value == "acute"
            row.updated_at = self._ctx.clock.now()
            self._ctx.audit(s, "concern.edit", "concern", str(report_id))
        return self._ctx.published(Change(area=AREA, action="updated", ids=(str(report_id),)))

    def finalise(self, report_id: int) -> Change:
        """Sign the draft: it becomes read-only and its content hash is stored."""
        self._ctx.require("concern.finalise")
        with self._ctx.session() as s:
            row = self._row(s, report_id)
            report = parse_report(load_report(row), today=self._today())
            check_ready_to_finalise(report)
            self._move(s, row, ConcernStatus.FINAL)
            row.finalised_at = self._ctx.clock.now()
            row.finalised_by = self._ctx.principal.user_id
            row.content_sha256 = report.content_hash()
            self._ctx.audit(s, "concern.finalise", "concern", str(report_id))
        return self._ctx.published(Change(area=AREA, action="signed", ids=(str(report_id),)))

    def correct(self, report_id: int) -> Change:
        """A new draft linked to a signed report (the signed one is never changed)."""
        self._ctx.require("concern.write")
        with self._ctx.session() as s:
            row = self._row(s, report_id)
            if row.status == ConcernStatus.DRAFT.value:
                raise UserInputError(_("Ett utkast rättas genom att redigera det."))
            report = parse_report(
                load_report(row).model_copy(update={"report_date": self._today()}), today=self._today()
            )
            new_id = insert_draft(self._ctx, s, row.case_id, report, supersedes=row.id)
            self._ctx.audit(s, "concern.correct", "concern", str(new_id))
        return self._ctx.published(Change(area=AREA, action="created", ids=(str(new_id),)))

    # ---- tracking ------------------------------------------------------------------------------------------
    def mark_sent(
        self, report_id: int, *, on: date, municipality_code: str, method: SendMethod | str
    ) -> Change:
        from stodapp import municipalities

        self._ctx.require("concern.write")
        if str(method) not in {m.value for m in SendMethod}:
            raise UserInputError(_("Okänt sätt att skicka anmälan."))
        how = SendMethod(method)
        code = municipalities.by_code(municipality_code).code
        with self._ctx.session() as s:
            row = self._row(s, report_id)
            self._check_date(on, row)
            if code != row.home_municipality_code:
                raise UserInputError(
                    _("Anmälan ska skickas till barnets hemkommun ({code}).").format(
                        code=row.home_municipality_code
                    )
                )
            self._move(s, row, ConcernStatus.SENT, f"{code}:{how.value}")
            row.sent_on, row.sent_to_code, row.sent_method = on, code, how.value
            self._ctx.audit(s, "concern.sent", "concern", str(report_id))
        return self._ctx.published(Change(area=AREA, action="updated", ids=(str(report_id),)))

    def mark_acknowledged(self, report_id: int, *, on: date) -> Change:
        return self._track(report_id, ConcernStatus.ACKNOWLEDGED, on)

    def mark_feedback(self, report_id: int, *, on: date) -> Change:
        return self._track(report_id, ConcernStatus.FEEDBACK_RECEIVED, on)

    def record_outcome(self, report_id: int, outcome: Outcome | str, *, on: date) -> Change:
        if str(outcome) not in {o.value for o in Outcome}:
            raise UserInputError(_("Okänt utfall."))
        return self._track(report_id, ConcernStatus.OUTCOME_RECORDED, on, Outcome(outcome))

    def _track(self, report_id: int, to: ConcernStatus, on: date, outcome: Outcome | None = None) -> Change:
        self._ctx.require("concern.write")
        with self._ctx.session() as s:
            row = self._row(s, report_id)
            self._check_date(on, row)
            if row.sent_on is not None and on < row.sent_on:
                raise UserInputError(_("Datumet ligger före det datum anmälan skickades."))
            self._move(s, row, to, outcome.value if outcome else "")
            if to is ConcernStatus.ACKNOWLEDGED:
                row.acknowledged_on = on
            elif to is ConcernStatus.FEEDBACK_RECEIVED:
                row.feedback_on = on
            else:
                row.outcome, row.outcome_on = (outcome.value if outcome else None), on
            self._ctx.audit(s, "concern.status", "concern", str(report_id), purpose=to.value)
        return self._ctx.published(Change(area=AREA, action="updated", ids=(str(report_id),)))

    # ---- reading -------------------------------------------------------------------------------------------
    def get(self, report_id: int) -> ConcernView:
        self._ctx.require("concern.read")
        with self._ctx.session() as s:
            view = report_view(self._ctx, s, self._row(s, report_id))
            self._ctx.audit(s, "concern.view", "concern", str(report_id))
            return view

    def page_screen(self, cases: CaseService, case_id: int | None = None) -> ConcernListScreen:
        """The concerns page in one read transaction with one `concern.page` audit row: the user's cases (through
        `cases`) and the reports on `case_id`, else on the newest case (`stodapp.concerns.screen`)."""
        from stodapp.concerns.screen import concerns_page

        return concerns_page(self._ctx, self.list, cases, case_id)

    def list(self, case_id: int | None = None) -> list[ConcernListItem]:
        """Reports on one case, or on every case the user is assigned to (newest first)."""
        from stodapp.cases.tables import CaseAssignmentRow

        self._ctx.require("concern.read")
        with self._ctx.session() as s:
            q = select(ConcernReportRow).order_by(ConcernReportRow.id.desc())
            if case_id is not None:
                self._check_case(s, case_id)
                q = q.where(ConcernReportRow.case_id == case_id)
            else:
                mine = select(CaseAssignmentRow.case_id).where(
                    CaseAssignmentRow.user_id == self._ctx.principal.user_id
                )
                q = q.where(ConcernReportRow.case_id.in_(mine))
            rows = s.scalars(q).all()
            self._ctx.audit(s, "concern.list", "case" if case_id else "", str(case_id or ""))
            return [
                ConcernListItem(
                    id=r.id,
                    case_id=r.case_id,
                    status=ConcernStatus(r.status),
                    report_date=r.report_date,
                    home_municipality_code=r.home_municipality_code,
                    acute=r.acute,
                    sent_on=r.sent_on,
                    sent_to_code=r.sent_to_code,
                    outcome=Outcome(r.outcome) if r.outcome else None,
                    supersedes_id=r.supersedes_id,
                )
                for r in rows
            ]

    def pdf(self, report_id: int) -> bytes:
        """PDF bytes (drafts carry UTKAST); refused if a signed report no longer matches its signature."""
        from stodapp.concerns.pdf import PdfMeta, render_pdf
        from stodapp.store.tables import UserRow

        self._ctx.require("concern.read")
        self._ctx.require_recent_auth(_("skriva ut orosanmälan"))
        with self._ctx.session() as s:
            view = report_view(self._ctx, s, self._row(s, report_id))
            if not view.signature_ok:
                raise StoreCorrupt(
                    _("Orosanmälan {id} har ändrats efter signering; skrivs inte ut.").format(id=report_id)
                )
            signer = s.get(UserRow, view.finalised_by) if view.finalised_by else None
            meta = PdfMeta(
                report_id=view.id,
                status=view.status.value,
                finalised_at=view.finalised_at,
                finalised_by=(signer.display_name or signer.username) if signer else "",
                content_hash=view.content_sha256,
                supersedes_id=view.supersedes_id,
            )
            self._ctx.audit(s, "concern.export_pdf", "concern", str(report_id))
        return render_pdf(view.report, meta)

    def editor_screen(self, report_id: int) -> ConcernEditorScreen:
        """The report editor's one read: the report and the reminders due on it, one transaction and one
        `concern.view` audit row (`stodapp.concerns.screen`)."""
        from stodapp.concerns.screen import editor_screen

        return editor_screen(self._ctx, self.get, report_id)


def outcome_counts(session: Session, start: date, end: date) -> dict[str, int]:
    """For the supervisor summary: reports sent in [start, end) by outcome ("none" = not yet recorded)."""
    rows = session.execute(
        select(ConcernReportRow.outcome, func.count())
        .where(ConcernReportRow.sent_on >= start, ConcernReportRow.sent_on < end)
        .group_by(ConcernReportRow.outcome)
    ).all()
    return {(outcome or "none"): int(n) for outcome, n in rows}
