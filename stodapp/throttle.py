"""Unlock throttling that survives restarts: 5 free failures, then 30 s doubling to a 15 min cap.

State lives in `throttle.json` beside the store with an HMAC (key from the key-slot file header) and a sequence
number that only grows; the same number is also kept inside the encrypted store (at sign-in), so a replayed
older file is found and audited at the next unlock. User names are stored as keyed hashes, never in clear.

- A missing, edited or unreadable counter file counts as the maximum delay *from when it was first seen*; that
  moment is kept in a signed marker (`throttle.tamper`). An unsigned or edited marker counts as "seen now".
- The recovery key (random, ~128 bits, not guessable through a throttle anyway) is exempt from that file-level
  penalty, so deleting one file cannot lock the administrator out of the recovery path; it keeps its own counter.
- Failures are also counted in memory for the life of the process, so a full disk (the write fails) or a file
  deleted between tries does not reset the count: the larger of file and memory wins.

This slows guessing through the app only; Argon2id (key slots) is what protects against offline attacks, and a
local attacker who can read the key-slot file can re-sign these files (the MAC key is not a secret from them):
the sequence number inside the store turns such a rollback into an audited event instead.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from stodapp.clock import Clock
from stodapp.store.files import atomic_write

FREE_FAILURES = 5
BASE_DELAY = 30.0
MAX_DELAY = 15 * 60.0
FILE_NAME = "throttle.json"
FORMAT = 2
RECOVERY_NAME = "\0recovery"  # no user name holds a NUL: a user called "recovery" is not exempt

# (data dir, hashed name) -> state; failures counted in this process even when they could not be written
_MEMORY: dict[tuple[str, str], dict[str, float]] = {}


def delay_after(failures: int) -> float:
    if failures < FREE_FAILURES:
        return 0.0
    return float(min(MAX_DELAY, BASE_DELAY * 2.0 ** (failures - FREE_FAILURES)))


class Throttle:
    def __init__(self, data_dir: Path, mac_key: bytes, clock: Clock) -> None:
        self._path = data_dir / FILE_NAME
        self._marker = self._path.with_suffix(".tamper")
        self._key = mac_key
        self._clock = clock
        self._dir_id = str(Path(data_dir).resolve())

    # ---- signing and names
    def _mac(self, blob: bytes) -> str:
        return hmac.new(self._key, blob, hashlib.sha256).hexdigest()

    def _sign(self, body: dict[str, object]) -> str:
        return self._mac(json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8"))

    def key_id(self) -> str:
        return self._mac(b"key-id")[:16]

    def name_id(self, username: str) -> str:
        """Keyed hash of the user name: the file never says which names were tried."""
        return self._mac(b"user|" + username.strip().casefold().encode("utf-8", "surrogatepass"))[:32]

    # ---- file state
    def _read_doc(self) -> tuple[dict[str, dict[str, float]], int] | None:
        """(per-user state, sequence number), or None when the file is missing or does not verify (tampering)."""
        try:
            doc = json.loads(self._path.read_text(encoding="utf-8"))
            body = {"users": doc["users"], "v": doc["v"], "seq": doc["seq"]}
            if body["v"] != FORMAT or not hmac.compare_digest(self._sign(body), str(doc["mac"])):
                return None
            users = {str(k): {"failures": float(v["failures"]), "last": float(v["last"])}
                     for k, v in body["users"].items()}
            return users, int(body["seq"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _read(self) -> dict[str, dict[str, float]] | None:
        doc = self._read_doc()
        return None if doc is None else doc[0]

    def sequence(self) -> int | None:
        """The file's sequence number (None when it does not verify)."""
        doc = self._read_doc()
        return None if doc is None else doc[1]

    def _write(self, users: dict[str, dict[str, float]]) -> int:
        doc = self._read_doc()
        seq = (doc[1] if doc is not None else 0) + 1
        body: dict[str, object] = {"users": users, "v": FORMAT, "seq": seq}
        atomic_write(self._path, json.dumps({**body, "mac": self._sign(body)}).encode("utf-8"))
        return seq

    def _now(self) -> float:
        return self._clock.now().timestamp()

    def _state(self, username: str, users: dict[str, dict[str, float]] | None) -> dict[str, float]:
        key = self.name_id(username)
        on_file = (users or {}).get(key, {"failures": 0.0, "last": 0.0})
        in_memory = _MEMORY.get((self._dir_id, key), {"failures": 0.0, "last": 0.0})
        return max(on_file, in_memory, key=lambda st: (st["failures"], st["last"]))

    # ---- public
    def remaining(self, username: str) -> float:
        """Seconds until `username` may try again (0 when allowed)."""
        users = self._read()
        state = self._state(username, users)
        wait = delay_after(int(state["failures"])) - (self._now() - state["last"])
        if users is None and username != RECOVERY_NAME:
            wait = max(wait, MAX_DELAY - (self._now() - self._tamper_started()))
        return max(0.0, wait)

    def _marker_mac(self, since: float) -> str:
        return self._mac(f"tamper|{since!r}".encode("ascii"))

    def _tamper_started(self) -> float:
        # The cap counts from when the tampering was first seen, kept in a signed marker beside the file; a marker
        # that does not verify (edited, unsigned, "0") counts as seen now.
        try:
            doc: Any = json.loads(self._marker.read_text(encoding="ascii"))
            since = float(doc["since"])
            if hmac.compare_digest(self._marker_mac(since), str(doc["mac"])) and since <= self._now():
                return since
        except (OSError, ValueError, KeyError, TypeError):
            pass
        now = self._now()
        try:
            atomic_write(self._marker, json.dumps({"since": now, "mac": self._marker_mac(now)}).encode("ascii"))
        except OSError:
            pass
        return now

    def failures(self, username: str) -> int:
        """Failed attempts since the last success (audited as login.failed at the next successful unlock)."""
        return int(self._state(username, self._read())["failures"])

    def record_failure(self, username: str) -> float:
        """Count a failure: in memory first (a full disk must not lose it), then on file."""
        users = self._read() or {}
        state = self._state(username, users)
        new = {"failures": state["failures"] + 1, "last": self._now()}
        key = self.name_id(username)
        _MEMORY[(self._dir_id, key)] = new
        users[key] = new
        try:
            self._write(users)
        except OSError:
            pass  # counted in memory for this process; the next write that works carries it to the file
        return delay_after(int(new["failures"]))

    def record_success(self, username: str) -> None:
        users = self._read() or {}
        key = self.name_id(username)
        users.pop(key, None)
        _MEMORY.pop((self._dir_id, key), None)
        self._write(users)
        self._marker.unlink(missing_ok=True)

    def reset_file(self) -> None:
        self._write({})

    @staticmethod
    def now_iso(clock: Clock) -> str:
        return datetime.fromtimestamp(clock.now().timestamp()).isoformat()


