"""CaseService: create, assign, list (keyset pages), open, break the glass, search, export; sub-services.

cases = CaseService(ctx, reauth=reauthenticate)   # the facade passes Core.reauthenticate
change = cases.create_case(); case_id = int(change.ids[0])
cases.persons.add(case_id, PersonInput(...)); cases.notes.add(case_id, "...")
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import func, select

from stodapp.calendar_se import local_date, local_month
from stodapp.cases import search as case_search
from stodapp.cases.casework_tables import AccessGrantRow
from stodapp.cases.followup import FollowUpService
from stodapp.cases.guard import case_session, check_reason, guarded, is_assigned, require_assigned
from stodapp.cases.housing import HousingService
from stodapp.cases.models import (
    BreakGlassEntry,
    CaseFilter,
    CaseJournal,
    CaseListItem,
    CasePage,
    CaseScreen,
    CaseView,
    Matched,
    PersonInput,
    SearchHit,
)
from stodapp.cases.notes import NoteService
from stodapp.cases.persons import PersonService, persons_of
from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow
from stodapp.changes import Change
from stodapp.errors import AccessDenied, NotFound, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.store.tables import UserRow

PAGE = 50


class CaseService:
    def __init__(self, ctx: ServiceContext, reauth: Callable[[str], None] | None = None) -> None:
        from stodapp.cases.conversation import AskingService

        self._ctx = ctx
        self.persons = PersonService(ctx, reauth)
        self.notes = NoteService(ctx)
        self.asking = AskingService(ctx)
        self.followup = FollowUpService(ctx)
        self.housing = HousingService(ctx)

    def today(self) -> date:
        return self._ctx.today()

    # ---- cases ---------------------------------------------------------------------------------------------
    def create_case(self, unit: str = "") -> Change:
        """A new case numbered VNR-<year>-<nnnnnn>, assigned to its creator."""
        self._ctx.require("case.create")
        now = self._ctx.clock.now()
        with self._ctx.session() as s:
            next_id = (s.scalar(select(func.max(CaseRow.id))) or 0) + 1
            row = CaseRow(
                id=next_id,
                case_no=f"VNR-{local_date(now).year}-{next_id:06d}",
                status="open",
                unit=unit.strip(),
                opened_at=now,
                opened_month=local_month(now),
                last_entry_at=now,
                created_by=self._ctx.principal.user_id,
            )
            s.add(row)
            s.flush()
            s.add(CaseAssignmentRow(case_id=row.id, user_id=self._ctx.principal.user_id))
            self._ctx.audit(s, "case.create", "case", str(row.id))
            return self._ctx.published(Change(area="cases", action="created", ids=(str(row.id),)))

    def create_with_person(self, person: PersonInput, preferred_language: str | None = None,
                           unit: str = "") -> Change:
        """A new case with the person it is about (and her language for printouts) in one transaction.

        Nothing is saved when any part is refused (e.g. a personnummer that fails its check). Returns the
        case's `created` change; the person's change is published with it after the commit."""
        self._ctx.require("case.create")
        self._ctx.require("case.write")
        with self._ctx.db.transaction(), self._ctx.session():  # the steps' own sessions join this one
            change = self.create_case(unit)
            case_id = int(change.ids[0])
            self.persons.add(case_id, person)
            if preferred_language is not None:
                self.set_preferred_language(case_id, preferred_language)
        return change

    def assign(self, case_id: int, username: str) -> Change:
        """Add a caseworker to a case the signed-in caseworker is assigned to."""
        self._ctx.require("case.write")
        try:
            with self._ctx.session() as s:
                require_assigned(self._ctx, s, case_id)  # not a break-the-glass grant
                user = s.scalar(select(UserRow).where(UserRow.username == username.strip()))
                if user is None or user.disabled or user.role != "handlaggare":
                    raise UserInputError(_("Ärenden kan bara tilldelas aktiva handläggare."))
                if not is_assigned(s, case_id, user.id):
                    s.add(CaseAssignmentRow(case_id=case_id, user_id=user.id))
                self._ctx.audit(s, "case.assign", "case", str(case_id), purpose=f"user:{user.id}")
                return self._ctx.published(Change(area="cases", action="assigned", ids=(str(case_id),)))
        except AccessDenied as err:
            raise guarded(self._ctx, "case.assign", case_id)(err) from None

    def set_status(self, case_id: int, status: str) -> Change:
        self._ctx.require("case.write")
        if status not in ("open", "closed"):
            raise UserInputError(_("Okänd status: {s}.").format(s=status))
        with case_session(self._ctx, case_id, "case.status") as (s, row, _glass):
            now = self._ctx.clock.now()
            row.status, row.closed_at, row.last_entry_at = (
                status,
                (now if status == "closed" else None),
                now,
            )
            self._ctx.audit(s, "case.status", "case", str(case_id), purpose=status)
            return self._ctx.published(Change(area="cases", action="updated", ids=(str(case_id),)))

    def list_cases(self, after: int | None = None, limit: int = PAGE) -> CasePage:
        """One page of the user's cases, newest first; pass `next_after` back for the next page."""
        self._ctx.require("case.read")
        limit = max(1, min(limit, 500))
        uid = self._ctx.principal.user_id
        with self._ctx.session() as s:
            q = (
                select(CaseRow.id, CaseRow.case_no, CaseRow.status, CaseRow.opened_at)
                .join(CaseAssignmentRow, CaseAssignmentRow.case_id == CaseRow.id)
                .where(CaseAssignmentRow.user_id == uid)
            )
            if after is not None:
                q = q.where(CaseAssignmentRow.case_id < after)
            rows = s.execute(q.order_by(CaseAssignmentRow.case_id.desc()).limit(limit + 1)).all()
            total = (
                s.scalar(select(func.count()).select_from(CaseAssignmentRow).where(CaseAssignmentRow.user_id == uid))
                or 0
            )
            page = rows[:limit]
            names = _main_persons(s, [r.id for r in page])
            self._ctx.audit_shown(s, "case.list", "case", [r.id for r in page])
        items = tuple(
            CaseListItem(
                id=r.id,
                case_no=r.case_no,
                status=r.status,
                opened_at=r.opened_at,
                main_person=names.get(r.id, ""),
            )
            for r in page
        )
        return CasePage(rows=items, next_after=page[-1].id if len(rows) > limit else None, total=int(total))

    def open_case(self, case_id: int) -> CaseView:
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "case.view") as (s, row, glass):
            view = self._view(s, row, glass)
            self._ctx.audit(s, "case.view_glass" if glass else "case.view", "case", str(case_id))
            return view

    def open_screen(self, case_id: int) -> CaseScreen:
        """The open-case screen in one read: the case, its journal, the asking policy line, the latest asking
        events and the next steps, in one transaction with exactly one `case.view` audit row."""
        from stodapp.cases.conversation import policy_line

        with self._ctx.screen_read():
            case = self.open_case(case_id)
            policy = self.asking.policy(case.unit)
            return CaseScreen(case=case, notes=self.notes.list(case_id),
                              policy_line=policy_line(policy, self.asking.asking_due(case_id, policy)),
                              next_steps=self.asking.next_steps(case_id), asking=self.asking.history(case_id))

    def open_journal(self, case_id: int) -> CaseJournal:
        """The case and its journal in one transaction with one `case.view` audit row (as on the server)."""
        with self._ctx.screen_read():
            return CaseJournal(case=self.open_case(case_id), notes=self.notes.list(case_id))

    def break_glass(self, case_id: int, reason: str) -> CaseView:
        """Open a case one is not assigned to, with a typed reason a supervisor later reviews."""
        self._ctx.require("case.break_glass")
        text_reason = check_reason(reason)
        with self._ctx.session() as s:
            row = s.get(CaseRow, case_id)
            if row is None:
                raise NotFound(_("Ärendet finns inte."))
            s.add(
                AccessGrantRow(
                    kind="break_glass",
                    case_id=case_id,
                    user_id=self._ctx.principal.user_id,
                    at=self._ctx.clock.now(),
                    reason=text_reason,
                )
            )
            self._ctx.audit(s, "case.break_glass", "case", str(case_id))
            return self._view(s, row, glass=True)

    def break_glass_log(self, limit: int = 200) -> list[BreakGlassEntry]:
        """For supervisors: every break-the-glass opening with its reason, newest first."""
        self._ctx.require("audit.review")
        with self._ctx.session() as s:
            rows = s.execute(
                select(AccessGrantRow, CaseRow.case_no, UserRow.username)
                .join(CaseRow, CaseRow.id == AccessGrantRow.case_id)
                .join(UserRow, UserRow.id == AccessGrantRow.user_id)
                .where(AccessGrantRow.kind == "break_glass")
                .order_by(AccessGrantRow.id.desc())
                .limit(limit)
            ).all()
            self._ctx.audit(s, "case.break_glass_review", "case")
            return [
                BreakGlassEntry(id=g.id, case_no=no, username=name, at=g.at, reason=g.reason) for g, no, name in rows
            ]

    def set_preferred_language(self, case_id: int, lang: str | None) -> Change:
        """Record the language the client wants her papers in (a client language code, or None to clear)."""
        from stodapp.client_lang.languages import LANGUAGES

        self._ctx.require("case.write")
        if lang is not None and lang not in LANGUAGES:
            known = ", ".join(LANGUAGES)
            raise UserInputError(_("Okänt språk: {lang} (kända: {known}).").format(lang=lang, known=known))
        with case_session(self._ctx, case_id, "case.language") as (s, row, _glass):
            row.preferred_language = lang
            row.last_entry_at = self._ctx.clock.now()
            self._ctx.audit(s, "case.language", "case", str(case_id))
            return Change(area="cases", action="updated", ids=(str(case_id),))

    def _view(self, s: Any, row: CaseRow, glass: bool) -> CaseView:
        workers = s.scalars(
            select(UserRow.username)
            .join(CaseAssignmentRow, CaseAssignmentRow.user_id == UserRow.id)
            .where(CaseAssignmentRow.case_id == row.id)
            .order_by(UserRow.username)
        ).all()
        return CaseView(
            id=row.id,
            case_no=row.case_no,
            status=row.status,
            unit=row.unit,
            opened_at=row.opened_at,
            closed_at=row.closed_at,
            caseworkers=tuple(workers),
            persons=tuple(persons_of(s, row.id)),
            via_break_glass=glass,
            preferred_language=row.preferred_language,
        )

    # ---- search --------------------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Case number, personnummer (whole or prefix), names (any word, any order) and note full text; only the
        user's cases (`stodapp.cases.search`)."""
        self._ctx.require("case.read")
        q = clean_query(query)
        with self._ctx.session() as s:
            shown = case_search.find(s, self._ctx.principal.user_id, q, limit)
            self._ctx.audit_shown(s, "case.search", "case", [h.case_id for h in shown])  # ids, never the query
        return shown

    def filter_cases(self, query: str, limit: int = 200) -> CaseFilter:
        """The case list narrowed to what `search` finds: each matching case once, as a list row (newest first)
        with what matched. One transaction; one `case.search` audit row set with the ids shown, never the query."""
        self._ctx.require("case.read")
        q = clean_query(query)
        with self._ctx.session() as s:
            hits, capped = case_search.find_all(s, self._ctx.principal.user_id, q, limit)
            matched: dict[int, list[Matched]] = {}
            for h in hits:
                matched.setdefault(h.case_id, []).append(h.matched)
            ids = sorted(list(matched)[:limit], reverse=True)  # the best `limit` cases, shown newest first
            rows = s.execute(select(CaseRow.id, CaseRow.case_no, CaseRow.status, CaseRow.opened_at)
                             .where(CaseRow.id.in_(ids))).all()
            names = _main_persons(s, ids)
            self._ctx.audit_shown(s, "case.search", "case", ids)  # ids, never the query
        by_id = {r.id: r for r in rows}
        items = tuple(CaseListItem(id=i, case_no=by_id[i].case_no, status=by_id[i].status,
                                   opened_at=by_id[i].opened_at, main_person=names.get(i, ""),
                                   matched=tuple(matched[i])) for i in ids)
        return CaseFilter(query=q, rows=items, truncated=capped or len(matched) > limit)

    # ---- export --------------------------------------------------------------------------------------------
    def export_case(self, case_id: int) -> dict[str, Any]:
        """A JSON-ready export of the case (protected addresses masked: reveal is never part of an export)."""
        self._ctx.require("case.read")
        self._ctx.require_recent_auth(_("exportera ärendet"))
        view = self.open_case(case_id)
        notes = self.notes.list(case_id)
        with self._ctx.session() as s:
            self._ctx.audit(s, "case.export", "case", str(case_id))
        return {
            "case": view.model_dump(mode="json"),
            "notes": [n.model_dump(mode="json") for n in notes],
            "asking": [e.model_dump(mode="json") for e in self.asking.events(case_id)],
            "next_steps": [n.model_dump(mode="json") for n in self.asking.next_steps(case_id)],
        }


def clean_query(query: str) -> str:
    """A search query with its whitespace collapsed (both store backends), or one UserInputError."""
    q = " ".join(query.split())
    if len(q) < 2:
        raise UserInputError(_("Skriv minst två tecken att söka på."))
    return q


def _main_persons(s: Any, case_ids: list[int]) -> dict[int, str]:
    if not case_ids:
        return {}
    rows = s.execute(
        select(PersonRow.case_id, PersonRow.given_name, PersonRow.family_name, PersonRow.role)
        .where(PersonRow.case_id.in_(case_ids))
        .order_by(PersonRow.id)
    ).all()
    out: dict[int, str] = {}
    primary: dict[int, str] = {}
    for case_id, given, family, role in rows:
        name = f"{given} {family}"
        if role == "stodsokande":
            primary.setdefault(case_id, name)
        out.setdefault(case_id, name)
    out.update(primary)
    return out
