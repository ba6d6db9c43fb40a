"""Cases on the server backend: the local `CaseService`'s methods and view models over encrypted rows.

Everything a person typed is validated by the very functions the local store uses (`person_values`, `check_note`,
`clean_query`), then encrypted on this machine (`FieldCipher`, bound to table, column and `<case id>/<row id>`)
before it is sent. Search runs on keyed blind indexes computed here: personnummer exact (all 12 digits; a 10-digit
query tries both centuries, as the local search does), names by whole word and by the last word's prefix after
the same NFC + casefold normalisation as the local FTS5 search (å/ä/ö kept apart from a/o). Notes are not
searchable on the server (docs/server-mode.md).

Row-level security decides which rows the server returns; the role policy (`stodapp.access`) is checked first as on
the local store. A case the user may not open and a case that does not exist look the same from here.

Every write runs through `ServerStore.write` (one transaction with its idempotency receipt and its audit row).
Editable records carry a version: `set_status` and `persons.update` name the version they read, and a stale one is
refused whole with `Conflict` ("Någon annan har ändrat … — ladda om"), so neither writer's change is lost.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import exists, func, insert, select, update

from stodapp.calendar_se import local_date, local_month
from stodapp.cases.models import (
    CaseJournal,
    CaseListItem,
    CasePage,
    CaseView,
    Matched,
    SearchHit,
)
from stodapp.cases.service import clean_query
from stodapp.changes import Change
from stodapp.errors import Conflict, UserInputError
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.notes import ServerNotes
from stodapp.server.persons import ServerPersons
from stodapp.server.service_base import CaseNotVisible, ServerServiceBase
from stodapp.server.store import ServerStore
from stodapp.text_input import clean_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

PAGE = 50
_CASE_NO = re.compile(r"^[A-ZÅÄÖ]{2,5}-\d")
_PNR = re.compile(r"^\d[\d-]*$")
_TOP = "\U0010ffff"
_WHOLE = re.compile(r"^(\d{6}|\d{8})-?(\d{4})$")


def _whole_number(q: str) -> str | None:
    """The digits of a whole personnummer as typed (YYYYMMDD-NNNN, YYMMDD-NNNN, with or without the dash)."""
    m = _WHOLE.match(q)
    return m.group(1) + m.group(2) if m else None


def _persons_with_all(s: Session, terms: list[bytes], limit: int) -> list[int]:
    """Persons holding every term: the first term's index range drives (whole words come before the prefix, and
    are the more selective), each other term is one primary-key probe, and LIMIT stops the walk early — so a
    common prefix matching thousands of persons costs `limit` rows, not a GROUP BY over all of them."""
    pt = t.person_terms
    driver, *rest = terms
    q = select(pt.c.person_id).where(pt.c.term == driver)
    for term in rest:
        other = pt.alias()
        q = q.where(exists().where(other.c.term == term, other.c.person_id == pt.c.person_id))
    return [int(v) for v in s.scalars(q.limit(limit))]


class ServerCaseService(ServerServiceBase):
    """The server backend's `stodapp.cases.backend.CasesApi`."""

    def __init__(self, store: ServerStore) -> None:
        super().__init__(store)
        self._persons = ServerPersons(store)
        self._notes = ServerNotes(store)

    @property
    def persons(self) -> ServerPersons:
        return self._persons

    @property
    def notes(self) -> ServerNotes:
        return self._notes

    def today(self) -> date:
        return local_date(self._store.clock.now())

    # ---- cases ---------------------------------------------------------------------------------------------
    def create_case(self, unit: str = "", *, op_id: str | None = None) -> Change:
        """A new case numbered VNR-<year>-<nnnnnn>, assigned to its creator (by the server's trigger)."""
        self._require("case.create")
        unit = clean_text(unit, field=_("Enhet"), max_len=80, required=False)
        now = self._store.clock.now()

        def body(s: Session) -> tuple[str, None]:
            case_id = int(s.execute(select(t.case_id_seq.next_value())).scalar_one())
            s.execute(insert(t.cases).values(
                id=case_id, case_no=f"VNR-{local_date(now).year}-{case_id:06d}", status="open", unit=unit,
                opened_at=now, opened_month=local_month(now), last_entry_at=now,
                created_by=self._store.principal.user_id, version=1))
            self._store.audit(s, "case.create", "case", str(case_id))
            return str(case_id), None

        case_id = self._write(op_id, "case.create", body)
        return Change(area="cases", action="created", ids=(case_id,))

    def set_status(self, case_id: int, status: str, *, version: int, op_id: str | None = None) -> Change:
        """Open or close a case if nobody changed it since `version` was read; else `Conflict`, nothing saved."""
        self._require("case.write")
        if status not in ("open", "closed"):
            raise UserInputError(_("Okänd status: {s}.").format(s=status))
        now = self._store.clock.now()

        def body(s: Session) -> tuple[str, None]:
            self._case(s, case_id)
            done = s.execute(
                update(t.cases).where(t.cases.c.id == case_id, t.cases.c.version == version)
                .values(status=status, closed_at=now if status == "closed" else None, last_entry_at=now,
                        version=t.cases.c.version + 1)
            )
            if done.rowcount != 1:  # type: ignore[attr-defined]
                raise Conflict(_("Någon annan har ändrat ärendet sedan du öppnade det — ladda om. Inget har sparats."))
            self._store.audit(s, "case.status", "case", str(case_id), purpose=status)
            return str(case_id), None

        try:
            self._write(op_id, "case.status", body)
        except CaseNotVisible:
            self._denied("case.status", case_id)
            raise
        return Change(area="cases", action="updated", ids=(str(case_id),))

    def list_cases(self, after: int | None = None, limit: int = PAGE) -> CasePage:
        """One page of the user's cases, newest first; pass `next_after` back for the next page."""
        self._require("case.read")
        limit = max(1, min(limit, 500))
        uid = self._store.principal.user_id
        a = t.case_assignments
        with self._store.session() as s:
            q = (select(t.cases.c.id, t.cases.c.case_no, t.cases.c.status, t.cases.c.opened_at)
                 .join(a, a.c.case_id == t.cases.c.id).where(a.c.user_id == uid))
            if after is not None:
                q = q.where(a.c.case_id < after)
            rows = s.execute(q.order_by(a.c.case_id.desc()).limit(limit + 1)).all()
            total = s.scalar(select(func.count()).select_from(a).where(a.c.user_id == uid)) or 0
            page = rows[:limit]
            names = self.main_persons(s, [r.id for r in page])
            self._audit_shown(s, "case.list", [r.id for r in page])
        items = tuple(CaseListItem(id=r.id, case_no=r.case_no, status=r.status, opened_at=r.opened_at,
                                   main_person=names.get(r.id, "")) for r in page)
        return CasePage(rows=items, next_after=page[-1].id if len(rows) > limit else None, total=int(total))

    def open_case(self, case_id: int) -> CaseView:
        """The case with its persons: one transaction, one `case.view` audit row."""
        self._require("case.read")
        try:
            with self._store.session() as s:
                view = self._view(s, case_id)
                self._store.audit(s, "case.view", "case", str(case_id))
                return view
        except CaseNotVisible:
            self._denied("case.view", case_id)
            raise

    def open_journal(self, case_id: int) -> CaseJournal:
        """The case and its journal notes: one transaction, one `case.view` audit row."""
        self._require("case.read")
        try:
            with self._store.session() as s:
                view = self._view(s, case_id)
                notes = self._notes.read(s, case_id)
                self._store.audit(s, "case.view", "case", str(case_id))
                return CaseJournal(case=view, notes=notes)
        except CaseNotVisible:
            self._denied("case.view", case_id)
            raise

    def _view(self, s: Session, case_id: int) -> CaseView:
        row = self._case(s, case_id)
        a = t.case_assignments
        workers = s.scalars(select(t.users.c.username).join(a, a.c.user_id == t.users.c.id)
                            .where(a.c.case_id == case_id).order_by(t.users.c.username)).all()
        persons = self._person_views(s, [case_id]).get(case_id, [])
        return CaseView(id=row.id, case_no=row.case_no, status=row.status, unit=row.unit, opened_at=row.opened_at,
                        closed_at=row.closed_at, caseworkers=tuple(workers), persons=tuple(persons),
                        version=row.version)

    # ---- search --------------------------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Case number, personnummer (the whole number) and names (every word, the last as a prefix), over the
        cases the server lets this user see. Audited by the ids shown, never the query."""
        self._require("case.read")
        q = clean_query(query)
        limit = max(1, min(limit, 500))
        hits: dict[tuple[int, str], SearchHit] = {}

        def add(case_id: int, case_no: str, matched: Matched, person: str = "") -> None:
            hits.setdefault((case_id, matched), SearchHit(case_id=case_id, case_no=case_no, matched=matched,
                                                          person=person))

        pnr_shaped = bool(_PNR.match(q))
        whole = _whole_number(q) if pnr_shaped else None
        if pnr_shaped and whole is None and not (q.isdigit() and len(q) <= 6):
            raise UserInputError(
                _("På servern söks personnummer på hela numret: skriv ÅÅÅÅMMDD-NNNN (eller ÅÅMMDD-NNNN).")
            )
        c, p = t.cases, t.persons
        with self._store.session() as s:
            if q.isdigit() and len(q) >= 3:  # the serial part of a case number ("000060" in VNR-2026-000060)
                for r in s.execute(select(c.c.id, c.c.case_no).where(c.c.case_no.like(f"%-{q}%"))
                                   .order_by(c.c.id.desc()).limit(limit)):
                    add(r.id, r.case_no, "arendenummer")
            if whole is not None:
                rows = s.execute(select(p, c.c.case_no).join(c, c.c.id == p.c.case_id)
                                 .where(p.c.pnr_idx.in_(self._store.index.personnummer_query(whole)))
                                 .order_by(p.c.id).limit(limit))
                for r in rows:
                    add(r.case_id, r.case_no, "personnummer", self._names(r))
            elif not pnr_shaped:
                if _CASE_NO.match(q.upper()):
                    up = q.upper()
                    for r in s.execute(select(c.c.id, c.c.case_no).where(c.c.case_no >= up, c.c.case_no < up + _TOP)
                                       .order_by(c.c.case_no).limit(limit)):
                        add(r.id, r.case_no, "arendenummer")
                terms = self._store.index.query_terms(q)
                if terms:
                    rows = s.execute(select(p, c.c.case_no).join(c, c.c.id == p.c.case_id)
                                     .where(p.c.id.in_(_persons_with_all(s, terms, limit))).order_by(p.c.id))
                    for r in rows:
                        add(r.case_id, r.case_no, "namn", self._names(r))
            shown = list(hits.values())[:limit]
            self._audit_shown(s, "case.search", [h.case_id for h in shown])
        return shown

    # ---- helpers -------------------------------------------------------------------------------------------
    def main_persons(self, s: Session, case_ids: list[int]) -> dict[int, str]:
        """The name the case list shows per case: the stödsökande's, else the first person's."""
        if not case_ids:
            return {}
        rows = s.execute(select(t.persons).where(t.persons.c.case_id.in_(case_ids)).order_by(t.persons.c.id))
        out: dict[int, str] = {}
        primary: dict[int, str] = {}
        for row in rows:
            name = self._names(row)
            if row.role == "stodsokande":
                primary.setdefault(row.case_id, name)
            out.setdefault(row.case_id, name)
        out.update(primary)
        return out

    def _audit_shown(self, s: Session, action: str, ids: list[int]) -> None:
        from stodapp.audit import id_chunks

        shown = len(set(ids))
        for chunk in id_chunks(ids) or [""]:
            self._store.audit(s, action, "case", chunk, purpose=f"{shown} visade")