SEQUENCE_KEY = "throttle_seq"


def check_sequence(s: Any, audit_key: bytes, clock: Clock, principal: Any, throttle: Throttle) -> str | None:
    """At a successful sign-in (inside its session): compare the file's sequence number with the one kept in the
    store. A missing/unverifiable file or an older number (a replayed file) is audited; returns that action. The
    store then expects the number `record_success` is about to write."""
    from sqlalchemy import select

    from stodapp import audit
    from stodapp.store.tables import StoreMeta

    found = throttle.sequence()
    row = s.scalar(select(StoreMeta).where(StoreMeta.key == SEQUENCE_KEY))
    # "<key id>:<seq>": a restored store gets a new key-slot file (new MAC key), whose counter starts afresh
    key_id, _sep, stored = (row.value if row is not None else "").partition(":")
    expected = int(stored) if key_id == throttle.key_id() and stored.isdigit() else None
    action = None
    if found is None:
        action = "throttle.tampered"  # deleted, edited or unsigned counter file
    elif expected is not None and found < expected:
        action = "throttle.rollback"  # an older signed file put back: its counter was reset
    if action is not None:
        audit.append(s, key=audit_key, at=clock.now(), user_id=principal.user_id, username=principal.username,
                     role=principal.role.value, action=action)
    nxt = f"{throttle.key_id()}:{(found or 0) + 1}"
    if row is None:
        s.add(StoreMeta(key=SEQUENCE_KEY, value=nxt))
    else:
        row.value = nxt
    return action
