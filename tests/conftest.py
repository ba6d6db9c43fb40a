"""Shared fixtures. Qt runs offscreen; key derivation uses fast test parameters (never in production)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")

from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=60, deadline=None)
settings.load_profile("ci")


# ---- store fixtures (fast Argon2 parameters; production benchmarks its own) --------------------------------
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ADMIN_PASS = "en lång och hemlig fras för test"
USER_PASS = "ännu en hemlig fras för test"


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    """The suite's own now (FakeClock's 2026-01-15 09:00 UTC): no test reads the machine's clock or zone."""
    from stodapp.clock import FakeClock

    return FakeClock()


@pytest.fixture
def today(clock):  # type: ignore[no-untyped-def]
    """The Swedish calendar day of the test clock's now."""
    from stodapp.calendar_se import local_date

    return local_date(clock.now())


@pytest.fixture
def store_dir(tmp_path: Path, clock) -> Path:  # type: ignore[no-untyped-def]
    """A fresh store with admin `admin`, caseworkers `anna` and `bertil`, supervisor `sara`, trainer `tove`."""
    from stodapp.auth import Role
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    data = tmp_path / "data"
    core, recovery = Core.initialize(data, "admin", ADMIN_PASS, kdf=KdfParams.for_tests(), clock=clock)
    for name, role in (("anna", Role.CASEWORKER), ("bertil", Role.CASEWORKER), ("sara", Role.SUPERVISOR),
                       ("tove", Role.TRAINER)):
        core.users.add(name, role, USER_PASS)
    (data / "recovery.test").write_text(recovery)  # test convenience only
    core.close()
    return data


@pytest.fixture
def open_core(store_dir: Path, clock):  # type: ignore[no-untyped-def]
    """Factory: open_core("anna") -> an unlocked Core, closed after the test."""
    from stodapp.core import Core

    opened = []

    def _open(name: str = "admin"):  # type: ignore[no-untyped-def]
        core = Core.unlock(store_dir, name, ADMIN_PASS if name == "admin" else USER_PASS, clock=clock)
        opened.append(core)
        return core

    yield _open
    for core in opened:
        core.close()
