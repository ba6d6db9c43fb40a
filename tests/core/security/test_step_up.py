"""Step-up re-authentication before export and print: within the last N minutes (store-wide setting) or again."""

from __future__ import annotations

import pytest

from stodapp import audit
from stodapp.clock import FakeClock
from stodapp.errors import AuthError, ReauthRequired, UserInputError
from tests.conftest import USER_PASS


def test_export_needs_a_recent_passphrase(open_core, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    case_id = int(anna.cases.create_case().ids[0])
    assert anna.cases.export_case(case_id)["case"]  # just signed in: no question
    clock.advance(11 * 60)  # default window 10 minutes
    with pytest.raises(ReauthRequired, match="exportera ärendet"):
        anna.cases.export_case(case_id)
    with pytest.raises(AuthError):
        anna.reauthenticate("fel fras men lång nog för testet")
    with pytest.raises(ReauthRequired):
        anna.cases.export_case(case_id)  # a wrong passphrase confirms nothing
    anna.reauthenticate(USER_PASS)
    assert anna.cases.export_case(case_id)
    with anna.ctx.session() as s:
        actions = [e.action for e in audit.events(s)]
    assert actions.count("reauth.required") == 2 and "reauth" in actions and "case.export" in actions


def test_print_of_a_safety_plan_and_an_assessment_ask_too(open_core, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    clock.advance(11 * 60)
    with pytest.raises(ReauthRequired, match="bedömningen"):
        anna.checklists.pdf("no-such-assessment")  # asked before anything is read
    case_id = int(anna.cases.create_case().ids[0])
    from stodapp.errors import NotFound

    with pytest.raises(NotFound):  # no plan yet: nothing to print, so nothing to confirm
        anna.cases.followup.plan_pdf(case_id)


def test_window_is_an_administrator_setting(open_core, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    with pytest.raises(UserInputError):
        admin.settings.set_step_up_minutes(0)
    admin.settings.set_step_up_minutes(30)
    anna = open_core("anna")
    case_id = int(anna.cases.create_case().ids[0])
    clock.advance(20 * 60)
    assert anna.cases.export_case(case_id)
    clock.advance(11 * 60)
    with pytest.raises(ReauthRequired, match="30 minuter"):
        anna.cases.export_case(case_id)
