"""The report editor opens a report in one read transaction with exactly one `concern.view` audit row: the report
with its tracking facts and the reminders due on it (before, the reminders read the report a second time)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from stodapp.concerns.tracking import ConcernStatus
from stodapp.errors import NotFound
from stodapp.store.tables import AuditRow
from tests.core.concerns.test_service import for_case, make_case

from .helpers import reporter


def _rows_after(core: Any, before: int) -> list[tuple[str, str, str]]:
    with core.ctx.db.session() as s:
        q = select(AuditRow.action, AuditRow.record_type, AuditRow.record_id).where(AuditRow.id > before)
        return [tuple(r) for r in s.execute(q.order_by(AuditRow.id))]  # type: ignore[misc]


def _last_id(core: Any) -> int:
    with core.ctx.db.session() as s:
        return int(s.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1)) or 0)


def _open(core: Any, rid: int) -> Any:
    before = _last_id(core)
    commits: list[int] = []
    stop = core.ctx.db.watch_commits(lambda: commits.append(1))
    screen = core.concerns.editor_screen(rid)
    stop()
    assert len(commits) == 1
    assert _rows_after(core, before) == [("concern.view", "concern", str(rid))]
    return screen


def test_opening_a_report_is_one_read_and_one_view_row(open_core, clock) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    case_id = make_case(anna, "anna")
    svc = anna.concerns
    rid = int(svc.create_from_case(for_case(case_id, honour=True), reporter()).ids[0])
    draft = _open(anna, rid)
    assert draft.view.id == rid and draft.view.status is ConcernStatus.DRAFT and draft.reminders == ()
    svc.edit_draft(
        rid,
        {"concern": {"observed_by": "Anmälaren", "source": "told_by_child", "description": "Barnet berättar om hot."}},
    )
    svc.finalise(rid)
    clock.advance(2 * 24 * 3600)  # two days later it is still not sent
    final = _open(anna, rid)
    assert final.view.status is ConcernStatus.FINAL and [r.kind for r in final.reminders] == ["not_sent"]


def test_a_report_on_a_case_that_is_not_yours_is_not_read(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    rid = int(anna.concerns.create_from_case(for_case(make_case(anna, "anna")), reporter()).ids[0])
    bertil = open_core("bertil")
    with pytest.raises(NotFound):
        bertil.concerns.editor_screen(rid)
