"""An unlocked server-mode store: one user's authenticated connection, her data key, audit and write receipts.

`ServerStore.open` logs in as the user's own database role (password derived from the passphrase), reads the
unit's facts, unwraps the data key from the user's key slot (kept in the database, same format as the local
keyslots.json) and checks that the schema is one this client understands. Every write runs through `write()`:
one transaction that also stores a receipt under the caller's operation id, so after a dropped connection the
client can tell whether the write was committed (once) or not at all.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import insert, select, text

from stodapp.auth import Principal, Role
from stodapp.clock import Clock, SystemClock
from stodapp.errors import AccessDenied, StodError, StoreCorrupt, StoreError
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.connect import (
    LOGIN_KDF,
    ServerAddress,
    ServerUnreachable,
    check_url,
    connect_error,
    login_password,
    role_name,
)
from stodapp.server.fieldcrypto import BlindIndex, FieldCipher
from stodapp.server.meta import ServerSchemaError, check_meta, read_meta
from stodapp.store import keyslots as ks

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

T = TypeVar("T")
AUDIT_LOCK = 0x5707_A0D1  # pg_advisory_xact_lock key serialising audit appends across all writers


class WriteNotSaved(StoreError):
    """The connection dropped and the server has no receipt: the write was not committed. Safe to retry."""


class WriteOutcomeUnknown(StoreError):
    """The connection dropped and the server cannot be asked yet. A retry with the same operation id is safe."""


@dataclass(frozen=True)
class WriteResult:
    op_id: str
    already_saved: bool  # True: an earlier attempt with this op_id was committed; nothing was written twice
    record_id: str = ""  # the record the op made or changed (from the receipt on a retry)


def application_name() -> str:
    from stodapp import __version__

    return f"stodapp/{__version__}/schema{t.SCHEMA_VERSION}"


def make_engine(address: ServerAddress, role: str, password: str | None, pool_size: int = 2) -> Engine:
    """SQLAlchemy engine over psycopg 3; the password goes to libpq only (never into a URL or a log)."""
    import psycopg
    from sqlalchemy import create_engine

    info = address.conninfo()
    info["user"] = role
    info["application_name"] = application_name()
    info.setdefault("connect_timeout", "10")

    def creator() -> Any:
        kwargs: dict[str, Any] = dict(info)
        if password is not None:
            kwargs["password"] = password
        try:
            return psycopg.connect(**kwargs)
        except psycopg.OperationalError as err:
            raise connect_error(err, address) from None

    return create_engine("postgresql+psycopg://", creator=creator, pool_size=pool_size, max_overflow=2,
                         pool_pre_ping=True, hide_parameters=True)


def db_error(err: Exception, address: ServerAddress) -> StodError:
    """A failure inside a transaction -> one safe line (no parameters, no content)."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    orig = getattr(err, "orig", err)
    if isinstance(err, StodError):
        return err
    if isinstance(orig, psycopg.errors.InsufficientPrivilege):
        return AccessDenied(_("servern nekade åtgärden (behörighet eller radnivåskydd); inget har sparats"))
    if isinstance(orig, psycopg.errors.LockNotAvailable):
        return StoreError(
            _("servern är upptagen: en annan anslutning håller en tabell låst; inget har ändrats — försök igen")
        )
    if isinstance(orig, psycopg.errors.UndefinedTable):
        return ServerSchemaError(_("databasen är inte förberedd för stodapp: kör `stodapp server init` först"))
    if isinstance(err, DBAPIError) and err.connection_invalidated or isinstance(orig, psycopg.OperationalError):
        return ServerUnreachable(_("anslutningen till servern bröts ({display})").format(display=address.display()))
    return StoreError(_("databasfel på servern: ändringen sparades inte"))


