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

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from stodapp.access import require
from stodapp.auth import Principal
from stodapp.changes import Change, ChangeFeed
from stodapp.clock import Clock, SystemClock

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.store.interface import LocalStore, Store
    from stodapp.store.keyring import KeyRing


#: Reads that fill one screen; inside `screen_read` only the first of them is audited.
SCREEN_READS = frozenset({"case.view", "case.view_glass", "note.list", "asking.due", "asking.list",
                          "next_step.list"})


@dataclass
class ServiceContext:
    db: Store  # the unit-of-work source; features never learn which database is behind it
    principal: Principal
    clock: Clock = field(default_factory=SystemClock)
    store_kind: str = "case"  # "case" | "training" | "demo"
    # Step-up before export and print: raises ReauthRequired when the last sign-in or confirmation is too old.
    # The facade sets it (Core.require_recent_auth); a bare context (tests, tools) has none and never asks.
    step_up: Callable[[str], None] | None = None
    changes: ChangeFeed = field(default_factory=ChangeFeed)
    _open: threading.local = field(default_factory=threading.local, init=False, repr=False, compare=False)

    def published(self, change: Change) -> Change:
        """Hand the write's record back and tell the subscribers (the GUI's change bus) once it is committed.

        Inside a transaction the change waits for the outermost commit and is dropped on rollback, so nobody
        refreshes for a write that did not happen, and no listener reads while the writer still holds the store.
        """
        pending: list[Change] | None = getattr(self._open, "pending", None)
        if pending is None:
            self.changes.publish(change)
        else:
            pending.append(change)
        return change

    def today(self) -> date:
        """Today in Sweden by this context's clock (Europe/Stockholm, whatever the laptop's zone)."""
        from stodapp.calendar_se import local_date

        return local_date(self.clock.now())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: commits on success, rolls back on any error. Changes are published after the commit."""
        outermost = getattr(self._open, "pending", None) is None
        if outermost:
            self._open.pending = []
        try:
            with self.db.session() as s:
                yield s
        except BaseException:
            if outermost:
                self._open.pending = None
            raise
        if outermost:
            committed, self._open.pending = self._open.pending, None
            for change in committed:
                self.changes.publish(change)

    @contextmanager
    def screen_read(self, covered: frozenset[str] = frozenset()) -> Iterator[None]:
        """One screen's load: every read inside shares one transaction and the screen writes one audit row.

        The first audited read (the screen's own, e.g. `case.view`) is written; the reads that only fill the same
        screen (its notes, asking policy, next steps) are covered by it and write none. A page that writes its
        own row (`audit_screen`) names the reads that row covers in `covered`: inside, they write nothing.
        Writes and refusals inside are audited as always."""
        if getattr(self._open, "screen", None) is not None:
            yield
            return
        self._open.screen = []
        self._open.covered = covered
        self._open.refusals = []
        self._open.checked = {}
        try:
            with self.db.transaction(), self.session():
                yield
        except BaseException:
            refusals: list[tuple[str, str, str, str]] = self._open.refusals
            self._open.screen = self._open.refusals = self._open.checked = self._open.covered = None
            if refusals:  # the screen's transaction rolled back: its refusals still belong in the log
                with self.session() as s:
                    for row in refusals:
                        self.audit(s, *row)
            raise
        finally:
            self._open.screen = self._open.refusals = self._open.checked = self._open.covered = None

    def screen_checks(self) -> dict[int, object] | None:
        """Inside a screen read: the access checks already passed in its transaction (case id -> result)."""
        checked: dict[int, object] | None = getattr(self._open, "checked", None)
        return checked

    def audit_refusal(self, action: str, record_type: str, record_id: str, purpose: str = "") -> None:
        """Audit a refused access in its own transaction (the refused one rolls back); inside a screen read,
        once the screen's transaction has rolled back."""
        refusals: list[tuple[str, str, str, str]] | None = getattr(self._open, "refusals", None)
        if refusals is not None:
            refusals.append((action, record_type, record_id, purpose))
            return
        with self.session() as s:
            self.audit(s, action, record_type, record_id, purpose)

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
        screen: list[str] | None = getattr(self._open, "screen", None)
        if screen is not None and action in self._open.covered:
            return  # the page's own row (audit_screen) says what it showed
        if screen is not None and action in SCREEN_READS:
            if screen:
                return  # this screen's opening is already in the log
            screen.append(action)
        self._append(session, action, record_type, record_id, purpose)

    def _append(self, session: Session, action: str, record_type: str, record_id: str, purpose: str) -> None:
        from stodapp.audit import append

        self.db.lock_audit_chain(session)
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


    def audit_screen(self, session: Session, action: str, record_type: str, record_id: str,
                     listed: list[int]) -> None:
        """A page's one audit row (inside `screen_read`): `record_type`/`record_id` name what it opened (the case
        whose history or reports it shows; "" for none) and the purpose the case ids it listed, compacted
        ("12 visade: 3,7-12,40"), never their content. Only when the ids do not fit one row's purpose do the
        remaining pieces follow as `case.list` rows in the same transaction, so no listed id is lost."""
        from stodapp.audit import PURPOSE_MAX, id_chunks

        shown = len(set(listed))
        head = f"{shown} visade" + (": " if listed else "")
        pieces = id_chunks(listed, width=PURPOSE_MAX - len(head))
        self.audit(session, action, record_type, record_id, purpose=head + (pieces[0] if pieces else ""))
        if len(pieces) > 1:
            in_row = set(_expand(pieces[0]))
            for chunk in id_chunks([i for i in listed if i not in in_row]):
                self._append(session, "case.list", "case", chunk, f"{shown} visade ({action})")


def _expand(piece: str) -> list[int]:
    """ "3,7-9" -> [3, 7, 8, 9]: the ids in one piece of `stodapp.audit.id_chunks`."""
    out: list[int] = []
    for run in piece.split(","):
        first, _sep, last = run.partition("-")
        out += range(int(first), int(last or first) + 1)
    return out


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

    def backup_key_material(self) -> tuple[LocalStore, bytes]:
        """The open database and its data key (backup.manage)."""
        ...
