"""The local store: an open SQLCipher file (engine, units of work, audit key, integrity, backup, rekey, close).

`Database` implements `stodapp.store.interface.LocalStore`; nothing outside the store touches its attributes
beyond that interface (tests/core/store/test_store_boundary.py)."""

from __future__ import annotations

import hashlib
import hmac
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stodapp.errors import DiskError, StoreCorrupt, StoreError
from stodapp.i18n import _
from stodapp.store import engine as eng

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker


def derive_subkey(dek: bytes, purpose: bytes) -> bytes:
    """HKDF-SHA256 subkey (audit chain, settings MACs) so the DEK itself is used for one thing only."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"stodapp:" + purpose).derive(dek)


AUDIT_SECRET = "audit_secret"


def stored_audit_secret(raw: Any) -> bytes | None:
    """The audit-chain secret kept inside the store, or None for a store that derives it from the data key."""
    try:
        row = raw.execute("SELECT value FROM store_meta WHERE key = ?", (AUDIT_SECRET,)).fetchone()
    except Exception:  # noqa: BLE001 - no store_meta table: a brand-new, bench or foreign database
        return None
    try:
        return bytes.fromhex(str(row[0])) if row else None
    except ValueError:
        return None


def audit_key_for(raw: Any, dek: bytes) -> bytes:
    """The audit-chain key of an open store: a random secret kept inside the encrypted store (so it survives
    `rekey` and restore), or, for a store made before the secret existed, HKDF of the data key."""
    return stored_audit_secret(raw) or derive_subkey(dek, b"audit")


class Database:
    """Owns the engine. `session()` is one transaction; access is serialised (one SQLite connection)."""

    dialect = "sqlite"

    def __init__(self, path: Path, dek: bytes | None, *, plain: bool = False, check_integrity: bool = True,
                 create: bool = True) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._plain = plain
        self._dek: bytes | None = dek
        self.audit_key: bytes = derive_subkey(dek, b"audit") if dek else hashlib.sha256(b"plain-bench").digest()
        self._raw: Any = None
        self.integrity_failure: str | None = None  # set by the background check; every write is refused then
        self.background_check: Any = None
        self._outer: Session | None = None  # the session `transaction()` holds open; nested sessions join it
        self._outer_thread = 0

        def connect() -> Any:
            conn = eng.keyed_connect(path, self._dek, plain=plain, create=create)
            self._raw = conn
            return conn

        self.engine: Engine = eng.make_engine(connect)
        try:
            with self.engine.connect() as c:
                raw = c.connection.dbapi_connection
                if not plain:
                    eng.assert_sqlcipher(raw)
                    if check_integrity:
                        problems = eng.integrity_report(raw)
                        if problems:
                            raise StoreCorrupt(
                                _(
                                    "integritetskontrollen misslyckades ({n} fel, t.ex. {problem}); "
                                    "återställ från säkerhetskopia"
                                ).format(n=len(problems), problem=problems[0][:80])
                            )
                    if dek is not None:
                        self.audit_key = audit_key_for(raw, dek)
        except BaseException:
            self.engine.dispose()
            raise
        from sqlalchemy.orm import sessionmaker

        self._factory: sessionmaker[Session] = sessionmaker(self.engine, expire_on_commit=False)

    def start_background_check(self) -> Any:
        """Full page check (cipher_integrity_check + quick_check) on its own connection in a thread; a failure
        makes the connection read-only (query_only) and every later session raises StoreCorrupt with advice."""
        from stodapp.store.integrity import BackgroundCheck, failure_message

        if self._dek is None or self._plain:
            return None

        def failed(problems: list[str]) -> None:
            self.integrity_failure = failure_message(problems)
            try:
                with self._lock:
                    if self._dek is not None:
                        self.raw_connection().execute("PRAGMA query_only = ON")
            except Exception:  # noqa: BLE001,S110 - closed meanwhile; the flag alone still refuses sessions
                pass

        self.background_check = BackgroundCheck(self.path, self._dek, failed).start()
        return self.background_check

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction over several steps (demo fill, imports): every `session()` opened on this thread
        inside it joins it instead of committing on its own, so the whole command commits or nothing does."""
        with self._lock:
            if self._outer is not None and self._outer_thread == threading.get_ident():
                yield self._outer
                return
            with self.session() as s:
                self._outer, self._outer_thread = s, threading.get_ident()
                try:
                    yield s
                finally:
                    self._outer, self._outer_thread = None, 0

    @contextmanager
    def session(self) -> Iterator[Session]:
        from sqlalchemy.exc import OperationalError

        if self._dek is None and not self._plain:
            raise StoreError(_("databasen är låst"))
        if self.integrity_failure is not None:
            raise StoreCorrupt(self.integrity_failure)
        with self._lock:
            outer = self._outer
            if outer is not None and self._outer_thread == threading.get_ident():
                yield outer  # part of a larger transaction: its owner commits or rolls back
                outer.flush()
                return
            s = self._factory()
            try:
                yield s
                s.commit()
            except OperationalError as err:
                s.rollback()
                raise _operational(err) from None
            except BaseException:
                s.rollback()
                raise
            finally:
                s.close()

    @contextmanager
    def exclusive(self) -> Iterator[Any]:
        """The DB-API connection with every other statement of this process held off (export, checkpoint, rekey)."""
        with self._lock:
            yield self.raw_connection()

    def rekey(self, raw_rekey: Any, new_dek: bytes) -> None:
        """Run `raw_rekey(connection)` (which re-encrypts the file under `new_dek`) and reconnect with that key."""
        check, self.background_check = self.background_check, None
        if check is not None:  # its connection holds the old key: stop it (before the lock its callback takes)
            check.stop()
        with self._lock:
            raw_rekey(self.raw_connection())
            self._dek = new_dek

    def lock_audit_chain(self, session: Session) -> None:
        """Nothing to do: every statement already runs on the one connection under this store's lock."""

    def adopt_audit_secret(self, secret: bytes) -> None:
        """Use `secret` for the audit chain from now on (a new store, before it writes `store_meta`)."""
        self.audit_key = secret

    def schema_version(self) -> int:
        from sqlalchemy import inspect, text

        with self._lock, self.engine.connect() as c:  # as stodapp.store.migrations.current_version reads it
            if not inspect(c).has_table("schema_version"):
                return 0
            return int(c.execute(text("SELECT max(version) FROM schema_version")).scalar() or 0)

    def describe(self) -> dict[str, str]:
        return self.cipher_info()

    def purge_free_space(self) -> bool:
        """Checkpoint the WAL into the (secure-deleted) database and truncate it. True when fully checkpointed."""
        with self.exclusive() as raw:  # no statement may interleave with the checkpoint
            cur = raw.cursor()
            try:
                busy, _log, _done = cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                cur.close()
        return int(busy) == 0

    def watch_commits(self, listener: Callable[[], None]) -> Callable[[], None]:
        from stodapp.store.commit_watch import watch_engine_commits

        return watch_engine_commits(self.engine, listener)

    def opened_with(self) -> bytes | None:
        """The data key this database is open with (after a recovered interrupted rekey, the new one)."""
        return self._dek

    def raw_connection(self) -> Any:
        """The DB-API connection (for FTS5 and backup, behind stodapp/store/sqlite_features.py)."""
        with self.engine.connect() as c:
            return c.connection.dbapi_connection

    def integrity(self) -> list[str]:
        with self._lock:
            return eng.integrity_report(self.raw_connection())

    def cipher_info(self) -> dict[str, str]:
        with self._lock:
            return eng.cipher_info(self.raw_connection())

    def backup_to(self, target: Path) -> None:
        """Encrypted copy under the same key through SQLite's backup API (never a file copy of an open DB)."""
        if self._dek is None:
            raise StoreError(_("databasen är låst"))
        with self._lock:
            src = self.raw_connection()
            from stodapp.store.files import disk_error

            try:
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                dst = eng.keyed_connect(target, self._dek, create=True)
            except OSError as err:
                raise disk_error(err, target.name) from None
            except eng.driver_errors() as err:
                raise eng.as_store_error(err, target.name) from None
            try:
                src.backup(dst)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()

    def key_fingerprint(self) -> str:
        """A non-secret identifier of the key (to tell backups apart); never the key."""
        return hmac.new(self.audit_key, b"fingerprint", hashlib.sha256).hexdigest()[:16]

    def close(self) -> None:
        if self.background_check is not None:  # before the lock: its failure callback takes the lock
            self.background_check.stop()
        with self._lock:
            self.engine.dispose()
            self._dek = None
            self.audit_key = b""


def _operational(err: Exception) -> StoreError:
    text = str(getattr(err, "orig", err)).lower()
    if "full" in text:
        return DiskError(_("disken är full: ändringen sparades inte, inget har ändrats"))
    if "readonly" in text or "read-only" in text:
        return DiskError(_("databasen är skrivskyddad: ändringen sparades inte, inget har ändrats"))
    if "locked" in text or "busy" in text:
        return StoreError(_("databasen är upptagen av en annan process; försök igen"))
    return StoreError(_("databasfel: ändringen sparades inte"))
