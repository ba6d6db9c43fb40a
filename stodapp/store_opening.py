"""Opening a local store: create it, unlock it, sign in. The facade (stodapp.core) builds a session on the result.

Opening fails closed: a missing store raises StoreMissing (never creates one), a wrong passphrase AuthError, a
damaged or plaintext file StoreCorrupt; nothing on disk is changed by a failed open.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from stodapp import audit
from stodapp.auth import Principal, Role
from stodapp.clock import Clock
from stodapp.errors import AuthError, StoreCorrupt, StoreExists, StoreMissing, Throttled
from stodapp.i18n import _
from stodapp.store import keyslots as ks
from stodapp.store.database import AUDIT_SECRET, Database
from stodapp.store.files import disk_error, private_dir
from stodapp.store.keyring import KeyRing, unlock_dek
from stodapp.store.layout import InstanceLock, StoreFiles
from stodapp.store.migrations import migrate
from stodapp.store.tables import StoreMeta, UserRow
from stodapp.text_input import MAX_DISPLAY_NAME, clean_text
from stodapp.throttle import RECOVERY_NAME, Throttle
from stodapp.throttle import audit_pending as throttle_audit_pending
from stodapp.throttle import check_sequence as throttle_check_sequence
from stodapp.users import check_username, passphrase_must_change, record_passphrase_set


@dataclass(frozen=True)
class OpenedStore:
    """An unlocked store with its signed-in user; the instance lock is held until the session closes."""

    files: StoreFiles
    db: Database
    keyring: KeyRing
    principal: Principal
    kind: str
    lock: InstanceLock
    must_change: bool  # an administrator set this user's passphrase (read in the login's transaction)


def create_store(data_dir: Path, admin_name: str, passphrase: str, *, clock: Clock, kdf: ks.KdfParams | None,
                 store_kind: str, display_name: str) -> str:
    from stodapp import passphrase as policy

    admin_name = check_username(admin_name)
    display_name = clean_text(display_name, field=_("Visningsnamn"), max_len=MAX_DISPLAY_NAME, required=False)
    policy.check(passphrase, admin_name)
    files = StoreFiles(Path(data_dir))
    if files.exists():
        raise StoreExists(_("det finns redan en databas i datamappen; den skrivs aldrig över"))
    try:
        private_dir(files.data_dir)
    except OSError as err:
        raise disk_error(err, str(files.data_dir)) from None
    lock = InstanceLock(files.data_dir)
    lock.acquire()
    if files.exists():  # another process finished an init while we waited for the lock
        lock.release()
        raise StoreExists(_("det finns redan en databas i datamappen; den skrivs aldrig över"))
    creating = files.data_dir / "stodapp.db.creating"
    try:
        kdf = kdf or ks.benchmark()
        dek = ks.new_dek()
        slots = ks.new_file()
        for leftover in files.data_dir.glob("stodapp.db.creating*"):
            leftover.unlink()
        db = Database(creating, dek, check_integrity=False)
        try:
            migrate(db)
            now = clock.now()
            audit_secret = secrets.token_bytes(32)
            db.adopt_audit_secret(audit_secret)
            with db.session() as s:
                s.add_all([StoreMeta(key="kind", value=store_kind), StoreMeta(key="created", value=now.isoformat()),
                           StoreMeta(key=AUDIT_SECRET, value=audit_secret.hex())])
                admin = UserRow(username=admin_name, display_name=display_name, role=Role.ADMIN.value,
                                disabled=False, created_at=now)
                s.add(admin)
                s.flush()
                admin_id = admin.id
                record_passphrase_set(s, admin_id, now)
                audit.append(s, key=db.audit_key, at=now, user_id=admin_id, username=admin_name,
                             role=Role.ADMIN.value, action="store.init")
        finally:
            db.close()
        creating.replace(files.db)
        keyring = KeyRing(files, slots, dek, kdf)
        keyring.add_user(admin_id, admin_name, passphrase)
        recovery = keyring.new_recovery()
        Throttle(files.data_dir, bytes.fromhex(slots.throttle_mac_key), clock).reset_file()
    except BaseException as err:
        for path in [*files.data_dir.glob("stodapp.db*"), files.keyslots, files.data_dir / "throttle.json"]:
            path.unlink(missing_ok=True)
        lock.release()
        if isinstance(err, OSError):
            raise disk_error(err, "databasen") from None
        raise
    lock.release()
    return recovery


def throttle_for(files: StoreFiles, clock: Clock) -> Throttle:
    slots = ks.load(files.keyslots)
    return Throttle(files.data_dir, bytes.fromhex(slots.throttle_mac_key), clock)


def check_throttle(throttle: Throttle, name: str) -> None:
    wait = throttle.remaining(name)
    if wait > 0:
        message = _("för många misslyckade försök: vänta {seconds} sekunder")
        raise Throttled(message.format(seconds=int(wait + 0.999)), wait)


def open_store(data_dir: Path, username: str, passphrase: str, *, clock: Clock, recovery: bool) -> OpenedStore:
    files = StoreFiles(Path(data_dir))
    if not files.db.exists():
        raise StoreMissing(
            _("ingen databas i datamappen: kör först `stodapp init` eller starta appen för första gången")
        )
    # User names are lower case (check_username), so a name typed in another case finds the same user.
    name = RECOVERY_NAME if recovery else username.strip().lower()
    throttle = throttle_for(files, clock)
    check_throttle(throttle, name)
    lock = InstanceLock(files.data_dir)
    lock.acquire()
    try:
        try:
            slots, dek, slot = unlock_dek(files, name, passphrase, recovery=recovery)
        except AuthError:
            throttle.record_failure(name)
            raise
        secret = ks.normalise_recovery_key(passphrase) if recovery else passphrase
        db = _open_db(files, slots, slot, secret, dek)
        try:
            if db.schema_version() == 0:
                # An empty or zero-byte file: never build a fresh schema over what should be a store.
                raise StoreCorrupt(_("databasfilen är tom eller saknar schema; återställ från säkerhetskopia"))
            migrate(db, backup_dir=files.backups)
            principal, kind, audited, must_change = _sign_in(db, slot, username, recovery, clock, throttle, name)
        except SQLAlchemyDatabaseError as err:
            # The full page check runs after unlock; a damaged page the unlock itself reads ends here.
            db.close()
            if "malformed" in str(err).lower() or "not a database" in str(err).lower():
                raise StoreCorrupt(_("databasen är skadad och kan inte läsas; återställ från säkerhetskopia")) from None
            raise
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise
    throttle.record_success(name, audited)
    keyring = KeyRing(files, ks.load(files.keyslots), _opened_dek(db, dek), slot.kdf)
    return OpenedStore(files=files, db=db, keyring=keyring, principal=principal, kind=kind, lock=lock,
                       must_change=must_change)


def _open_db(files: StoreFiles, slots: ks.KeySlotFile, slot: ks.Slot, secret: str, dek: bytes) -> Database:
    try:
        # Cheap checks only (keyed probe of the header, SQLCipher build); the full page check runs in the
        # background after unlock (Core.unlock starts it), at backup and in doctor.
        return Database(files.db, dek, create=False, check_integrity=False)
    except StoreCorrupt:
        # A rekey interrupted between the database and the slot file: the pending file holds the new DEK.
        if files.pending_keyslots.exists():
            pending = ks.load(files.pending_keyslots)
            pslot = pending.slot(slot.slot_id)
            if pslot is not None:
                new_dek = ks.unwrap(pslot, secret, pending.store_id)
                db = Database(files.db, new_dek, create=False, check_integrity=False)
                files.pending_keyslots.replace(files.keyslots)
                return db
        raise


def _sign_in(db: Database, slot: ks.Slot, username: str, recovery: bool, clock: Clock, throttle: Throttle,
             name: str) -> tuple[Principal, str, list[tuple[str, float, int]], bool]:
    with db.session() as s:
        kind = s.scalar(select(StoreMeta.value).where(StoreMeta.key == "kind")) or "case"
        if recovery:
            row = s.scalar(select(UserRow).where(UserRow.role == Role.ADMIN.value, UserRow.disabled.is_(False))
                           .order_by(UserRow.id))
        else:
            row = s.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))
        if row is None or row.disabled or (not recovery and slot.slot_id != f"user:{row.id}"):
            raise AuthError(_("Fel användarnamn eller lösenfras."))
        principal = Principal(user_id=row.id, username=row.username, role=Role(row.role),
                              display_name=row.display_name)
        throttle_check_sequence(s, db.audit_key, clock, principal, throttle)
        audited = throttle_audit_pending(s, db.audit_key, clock, throttle)  # anyone's failed tries, queued
        audit.append(s, key=db.audit_key, at=clock.now(), user_id=principal.user_id, username=principal.username,
                     role=principal.role.value, action="login.recovery" if recovery else "login")
        must_change = not recovery and passphrase_must_change(s, principal.user_id)
    return principal, kind, audited, must_change


def _opened_dek(db: Database, dek: bytes) -> bytes:
    """The DEK the database was actually opened with (after a recovered interrupted rekey it is the new one)."""
    current = db.opened_with()
    return current if current is not None else dek
