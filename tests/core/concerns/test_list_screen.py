"""The concerns page loads in one read transaction: the user's cases and the chosen case's reports."""

from __future__ import annotations


def test_the_concerns_page_is_one_read(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    first = int(anna.cases.create_case().ids[0])
    second = int(anna.cases.create_case().ids[0])
    commits: list[int] = []
    stop = anna.ctx.db.watch_commits(lambda: commits.append(1))
    screen = anna.concerns.list_screen(anna.cases, first)
    stop()
    assert len(commits) == 1
    assert {c.id for c in screen.cases} == {first, second}
    assert screen.case_id == first and screen.items == ()
    newest = anna.concerns.list_screen(anna.cases)  # no choice yet: the newest case
    assert newest.case_id == second
    bertil = open_core("bertil")
    empty = bertil.concerns.list_screen(bertil.cases, first)  # not hers: not listed, nothing read
    assert empty.cases == () and empty.case_id is None and empty.items == ()
