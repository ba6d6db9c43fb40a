"""Asking about violence: the unit's question policy, asking events with safety check, next steps."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stodapp.calendar_se import local_date
from stodapp.cases import next_steps as rules
from stodapp.cases.asking_models import (
    REMOTE,
    SCREENING_ID,
    AskingHistory,
    AskingInput,
    AskingSummary,
    AskingView,
    NextStepView,
    QuestionPolicy,
)
from stodapp.cases.casework_tables import AskingEventRow, NextStepRow
from stodapp.cases.guard import case_session, check_case, deny_as_missing
from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.changes import Change
from stodapp.checklists.tables import AssessmentRow
from stodapp.errors import AccessDenied, NotFound, UserInputError
from stodapp.i18n import _
from stodapp.labels import person_label
from stodapp.localized_text import LocalizedText
from stodapp.service import ServiceContext
from stodapp.settings import SettingsService
from stodapp.store.tables import UserRow

POLICY_KEY = "question_policy"


@lru_cache(maxsize=1)
def _checklist_ids() -> frozenset[str]:
    from stodapp.checklists.loader import load_folder
    from stodapp.paths import checklist_dir

    return frozenset(e.definition.id for e in load_folder(checklist_dir()).loaded)


def validate_event(data: AskingInput, today: date) -> None:
    """Raise UserInputError for an inconsistent asking event (one line each)."""
    if data.asked_on > today:
        raise UserInputError(_("Datumet för frågetillfället ligger i framtiden."))
    if data.answer in ("avbojt", "ej_fragat") and len(data.reason.strip()) < 3:
        raise UserInputError(_("Skriv en anledning när personen avböjde eller frågan inte ställdes."))
    if data.trigger == "indikation" and not data.indication.strip():
        raise UserInputError(_("Beskriv vilken indikation som ledde till frågan."))
    self_told = data.trigger == "eget_initiativ"  # nothing was asked: the person disclosed on their own
    if self_told and data.answer != "ja":
        raise UserInputError(_('När personen berättade själv registreras svaret som "ja".'))
    if data.channel in REMOTE:
        if not data.safety_check:
            raise UserInputError(_("Gör säkerhetskollen: kan personen prata fritt och ostört just nu?"))
        if data.safety_check == "kan_inte_tala" and data.answer != "ej_fragat" and not self_told:
            raise UserInputError(
                _(
                    'Personen kan inte prata fritt: ställ inte frågan nu, registrera "inte frågat" '
                    "och boka en säker kontakt."
                )
            )
    elif data.safety_check:
        raise UserInputError(_("Säkerhetskollen gäller bara telefon, video och skriftlig kontakt."))
    if data.checklist_id and data.checklist_id not in _checklist_ids():
        raise UserInputError(_("Okänd checklista: {id}.").format(id=data.checklist_id))


def policy_line(policy: QuestionPolicy, due: bool) -> str:
    """One line for the case view: what the unit's question policy says for this case now."""
    if policy.mode == "indikation":
        return _("Enhetens rutin: fråga om våld vid indikation. Ingen rutinfråga behövs i ärendet.")
    if policy.mode == "rutin_intervall":
        head = _("Enhetens rutin: fråga alla om våld var {n}:e månad.").format(n=policy.months)
        tail = (_("Dags att fråga i det här ärendet.") if due
                else _("Nästa rutinfråga när {n} månader gått sedan den senaste.").format(n=policy.months))
        return f"{head} {tail}"
    if policy.mode == "informera_forst":
        head = _("Enhetens rutin: informera först om att alla tillfrågas, fråga sedan.")
    else:
        head = _("Enhetens rutin: fråga alla om våld.")
    tail = _("Dags att fråga i det här ärendet.") if due else _("Frågan är redan ställd i ärendet.")
    return f"{head} {tail}"


class AskingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._settings = SettingsService(ctx)

    # ---- policy (store-wide, per unit) ---------------------------------------------------------------------
    def policies(self) -> dict[str, QuestionPolicy]:
        """Every stored unit policy by unit name; "" is the default for units without their own."""
        stored = self._settings.store_wide(POLICY_KEY, {})
        if not isinstance(stored, dict):
            return {}
        return {str(k): QuestionPolicy.model_validate(v) for k, v in sorted(stored.items())}

    def policy(self, unit: str) -> QuestionPolicy:
        """The unit's own policy, else the default policy (unit ""), else routine asking of everyone."""
        stored = self.policies()
        own = stored.get(unit.strip())
        if own is None:
            own = stored.get("")
        return QuestionPolicy() if own is None else own

    def set_policy(self, unit: str, policy: QuestionPolicy) -> Change:
        if len(unit.strip()) > 120:
            raise UserInputError(_("Enhetens namn får vara högst 120 tecken."))
        if policy.mode == "rutin_intervall" and policy.months is None:
            raise UserInputError(_("Ange hur många månader det ska gå mellan frågetillfällena."))
        if policy.mode != "rutin_intervall" and policy.months is not None:
            raise UserInputError(_("Antal månader gäller bara rutinfrågor med intervall."))
        self._ctx.require("settings.admin")
        stored = self._settings.store_wide(POLICY_KEY, {})
        merged = dict(stored) if isinstance(stored, dict) else {}
        merged[unit.strip()] = json.loads(policy.model_dump_json())
        return self._settings.set_store_wide(POLICY_KEY, merged)

    def asking_due(self, case_id: int, policy: QuestionPolicy | None = None) -> bool:
        """Whether the unit's policy calls for routine asking now (never asked, or interval passed). `policy` is
        the case unit's policy when the caller has already read it (the case screen reads it once)."""
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "asking.due") as (s, case, _glass):
            unit = case.unit
            last = s.scalar(
                select(AskingEventRow.asked_on)
                .where(
                    AskingEventRow.case_id == case_id,
                    AskingEventRow.subject == "utsatt",
                    AskingEventRow.answer != "ej_fragat",
                )
                .order_by(AskingEventRow.asked_on.desc())
                .limit(1)
            )
            self._ctx.audit(s, "asking.due", "case", str(case_id))
        pol = self.policy(unit) if policy is None else policy
        if pol.mode == "indikation":
            return False
        if last is None:
            return True
        if pol.mode == "rutin_intervall" and pol.months:
            today = self._ctx.today()
            months = (today.year - last.year) * 12 + today.month - last.month - (today.day < last.day)
            return months >= pol.months
        return False

    # ---- events --------------------------------------------------------------------------------------------
    def record(self, case_id: int, data: AskingInput) -> Change:
        """Record an asking event; after a "ja" the matching next-step rules become open suggestions."""
        self._ctx.require("case.write")
        now = self._ctx.clock.now()
        validate_event(data, local_date(now))
        with case_session(self._ctx, case_id, "asking.record") as (s, case, _glass):
            if data.person_id is not None:
                person = s.get(PersonRow, data.person_id)
                if person is None or person.case_id != case_id:
                    raise NotFound(_("Personen finns inte i ärendet."))
            row = AskingEventRow(
                case_id=case_id,
                person_id=data.person_id,
                subject=data.subject,
                asked_on=data.asked_on,
                channel=data.channel,
                trigger=data.trigger,
                indication=data.indication.strip(),
                checklist_id=data.checklist_id,
                answer=data.answer,
                reason=data.reason.strip(),
                action=data.action.strip(),
                remote=data.channel in REMOTE,
                safety_check=data.safety_check,
                support_info_given=data.support_info_given,
                recorded_by=self._ctx.principal.user_id,
                recorded_at=now,
            )
            s.add(row)
            s.flush()
            ids = [str(case_id), str(row.id)]
            if data.answer == "ja":
                ids += [str(i) for i in self._suggest(s, case, row)]
            case.last_entry_at = now
            self._ctx.audit(s, "asking.record", "asking_event", str(row.id))
            return self._ctx.published(Change(area="cases", action="asking_recorded", ids=tuple(ids)))

    def _suggest(self, s: object, case: CaseRow, event: AskingEventRow) -> list[int]:
        assert isinstance(s, Session)
        persons = s.scalars(select(PersonRow).where(PersonRow.case_id == case.id)).all()
        groups: set[str] = set()
        for p in persons:
            groups.update(json.loads(p.details or "{}").get("groups", ()))
        facts = rules.Facts(
            answer=event.answer,
            subject=event.subject,
            children=any(p.role == "barn" for p in persons),
            groups=frozenset(groups),
            screening=latest_screening(s, case.id),
        )
        open_ids = set(
            s.scalars(
                select(NextStepRow.rule_id).where(
                    NextStepRow.case_id == case.id, NextStepRow.status.in_(("oppen", "uppskjuten"))
                )
            ).all()
        )
        created: list[int] = []
        for rule in rules.guidance(facts):
            if rule.id in open_ids:
                continue
            step = NextStepRow(
                case_id=case.id,
                asking_event_id=event.id,
                rule_id=rule.id,
                status="oppen",
                created_at=self._ctx.clock.now(),
            )
            s.add(step)
            s.flush()
            created.append(step.id)
        return created

    def events(self, case_id: int) -> list[AskingView]:
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "asking.list") as (s, _case, _glass):
            rows = s.scalars(
                select(AskingEventRow)
                .where(AskingEventRow.case_id == case_id)
                .order_by(AskingEventRow.asked_on, AskingEventRow.id)
            ).all()
            self._ctx.audit(s, "asking.list", "case", str(case_id))
            return [AskingView.model_validate(r, from_attributes=True) for r in rows]

    def history(self, case_id: int, limit: int = 5) -> AskingHistory:
        """The case's latest `limit` asking events (newest first) with who asked, for the case view."""
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "asking.list") as (s, _case, _glass):
            rows = s.execute(
                select(AskingEventRow, UserRow.username, UserRow.display_name, PersonRow.given_name,
                       PersonRow.family_name)
                .join(UserRow, UserRow.id == AskingEventRow.recorded_by)
                .outerjoin(PersonRow, PersonRow.id == AskingEventRow.person_id)
                .where(AskingEventRow.case_id == case_id)
                .order_by(AskingEventRow.asked_on.desc(), AskingEventRow.id.desc())
                .limit(max(1, limit))
            ).all()
            total = s.scalar(select(func.count()).select_from(AskingEventRow)
                             .where(AskingEventRow.case_id == case_id)) or 0
            self._ctx.audit(s, "asking.list", "case", str(case_id))
        latest = tuple(
            AskingSummary(id=e.id, asked_on=e.asked_on, asked_by=person_label(display, username),
                          person=f"{given} {family}" if given is not None else "", subject=e.subject,
                          channel=e.channel, answer=e.answer, safety_check=e.safety_check)
            for e, username, display, given, family in rows)
        return AskingHistory(latest=latest, total=int(total))

    # ---- next steps ----------------------------------------------------------------------------------------
    def next_steps(self, case_id: int) -> list[NextStepView]:
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "next_step.list") as (s, _case, _glass):
            rows = s.scalars(
                select(NextStepRow).where(NextStepRow.case_id == case_id).order_by(NextStepRow.id)
            ).all()
            self._ctx.audit(s, "next_step.list", "case", str(case_id))
            # The panel's order is the rules' order (acute danger first), the same as `guidance()` gives.
            return [_step_view(r) for r in sorted(rows, key=lambda r: (rules.sort_key(r.rule_id), r.id))]

    def resolve(
        self, step_id: int, status: str, *, reason: str = "", postponed_to: date | None = None
    ) -> Change:
        """Mark a suggestion done, declined (reason required) or postponed (future date required).

        Steps with `requires_legal_basis` need the legal basis or consent in `reason` when done. A step in a
        case the user may not open is reported exactly like a missing one."""
        self._ctx.require("case.write")
        today = self._ctx.today()
        text = " ".join(reason.split())
        if status not in ("klar", "avbojd", "uppskjuten"):
            raise UserInputError(_("Okänd status för nästa steg: {s}.").format(s=status))
        if status == "avbojd" and len(text) < 3:
            raise UserInputError(_("Skriv varför förslaget avböjs."))
        if status == "uppskjuten" and (postponed_to is None or postponed_to <= today):
            raise UserInputError(_("Välj ett datum framåt i tiden att skjuta upp till."))
        missing = _("Förslaget finns inte.")
        with self._ctx.session() as s:
            case_id = s.scalar(select(NextStepRow.case_id).where(NextStepRow.id == step_id))
        if case_id is None:
            raise NotFound(missing)
        try:
            with self._ctx.session() as s:
                check_case(self._ctx, s, case_id)
                row = s.get(NextStepRow, step_id)
                assert row is not None
                rule = rules.rule_by_id(row.rule_id)
                if status == "klar" and rule is not None and rule.requires_legal_basis and len(text) < 3:
                    raise UserInputError(_("Ange lagstöd eller samtycke innan uppgifter lämnas vidare."))
                row.status, row.reason = status, text
                row.postponed_to = postponed_to if status == "uppskjuten" else None
                row.updated_at, row.updated_by = self._ctx.clock.now(), self._ctx.principal.user_id
                self._ctx.audit(s, "next_step.resolve", "next_step", str(step_id), purpose=status)
                change = Change(area="cases", action="next_step_resolved", ids=(str(case_id), str(step_id)))
                return self._ctx.published(change)
        except AccessDenied:
            raise deny_as_missing(self._ctx, "next_step.resolve", case_id, missing) from None


