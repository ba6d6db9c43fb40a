"""Issue 18 finding 5: one test per attack on the unlock throttle, each of which used to work."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from stodapp import audit
from stodapp import throttle as throttle_mod
from stodapp.clock import FakeClock
from stodapp.core import Core
from stodapp.errors import AuthError, Throttled
from stodapp.store import keyslots as ks
from stodapp.throttle import MAX_DELAY
from tests.conftest import ADMIN_PASS, USER_PASS

WRONG = "fel fras men lång nog för testet"


def _fail(store_dir: Path, clock: FakeClock, name: str = "anna", times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(AuthError):
            Core.unlock(store_dir, name, WRONG, clock=clock)


def _actions(store_dir: Path, clock: FakeClock) -> list[str]:
    core = Core.unlock(store_dir, "admin", ADMIN_PASS, clock=clock)
    try:
        with core.ctx.session() as s:
            return [e.action for e in audit.events(s)]
    finally:
        core.close()


def test_marker_written_as_zero_no_longer_removes_the_penalty(store_dir: Path) -> None:
    clock = FakeClock()
    (store_dir / "throttle.json").unlink()
    assert Core.throttle_remaining(store_dir, "anna", clock=clock) == pytest.approx(MAX_DELAY)
    (store_dir / "throttle.tamper").write_text("0")  # the old attack: an unsigned timestamp from 1970
    clock.advance(60)
    assert Core.throttle_remaining(store_dir, "anna", clock=clock) == pytest.approx(MAX_DELAY)  # max from *now*


def test_marker_with_an_earlier_time_and_the_old_mac_counts_as_now(store_dir: Path) -> None:
    clock = FakeClock()
    (store_dir / "throttle.json").unlink()
    Core.throttle_remaining(store_dir, "anna", clock=clock)
    marker = store_dir / "throttle.tamper"
    doc = json.loads(marker.read_text())
    marker.write_text(json.dumps({"since": doc["since"] - MAX_DELAY, "mac": doc["mac"]}))
    assert Core.throttle_remaining(store_dir, "anna", clock=clock) == pytest.approx(MAX_DELAY)


def test_replayed_older_signed_file_is_found_and_audited(store_dir: Path) -> None:
    clock = FakeClock()
    old = (store_dir / "throttle.json").read_bytes()
    Core.unlock(store_dir, "anna", USER_PASS, clock=clock).close()  # the store now expects a newer file
    (store_dir / "throttle.json").write_bytes(old)
    assert "throttle.rollback" in _actions(store_dir, clock)


def test_replayed_file_does_not_reset_the_count_in_this_process(store_dir: Path) -> None:
    clock = FakeClock()
    before = (store_dir / "throttle.json").read_bytes()
    _fail(store_dir, clock, times=5)
    (store_dir / "throttle.json").write_bytes(before)  # signed, valid, zero failures
    with pytest.raises(Throttled):
        Core.unlock(store_dir, "anna", USER_PASS, clock=clock)


def test_deleted_file_does_not_lock_out_the_recovery_path(store_dir: Path) -> None:
    clock = FakeClock()
    (store_dir / "throttle.json").unlink()
    with pytest.raises(Throttled):
        Core.unlock(store_dir, "admin", ADMIN_PASS, clock=clock)
    recovery = (store_dir / "recovery.test").read_text()
    core = Core.unlock(store_dir, "", recovery, recovery=True, clock=clock)
    try:
        with core.ctx.session() as s:
            assert "throttle.tampered" in [e.action for e in audit.events(s)]
    finally:
        core.close()
    assert Core.throttle_remaining(store_dir, "admin", clock=clock) == 0  # the recovery sign-in reset the file


def test_a_user_called_recovery_is_not_exempt(store_dir: Path) -> None:
    clock = FakeClock()
    (store_dir / "throttle.json").unlink()
    assert Core.throttle_remaining(store_dir, "recovery", clock=clock) == pytest.approx(MAX_DELAY)


def test_failures_are_counted_when_the_disk_is_full(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(throttle_mod, "atomic_write", full)
    _fail(store_dir, clock, times=5)
    with pytest.raises(Throttled) as err:
        Core.unlock(store_dir, "anna", USER_PASS, clock=clock)
    assert err.value.retry_after == pytest.approx(30)


def test_attempted_user_names_are_not_stored_in_clear(store_dir: Path) -> None:
    clock = FakeClock()
    _fail(store_dir, clock, name="Hemliga Hedda Påhittadsson")
    _fail(store_dir, clock, name="anna")
    text = (store_dir / "throttle.json").read_text(encoding="utf-8")
    assert "Hedda" not in text and "hedda" not in text and "anna" not in text
    assert Core.throttle_remaining(store_dir, "ANNA", clock=clock) == 0  # still per user, case-insensitive
    assert json.loads(text)["users"]  # the failures are there, under keyed hashes


def test_unknown_user_costs_one_argon2_with_the_users_parameters(store_dir: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()
    calls: list[ks.KdfParams] = []
    real = ks.derive_kek

    def counting(secret: str, salt: bytes, params: ks.KdfParams) -> bytes:
        calls.append(params)
        return real(secret, salt, params)

    monkeypatch.setattr(ks, "derive_kek", counting)
    _fail(store_dir, clock, name="anna")
    known = list(calls)
    calls.clear()
    _fail(store_dir, clock, name="ingen-sadan-anvandare")
    assert len(known) == 1 and calls == known  # same count, same parameters: no timing oracle for user names
