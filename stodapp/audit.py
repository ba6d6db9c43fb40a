"""Tamper-evident audit log: one row per access or change, never content; rows form an HMAC chain.

mac_i = HMAC-SHA256(K_audit, mac_{i-1} || canonical(row_i)), K_audit = HKDF(DEK, "audit"), mac_0 = 64 zeros.
`verify` walks the chain and reports the 1-based position of the first row that does not verify: editing,
deleting or reordering row k is reported at k. Truncating the tail is caught only against an anchor (count + head)
kept outside the laptop, which the audit review prints.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from stodapp.store.tables import AuditRow

GENESIS = "0" * 64


class AuditVerification(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ok: bool
    count: int
    head: str
    first_bad_index: int | None = None  # 1-based position in id order
    first_bad_id: int | None = None
    # Against the anchor kept outside the database (stodapp.audit_anchor): "shorter", "restarted" or "forged".
    anchor_problem: str | None = None
    anchor_message: str = ""
    known_count: int | None = None
    known_head: str | None = None


class AuditEvent(BaseModel):
    """An audit row as the review sees it (no MAC)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    at: str
    user_id: int | None
    username: str
    role: str
    action: str
    record_type: str
    record_id: str
    purpose: str


def _canonical(row_id: int, at: str, user_id: int | None, username: str, role: str, action: str,
               record_type: str, record_id: str, purpose: str) -> bytes:
    fields = [str(row_id), at, "" if user_id is None else str(user_id), username, role, action,
              record_type, record_id, purpose]
    return "\x1f".join(f.replace("\x1f", " ") for f in fields).encode("utf-8")


def _mac(key: bytes, prev: str, payload: bytes) -> str:
    return hmac.new(key, prev.encode("ascii") + payload, hashlib.sha256).hexdigest()


def _timestamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def append(
    session: Session,
    *,
    key: bytes,
    at: datetime,
    user_id: int | None,
    username: str,
    role: str,
    action: str,
    record_type: str = "",
    record_id: str = "",
    purpose: str = "",
) -> None:
    """Add one row in the caller's transaction (same transaction as the change it records)."""
    last = session.execute(select(AuditRow.id, AuditRow.mac).order_by(AuditRow.id.desc()).limit(1)).first()
    prev_id, prev_mac = (last[0], last[1]) if last else (0, GENESIS)
    row_id = prev_id + 1
    stamp = _timestamp(at)
    purpose = purpose[:200]
    payload = _canonical(row_id, stamp, user_id, username, role, action, record_type, record_id, purpose)
    # (the SELECT above autoflushed what the caller added, so the row follows what it records)
    # A Core insert, not an ORM object: the row is never read back through this session, and the unit-of-work
    # bookkeeping of an ORM add cost more than the rest of a case open's audit (issue 15's profile).
    session.execute(
        insert(AuditRow).values(
            id=row_id, at=stamp, user_id=user_id, username=username, role=role, action=action,
            record_type=record_type, record_id=record_id, purpose=purpose, mac=_mac(key, prev_mac, payload),
        )
    )


def verify(session: Session, key: bytes) -> AuditVerification:
    prev = GENESIS
    count = 0
    expected_id = 1
    rows = session.execute(
        select(AuditRow.id, AuditRow.at, AuditRow.user_id, AuditRow.username, AuditRow.role, AuditRow.action,
               AuditRow.record_type, AuditRow.record_id, AuditRow.purpose, AuditRow.mac).order_by(AuditRow.id)
    )
    for r in rows:
        count += 1
        payload = _canonical(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])
        good = r[0] == expected_id and hmac.compare_digest(_mac(key, prev, payload), r[9])
        if not good:
            return AuditVerification(ok=False, count=count, head=prev, first_bad_index=count, first_bad_id=r[0])
        prev = r[9]
        expected_id += 1
    return AuditVerification(ok=True, count=count, head=prev)


def events(session: Session, since: str | None = None, until: str | None = None) -> list[AuditEvent]:
    stmt = select(AuditRow).order_by(AuditRow.id)
    if since:
        stmt = stmt.where(AuditRow.at >= since)
    if until:
        stmt = stmt.where(AuditRow.at < until)
    return [AuditEvent.model_validate(r, from_attributes=True) for r in session.scalars(stmt)]


RECORD_ID_MAX = 64  # audit_log.record_id is String(64)
PURPOSE_MAX = 200  # audit_log.purpose is String(200)


def id_chunks(ids: list[int] | tuple[int, ...], width: int = RECORD_ID_MAX) -> list[str]:
    """Record ids shown in a list or search result, compacted into ranges ("3,7-12,40") and split into pieces that
    each fit one audit row's record_id. Sorted and de-duplicated; [] for none."""
    runs: list[str] = []
    ordered = sorted(set(ids))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        runs.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    chunks: list[str] = []
    for run in runs:
        if chunks and len(chunks[-1]) + 1 + len(run) <= width:
            chunks[-1] += "," + run
        else:
            chunks.append(run)
    return chunks
