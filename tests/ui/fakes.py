"""FakeCore and FakeGate: the Core/StoreGate contract in memory, for fast widget tests (no store, no KDF)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from stodapp.auth import Principal, Role
from stodapp.changes import Change
from stodapp.clock import FakeClock
from stodapp.errors import AuthError, StoreLocked, UserInputError


class FakeSettings:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set(self, key: str, value: Any) -> Change:
        self.values[key] = value
        return Change(area="settings", action="updated", ids=(key,))


class FakeUsers:
    """Her own account: no administrator has set her passphrase (the window's forced-change check asks)."""

    def must_change_passphrase(self) -> bool:
        return False


class FakeCore:
    def __init__(self, username: str = "anna", role: Role = Role.CASEWORKER, *,
                 clock: FakeClock | None = None,
                 is_demo: bool = False, idle_minutes: int = 5) -> None:
        self.principal = Principal(user_id=1, username=username, role=role,
                                   display_name=username.capitalize())
        self.clock = clock or FakeClock()
        self.is_demo = is_demo
        self.store_kind = "demo" if is_demo else "case"
        self.settings = FakeSettings()
        self.users = FakeUsers()
        self.idle = idle_minutes
        self.events: list[str] = []
        self.locked = False
        self.closed = False
        self.listeners: list[Callable[[Change], None]] = []

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        # Same contract as Core.subscribe: the GUI's change bus listens here and unsubscribes on close.
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    def lock(self) -> None:
        self.locked = True
        self.events.append("lock")

    def close(self) -> None:
        self.closed = self.locked = True

    def audit_event(self, action: str, purpose: str = "") -> None:
        if self.locked:
            raise AssertionError("audit after lock")
        self.events.append(action)

    def idle_lock_minutes(self) -> int:
        return self.idle

    def set_idle_lock_minutes(self, minutes: int) -> Change:
        if not 1 <= minutes <= 15:
            raise UserInputError("1–15")
        self.idle = minutes
        return Change(area="settings", action="updated")

    def doctor(self) -> dict[str, Any]:
        return {"stodapp": "0.1.0", "sqlcipher": "4.x", "integrity": "ok"}


class FakeGate:
    """Unlocks `username` with `passphrase`; counts failures like the real throttle (5 free, then waits)."""

    def __init__(self, clock: FakeClock, *, username: str = "anna", passphrase: str = "rätt lösenfras här",
                 role: Role = Role.CASEWORKER, data_dir: Path = Path("/nonexistent")) -> None:
        self.clock = clock
        self.data_dir = data_dir
        self.username = username
        self.passphrase = passphrase
        self.role = role
        self.demo_role: str | None = None
        self.failures = 0
        self.cores: list[FakeCore] = []
        self.busy_instance = False

    @property
    def is_demo(self) -> bool:
        return False

    def store_exists(self) -> bool:
        return True

    def unlock(self, username: str, passphrase: str) -> FakeCore:
        if self.busy_instance:
            raise StoreLocked("en annan stodapp använder databasen")
        if username != self.username or passphrase != self.passphrase:
            self.failures += 1
            raise AuthError("Fel användarnamn eller lösenfras.")
        core = FakeCore(username, self.role, clock=self.clock)
        self.cores.append(core)
        return core

    def throttle_remaining(self, username: str) -> float:
        return 30.0 if self.failures >= 5 else 0.0

    def passphrase_problems(self, passphrase: str, username: str = "") -> list[str]:
        return [] if len(passphrase) >= 12 else ["för kort"]

    def restore_available(self) -> bool:
        return False
