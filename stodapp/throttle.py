"""Unlock throttling that survives restarts: 5 free failures, then 30 s doubling to a 15 min cap.

State lives in `throttle.json` beside the store with an HMAC (key from the key-slot file header). A missing,
edited or unreadable counter file is treated as the maximum delay, so deleting it does not reset anything.
This slows guessing through the app only; Argon2id (key slots) is what protects against offline attacks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from pathlib import Path

from stodapp.clock import Clock
from stodapp.store.files import atomic_write

FREE_FAILURES = 5
BASE_DELAY = 30.0
MAX_DELAY = 15 * 60.0
FILE_NAME = "throttle.json"


def delay_after(failures: int) -> float:
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(MAX_DELAY, BASE_DELAY * 2.0 ** (failures - FREE_FAILURES)))


class Throttle:
    def __init__(self, data_dir: Path, mac_key: bytes, clock: Clock) -> None:
        self._path = data_dir / FILE_NAME
        self._key = mac_key
        self._clock = clock

    def _sign(self, body: dict[str, object]) -> str:
        blob = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return hmac.new(self._key, blob, hashlib.sha256).hexdigest()

    def _read(self) -> dict[str, dict[str, float]] | None:
        """The per-user state, or None when the file is missing or does not verify (tampering)."""
        try:
            doc = json.loads(self._path.read_text(encoding="utf-8"))
            body = {"users": doc["users"], "v": doc["v"]}
            if not hmac.compare_digest(self._sign(body), str(doc["mac"])):
                return None
            users = body["users"]
            return {str(k): {"failures": float(v["failures"]), "last": float(v["last"])} for k, v in users.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _write(self, users: dict[str, dict[str, float]]) -> None:
        body: dict[str, object] = {"users": users, "v": 1}
        atomic_write(self._path, json.dumps({**body, "mac": self._sign(body)}).encode("utf-8"))

    def _now(self) -> float:
        return self._clock.now().timestamp()

    def remaining(self, username: str) -> float:
        """Seconds until `username` may try again (0 when allowed)."""
        users = self._read()
        if users is None:
            started = self._tamper_started()
            return max(0.0, MAX_DELAY - (self._now() - started))
        state = users.get(username.casefold())
        if not state:
            return 0.0
        wait = delay_after(int(state["failures"])) - (self._now() - state["last"])
        return max(0.0, wait)

    def _tamper_started(self) -> float:
        # The cap counts from when the tampering was first seen (remembered in a marker beside the file).
        marker = self._path.with_suffix(".tamper")
        try:
            return float(marker.read_text(encoding="ascii"))
        except (OSError, ValueError):
            now = self._now()
            try:
                atomic_write(marker, str(now).encode("ascii"))
            except OSError:
                pass
            return now

    def failures(self, username: str) -> int:
        """Failed attempts since the last success (audited as login.failed at the next successful unlock)."""
        users = self._read() or {}
        return int(users.get(username.casefold(), {"failures": 0.0})["failures"])

    def record_failure(self, username: str) -> float:
        users = self._read() or {}
        state = users.get(username.casefold(), {"failures": 0.0, "last": 0.0})
        users[username.casefold()] = {"failures": state["failures"] + 1, "last": self._now()}
        self._write(users)
        return delay_after(int(state["failures"] + 1))

    def record_success(self, username: str) -> None:
        users = self._read() or {}
        users.pop(username.casefold(), None)
        self._write(users)
        self._path.with_suffix(".tamper").unlink(missing_ok=True)

    def reset_file(self) -> None:
        self._write({})

    @staticmethod
    def now_iso(clock: Clock) -> str:
        return datetime.fromtimestamp(clock.now().timestamp()).isoformat()