def latest_screening(s: Session, case_id: int) -> dict[str, tuple[str, ...]]:
    """The answers of the case's most recently saved screening (signed or draft) as answer codes; {} if none."""
    raw = s.scalar(
        select(AssessmentRow.record_json)
        .where(AssessmentRow.case_id == case_id, AssessmentRow.checklist_id == SCREENING_ID)
        .order_by(AssessmentRow.updated_at.desc(), AssessmentRow.id.desc())
        .limit(1)
    )
    if raw is None:
        return {}
    try:
        answers = json.loads(raw).get("answers", {})
    except (ValueError, AttributeError):
        return {}
    if not isinstance(answers, dict):
        return {}
    return {str(k): rules.screening_codes(v) for k, v in answers.items() if rules.screening_codes(v)}


def _step_view(row: NextStepRow) -> NextStepView:
    rule = rules.rule_by_id(row.rule_id)
    return NextStepView(
        id=row.id,
        case_id=row.case_id,
        rule_id=row.rule_id,
        priority=rule.priority if rule else "stod",
        title=rule.title if rule else LocalizedText.of(row.rule_id),  # a rule removed since: its id, not nothing
        detail=rule.detail if rule else None,
        warning=rule.warning if rule else None,
        checklist=rule.checklist if rule else "",
        target=rule.target if rule else "",
        requires_legal_basis=bool(rule and rule.requires_legal_basis),
        status=row.status,
        reason=row.reason,
        postponed_to=row.postponed_to,
    )
