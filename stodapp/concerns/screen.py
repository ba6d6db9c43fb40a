"""The concerns screens as one read each: the page (the user's cases, the chosen case and its reports, one audit
row) and the report editor (one report with its reminders, one `concern.view` row)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from stodapp.calendar_se import local_date
from stodapp.concerns.rules import Reminder, explain_duty, reminders
from stodapp.concerns.tracking import ConcernCase, ConcernListItem, ConcernListScreen, ConcernView

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


class ConcernEditorScreen(BaseModel):
    """What the report editor shows: the report with its tracking facts, and the reminders due on it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    view: ConcernView
    reminders: tuple[Reminder, ...]


def report_reminders(view: ConcernView, today: date, current_home_code: str = "") -> tuple[Reminder, ...]:
    """The reminders due on one report today (not sent yet, the concern remains, the child has moved)."""
    reporter = view.report.reporter
    review = explain_duty(reporter.kind, view.report.report_date).review_after_days if reporter else 30
    return reminders(
        status=view.status.value,
        today=today,
        finalised_on=local_date(view.finalised_at) if view.finalised_at else None,
        sent_on=view.sent_on,
        sent_to_code=view.sent_to_code,
        outcome=view.outcome.value if view.outcome else None,
        current_home_code=current_home_code,
        review_after_days=review,
    )


def editor_screen(ctx: ServiceContext, get: Callable[[int], ConcernView], report_id: int) -> ConcernEditorScreen:
    """The report (through `get`, i.e. `ConcernService.get`, with its one `concern.view` audit row) and its
    reminders against the report's own home municipality, in one read transaction."""
    with ctx.screen_read(), ctx.session():
        view = get(report_id)
        found = report_reminders(view, ctx.today(), view.report.home_municipality_code)
        return ConcernEditorScreen(view=view, reminders=found)
