"""Demo filler: fictional notes, asking events, next steps, reviews, safety plans and sharing entries."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from stodapp.calendar_se import local_date
from stodapp.cases import next_steps as rules
from stodapp.cases.casework_tables import AskingEventRow, NextStepRow, NoteRow, ReviewRow, SafetyPlanRow, SharingRow
from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow

if TYPE_CHECKING:
    from stodapp.service import ServiceContext

NOTES = (
    "Första samtal. Personen berättar om kontrollerande beteende i relationen (fiktivt exempel).",
    "Telefonkontakt. Personen kunde prata ostört; vi bokade ett nytt möte på kontoret.",
    "Samtal om barnens situation och skolans kontaktperson. Orosanmälan diskuterad.",
    "Stödsamtal. Personen vill ha information om skyddat boende och ekonomiskt bistånd.",
    "Uppföljning: läget lugnare, säkerhetsplanen gås igenom igen om två veckor.",
    "Tolk via telefon. Samma tolk som förra gången, enligt personens önskemål.",
)
MAX_CASES = 200


def fill(ctx: ServiceContext, seed: int) -> None:
    """Adds follow-up records to (at most MAX_CASES of) the demo cases; deterministic per seed."""
    rng = random.Random(seed * 31 + 5)
    db = ctx.db
    now = ctx.clock.now()
    today = local_date(now)
    with db.session() as s:
        cases = s.execute(select(CaseRow.id, CaseRow.opened_at).order_by(CaseRow.id).limit(MAX_CASES)).all()
        for case_id, opened in cases:
            worker = s.scalar(select(CaseAssignmentRow.user_id).where(CaseAssignmentRow.case_id == case_id))
            if worker is None:
                continue
            persons = s.scalars(select(PersonRow).where(PersonRow.case_id == case_id)).all()
            main = next((p for p in persons if p.role == "stodsokande"), None)
            opened_utc = opened if opened.tzinfo else opened.replace(tzinfo=UTC)
            at = min(opened_utc, now - timedelta(days=30))
            for i in range(rng.randint(1, 4)):
                s.add(
                    NoteRow(
                        case_id=case_id, author_id=worker, created_at=at + timedelta(days=i * 3), body=rng.choice(NOTES)
                    )
                )
            asked_on = local_date(at) + timedelta(days=1)
            answer = rng.choice(["ja", "ja", "nej", "avbojt"])
            channel = rng.choice(["besok", "telefon", "video"])
            event = AskingEventRow(
                case_id=case_id,
                person_id=main.id if main else None,
                subject="utsatt",
                asked_on=asked_on,
                channel=channel,
                trigger=rng.choice(["rutin", "rutin", "indikation"]),
                indication="",
                checklist_id="se.stodapp.vinr.screening",
                answer=answer,
                reason="Ville inte prata om det just nu" if answer == "avbojt" else "",
                action="Informerade om stöd och kvinnojour",
                remote=channel != "besok",
                safety_check="kan_tala" if channel != "besok" else "",
                support_info_given=True,
                recorded_by=worker,
                recorded_at=at,
            )
            if event.trigger == "indikation":
                event.indication = "Synliga blåmärken vid besöket (fiktivt)"
            s.add(event)
            s.flush()
            if answer == "ja":
                _steps(s, rng, case_id, event, persons, at)
                s.add(
                    ReviewRow(
                        case_id=case_id,
                        kind="riskbedomning",
                        trigger="planerad",
                        due_on=today + timedelta(days=rng.randint(-20, 60)),
                        created_at=at,
                    )
                )
                if rng.random() < 0.5:
                    _plan(s, case_id, main.id if main else None, worker, at, today + timedelta(days=30))
                if rng.random() < 0.2:
                    s.add(
                        SharingRow(
                            case_id=case_id,
                            direction=rng.choice(["till_polis", "fran_polis"]),
                            shared_on=asked_on + timedelta(days=2),
                            what="Farlighetsbedömning",
                            basis="lagstod",
                            legal_ref="10 kap. 21 § OSL (exempel)",
                            decided_by="Arbetsledare (demo)",
                            recorded_by=worker,
                            recorded_at=at,
                        )
                    )
        ctx.audit(s, "demo.fill", "case", purpose="ärendeuppföljning")


def _steps(s: object, rng: random.Random, case_id: int, event: AskingEventRow, persons: object, at: datetime) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    people = list(persons)  # type: ignore[call-overload]
    groups: set[str] = set()
    for p in people:
        groups.update(json.loads(p.details or "{}").get("groups", ()))
    facts = rules.Facts(
        answer="ja", subject="utsatt", children=any(p.role == "barn" for p in people), groups=frozenset(groups)
    )
    for rule in rules.suggest(facts):
        status = rng.choice(["oppen", "oppen", "klar", "avbojd"])
        reason = {
            "klar": "Samtycke från personen" if rule.requires_legal_basis else "",
            "avbojd": "Redan gjort av annan enhet",
        }.get(status, "")
        s.add(
            NextStepRow(
                case_id=case_id, asking_event_id=event.id, rule_id=rule.id, status=status, reason=reason, created_at=at
            )
        )


def _plan(s: object, case_id: int, person_id: int | None, worker: int, at: datetime, review: date) -> None:
    from sqlalchemy.orm import Session

    assert isinstance(s, Session)
    body = {
        "risk_situations": ["När barnen lämnas över", "Sena kvällar"],
        "own_actions": ["Har telefonen laddad", "Packad väska hos en vän"],
        "helpers": ["Syster (fiktiv)", "Granne (fiktiv)"],
        "contacts": ["Kvinnojouren (exempel)", "112"],
        "children_plan": "Skolan vet vem som får hämta.",
    }
    s.add(
        SafetyPlanRow(
            case_id=case_id,
            person_id=person_id,
            body=json.dumps(body, ensure_ascii=False),
            review_on=review,
            created_at=at,
            created_by=worker,
        )
    )
    s.add(ReviewRow(case_id=case_id, kind="sakerhetsplan", trigger="planerad", due_on=review, created_at=at))
