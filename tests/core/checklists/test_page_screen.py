"""The checklist page loads in one read transaction: the user's cases, the definitions and a history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from stodapp.store.tables import AuditRow


def _count_commits(core: Any) -> tuple[list[int], Any]:
    commits: list[int] = []
    return commits, core.ctx.db.watch_commits(lambda: commits.append(1))


def _audit_rows(core: Any) -> int:
    with core.ctx.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRow)) or 0)


def test_the_checklist_page_is_one_read(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    first = int(anna.cases.create_case().ids[0])
    second = int(anna.cases.create_case().ids[0])
    anna.checklists.start("se.stodapp.vinr.farlighet", first)
    before = _audit_rows(anna)
    commits, stop = _count_commits(anna)
    screen = anna.checklists.page_screen(anna.cases, subject=first)
    stop()
    assert len(commits) == 1
    assert {s.id for s in screen.subjects} == {first, second} and screen.subject == first
    assert [h.case_id for h in screen.history] == [first]
    assert any(d.definition_id == "se.stodapp.vinr.farlighet" for d in screen.definitions.definitions)
    # what was shown is in the log: the listed cases and the history read (and nothing twice)
    assert _audit_rows(anna) - before == 2
    # a subject not among the user's cases falls back to the first listed
    assert anna.checklists.page_screen(anna.cases, subject=99999).subject in (first, second)


def test_the_self_assessment_page_is_one_read(open_core) -> None:  # type: ignore[no-untyped-def]
    sara = open_core("sara")
    commits, stop = _count_commits(sara)
    screen = sara.checklists.page_screen(None)
    stop()
    assert len(commits) == 1
    assert screen.subjects == () and screen.subject == "organisation" and screen.history == ()
