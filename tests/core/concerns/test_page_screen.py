"""The concerns page loads in one read transaction with one audit row: the user's cases and the chosen case's
reports; the row names the case whose reports it shows and the ids of the cases it listed, never their content."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from stodapp.store.tables import AuditRow


def _rows_after(core: Any, before: int) -> list[tuple[str, str, str, str]]:
    with core.ctx.db.session() as s:
        q = select(AuditRow.action, AuditRow.record_type, AuditRow.record_id, AuditRow.purpose)
        return [tuple(r) for r in s.execute(q.where(AuditRow.id > before).order_by(AuditRow.id))]  # type: ignore[misc]


def _last_id(core: Any) -> int:
    with core.ctx.db.session() as s:
        return int(s.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1)) or 0)


def test_the_concerns_page_is_one_read_and_one_audit_row(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    first = int(anna.cases.create_case().ids[0])
    second = int(anna.cases.create_case().ids[0])
    before = _last_id(anna)
    commits: list[int] = []
    stop = anna.ctx.db.watch_commits(lambda: commits.append(1))
    screen = anna.concerns.page_screen(anna.cases, first)
    stop()
    assert len(commits) == 1
    assert {c.id for c in screen.cases} == {first, second}
    assert screen.case_id == first and screen.items == ()
    low, high = sorted((first, second))
    listed = f"{low}-{high}" if high == low + 1 else f"{low},{high}"
    assert _rows_after(anna, before) == [("concern.page", "case", str(first), f"2 visade: {listed}")]
    newest = anna.concerns.page_screen(anna.cases)  # no choice yet: the newest case
    assert newest.case_id == second
    # Outside the page the report list audits on its own, as before.
    before = _last_id(anna)
    anna.concerns.list(first)
    assert [r[0] for r in _rows_after(anna, before)] == ["concern.list"]


def test_a_case_that_is_not_yours_is_neither_listed_nor_read(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    first = int(anna.cases.create_case().ids[0])
    bertil = open_core("bertil")
    before = _last_id(bertil)
    empty = bertil.concerns.page_screen(bertil.cases, first)
    assert empty.cases == () and empty.case_id is None and empty.items == ()
    assert _rows_after(bertil, before) == [("concern.page", "", "", "0 visade")]
