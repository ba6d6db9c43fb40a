"""StoreGate: the only way the UI opens a store (first run, unlock, demo); built by ui/main.py.

The gate keeps the data directory and clock, imports the heavy core lazily (never before the first
paint) and hands a freshly unlocked Core to the windows. Tests pass a fake gate with the same methods.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any


def preload_core() -> None:
    """Import SQLAlchemy, pydantic, the store and the core (run on a background thread after first paint)."""
    import stodapp.core  # noqa: F401


class StoreGate:
    """Opens stores in one data directory. Methods may block (key derivation): call them through run_op."""

    def __init__(self, data_dir: Path, *, clock: Any = None, kdf: Any = None,
                 demo_role: str | None = None) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.kdf = kdf  # KdfParams for initialize(); None = benchmarked production parameters
        self.demo_role = demo_role  # set for `stodapp --demo`: unlock() reopens a fresh demo store
        self.server = ""  # server mode: a saved profile name or a postgresql:// URL; "" = the local store
        self.login_kdf: Any = None  # tests: fast login KdfParams for server mode; None = the production ones
        self.profiles_file: Path | None = None  # tests: another server-profiles.json
        self._preload: threading.Thread | None = None

    @property
    def is_demo(self) -> bool:
        return self.demo_role is not None

    def preload_in_background(self) -> None:
        if self._preload is None:
            self._preload = threading.Thread(target=preload_core, name="stodapp-preload", daemon=True)
            self._preload.start()

    def store_exists(self) -> bool:
        from stodapp.store.layout import StoreFiles  # import-light: no SQLAlchemy before the first paint

        return StoreFiles(self.data_dir).exists()

    def initialize(self, admin_name: str, passphrase: str) -> tuple[Any, str]:
        from stodapp.core import Core

        return Core.initialize(self.data_dir, admin_name, passphrase, clock=self.clock, kdf=self.kdf)

    def unlock(self, username: str, passphrase: str) -> Any:
        from stodapp.core import Core

        if self.demo_role is not None:
            return self.open_demo()
        if self.server:
            return Core.connect_server(self.server, username, passphrase, clock=self.clock,
                                       login_kdf=self.login_kdf, profiles_file=self.profiles_file)
        return Core.unlock(self.data_dir, username, passphrase, clock=self.clock)

    def throttle_remaining(self, username: str) -> float:
        from stodapp.core import Core

        if self.demo_role is not None or self.server:
            return 0.0  # the server counts failed logins itself
        return float(Core.throttle_remaining(self.data_dir, username, clock=self.clock))

    def use_server(self, target: str) -> None:
        """unlock() signs in to this server (profile name or URL) from now on; "" = back to the local store."""
        self.server = target.strip()

    def server_profiles(self) -> list[str]:
        # import-light like store_exists: the sign-in window and the first-run wizard list them before first paint
        from stodapp.server.profile_names import saved_profile_names

        return saved_profile_names(self.profiles_file)

    def open_demo(self) -> Any:
        from stodapp.auth import Role
        from stodapp.core import Core

        return Core.open_demo(role=Role(self.demo_role or Role.CASEWORKER.value))

    def passphrase_problems(self, passphrase: str, username: str = "") -> list[str]:
        """Live policy feedback for the wizard (the core's own policy); empty when acceptable."""
        return passphrase_problems(passphrase, username)

    def restore_available(self) -> bool:
        from stodapp.core import Core

        return callable(getattr(Core, "restore_backup", None))



def passphrase_problems(passphrase: str, username: str = "") -> list[str]:
    """The core's passphrase policy as a list of reasons (the core checks again on submit)."""
    from stodapp import passphrase as policy
    from stodapp.errors import PassphrasePolicyError

    try:
        policy.check(passphrase, username)
    except PassphrasePolicyError as err:
        return [str(err)]
    return []
