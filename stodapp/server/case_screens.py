"""ServerCaseScreens: what the GUI's cases area reads and writes on the unit's server.

The reads return the local store's pydantic view models (`CasePage`, `CaseFilter`, `CaseJournal`), so the list
widgets of the local cases area show them as they are; no ORM object or row leaves this module. Each write is
published on the session's change feed once it committed (the GUI's change bus refreshes by it) and carries the
caller's operation id, so a retry after a dropped connection is saved at most once.

The search is `ServerCaseService.search` (blind indexes: case number, whole personnummer, name words and the last
word's prefix); its hits become list rows the way the local `CaseService.filter_cases` makes them. The `case.search`
audit rows name the case ids shown, never the query.

The open case's safety plans are `safety_plans` (stodapp.server.safety_plan_screens), so the case view reaches
them from the screens it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from stodapp.cases.models import CaseFilter, CaseJournal, CaseListItem, CasePage, Matched
from stodapp.cases.service import clean_query
from stodapp.changes import Change
from stodapp.server import schema as t
from stodapp.server.cases import PAGE, ServerCaseService
from stodapp.server.safety_plan_screens import ServerSafetyPlanScreens
from stodapp.server.store import ServerStore, new_op_id


class ServerCaseScreens:
    def __init__(self, store: ServerStore, cases: ServerCaseService, publish: Callable[[Change], Change],
                 safety_plans: ServerSafetyPlanScreens) -> None:
        self._store = store
        self._cases = cases
        self._publish = publish
        self.safety_plans = safety_plans

    def today(self) -> date:
        return self._cases.today()

    @staticmethod
    def new_op_id() -> str:
        """An operation id for one write the user asked for; pass the same one again to retry that write."""
        return new_op_id()

    # ---- reads ---------------------------------------------------------------------------------------------
    def list_cases(self, after: int | None = None, limit: int = PAGE) -> CasePage:
        return self._cases.list_cases(after=after, limit=limit)

    def filter_cases(self, query: str, limit: int = 200) -> CaseFilter:
        """The cases the search finds, each once, newest first, with what matched (as `CaseService.filter_cases`)."""
        q = clean_query(query)
        limit = max(1, min(limit, 500))
        hits = self._cases.search(q, limit=limit + 1)
        matched: dict[int, list[Matched]] = {}
        named: dict[int, str] = {}
        for h in hits:
            kinds = matched.setdefault(h.case_id, [])
            if h.matched not in kinds:
                kinds.append(h.matched)
            if h.person:
                named.setdefault(h.case_id, h.person)
        ids = sorted(list(matched)[:limit], reverse=True)
        with self._store.session() as s:  # the ids the search just showed (and audited); RLS applies again
            rows = {r.id: r for r in s.execute(select(t.cases.c.id, t.cases.c.status, t.cases.c.opened_at,
                                                      t.cases.c.case_no).where(t.cases.c.id.in_(ids)))}
            names = self._cases.main_persons(s, [i for i in ids if i not in named])
        names.update(named)
        items = tuple(CaseListItem(id=i, case_no=rows[i].case_no, status=rows[i].status,
                                   opened_at=rows[i].opened_at, main_person=names.get(i, ""),
                                   matched=tuple(matched[i])) for i in ids if i in rows)  # fmt: skip
        return CaseFilter(query=q, rows=items, truncated=len(matched) > limit or len(hits) > limit)

    def open_journal(self, case_id: int) -> CaseJournal:
        """The case, its persons and its journal notes (one transaction, one `case.view` audit row)."""
        return self._cases.open_journal(case_id)

    # ---- writes --------------------------------------------------------------------------------------------
    def add_note(self, case_id: int, body: str, *, op_id: str) -> Change:
        """Append a journal note (append-only: never edited, a correction is a new note)."""
        return self._publish(self._cases.notes.add(case_id, body, op_id=op_id))

    def set_status(self, case_id: int, status: str, *, version: int, op_id: str) -> Change:
        """Close or reopen the case if nobody changed it since `version` was read; else `Conflict`, nothing saved."""
        return self._publish(self._cases.set_status(case_id, status, version=version, op_id=op_id))
