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
- Every failure is also queued (keyed name hash + time) until the next successful unlock by *anyone*, which writes
  one `login.failed` audit row per queued try (user resolved from the hash, unknown names as "okänt
  användarnamn", the try's own time in the purpose) and then clears what it wrote. A reset (`reset_file`: new
  store, restore) clears the counters but keeps that queue; a deleted or edited file loses its queue, but is
  itself audited (`throttle.tampered`), and the tries of this process are still queued in memory.

This slows guessing through the app only; Argon2id (key slots) is what protects against offline attacks, and a
local attacker who can read the key-slot file can re-sign these files (the MAC key is not a secret from them):
the sequence number inside the store turns such a rollback into an audited event instead.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stodapp.clock import Clock
from stodapp.store.files import atomic_write

FREE_FAILURES = 5
BASE_DELAY = 30.0
MAX_DELAY = 15 * 60.0
FILE_NAME = "throttle.json"
FORMAT = 3  # 3 adds the queue of failures not yet audited; a format-2 file is still read
MAX_PENDING = 1000  # queued failures kept; beyond that the oldest go (the counters still hold)
RECOVERY_NAME = "\0recovery"  # no user name holds a NUL: a user called "recovery" is not exempt

# (data dir, hashed name) -> state; failures counted in this process even when they could not be written
_MEMORY: dict[tuple[str, str], dict[str, float]] = {}
# data dir -> [(hashed name, time)] of failures not yet written to the audit log, kept in this process too
_PENDING: dict[str, list[tuple[str, float, int]]] = {}

# (hashed name, time, that name's failure count then): the count keeps two tries in the same second apart
Pending = list[tuple[str, float, int]]


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
    def _read_doc(self) -> tuple[dict[str, dict[str, float]], int, Pending] | None:
        """(per-user state, sequence number, queued failures), or None when the file is missing or does not
        verify (tampering)."""
        try:
            doc = json.loads(self._path.read_text(encoding="utf-8"))
            body = {"users": doc["users"], "v": doc["v"], "seq": doc["seq"]}
            if doc["v"] == FORMAT:
                body["pending"] = doc["pending"]
            elif doc["v"] != 2:
                return None
            if not hmac.compare_digest(self._sign(body), str(doc["mac"])):
                return None
            users = {str(k): {"failures": float(v["failures"]), "last": float(v["last"])}
                     for k, v in body["users"].items()}
            if doc["v"] == 2:  # format 2 kept no queue: its counters are the failures not yet audited
                pending = [(k, st["last"], n + 1) for k, st in users.items() for n in range(int(st["failures"]))]
            else:
                pending = [(str(k), float(at), int(n)) for k, at, n in body["pending"]]
            return users, int(body["seq"]), pending
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def _read(self) -> dict[str, dict[str, float]] | None:
        doc = self._read_doc()
        return None if doc is None else doc[0]

    def sequence(self) -> int | None:
        """The file's sequence number (None when it does not verify)."""
        doc = self._read_doc()
        return None if doc is None else doc[1]

    def _write(self, users: dict[str, dict[str, float]], pending: Pending | None = None) -> int:
        doc = self._read_doc()
        seq = (doc[1] if doc is not None else 0) + 1
        if pending is None:
            pending = doc[2] if doc is not None else []
        body: dict[str, object] = {"users": users, "v": FORMAT, "seq": seq,
                                   "pending": [list(item) for item in pending[-MAX_PENDING:]]}
        atomic_write(self._path, json.dumps({**body, "mac": self._sign(body)}).encode("utf-8"))
        return seq

    def pending(self) -> Pending:
        """Failed tries not yet in the audit log (file and this process together, oldest first)."""
        doc = self._read_doc()
        merged = set(doc[2] if doc is not None else []) | set(_PENDING.get(self._dir_id, []))
        return sorted(merged, key=lambda item: (item[1], item[2], item[0]))

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
        """Failed attempts since the user's last success (the audit log gets them through `pending`)."""
        return int(self._state(username, self._read())["failures"])

    def record_failure(self, username: str, *, queue: bool = True) -> float:
        """Count a failure: in memory first (a full disk must not lose it), then on file. `queue` puts it in the
        queue for the audit log (False when the caller audits it at once, as a failed step-up does)."""
        doc = self._read_doc()
        users = doc[0] if doc is not None else {}
        pending = list(doc[2]) if doc is not None else []
        state = self._state(username, users)
        new = {"failures": state["failures"] + 1, "last": self._now()}
        key = self.name_id(username)
        _MEMORY[(self._dir_id, key)] = new
        users[key] = new
        if queue:
            item = (key, new["last"], int(new["failures"]))
            _PENDING.setdefault(self._dir_id, []).append(item)
            del _PENDING[self._dir_id][:-MAX_PENDING]
            pending.append(item)
        try:
            self._write(users, pending)
        except OSError:
            pass  # counted in memory for this process; the next write that works carries it to the file
        return delay_after(int(new["failures"]))

    def record_success(self, username: str, audited: Sequence[tuple[str, float, int]] = ()) -> None:
        """A successful unlock: the user's counter goes; the queued failures `audited` (already written to the
        audit log in the sign-in's transaction) leave the queue."""
        doc = self._read_doc()
        users = doc[0] if doc is not None else {}
        done = set(audited)
        pending = [item for item in (doc[2] if doc is not None else []) if item not in done]
        if self._dir_id in _PENDING:
            _PENDING[self._dir_id] = [item for item in _PENDING[self._dir_id] if item not in done]
        key = self.name_id(username)
        users.pop(key, None)
        _MEMORY.pop((self._dir_id, key), None)
        self._write(users, pending)
        self._marker.unlink(missing_ok=True)

    def reset_file(self) -> None:
        """Counters back to zero (new store, restore); failures not yet audited stay queued."""
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


def audit_pending(s: Any, audit_key: bytes, clock: Clock, throttle: Throttle) -> Pending:
    """At a successful sign-in (inside its session): one `login.failed` row per queued failed try, whoever
    signs in. The user is resolved from the keyed hash (never stored in clear); the try's own time goes into the
    purpose. Returns what was written, for `record_success` to take off the queue."""
    from sqlalchemy import select

    from stodapp import audit
    from stodapp.calendar_se import local_stamp
    from stodapp.store.tables import UserRow

    queued = throttle.pending()
    if not queued:
        return queued
    known = {throttle.name_id(name): (uid, name) for uid, name in s.execute(select(UserRow.id, UserRow.username))}
    recovery = throttle.name_id(RECOVERY_NAME)
    for key, at, _n in queued:
        uid, name = known.get(key, (None, ""))
        what = "" if uid is not None else " (återställningsnyckel)" if key == recovery else " (okänt användarnamn)"
        stamp = local_stamp(datetime.fromtimestamp(at, tz=UTC))
        audit.append(s, key=audit_key, at=clock.now(), user_id=uid, username=name, role="", action="login.failed",
                     record_type="user", record_id="" if uid is None else str(uid), purpose=f"försök {stamp}{what}")
    return queued
