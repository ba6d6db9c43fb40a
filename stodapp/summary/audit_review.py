"""Audit review for supervisors/administrators: sample, protected persons, break-the-glass, outside caseload.

The review prints the chain's head hash and row count for anchoring outside the laptop (D4); the review itself
is audited before the head is taken, so the printed anchor covers it. Only ids, users, actions and times are
shown, never case content; break-the-glass reasons are shown because the reviewer has to judge them.

"Outside the caseload" judges each access against the assignment that existed when it happened, taken from the
audit chain itself (`case.create` assigns the creator, `case.assign` names the assignee as `user:<id>`), so a
later assignment cannot excuse an earlier access. Assignments with no audit trail at all (seeded demo data) count
from the start.
"""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text

from stodapp.auth import Role
from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.labels import person_label
from stodapp.service import ServiceContext
from stodapp.summary.audit_review_models import AuditReviewReport, ReviewEvent

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_DAY = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
CASE_READS = ("case.view", "case.view_glass", "case.break_glass", "case.export", "case.status", "case.assign")


def parse_day(value: str, *, end: bool) -> date:
    """YYYY-MM-DD, or YYYY-MM meaning the month's first (or, for `end`, last) day."""
    text_value = value.strip()
    if not _DAY.match(text_value):
        raise UserInputError(_('Ogiltigt datum "{v}": skriv ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM.').format(v=value[:20]))
    try:
        if len(text_value) == 7:
            first = date(int(text_value[:4]), int(text_value[5:7]), 1)
            if not end:
                return first
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date.fromisoformat(text_value)
    except ValueError:
        raise UserInputError(_('Ogiltigt datum "{v}".').format(v=value[:20])) from None


def _utc_stamp(day: date) -> str:
    local = datetime.combine(day, time(0, 0), tzinfo=STOCKHOLM)
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _exists(session: Any, name: str) -> bool:
    q = text("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = :n")
    return session.execute(q, {"n": name}).first() is not None


def _as_review(e: Any, note: str = "", names: dict[str, str] | None = None) -> ReviewEvent:
    return ReviewEvent(
        id=e.id,
        at=e.at,
        username=e.username,
        display_name=(names or {}).get(e.username, ""),
        role=e.role,
        action=e.action,
        record_type=e.record_type,
        record_id=e.record_id,
        note=note,
    )


def _nearest_reason(grants: list[tuple[datetime, str]], at: str) -> str:
    """The reason typed closest in time to the audited opening (they are written in one transaction)."""
    if not grants:
        return _("(skäl saknas)")
    when = datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return min(grants, key=lambda g: abs((g[0] - when).total_seconds()))[1]


def _assigned_from(session: Any) -> dict[tuple[str, int], int]:
    """(case id, user id) -> id of the first audit row that assigned the user (creation or assignment)."""
    from stodapp.store.tables import AuditRow

    out: dict[tuple[str, int], int] = {}
    rows = session.execute(
        select(AuditRow.id, AuditRow.action, AuditRow.record_id, AuditRow.user_id, AuditRow.purpose)
        .where(AuditRow.action.in_(("case.create", "case.assign")), AuditRow.record_type == "case")
        .order_by(AuditRow.id)
    )
    for row_id, action, record_id, user_id, purpose in rows:
        if action == "case.create":
            who = user_id
        else:
            tag = str(purpose or "")
            who = int(tag[5:]) if tag.startswith("user:") and tag[5:].isdigit() else None
        if who is not None:
            out.setdefault((str(record_id), int(who)), int(row_id))
    return out


def _was_assigned(
    assigned_from: dict[tuple[str, int], int], current: set[tuple[str, int]], case_id: str, user_id: int | None,
    event_id: int,
) -> bool:
    """Whether the user was assigned to the case before the audited event (its own assignment does not count)."""
    if user_id is None:
        return False
    first = assigned_from.get((case_id, user_id))
    if first is None:
        return (case_id, user_id) in current  # assigned without any audit trail (seeded): from the start
    return first < event_id


class AuditReviewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def review(self, first: str, last: str, *, sample_size: int = 20, seed: int | None = None) -> AuditReviewReport:
        from stodapp import audit
        from stodapp.cases.tables import CaseAssignmentRow, PersonRow
        from stodapp.store.tables import UserRow

        self._ctx.require("audit.review")
        today = self._ctx.clock.now().astimezone(STOCKHOLM).date()
        d1, d2 = parse_day(first, end=False), parse_day(last, end=True)
        if d1 > d2:
            raise UserInputError(_("Perioden är tom: från-datumet ligger efter till-datumet."))
        if d1 > today:
            raise UserInputError(_("Perioden ligger i framtiden."))
        if not 0 <= sample_size <= 500:
            raise UserInputError(_("Stickprovet måste vara 0–500 händelser."))
        since, until = _utc_stamp(d1), _utc_stamp(d2 + timedelta(days=1))
        with self._ctx.session() as s:
            events = audit.events(s, since, until)
            protected_persons = {
                str(pid) for pid in s.scalars(select(PersonRow.id).where(PersonRow.protected_identity))
            }
            protected_cases = {
                str(cid) for cid in s.scalars(select(PersonRow.case_id).where(PersonRow.protected_identity).distinct())
            }
            current = {(str(c), u) for c, u in s.execute(select(CaseAssignmentRow.case_id, CaseAssignmentRow.user_id))}
            assigned_from = _assigned_from(s)
            names = {u: d for u, d in s.execute(select(UserRow.username, UserRow.display_name)) if d}
            # A typed break-the-glass reason may describe the case: supervisors read it, administrators
            # (who see no case content, D1) only see that a reason was given.
            if self._ctx.principal.role is Role.SUPERVISOR:
                reasons = self._break_glass_reasons(s, since, until)
            else:
                reasons = {}
            rng = random.Random(seed) if seed is not None else random.SystemRandom()
            sample = sorted(rng.sample(events, min(sample_size, len(events))), key=lambda e: e.id)
            protected = [
                _as_review(e, _("skyddad identitet"), names)
                for e in events
                if (e.record_type == "person" and e.record_id in protected_persons)
                or (e.record_type == "case" and e.record_id in protected_cases)
                or "reveal" in e.action
            ]
            glass = [e for e in events if "break_glass" in e.action and not e.action.endswith("_review")]
            glass_rows = [
                _as_review(e, _nearest_reason(reasons.get((e.record_id, e.user_id or 0), []), e.at)
                           if reasons else _("skäl angivet (visas för arbetsledare)"), names)
                for e in glass
            ]
            outside = [
                _as_review(e, _("ej tilldelad"), names)
                for e in events
                if e.record_type == "case"
                and e.record_id.isdigit()
                and e.action in CASE_READS
                and e.role == "handlaggare"
                and not _was_assigned(assigned_from, current, e.record_id, e.user_id, e.id)
            ]
            self._ctx.audit(s, "audit.review", "audit", f"{d1.isoformat()}..{d2.isoformat()}")
            s.flush()
            check = audit.verify(s, self._ctx.db.audit_key)
        return AuditReviewReport(
            first_day=d1.isoformat(),
            last_day=d2.isoformat(),
            produced_at=self._ctx.clock.now().astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M"),
            reviewer=person_label(names.get(self._ctx.principal.username, ""), self._ctx.principal.username),
            events_in_period=len(events),
            sample=tuple(_as_review(e, "", names) for e in sample),
            protected=tuple(protected),
            break_glass=tuple(glass_rows),
            outside_caseload=tuple(outside),
            chain_ok=check.ok,
            chain_count=check.count,
            chain_head=check.head,
            first_bad_index=check.first_bad_index,
        )

    @staticmethod
    def _break_glass_reasons(session: Any, since: str, until: str) -> dict[tuple[str, int], list[tuple[datetime, str]]]:
        """Reasons typed at break-the-glass openings, keyed by (case id, user id), with their times."""
        try:
            from stodapp.cases.casework_tables import AccessGrantRow
        except ImportError:
            return {}
        if not _exists(session, AccessGrantRow.__tablename__):
            return {}
        out: dict[tuple[str, int], list[tuple[datetime, str]]] = {}
        for g in session.scalars(select(AccessGrantRow).where(AccessGrantRow.kind == "break_glass")):
            at = g.at if g.at.tzinfo else g.at.replace(tzinfo=UTC)
            out.setdefault((str(g.case_id), int(g.user_id)), []).append((at, " ".join(str(g.reason).split())[:200]))
        return out

    def pdf(self, report: AuditReviewReport) -> bytes:
        self._ctx.require("audit.review")
        from stodapp.summary.audit_review_pdf import render

        return render(report)
