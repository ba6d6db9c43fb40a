"""B5: after 5 failures a 30 s delay doubling to 15 min, on a fake clock; tampering gives the maximum delay."""

from __future__ import annotations

from pathlib import Path

import pytest

from stodapp.clock import FakeClock
from stodapp.core import Core
from stodapp.errors import AuthError, Throttled
from stodapp.throttle import MAX_DELAY, delay_after
from tests.conftest import USER_PASS


def test_schedule() -> None:
    assert [delay_after(n) for n in range(1, 12)] == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900]


def test_unlock_throttles_on_fake_clock(store_dir: Path) -> None:
    clock = FakeClock()
    for _ in range(5):
        with pytest.raises(AuthError):
            Core.unlock(store_dir, "anna", "fel fras men lång nog", clock=clock)
    with pytest.raises(Throttled) as err:
        Core.unlock(store_dir, "anna", USER_PASS, clock=clock)
    assert err.value.retry_after == pytest.approx(30)
    clock.advance(30)
    with pytest.raises(AuthError):
        Core.unlock(store_dir, "anna", "fel fras igen, sjätte", clock=clock)
    clock.advance(59)
    assert Core.throttle_remaining(store_dir, "anna", clock=clock) == pytest.approx(1)
    clock.advance(1)
    core = Core.unlock(store_dir, "anna", USER_PASS, clock=clock)
    core.close()
    assert Core.throttle_remaining(store_dir, "anna", clock=clock) == 0
    # the failures were audited at the successful unlock
    admin = Core.unlock(store_dir, "admin", "en lång och hemlig fras för test", clock=clock)
    from stodapp import audit

    with admin.ctx.session() as s:
        actions = [e.action for e in audit.events(s)]
    admin.close()
    assert actions.count("login.failed") == 6


@pytest.mark.parametrize("tamper", ["delete", "edit"])
def test_tampered_counter_gives_maximum_delay(store_dir: Path, tamper: str) -> None:
    clock = FakeClock()
    path = store_dir / "throttle.json"
    if tamper == "delete":
        path.unlink()
    else:
        path.write_text(path.read_text().replace('"users": {}', '"users": {"x": {"failures": 0, "last": 0}}'))
    assert Core.throttle_remaining(store_dir, "anna", clock=clock) == pytest.approx(MAX_DELAY)
    clock.advance(MAX_DELAY)
    Core.unlock(store_dir, "anna", USER_PASS, clock=clock).close()


def test_step_up_reauth_is_throttled_and_audited(store_dir: Path) -> None:
    from stodapp import audit

    clock = FakeClock()
    core = Core.unlock(store_dir, "anna", USER_PASS, clock=clock)
    try:
        core.reauthenticate(USER_PASS)
        for _ in range(5):
            with pytest.raises(AuthError):
                core.reauthenticate("fel fras men tillräckligt lång")
        with pytest.raises(Throttled):
            core.reauthenticate(USER_PASS)
        with core.ctx.session() as s:
            actions = [e.action for e in audit.events(s)]
    finally:
        core.close()
    assert actions.count("reauth.failed") == 5 and actions.count("reauth") == 1
