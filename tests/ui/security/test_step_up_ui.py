"""GUI step-up: an export that needs the passphrase again asks once and reruns; cancelling leaves the refusal."""

from __future__ import annotations

from typing import Any

import pytest

from stodapp.clock import FakeClock
from stodapp.core import Core
from stodapp.errors import ReauthRequired
from tests.ui.conftest import ANNA_PASSPHRASE
from ui import step_up
from ui.tasks import run_op


@pytest.fixture
def anna(real_store) -> Any:  # type: ignore[no-untyped-def]
    data, _admin = real_store
    clock = FakeClock()
    core = Core.unlock(data, "anna", ANNA_PASSPHRASE, clock=clock)
    yield core, clock
    step_up.install(None)
    core.close()


def test_export_after_the_window_asks_once_and_reruns(anna) -> None:  # type: ignore[no-untyped-def]
    core, clock = anna
    case_id = int(core.cases.create_case().ids[0])
    asked: list[str] = []

    def confirm(_parent: object, message: str) -> bool:
        asked.append(message)
        core.reauthenticate(ANNA_PASSPHRASE)  # what the passphrase dialog does with the typed text
        return True

    step_up.install(confirm)
    clock.advance(11 * 60)
    exported = step_up.call(None, lambda: core.cases.export_case(case_id))
    assert exported["case"] and len(asked) == 1 and "exportera" in asked[0]


def test_cancelled_confirmation_keeps_the_refusal(anna) -> None:  # type: ignore[no-untyped-def]
    core, clock = anna
    case_id = int(core.cases.create_case().ids[0])
    step_up.install(lambda _p, _m: False)
    clock.advance(11 * 60)
    with pytest.raises(ReauthRequired):
        step_up.call(None, lambda: core.cases.export_case(case_id))


def test_worker_jobs_are_retried_after_confirmation(qtbot, anna) -> None:  # type: ignore[no-untyped-def]
    core, clock = anna
    case_id = int(core.cases.create_case().ids[0])
    step_up.install(lambda _p, _m: (core.reauthenticate(ANNA_PASSPHRASE), True)[1])
    clock.advance(11 * 60)
    results: list[Any] = []
    errors: list[BaseException] = []
    run_op(None, lambda: core.cases.export_case(case_id), results.append, errors.append)
    qtbot.waitUntil(lambda: bool(results or errors), timeout=10000)
    assert not errors and results[0]["case"]
