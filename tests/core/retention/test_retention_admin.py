"""What the administrator's Gallring tab needs of the domain: the holds list, step-up before a cull, its Change."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from stodapp.changes import Change
from stodapp.clock import FakeClock
from stodapp.errors import AccessDenied, ReauthRequired
from stodapp.labels import retention_reason_label
from stodapp.store.tables import AuditRow
from tests.conftest import ADMIN_PASS
from tests.core.retention.helpers import make_case


def _on(core, day: date) -> None:  # type: ignore[no-untyped-def]
    core.ctx.clock = FakeClock(datetime(day.year, day.month, day.day, 10, tzinfo=UTC))


def test_holds_list_case_reason_and_day_audited_by_ids(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    first = make_case(anna, date(2020, 5, 10), marker="FORSTA")
    second = make_case(anna, date(2021, 5, 10), marker="ANDRA")
    admin = open_core("admin")
    assert admin.retention.holds() == []
    _on(admin, date(2026, 2, 3))
    admin.retention.hold(second, "adoption")
    _on(admin, date(2026, 2, 4))
    admin.retention.hold(first, "arkivbeslut")
    holds = admin.retention.holds()
    assert [(h.case_id, h.reason, h.since) for h in holds] == [
        (second, "adoption", date(2026, 2, 3)), (first, "arkivbeslut", date(2026, 2, 4))]
    with admin.ctx.session() as s:
        rows = s.execute(select(AuditRow.record_id, AuditRow.purpose)
                         .where(AuditRow.action == "retention.holds")).all()
    assert rows[-1].purpose == "2 visade" and rows[-1].record_id  # the ids shown, never content
    assert "FORSTA" not in rows[-1].record_id
    with pytest.raises(AccessDenied):
        anna.retention.holds()


def test_reason_labels_are_words() -> None:
    assert retention_reason_label("placering_barn") == "Placering av barn"
    assert retention_reason_label("forskningsurval").startswith("Forskningsurval")
    assert retention_reason_label("nytt_skal") == "nytt_skal"  # a later reason stays visible


def test_cull_asks_for_step_up_and_publishes_one_change(open_core, clock) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    make_case(anna, date(2019, 1, 10), marker="GAMMAL")
    admin = open_core("admin")
    heard: list[Change] = []
    admin.subscribe(heard.append)
    clock.advance(11 * 60)  # past the step-up window since sign-in
    _on(admin, date(2026, 3, 1))
    report = admin.retention.report()
    assert report.to_cull == 1
    with pytest.raises(ReauthRequired):
        admin.retention.cull(expected=1)
    assert admin.retention.report().to_cull == 1 and heard == []  # nothing deleted, nothing told
    admin.reauthenticate(ADMIN_PASS)
    result = admin.retention.cull(expected=1)
    assert result.cases == 1
    assert heard == [Change(area="cases", action="culled")]
    heard.clear()
    assert admin.retention.cull(expected=0).cases == 0 and heard == []  # nothing culled, nothing to refresh
