"""Writes tell their subscribers after the commit, once, and never for a write that was refused or rolled back."""

from __future__ import annotations

import pytest

from stodapp.changes import Change, ChangeFeed
from stodapp.core import Core
from stodapp.errors import StodError


def test_a_write_is_published_once_after_its_commit(open_core) -> None:  # type: ignore[no-untyped-def]
    core: Core = open_core("anna")
    heard: list[Change] = []
    stop = core.subscribe(heard.append)
    created = core.cases.create_case("Enhet A")
    case_id = int(created.ids[0])
    note = core.cases.notes.add(case_id, "Fiktiv anteckning för testet.")
    assert heard == [created, note]
    assert (created.area, created.action) == ("cases", "created")
    stop()
    core.cases.notes.add(case_id, "Ännu en fiktiv anteckning.")
    assert heard == [created, note]  # unsubscribed: nothing more


def test_a_refused_write_publishes_nothing(open_core) -> None:  # type: ignore[no-untyped-def]
    core: Core = open_core("anna")
    heard: list[Change] = []
    core.subscribe(heard.append)
    with pytest.raises(StodError):
        core.cases.notes.add(987654, "Fiktiv anteckning i ett ärende som inte finns.")
    assert heard == []


def test_a_change_inside_a_rolled_back_transaction_is_dropped(open_core) -> None:  # type: ignore[no-untyped-def]
    core: Core = open_core("anna")
    heard: list[Change] = []
    core.subscribe(heard.append)
    change = Change(area="cases", action="updated", ids=("1",))
    with pytest.raises(RuntimeError), core.ctx.session():
        core.ctx.published(change)
        assert heard == []  # not before the commit
        raise RuntimeError("rolled back")
    assert heard == []
    with core.ctx.session():
        core.ctx.published(change)
        assert heard == []
    assert heard == [change]


def test_a_failing_listener_does_not_undo_the_write(open_core) -> None:  # type: ignore[no-untyped-def]
    core: Core = open_core("anna")

    def broken(_change: Change) -> None:
        raise RuntimeError("listener bug")

    core.subscribe(broken)
    case_id = int(core.cases.create_case("Enhet A").ids[0])
    core.cases.notes.add(case_id, "Fiktiv anteckning trots trasig lyssnare.")
    assert len(core.cases.notes.list(case_id)) == 1


def test_the_feed_alone() -> None:
    feed = ChangeFeed()
    heard: list[str] = []
    feed.subscribe(lambda c: heard.append(c.action))
    feed.publish(Change(area="users", action="created"))
    assert heard == ["created"]
