"""An audit head kept outside the server, on each client machine, so a shortened log cannot pass as whole.

The HMAC chain already shows a row changed or removed in the middle (the key never reaches the server), but not
rows cut off at the end, nor a log rebuilt from scratch by someone who holds the key. So every sign-in and lock
keeps, per unit and user, in the user data dir (`server-audit-anchors/<unit>.<user>.json`, 0600, no content):

- `head_count`: the highest audit row id this client has seen (`stod_audit_head_id()`, readable by every role);
  a server whose log has fewer rows was shortened;
- `own_id`/`own_mac`: her own newest audit row (RLS lets her read her own rows), which must still be there with
  the same MAC — a log rebuilt from scratch is not;
- `mac`: the three MACed under a key derived from the unit's audit key, so the file cannot be edited to match.

Sticky as on the local store: after a mismatch the old anchor stays (the evidence is not overwritten) and an
`audit.anchor_mismatch` row is written; `audit verify --server` reports the problem.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select, text

from stodapp.audit_anchor import AnchorCheck
from stodapp.i18n import _
from stodapp.server import schema as t

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlalchemy.orm import Session

    from stodapp.audit import AuditVerification
    from stodapp.auth import Principal


class AnchoredStore(Protocol):
    """What the anchor needs of a signed-in server store (`stodapp.server.store.ServerStore`, which calls in)."""

    anchor_file: Path | None
    anchor_reported: set[str]
    principal: Principal
    unit_id: str
    audit_key: bytes

    def session(self) -> AbstractContextManager[Session]: ...

    def audit(self, s: Session, action: str, record_type: str = "", record_id: str = "",
              purpose: str = "") -> None: ...

DIR_NAME = "server-audit-anchors"


class ServerAnchor(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    head_count: int
    own_id: int
    own_mac: str
    mac: str


def anchor_path(unit_id: str, username: str, data_dir: Path | None = None) -> Path:
    from stodapp.paths import default_data_dir

    return (data_dir or default_data_dir()) / DIR_NAME / f"{unit_id}.{username}.json"


def _mac(audit_key: bytes, unit_id: str, username: str, head_count: int, own_id: int, own_mac: str) -> str:
    key = hmac.new(audit_key, b"stodapp server audit anchor v1", hashlib.sha256).digest()
    body = f"{unit_id}|{username}|{head_count}|{own_id}|{own_mac}".encode()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def seal(audit_key: bytes, unit_id: str, username: str, head_count: int, own_id: int, own_mac: str) -> ServerAnchor:
    return ServerAnchor(head_count=head_count, own_id=own_id, own_mac=own_mac,
                        mac=_mac(audit_key, unit_id, username, head_count, own_id, own_mac))


def load(path: Path) -> ServerAnchor | None:
    """The stored anchor; None when there is none yet. An unreadable file counts as edited (see `check`)."""
    try:
        return ServerAnchor.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, ValidationError):
        return ServerAnchor(head_count=0, own_id=0, own_mac="", mac="")


def save(path: Path, anchor: ServerAnchor) -> None:
    from stodapp.store.files import write_private

    path.parent.mkdir(parents=True, exist_ok=True)
    write_private(path, anchor.model_dump_json().encode())


def _head_count(s: Session) -> int:
    return int(s.execute(text("SELECT stod_audit_head_id()")).scalar() or 0)


def _own_newest(s: Session, user_id: int) -> tuple[int, str]:
    row = s.execute(select(t.audit_log.c.id, t.audit_log.c.mac).where(t.audit_log.c.user_id == user_id)
                    .order_by(t.audit_log.c.id.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row is not None else (0, "")


def check(s: Session, audit_key: bytes, unit_id: str, username: str, user_id: int,
          anchor: ServerAnchor | None) -> AnchorCheck:
    """Compare the server's log with the anchor this client kept."""
    if anchor is None:
        return AnchorCheck(ok=True)
    expected = _mac(audit_key, unit_id, username, anchor.head_count, anchor.own_id, anchor.own_mac)
    if not hmac.compare_digest(expected, anchor.mac):
        return AnchorCheck(ok=False, problem="forged", known_count=anchor.head_count,
                           message=_("granskningsloggens ankare på den här datorn har ändrats"))
    count = _head_count(s)
    if count < anchor.head_count:
        return AnchorCheck(
            ok=False, problem="shorter", known_count=anchor.head_count, known_head=anchor.own_mac,
            message=_("granskningsloggen på servern är kortare än senast kända: {count} händelser, men {known} var "
                      "kända på den här datorn").format(count=count, known=anchor.head_count),
        )
    if anchor.own_id:
        mac = s.execute(select(t.audit_log.c.mac).where(t.audit_log.c.id == anchor.own_id,
                                                        t.audit_log.c.user_id == user_id)).scalar()
        if mac != anchor.own_mac:
            return AnchorCheck(
                ok=False, problem="restarted", known_count=anchor.head_count, known_head=anchor.own_mac,
                message=_("granskningsloggen på servern har börjat om eller skrivits om: din händelse {id} finns "
                          "inte längre som den var").format(id=anchor.own_id),
            )
    return AnchorCheck(ok=True, known_count=anchor.head_count, known_head=anchor.own_mac)


def advanced(s: Session, audit_key: bytes, unit_id: str, username: str, user_id: int,
             anchor: ServerAnchor | None) -> ServerAnchor:
    """The anchor to keep now: the current head and her newest row, unless the old anchor does not hold (sticky)."""
    if anchor is not None and not check(s, audit_key, unit_id, username, user_id, anchor).ok:
        return anchor
    own_id, own_mac = _own_newest(s, user_id)
    return seal(audit_key, unit_id, username, max(_head_count(s), anchor.head_count if anchor else 0), own_id,
                own_mac)


def refresh(store: AnchoredStore) -> AnchorCheck:
    """At sign-in and lock: check the kept anchor (a mismatch writes `audit.anchor_mismatch`) and keep the new one.
    A full disk or an unreachable server must not stop a sign-in or a lock: the next one tries again."""
    from stodapp.errors import StodError

    path, p = store.anchor_file, store.principal
    if path is None:
        return AnchorCheck(ok=True)
    try:
        old = load(path)
        with store.session() as s:
            found = check(s, store.audit_key, store.unit_id, p.username, p.user_id, old)
            if not found.ok and (found.problem or "") not in store.anchor_reported:  # once per session
                store.audit(s, "audit.anchor_mismatch", "audit_log", found.problem or "")
                store.anchor_reported.add(found.problem or "")
        with store.session() as s:
            new = advanced(s, store.audit_key, store.unit_id, p.username, p.user_id, old)
        if new != old:
            save(path, new)
        return found
    except (StodError, OSError):
        return AnchorCheck(ok=True)


def with_anchor(store: AnchoredStore, s: Session, chain: AuditVerification) -> AuditVerification:
    """`audit verify --server`: the chain's verdict with this machine's anchor checked beside it."""
    p = store.principal
    found = check(s, store.audit_key, store.unit_id, p.username, p.user_id,
                  load(store.anchor_file) if store.anchor_file else None)
    if found.ok:
        return chain.model_copy(update={"known_count": found.known_count, "known_head": found.known_head})
    return chain.model_copy(update={"ok": False, "anchor_problem": found.problem, "anchor_message": found.message,
                                    "known_count": found.known_count, "known_head": found.known_head})
