"""What every feature service receives: the open database, the principal, the clock, and an audit writer.

Pattern (one per feature, stodapp/<feature>/service.py):

    class CaseService:
        def __init__(self, ctx: ServiceContext) -> None:
            self._ctx = ctx

        def open_case(self, case_id: int) -> CaseView:
            self._ctx.require("case.read")
            with self._ctx.session() as s:           # one transaction per user action
                row = s.get(CaseRow, case_id)
                self._ctx.audit(s, "view", "case", str(case_id))   # same transaction as the read/write
                return CaseView.model_validate(row, from_attributes=True)   # never hand ORM rows to ui/
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from stodapp.access import require
from stodapp.auth import Principal
from stodapp.clock import Clock, SystemClock

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.store.database import Database
    from stodapp.store.keyring import KeyRing


@dataclass
class ServiceContext:
    db: Database
    principal: Principal
    clock: Clock = field(default_factory=SystemClock)
    store_kind: str = "case"  # "case" | "training" | "demo"
    # Step-up before export and print: raises ReauthRequired when the last sign-in or confirmation is too old.
    # The facade sets it (Core.require_recent_auth); a bare context (tests, tools) has none and never asks.
    step_up: Callable[[str], None] | None = None

    def today(self) -> date:
        """Today in Sweden by this context's clock (Europe/Stockholm, whatever the laptop's zone)."""
        from stodapp.calendar_se import local_date

        return local_date(self.clock.now())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: commits on success, rolls back on any error."""
        with self.db.session() as s:
            yield s

    def require(self, action: str) -> None:
        require(self.principal, action)

    def require_recent_auth(self, what: str) -> None:
        """Before an export or a print: the passphrase must have been given within the step-up window."""
        if self.step_up is not None:
            self.step_up(what)

    def audit(
        self, session: Session, action: str, record_type: str = "", record_id: str = "", purpose: str = ""
    ) -> None:
        """Append one audit row in the caller's transaction. Never pass case content as purpose."""
        from stodapp.audit import append

        append(
            session,
            key=self.db.audit_key,
            at=self.clock.now(),
            user_id=self.principal.user_id,
            username=self.principal.username,
            role=self.principal.role.value,
            action=action,
            record_type=record_type,
            record_id=record_id,
            purpose=purpose,
        )

    def audit_shown(self, session: Session, action: str, record_type: str, ids: list[int]) -> None:
        """Audit a list or search by the ids it showed (never the query): one row per piece of the compacted id
        list (`stodapp.audit.id_chunks`), each saying how many were shown; one row with no id when none were."""
        from stodapp.audit import id_chunks

        chunks = id_chunks(ids) or [""]
        shown = len(set(ids))
        for chunk in chunks:
            self.audit(session, action, record_type, chunk, purpose=f"{shown} visade")


class OpenStore(Protocol):
    """What store-level features (backup) need of an unlocked store. The facade (`stodapp.core.Core`) is one;
    features depend on this, never on the facade, so the layers stay drawable and a second backend can plug in."""

    ctx: ServiceContext
    clock: Clock
    store_kind: str

    def audit_event(self, action: str, purpose: str = "", record_type: str = "", record_id: str = "") -> None: ...

    def keyring(self) -> KeyRing:
        """The key slots (keys.manage)."""
        ...

    def backup_key_material(self) -> tuple[Database, bytes]:
        """The open database and its data key (backup.manage)."""
        ...
