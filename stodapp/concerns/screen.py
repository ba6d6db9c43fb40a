"""The concerns page as one screen read: the user's cases, the chosen case and its reports, one audit row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from stodapp.concerns.tracking import ConcernCase, ConcernListItem, ConcernListScreen

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.service import ServiceContext

#: The reads the concerns page's one `concern.page` audit row covers (see `concerns_page`).
PAGE_READS = frozenset({"case.list", "concern.list"})


def concerns_page(ctx: ServiceContext, reports: Callable[[int], Sequence[ConcernListItem]], cases: CaseService,
                  case_id: int | None = None) -> ConcernListScreen:  # fmt: skip
    """The user's cases (every page, through `cases`) and the reports on `case_id`, else on the newest case
    (through `reports`, i.e. `ConcernService.list`), in one read transaction with one audit row, `concern.page`:
    the case whose reports it shows and the ids of the cases it listed (never their content); the case list and
    the report list inside write none of their own."""
    with ctx.screen_read(covered=PAGE_READS), ctx.session() as s:
        found: list[ConcernCase] = []
        after: int | None = None
        while True:
            page = cases.list_cases(after=after, limit=500)
            found += [ConcernCase(id=r.id, case_no=r.case_no, main_person=r.main_person) for r in page.rows]
            if page.next_after is None:
                break
            after = page.next_after
        ids = [c.id for c in found]
        chosen = case_id if case_id in ids else (ids[0] if ids else None)
        items = tuple(reports(chosen)) if chosen is not None else ()
        ctx.audit_screen(s, "concern.page", "case" if chosen is not None else "",
                         str(chosen) if chosen is not None else "", ids)
        return ConcernListScreen(cases=tuple(found), case_id=chosen, items=items)
