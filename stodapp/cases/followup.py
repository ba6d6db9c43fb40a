"""Follow-up: re-assessment prompts and overdue reviews, safety plans (with PDF), police sharing log."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from stodapp.cases.casework_tables import ReviewRow, SafetyPlanRow, SharingRow
from stodapp.cases.followup_models import (
    TRIGGERS,
    ReviewView,
    SafetyPlanInput,
    SafetyPlanView,
    SharingInput,
    SharingView,
)
from stodapp.cases.guard import case_session, check_case, deny_as_missing
from stodapp.cases.safety_prompts import PromptList
from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow
from stodapp.changes import Change
from stodapp.errors import AccessDenied, NotFound, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext


class FollowUpService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def _today(self) -> date:
        return self._ctx.today()

    # ---- re-assessment -------------------------------------------------------------------------------------
    def add_review(
        self, case_id: int, trigger: str, due_on: date | None = None, kind: str = "riskbedomning"
    ) -> Change:
        """A re-assessment prompt (new information, leaving protected housing, moving); due today."""
        self._ctx.require("case.write")
        if trigger not in TRIGGERS:
            raise UserInputError(_("Okänd anledning till omprövning: {t}.").format(t=trigger))
        if kind not in ("riskbedomning", "sakerhetsplan"):
            raise UserInputError(_("Okänd typ av omprövning: {k}.").format(k=kind))
        due = due_on or self._today()
        with case_session(self._ctx, case_id, "review.create") as (s, _case, _glass):
            row = ReviewRow(
                case_id=case_id, kind=kind, trigger=trigger, due_on=due, created_at=self._ctx.clock.now()
            )
            s.add(row)
            s.flush()
            self._ctx.audit(s, "review.create", "review", str(row.id))
            return self._ctx.published(Change(area="cases", action="review_added", ids=(str(case_id), str(row.id))))

    def complete_review(self, review_id: int) -> Change:
        """Mark a review done; a review in a case the user may not open is reported exactly like a missing one."""
        self._ctx.require("case.write")
        missing = _("Omprövningen finns inte.")
        with self._ctx.session() as s:
            case_id = s.scalar(select(ReviewRow.case_id).where(ReviewRow.id == review_id))
        if case_id is None:
            raise NotFound(missing)
        try:
            with self._ctx.session() as s:
                check_case(self._ctx, s, case_id)
                row = s.get(ReviewRow, review_id)
                assert row is not None
                if row.done_on is not None:
                    raise UserInputError(_("Omprövningen är redan gjord."))
                row.done_on = self._today()
                self._ctx.audit(s, "review.complete", "review", str(review_id))
                change = Change(area="cases", action="review_done", ids=(str(case_id), str(review_id)))
                return self._ctx.published(change)
        except AccessDenied:
            raise deny_as_missing(self._ctx, "review.complete", case_id, missing) from None

    def overdue(self, limit: int = 200) -> list[ReviewView]:
        """Open reviews due before today on the signed-in caseworker's cases (start page)."""
        self._ctx.require("case.read")
        with self._ctx.session() as s:
            rows = s.execute(
                select(ReviewRow, CaseRow.case_no)
                .join(CaseRow, CaseRow.id == ReviewRow.case_id)
                .join(CaseAssignmentRow, CaseAssignmentRow.case_id == ReviewRow.case_id)
                .where(
                    CaseAssignmentRow.user_id == self._ctx.principal.user_id,
                    ReviewRow.done_on.is_(None),
                    ReviewRow.due_on < self._today(),
                )
                .order_by(ReviewRow.due_on)
                .limit(limit)
            ).all()
            self._ctx.audit(s, "review.overdue_list", "review")
            return [
                ReviewView(
                    id=r.id,
                    case_id=r.case_id,
                    case_no=no,
                    kind=r.kind,
                    trigger=r.trigger,
                    due_on=r.due_on,
                    done_on=r.done_on,
                )
                for r, no in rows
            ]

    # ---- safety plan ---------------------------------------------------------------------------------------
    def save_plan(self, case_id: int, data: SafetyPlanInput) -> Change:
        """A new version of the safety plan, and a review of it on its review date."""
        self._ctx.require("case.write")
        if data.review_on <= self._today():
            raise UserInputError(_("Omprövningsdatumet för säkerhetsplanen ska ligga framåt i tiden."))
        if not any(x.strip() for x in data.risk_situations):
            raise UserInputError(_("Beskriv minst en risksituation."))
        from stodapp.cases.client_copy import stored_prompts
        from stodapp.cases.safety_prompts import default_prompts

        prompt_list = default_prompts()
        prompts = stored_prompts(data.prompts, prompt_list)  # refuses an unknown prompt before anything is written
        body = {k: v for k, v in data.model_dump(mode="json").items()
                if k not in ("person_id", "review_on", "prompts")}
        if prompts:
            body["prompts"] = [p.model_dump(mode="json") for p in prompts]
            body["prompts_version"] = prompt_list.version
        with case_session(self._ctx, case_id, "safety_plan.save") as (s, case, _glass):
            if data.person_id is not None:
                person = s.get(PersonRow, data.person_id)
                if person is None or person.case_id != case_id:
                    raise NotFound(_("Personen finns inte i ärendet."))
            now = self._ctx.clock.now()
            row = SafetyPlanRow(
                case_id=case_id,
                person_id=data.person_id,
                body=json.dumps(body, ensure_ascii=False),
                review_on=data.review_on,
                created_at=now,
                created_by=self._ctx.principal.user_id,
            )
            s.add(row)
            s.add(
                ReviewRow(
                    case_id=case_id,
                    kind="sakerhetsplan",
                    trigger="planerad",
                    due_on=data.review_on,
                    created_at=now,
                )
            )
            case.last_entry_at = now
            s.flush()
            self._ctx.audit(s, "safety_plan.save", "safety_plan", str(row.id))
            change = Change(area="cases", action="safety_plan_saved", ids=(str(case_id), str(row.id)))
            return self._ctx.published(change)

    def prompt_list(self) -> PromptList:
        """The safety-plan prompt list the editor shows (shipped data, no case content: no audit row)."""
        from stodapp.cases.safety_prompts import default_prompts

        return default_prompts()

    def latest_plan(self, case_id: int) -> SafetyPlanView | None:
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "safety_plan.view") as (s, _case, _glass):
            row = s.scalar(
                select(SafetyPlanRow)
                .where(SafetyPlanRow.case_id == case_id)
                .order_by(SafetyPlanRow.id.desc())
                .limit(1)
            )
            self._ctx.audit(s, "safety_plan.view", "case", str(case_id))
            return None if row is None else _plan_view(row)

    def plan_pdf(self, case_id: int) -> bytes:
        """The latest safety plan as PDF bytes (secrecy header; protected addresses stay masked)."""
        from stodapp.cases.pdf import safety_plan_pdf
        from stodapp.cases.persons import persons_of

        plan = self.latest_plan(case_id)
        if plan is None:
            raise NotFound(_("Ärendet har ingen säkerhetsplan."))
        self._ctx.require_recent_auth(_("skriva ut säkerhetsplanen"))
        with self._ctx.session() as s:
            case, _glass = check_case(self._ctx, s, case_id)
            persons = persons_of(s, case_id)
            case_no = case.case_no
            self._ctx.audit(s, "safety_plan.print", "safety_plan", str(plan.id))
        # The plan's own person; a plan made for the case as a whole names the case's main person (as every
        # document for the file does: stodapp.cases.document_subject), the stödsökande first.
        person = next((p for p in persons if p.id == plan.person_id), None)
        if person is None and plan.person_id is None:
            person = next((p for p in persons if p.role == "stodsokande"), persons[0] if persons else None)
        return safety_plan_pdf(case_no, plan, person)

    def client_plan_pdf(self, case_id: int, lang: str, large: bool = False) -> bytes:
        """The client's own copy of the latest plan in `lang`: no name, address, case number or personnummer on
        it, and of the prompt answers only those she chose. A plan text holding the case number, a personnummer
        or an address of the case is refused (UserInputError naming the section), nothing printed or audited."""
        from stodapp.cases.client_copy import check_client_copy
        from stodapp.client_lang.safety_plan import client_safety_plan_pdf

        plan = self.latest_plan(case_id)
        if plan is None:
            raise NotFound(_("Ärendet har ingen säkerhetsplan."))
        self._ctx.require_recent_auth(_("skriva ut klientens kopia av säkerhetsplanen"))
        with self._ctx.session() as s:
            case, _glass = check_case(self._ctx, s, case_id)
            case_no = case.case_no
            rows = s.execute(
                select(PersonRow.address, PersonRow.personnummer, PersonRow.reserve_number)
                .where(PersonRow.case_id == case_id)
            ).all()
        check_client_copy(plan, case_no=case_no, addresses=[r.address or "" for r in rows],
                          numbers=[n for r in rows for n in (r.personnummer, r.reserve_number) if n])
        data = client_safety_plan_pdf(plan, lang, large=large)  # builds (and may refuse) before the audit row
        with self._ctx.session() as s:
            check_case(self._ctx, s, case_id)
            self._ctx.audit(s, "safety_plan.print_client", "safety_plan", str(plan.id), purpose=lang)
        return data

    # ---- sharing with the police ---------------------------------------------------------------------------
    def record_sharing(self, case_id: int, data: SharingInput) -> Change:
        self._ctx.require("case.write")
        if data.shared_on > self._today():
            raise UserInputError(_("Datumet ligger i framtiden."))
        if data.basis == "lagstod" and len(data.legal_ref.strip()) < 3:
            raise UserInputError(_("Ange vilket lagstöd som gäller (t.ex. sekretessbrytande bestämmelse)."))
        with case_session(self._ctx, case_id, "sharing.record") as (s, _case, _glass):
            row = SharingRow(
                case_id=case_id,
                direction=data.direction,
                shared_on=data.shared_on,
                what=data.what.strip(),
                basis=data.basis,
                legal_ref=data.legal_ref.strip(),
                decided_by=data.decided_by.strip(),
                recorded_by=self._ctx.principal.user_id,
                recorded_at=self._ctx.clock.now(),
            )
            s.add(row)
            s.flush()
            self._ctx.audit(s, "sharing.record", "sharing", str(row.id))
            return self._ctx.published(Change(area="cases", action="sharing_recorded", ids=(str(case_id), str(row.id))))

    def sharing_log(self, case_id: int) -> list[SharingView]:
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "sharing.list") as (s, _case, _glass):
            rows = s.scalars(
                select(SharingRow)
                .where(SharingRow.case_id == case_id)
                .order_by(SharingRow.shared_on, SharingRow.id)
            ).all()
            self._ctx.audit(s, "sharing.list", "case", str(case_id))
            return [SharingView.model_validate(r, from_attributes=True) for r in rows]


def _plan_view(row: SafetyPlanRow) -> SafetyPlanView:
    body = json.loads(row.body)
    data = {"id": row.id, "case_id": row.case_id, "person_id": row.person_id, "review_on": row.review_on,
            "created_at": row.created_at, **body}
    return SafetyPlanView.model_validate(data)
