"""An audit head kept outside the database, so a shorter or restarted chain cannot pass as whole (issue 18, #1).

The anchor (count + head MAC of the last known row, itself MACed with a key derived from the audit key) is sealed
into keyslots.json at every unlock and lock. It is sticky: it only moves forward when the current chain extends it
(the row at the anchored position still carries the anchored MAC), so a wipe followed by new logins never
overwrites the evidence. Backup manifests carry the same count/head and the supervisor's review prints it; an
attacker with the data key can rebuild everything on the laptop, which is why the printed anchor matters.
"""

from __future__ import annotations

import hashlib
import hmac

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.store.keyslots import AuditAnchor
from stodapp.store.tables import AuditRow


class AnchorCheck(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ok: bool
    problem: str | None = None  # "shorter", "restarted", "forged"
    message: str = ""
    known_count: int | None = None
    known_head: str | None = None


def _key(audit_key: bytes) -> bytes:
    return hmac.new(audit_key, b"stodapp audit anchor v1", hashlib.sha256).digest()


def seal(audit_key: bytes, count: int, head: str) -> AuditAnchor:
    mac = hmac.new(_key(audit_key), f"{count}|{head}".encode("ascii"), hashlib.sha256).hexdigest()
    return AuditAnchor(count=count, head=head, mac=mac)


def authentic(audit_key: bytes, anchor: AuditAnchor) -> bool:
    return hmac.compare_digest(seal(audit_key, anchor.count, anchor.head).mac, anchor.mac)


def current_head(session: Session) -> tuple[int, str]:
    """(count, head) of the chain as it stands (ids are contiguous from 1; verify checks that)."""
    last = session.execute(select(AuditRow.id, AuditRow.mac).order_by(AuditRow.id.desc()).limit(1)).first()
    return (int(last[0]), str(last[1])) if last else (0, "0" * 64)


def mac_at(session: Session, position: int) -> str | None:
    value = session.execute(select(AuditRow.mac).where(AuditRow.id == position)).scalar()
    return None if value is None else str(value)


def check(session: Session, audit_key: bytes, anchor: AuditAnchor | None) -> AnchorCheck:
    """Compare the chain in the database with the anchor kept outside it."""
    if anchor is None:
        return AnchorCheck(ok=True)
    if not authentic(audit_key, anchor):
        return AnchorCheck(ok=False, problem="forged", known_count=anchor.count, known_head=anchor.head,
                           message="granskningsloggens ankare i nyckelfilen har ändrats")
    count, _head = current_head(session)
    if count < anchor.count:
        return AnchorCheck(
            ok=False, problem="shorter", known_count=anchor.count, known_head=anchor.head,
            message=(f"granskningsloggen är kortare än senast kända: {count} händelser, men {anchor.count} var "
                     f"kända (senast kända huvud {anchor.head})"),
        )
    if anchor.count and mac_at(session, anchor.count) != anchor.head:
        return AnchorCheck(
            ok=False, problem="restarted", known_count=anchor.count, known_head=anchor.head,
            message=(f"granskningsloggen har börjat om eller skrivits om: händelse {anchor.count} stämmer inte med "
                     f"senast kända huvud {anchor.head}"),
        )
    return AnchorCheck(ok=True, known_count=anchor.count, known_head=anchor.head)


def advanced(session: Session, audit_key: bytes, anchor: AuditAnchor | None) -> AuditAnchor | None:
    """The anchor to store now: the current head if the chain extends the old anchor, else the old one (sticky)."""
    if anchor is not None and not check(session, audit_key, anchor).ok:
        return anchor
    count, head = current_head(session)
    if anchor is not None and anchor.count == count and anchor.head == head:
        return anchor
    return seal(audit_key, count, head)
