"""RetentionService: dry-run report (counts only), culling (audited with counts only), retention holds.

    svc = RetentionService(core.ctx)
    report = svc.report()                      # administrator: what would be culled today, counts only
    change = svc.cull(expected=report.to_cull) # deletes due, un-held cases with every dependent row
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from stodapp.access import allowed
from stodapp.calendar_se import local_date
from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.changes import Change
from stodapp.errors import NotFound, UserInputError
from stodapp.i18n import _
from stodapp.retention.cull import delete_cases
from stodapp.retention.rules import RetentionPolicy, policy_on
from stodapp.retention.tables import RetentionHoldRow
from stodapp.service import ServiceContext

RESEARCH = "forskningsurval"


class RetentionReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    on: date
    rule: str
    provision_confirmed: bool
    cases_total: int
    due: int  # last entry at least `years` ago
    overdue: int  # past the end of the following calendar year: must be culled now
    held: dict[str, int]  # kept by reason (a case with several reasons counts once, under its first reason)
    to_cull: int
    next_due: date | None  # the earliest day a not-yet-due case becomes due


class HoldInfo(BaseModel):
    """One retention hold as the administrator's list shows it: which case, why, since when (no case content)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    case_id: int
    reason: str
    since: date


class CullResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    on: date
    cases: int
    rows: dict[str, int]
    wal_truncated: bool


