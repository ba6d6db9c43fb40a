"""The checklist page loads in one read transaction with one audit row: the user's cases, the definitions and a
history; the row names the case whose history it shows and the ids of the cases it listed, never their content."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from stodapp.store.tables import AuditRow


def _count_commits(core: Any) -> tuple[list[int], Any]:
    commits: list[int] = []
    return commits, core.ctx.db.watch_commits(lambda: commits.append(1))


def _rows_after(core: Any, before: int) -> list[tuple[str, str, str, str]]:
    with core.ctx.db.session() as s:
        q = select(AuditRow.action, AuditRow.record_type, AuditRow.record_id, AuditRow.purpose)
        return [tuple(r) for r in s.execute(q.where(AuditRow.id > before).order_by(AuditRow.id))]  # type: ignore[misc]


def _last_id(core: Any) -> int:
    with core.ctx.db.session() as s:
        return int(s.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1)) or 0)


def test_the_checklist_page_is_one_read_and_one_audit_row(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    first = int(anna.cases.create_case().ids[0])
    second = int(anna.cases.create_case().ids[0])
    anna.checklists.start("se.stodapp.vinr.farlighet", first)
    before = _last_id(anna)
    commits, stop = _count_commits(anna)
    screen = anna.checklists.page_screen(anna.cases, subject=first)
    stop()
    assert len(commits) == 1
    assert {s.id for s in screen.subjects} == {first, second} and screen.subject == first
    assert [h.case_id for h in screen.history] == [first]
    assert any(d.definition_id == "se.stodapp.vinr.farlighet" for d in screen.definitions.definitions)
    # One row: whose history was shown, and which cases were listed (ids only).
    low, high = sorted((first, second))
    listed = f"{low}-{high}" if high == low + 1 else f"{low},{high}"
    assert _rows_after(anna, before) == [("checklist.page", "case", str(first), f"2 visade: {listed}")]
    # a subject not among the user's cases falls back to the first listed
    assert anna.checklists.page_screen(anna.cases, subject=99999).subject in (first, second)
    # Outside the page the same reads audit on their own, as before.
    before = _last_id(anna)
    anna.checklists.history(first)
    assert [r[0] for r in _rows_after(anna, before)] == ["assessment.history"]


def test_listed_ids_that_do_not_fit_one_row_follow_in_the_same_transaction(open_core) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = open_core("anna"), open_core("bertil")
    for _ in range(100):  # interleaved with another caseworker's cases: anna's ids have gaps, no ranges
        anna.cases.create_case()
        bertil.cases.create_case()
    before = _last_id(anna)
    commits, stop = _count_commits(anna)
    screen = anna.checklists.page_screen(anna.cases)
    stop()
    assert len(commits) == 1
    rows = _rows_after(anna, before)
    assert rows[0][0] == "checklist.page" and len(rows[0][3]) <= 200
    shown: set[int] = set()
    for _action, _type, record_id, purpose in rows:
        text = purpose.split(": ", 1)[1] if _action == "checklist.page" else record_id
        for run in text.split(","):
            a, _sep, b = run.partition("-")
            shown.update(range(int(a), int(b or a) + 1))
    assert shown == {s.id for s in screen.subjects}  # every listed id is in the log, each once
    assert all(r[0] == "case.list" for r in rows[1:])


def test_the_self_assessment_page_is_one_read(open_core) -> None:  # type: ignore[no-untyped-def]
    sara = open_core("sara")
    before = _last_id(sara)
    commits, stop = _count_commits(sara)
    screen = sara.checklists.page_screen(None)
    stop()
    assert len(commits) == 1
    assert screen.subjects == () and screen.subject == "organisation" and screen.history == ()
    assert _rows_after(sara, before) == [("checklist.page", "organisation", "", "0 visade")]
