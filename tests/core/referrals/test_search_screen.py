"""The referral directory's search screen: one read of the national list and the store's local entries, open
state judged by the session's clock (never the machine's), the local entries handed along for the handout."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from stodapp.clock import FakeClock
from stodapp.referrals.hours import OpenState
from stodapp.referrals.local_entries import LocalEntries
from stodapp.referrals.search import SearchQuery
from stodapp.referrals.service import ReferralService
from stodapp.service import ServiceContext

from .test_local_and_cli import local_doc

STOCKHOLM = ZoneInfo("Europe/Stockholm")
THREE_AM = datetime(2026, 1, 15, 3, 0, tzinfo=STOCKHOLM)  # a Thursday
TEN_AM = datetime(2026, 1, 15, 10, 0, tzinfo=STOCKHOLM)


def _service_at(core: Any, now: datetime) -> ReferralService:
    return ReferralService(ServiceContext(db=core.db, principal=core.principal, clock=FakeClock(now)))


def _state(screen: Any, resource_id: str) -> OpenState:
    return next(h.state for h in screen.hits if h.resource.id == resource_id)


def test_open_state_follows_the_sessions_clock_not_the_machines(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    night, day = _service_at(anna, THREE_AM), _service_at(anna, TEN_AM)
    assert _state(night.search_screen(), "tris") is OpenState.CLOSED
    assert _state(day.search_screen(), "tris") is OpenState.OPEN
    open_now = night.search_screen(SearchQuery(open_at=THREE_AM))
    assert "tris" not in {h.resource.id for h in open_now.hits} and open_now.hits  # the 24/7 lines stay
    assert night.search_screen(now=TEN_AM).hits == day.search_screen().hits  # an explicit now wins


def test_the_screen_is_one_read_and_carries_the_local_entries(open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    national = frozenset(r.id for r in admin.referrals.directory().national)
    entries = LocalEntries.model_validate(local_doc())
    assert not {r.id for r in entries.resources} & national
    admin.referrals.save_local(entries)
    anna = open_core("anna")
    anna.referrals.search_screen()  # the national list is parsed once per session, not per search
    commits: list[int] = []
    stop = anna.ctx.db.watch_commits(lambda: commits.append(1))
    screen = anna.referrals.search_screen(SearchQuery(text=entries.resources[0].name))
    stop()
    assert len(commits) == 1
    assert screen.local == entries
    assert screen.hits and screen.hits[0].resource.id == entries.resources[0].id and screen.hits[0].local