def parse_day(text: str) -> date:
    """A culling date from the user (YYYY-MM-DD); one clear line otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserInputError(_("ogiltigt datum för gallring: {d} (använd ÅÅÅÅ-MM-DD)").format(d=repr(text.strip()[:20]))
                             ) from None


def _day(value: datetime | date) -> date:
    return local_date(value) if isinstance(value, datetime) else value


def _birth_day(row: tuple[date | None, str | None]) -> int | None:
    birth, pnr = row
    if birth is not None:
        return birth.day
    if pnr and len(pnr) >= 8 and pnr[6:8].isdigit():
        day = int(pnr[6:8])
        return day - 60 if day > 60 else day  # samordningsnummer: day + 60
    return None


class RetentionService:
    def __init__(self, ctx: ServiceContext, rules_folder: Path | None = None) -> None:
        self._ctx = ctx
        self._folder = rules_folder

    def policy(self, on: date | None = None) -> RetentionPolicy:
        return policy_on(on or self._ctx.today(), self._folder)

    def _classify(self, policy: RetentionPolicy) -> tuple[int, list[int], int, dict[str, int], date | None]:
        """(total, ids to cull, overdue, held per reason, next due date) — ids never leave the service."""
        with self._ctx.session() as s:
            cases = s.execute(select(CaseRow.id, CaseRow.last_entry_at)).all()
            due = {cid: _day(last) for cid, last in cases if policy.is_due(_day(last))}
            holds: dict[int, str] = {}
            for cid, reason in s.execute(select(RetentionHoldRow.case_id, RetentionHoldRow.reason)
                                         .order_by(RetentionHoldRow.id)):
                holds.setdefault(cid, reason)
            if policy.birth_days and due:
                rows = s.execute(select(PersonRow.case_id, PersonRow.birth_date, PersonRow.personnummer)
                                 .where(PersonRow.case_id.in_(list(due))))
                for cid, birth, pnr in rows:
                    if _birth_day((birth, pnr)) in policy.birth_days:
                        holds.setdefault(cid, RESEARCH)
        not_due = [policy.due_date(_day(last)) for cid, last in cases if cid not in due]
        held = Counter(holds[cid] for cid in due if cid in holds)
        doomed = sorted(cid for cid in due if cid not in holds)
        overdue = sum(1 for cid in doomed if policy.deadline(due[cid]) < policy.on)
        return len(cases), doomed, overdue, dict(sorted(held.items())), min(not_due, default=None)

    def subject_access(self, person_id: int) -> dict[str, Any]:
        """The registerutdrag of one person as a JSON-ready dict (see `subject_access.subject_access_export`)."""
        from stodapp.retention.subject_access import subject_access_export

        return subject_access_export(self._ctx, person_id)

    def report(self, on: date | None = None) -> RetentionReport:
        """The dry run: counts only, nothing deleted. Audited."""
        self._ctx.require("retention.manage")
        policy = self.policy(on)
        total, doomed, overdue, held, next_due = self._classify(policy)
        report = RetentionReport(
            on=policy.on, rule=policy.citation, provision_confirmed=policy.provision_confirmed, cases_total=total,
            due=len(doomed) + sum(held.values()), overdue=overdue, held=held, to_cull=len(doomed), next_due=next_due,
        )
        with self._ctx.session() as s:
            self._ctx.audit(s, "retention.report", "store", purpose=f"to_cull={report.to_cull} held="
                            f"{sum(held.values())} on={policy.on.isoformat()}")
        return report

    def cull(self, *, expected: int, on: date | None = None) -> CullResult:
        """Delete every due, un-held case with its dependent rows; `expected` is the dry run's `to_cull`.

        The deletion and its audit row (counts only) are one transaction; then free pages and the WAL are purged.
        """
        self._ctx.require("retention.manage")
        self._ctx.require_recent_auth(_("gallra ärenden"))
        today = self._ctx.today()
        on = on or today
        if on > today:
            raise UserInputError(
                _("gallring kan inte göras med ett framtida datum (använd rapporten för att se framåt)"))
        policy = self.policy(on)
        _total, doomed, _overdue, _held, _next = self._classify(policy)
        if len(doomed) != expected:
            raise UserInputError(_("{n} ärenden ska gallras, inte {e}; kör rapporten igen och bekräfta rätt antal")
                                 .format(n=len(doomed), e=expected))
        with self._ctx.session() as s:
            rows = delete_cases(s, doomed)
            self._ctx.audit(s, "retention.cull", "store", purpose=f"cases={len(doomed)} rows={sum(rows.values())} "
                            f"on={on.isoformat()}")
        truncated = self._ctx.db.purge_free_space()
        if doomed:  # views listing cases refresh (no ids: which cases went is not told to anyone)
            self._ctx.published(Change(area="cases", action="culled"))
        return CullResult(on=on, cases=len(doomed), rows=rows, wal_truncated=truncated)

    # ---- holds ---------------------------------------------------------------------------------------------
    def holds(self) -> list[HoldInfo]:
        """Every retention hold, oldest first (administrator). Audited by the case ids shown."""
        self._ctx.require("retention.manage")
        with self._ctx.session() as s:
            rows = s.execute(select(RetentionHoldRow.case_id, RetentionHoldRow.reason, RetentionHoldRow.created_at)
                             .order_by(RetentionHoldRow.created_at, RetentionHoldRow.id)).all()
            found = [HoldInfo(case_id=cid, reason=reason, since=_day(at)) for cid, reason, at in rows]
            self._ctx.audit_shown(s, "retention.holds", "case", [h.case_id for h in found])
        return found

    def _require_hold_rights(self, case_id: int) -> None:
        if allowed(self._ctx.principal, "retention.manage"):
            return
        self._ctx.require("case.write")
        from stodapp.cases.guard import check_case

        with self._ctx.session() as s:
            check_case(self._ctx, s, case_id)

    def hold(self, case_id: int, reason: str) -> Change:
        """Keep a case from culling (a 12:2 exception or a local archive decision)."""
        self._require_hold_rights(case_id)
        reasons = self.policy().all_reasons()
        if reason not in reasons:
            raise UserInputError(_("okänt skäl för undantag från gallring: {r} (giltiga: {valid})")
                                 .format(r=repr(reason[:40]), valid=", ".join(reasons)))
        with self._ctx.session() as s:
            if s.get(CaseRow, case_id) is None:
                raise NotFound(_("Ärendet finns inte."))
            exists = s.scalar(select(RetentionHoldRow.id).where(RetentionHoldRow.case_id == case_id,
                                                                RetentionHoldRow.reason == reason))
            if exists is None:
                s.add(RetentionHoldRow(case_id=case_id, reason=reason, created_at=self._ctx.clock.now(),
                                       created_by=self._ctx.principal.user_id))
            self._ctx.audit(s, "retention.hold", "case", str(case_id), purpose=reason)
        return self._ctx.published(Change(area="retention", action="held", ids=(str(case_id),)))

    def release(self, case_id: int, reason: str) -> Change:
        self._require_hold_rights(case_id)
        with self._ctx.session() as s:
            row = s.scalar(select(RetentionHoldRow).where(RetentionHoldRow.case_id == case_id,
                                                          RetentionHoldRow.reason == reason))
            if row is None:
                raise NotFound(_("Ärendet har inget sådant undantag från gallring."))
            s.delete(row)
            self._ctx.audit(s, "retention.release", "case", str(case_id), purpose=reason)
        return self._ctx.published(Change(area="retention", action="released", ids=(str(case_id),)))