class ServerStore:
    """What services receive in server mode (engine, session, cipher, blind index, audit, principal).

    It implements `stodapp.store.interface.Store` (tests/core/server/test_store_contract_server.py)."""

    dialect = "postgresql"
    #: No background page check on a server (PostgreSQL owns its pages); `integrity()` checks the walls.
    integrity_failure: str | None = None

    def __init__(self, address: ServerAddress, engine: Engine, principal: Principal, unit_id: str, dek: bytes,
                 audit_key: bytes, clock: Clock) -> None:
        from sqlalchemy.orm import sessionmaker

        self.address = address
        self.engine = engine
        self.principal = principal
        self.unit_id = unit_id
        self.clock = clock
        self.fields = FieldCipher(dek, unit_id)
        self.index = BlindIndex(dek, unit_id)
        self.audit_key = audit_key
        self._dek: bytes | None = dek
        self._factory = sessionmaker(engine, expire_on_commit=False)
        self._outer = threading.local()  # this thread's open transaction(), which its sessions join
        self.anchor_file: Path | None = None  # this machine's audit anchor for the unit and user (set by open)
        self.anchor_reported: set[str] = set()  # anchor problems already written to the log in this session
        self.must_change = False  # an administrator set her passphrase (read at sign-in; cleared by her own change)

    # ---- opening -------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, url: str, username: str, passphrase: str, *, login_kdf: ks.KdfParams = LOGIN_KDF,
             expected_unit: str | None = None, clock: Clock | None = None, pool_size: int = 2,
             anchor_dir: Path | None = None) -> ServerStore:
        """Sign in; then the audit anchor this machine keeps is checked and moved on (stodapp.server.audit_anchor;
        in `anchor_dir`, default the user data dir)."""
        address = check_url(url)
        role = role_name(address.database, username)
        engine = make_engine(address, role, login_password(address.database, username, passphrase, login_kdf),
                             pool_size)
        try:
            store = cls._unlock(address, engine, username, passphrase, expected_unit, clock or SystemClock())
        except BaseException:
            engine.dispose()
            raise
        from stodapp.server.audit_anchor import anchor_path, refresh

        store.anchor_file = anchor_path(store.unit_id, username, anchor_dir)
        refresh(store)
        return store

    @classmethod
    def _unlock(cls, address: ServerAddress, engine: Engine, username: str, passphrase: str,
                expected_unit: str | None, clock: Clock) -> ServerStore:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with engine.connect() as c:
                meta = read_meta(c)
                unit_id = check_meta(meta, expected_unit)
                me = c.execute(select(t.users).where(t.users.c.db_role == text("session_user"))).first()
                slot_body = c.execute(select(t.key_slots.c.body).where(
                    t.key_slots.c.lookup == ks.lookup(unit_id, username))).scalar()
                reset = me is not None and c.execute(select(t.passphrase_resets.c.user_id).where(
                    t.passphrase_resets.c.user_id == me.id)).first() is not None
        except StodError:
            raise
        except SQLAlchemyError as err:
            raise db_error(err, address) from None
        if me is None or me.disabled:
            from stodapp.errors import AuthError

            raise AuthError(_("Fel användarnamn eller lösenfras."))
        if slot_body is None:
            raise StoreCorrupt(_("användarens nyckelplats saknas i databasen"))
        slot = ks.Slot.model_validate_json(slot_body)
        dek = ks.unwrap(slot, passphrase, unit_id)
        fields = FieldCipher(dek, unit_id)
        audit_key = bytes.fromhex(fields.decrypt("server_meta", "value", "audit_secret",
                                                 bytes.fromhex(meta["audit_secret"])))
        principal = Principal(user_id=me.id, username=me.username, role=Role(me.role))
        store = cls(address, engine, principal, unit_id, dek, audit_key, clock)
        store.must_change = reset
        return store

    # ---- transactions --------------------------------------------------------------------------------------
    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: commit on success, roll back on any error (mapped to one safe line). Inside a
        `transaction()` on the same thread it joins that one (whose owner commits or rolls back)."""
        from sqlalchemy.exc import SQLAlchemyError

        if self._dek is None:
            raise StoreError(_("databasen är låst"))
        outer: Session | None = getattr(self._outer, "session", None)
        if outer is not None:
            yield outer
            outer.flush()
            return
        s = self._factory()
        try:
            yield s
            s.commit()
        except SQLAlchemyError as err:
            s.rollback()
            raise db_error(err, self.address) from None
        except BaseException:
            s.rollback()
            raise
        finally:
            s.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Several steps that commit together: every `session()` on this thread inside it joins it."""
        if getattr(self._outer, "session", None) is not None:
            with self.session() as joined:
                yield joined
            return
        with self.session() as s:
            self._outer.session = s
            try:
                yield s
            finally:
                self._outer.session = None

    def lock_audit_chain(self, session: Session) -> None:
        """Hold off every other writer's audit append on the server until `session`'s transaction ends."""
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK})

    def audit(self, s: Session, action: str, record_type: str = "", record_id: str = "",
              purpose: str = "") -> None:
        """Append to the one HMAC chain: the advisory lock serialises appends of all writers on the server."""
        from stodapp.audit import append

        self.lock_audit_chain(s)
        append(s, key=self.audit_key, at=self.clock.now(), user_id=self.principal.user_id,
               username=self.principal.username, role=self.principal.role.value, action=action,
               record_type=record_type, record_id=record_id, purpose=purpose)

    def write(self, op_id: str, kind: str, body: Callable[[Session], tuple[str, T]]) -> tuple[T | None,
                                                                                           WriteResult]:
        """Run `body` once per op_id: committed together with a receipt, or not at all (see module docstring).

        `body` returns (record id, value); the record id is kept in the receipt, so a retry of an op that was
        already committed learns which record it made (`WriteResult.record_id`) and writes nothing."""
        try:
            with self.session() as s:
                done = self._receipt(s, op_id)
                if done is not None:
                    return None, WriteResult(op_id=op_id, already_saved=True, record_id=done)
                record_id, value = body(s)
                s.execute(insert(t.write_receipts).values(op_id=op_id, user_id=self.principal.user_id, kind=kind,
                                                          record_id=record_id, at=self.clock.now()))
            return value, WriteResult(op_id=op_id, already_saved=False, record_id=record_id)
        except ServerUnreachable:
            saved = self.receipt_state(op_id)
            if saved is None:
                raise WriteOutcomeUnknown(
                    _(
                        "anslutningen bröts och servern svarar inte: det går inte att avgöra om ändringen sparades. "
                        "Försök igen när servern svarar — den sparas högst en gång."
                    )
                ) from None
            if saved:
                with self.session() as s:
                    done = self._receipt(s, op_id)
                return None, WriteResult(op_id=op_id, already_saved=True, record_id=done or "")
            raise WriteNotSaved(_("anslutningen bröts: ändringen sparades inte. Försök igen.")) from None

    def _receipt(self, s: Session, op_id: str) -> str | None:
        found = s.execute(select(t.write_receipts.c.record_id).where(t.write_receipts.c.op_id == op_id)).first()
        return None if found is None else str(found[0])

    def receipt_state(self, op_id: str) -> bool | None:
        """True: committed; False: not committed; None: the server cannot be asked now."""
        try:
            with self.session() as s:
                return self._receipt(s, op_id) is not None
        except ServerUnreachable:
            return None

    def verify_audit(self) -> Any:
        from stodapp.access import require
        from stodapp.audit import verify

        require(self.principal, "audit.verify")
        from stodapp.server.audit_anchor import with_anchor

        with self.session() as s:
            result = with_anchor(self, s, verify(s, self.audit_key))
            self.audit(s, "audit.verify", "audit")
            return result

    def use_login_password(self, password: str) -> None:
        """After her own passphrase change (stodapp.server.user_admin): new connections sign in with the new login
        password; connections in use finish on the old engine, which is then let go."""
        from sqlalchemy.orm import sessionmaker

        old = self.engine
        size = int(getattr(old.pool, "size", lambda: 2)())
        self.engine = make_engine(self.address, role_name(self.address.database, self.principal.username), password,
                                  size)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        old.dispose()

    def data_key(self) -> bytes:
        """The unit's data key (for sealing it to a new user's slot); never logged, never stored in clear."""
        if self._dek is None:
            raise StoreError(_("databasen är låst"))
        return self._dek

    # ---- what the store interface reports (stodapp.server.store_health) -----------------------------------
    def _read_catalog(self, read: Callable[[Any], T]) -> T:
        from sqlalchemy.exc import SQLAlchemyError

        if self._dek is None:
            raise StoreError(_("databasen är låst"))
        try:
            with self.engine.connect() as c:
                return read(c)
        except SQLAlchemyError as err:
            raise db_error(err, self.address) from None

    def schema_version(self) -> int:
        from stodapp.server.store_health import stored_schema_version

        return self._read_catalog(stored_schema_version)

    def integrity(self) -> list[str]:
        from stodapp.server.store_health import integrity_problems

        return self._read_catalog(integrity_problems)

    def describe(self) -> dict[str, str]:
        from stodapp.server.store_health import server_facts

        return {"server": self.address.display(), "unit_id": self.unit_id, **self._read_catalog(server_facts)}

    def key_fingerprint(self) -> str:
        """A non-secret identifier of the unit's keys (to tell units and backups apart); never a key."""
        import hashlib
        import hmac

        return hmac.new(self.audit_key, b"fingerprint", hashlib.sha256).hexdigest()[:16]

    def purge_free_space(self) -> bool:
        """False: dead rows stay in PostgreSQL's files until (auto)vacuum, which the tables' owner runs, not an
        app role. What they hold is ciphertext under the unit's key (docs/server-mode.md)."""
        return False

    def watch_commits(self, listener: Callable[[], None]) -> Callable[[], None]:
        from stodapp.store.commit_watch import watch_engine_commits

        return watch_engine_commits(self.engine, listener)

    def close(self) -> None:
        if self._dek is not None and self.anchor_file is not None:
            from stodapp.server.audit_anchor import refresh

            refresh(self)
        self.engine.dispose()
        self.audit_key = b""
        self._dek = None


def new_op_id() -> str:
    return secrets.token_hex(16)
