"""The core facade: the one object ui/main.py builds and passes into windows (no globals).

    core, recovery_key = Core.initialize(data_dir, "admin", passphrase)   # first run
    core = Core.unlock(data_dir, "anna", passphrase)                      # every morning
    core.users.add(...); core.settings.get(...); core.lock()

Opening fails closed: a missing store raises StoreMissing (never creates one), a wrong passphrase AuthError, a
damaged or plaintext file StoreCorrupt; nothing on disk is changed by a failed open.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Collection, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError

from stodapp import __version__, audit
from stodapp.auth import Principal, Role
from stodapp.changes import Change
from stodapp.clock import Clock, SystemClock
from stodapp.errors import AuthError, DiskError, StodError, StoreCorrupt, StoreExists, StoreMissing
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.settings import SettingsService
from stodapp.store import keyslots as ks
from stodapp.store.database import AUDIT_SECRET, Database
from stodapp.store.files import disk_error, private_dir
from stodapp.store.keyring import KeyRing, unlock_dek
from stodapp.store.layout import InstanceLock, StoreFiles
from stodapp.store.migrations import current_version, migrate
from stodapp.store.tables import StoreMeta, UserRow
from stodapp.text_input import MAX_DISPLAY_NAME, clean_text
from stodapp.throttle import RECOVERY_NAME, Throttle
from stodapp.throttle import audit_pending as throttle_audit_pending
from stodapp.throttle import check_sequence as throttle_check_sequence
from stodapp.users import UserService, check_username

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.checklists.cosign import CosignService
    from stodapp.checklists.schema import ChecklistDefinition
    from stodapp.checklists.service import ChecklistService
    from stodapp.concerns.service import ConcernService
    from stodapp.referrals.service import ReferralService
    from stodapp.retention.service import RetentionService
    from stodapp.summary.audit_review import AuditReviewService
    from stodapp.summary.service import SummaryService
    from stodapp.training.authoring import AuthoringService
    from stodapp.training.service import TrainingService


class Core:
    def __init__(self, files: StoreFiles, db: Database, keyring: KeyRing, principal: Principal, clock: Clock,
                 lock: InstanceLock, *, store_kind: str = "case", temp_dir: Path | None = None) -> None:
        self.files = files
        self.db: Database | None = db
        self._keyring = keyring
        self.principal = principal
        self.clock = clock
        self._lock = lock
        self.store_kind = store_kind
        self._temp_dir = temp_dir
        self.ctx = ServiceContext(db=db, principal=principal, clock=clock, store_kind=store_kind)
        self.settings = SettingsService(self.ctx)
        self.users = UserService(self.ctx, keyring)
        self.unlocked_at = clock.monotonic()

    # ---- opening -------------------------------------------------------------------------------------------
    @staticmethod
    def store_exists(data_dir: Path) -> bool:
        return StoreFiles(Path(data_dir)).exists()

    @classmethod
    def initialize(cls, data_dir: Path, admin_name: str, passphrase: str, *, clock: Clock | None = None,
                   kdf: ks.KdfParams | None = None, store_kind: str = "case",
                   display_name: str = "") -> tuple[Core, str]:
        """Create the encrypted store and its first administrator. Returns (core, recovery key shown once)."""
        from stodapp import passphrase as policy

        clock = clock or SystemClock()
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
                db.audit_key = audit_secret
                with db.session() as s:
                    s.add_all([StoreMeta(key="kind", value=store_kind), StoreMeta(key="created", value=now.isoformat()),
                               StoreMeta(key=AUDIT_SECRET, value=audit_secret.hex())])
                    admin = UserRow(username=admin_name, display_name=display_name, role=Role.ADMIN.value,
                                    disabled=False, created_at=now)
                    s.add(admin)
                    s.flush()
                    admin_id = admin.id
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
        core = cls.unlock(files.data_dir, admin_name, passphrase, clock=clock)
        return core, recovery

    @staticmethod
    def _throttle(files: StoreFiles, clock: Clock) -> Throttle:
        slots = ks.load(files.keyslots)
        return Throttle(files.data_dir, bytes.fromhex(slots.throttle_mac_key), clock)

    @staticmethod
    def throttle_remaining(data_dir: Path, username: str, *, clock: Clock | None = None) -> float:
        files = StoreFiles(Path(data_dir))
        if not files.keyslots.exists():
            return 0.0
        return Core._throttle(files, clock or SystemClock()).remaining(username)

    @staticmethod
    def restore_backup(data_dir: Path, backup_folder: Path, secret: str, admin: str, new_passphrase: str, *,
                       clock: Clock | None = None) -> str:
        """Verify `backup_folder`, restore it into the NEW, empty `data_dir` for `admin` (stodapp.backup.restore)
        and close it again; returns the new recovery key (shown once). The caller signs in normally afterwards."""
        core, recovery = Core.restore_and_open(Path(backup_folder), secret, Path(data_dir), admin, new_passphrase,
                                               clock=clock)
        core.close()
        return recovery

    @classmethod
    def restore_and_open(cls, backup_folder: Path, secret: str, data_dir: Path, admin: str, new_passphrase: str, *,
                         kdf: ks.KdfParams | None = None, clock: Clock | None = None) -> tuple[Core, str]:
        """Verify `backup_folder`, restore it into the new or empty `data_dir` and sign in as `admin`.
        Returns (core, new recovery key); on any failure nothing restored is left behind."""
        from stodapp.backup.restore import restore_files, undo_restore

        restored = restore_files(Path(backup_folder), secret, Path(data_dir), admin, new_passphrase, kdf=kdf,
                                 clock=clock)
        try:
            core = cls.unlock(Path(data_dir), admin.strip(), new_passphrase, clock=clock)
        except BaseException:
            undo_restore(Path(data_dir), restored)
            raise
        core.audit_event("backup.restore", record_type="backup", record_id=restored.backup_id)
        return core, restored.recovery

    @classmethod
    def unlock(cls, data_dir: Path, username: str, passphrase: str, *, clock: Clock | None = None,
               recovery: bool = False) -> Core:
        from stodapp.errors import Throttled

        clock = clock or SystemClock()
        files = StoreFiles(Path(data_dir))
        if not files.db.exists():
            raise StoreMissing(
                _("ingen databas i datamappen: kör först `stodapp init` eller starta appen för första gången")
            )
        # User names are lower case (check_username), so a name typed in another case finds the same user.
        name = RECOVERY_NAME if recovery else username.strip().lower()
        throttle = cls._throttle(files, clock)
        wait = throttle.remaining(name)
        if wait > 0:
            message = _("för många misslyckade försök: vänta {seconds} sekunder")
            raise Throttled(message.format(seconds=int(wait + 0.999)), wait)
        lock = InstanceLock(files.data_dir)
        lock.acquire()
        try:
            try:
                slots, dek, slot = unlock_dek(files, name, passphrase, recovery=recovery)
            except AuthError:
                throttle.record_failure(name)
                raise
            db = cls._open_db(
                files, slots, slot, passphrase if not recovery else ks.normalise_recovery_key(passphrase), dek
            )
            try:
                with db.engine.connect() as c:
                    if current_version(c) == 0:
                        # An empty or zero-byte file: never build a fresh schema over what should be a store.
                        raise StoreCorrupt(_("databasfilen är tom eller saknar schema; återställ från säkerhetskopia"))
                migrate(db, backup_dir=files.backups)
                principal, kind, audited = cls._sign_in(db, slot, username, recovery, clock, throttle, name)
            except SQLAlchemyDatabaseError as err:
                # The full page check runs after unlock; a damaged page the unlock itself reads ends here.
                db.close()
                if "malformed" in str(err).lower() or "not a database" in str(err).lower():
                    raise StoreCorrupt(_("databasen är skadad och kan inte läsas; återställ från säkerhetskopia")) \
                        from None
                raise
            except BaseException:
                db.close()
                raise
        except BaseException:
            lock.release()
            raise
        throttle.record_success(name, audited)
        keyring = KeyRing(files, ks.load(files.keyslots), db_dek(db, dek), slot.kdf)
        core = cls(files, db, keyring, principal, clock, lock, store_kind=kind)
        core._refresh_audit_anchor()
        db.start_background_check()
        return core

    def _refresh_audit_anchor(self) -> None:
        """Keep the audit head outside the database too (sticky: a shorter chain never replaces it)."""
        from stodapp import audit_anchor

        try:
            with self.ctx.session() as s:
                old = self._keyring.slots.audit_anchor
                found = audit_anchor.check(s, self._db().audit_key, old)
                if not found.ok:  # cheap check at every unlock/lock: the evidence itself goes into the log
                    self.ctx.audit(s, "audit.anchor_mismatch", "audit_log", found.problem or "")
                new = audit_anchor.advanced(s, self._db().audit_key, old)
            if new is not None and new != old:
                self._keyring.save_audit_anchor(new)
        except (StodError, OSError):
            pass  # a full disk must not stop a lock; the next unlock or lock tries again

    def _with_anchor(self, s: Any, chain: audit.AuditVerification) -> audit.AuditVerification:
        from stodapp import audit_anchor

        found = audit_anchor.check(s, self._db().audit_key, ks.load(self.files.keyslots).audit_anchor)
        if found.ok:
            return chain.model_copy(update={"known_count": found.known_count, "known_head": found.known_head})
        return chain.model_copy(update={"ok": False, "anchor_problem": found.problem, "anchor_message": found.message,
                                        "known_count": found.known_count, "known_head": found.known_head})

    @staticmethod
    def _open_db(files: StoreFiles, slots: ks.KeySlotFile, slot: ks.Slot, secret: str, dek: bytes) -> Database:
        try:
            # Cheap checks only (keyed probe of the header, SQLCipher build); the full page check runs in the
            # background after unlock (Core.__init__ via start_background_check), at backup and in doctor.
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

    @staticmethod
    def _sign_in(
        db: Database, slot: ks.Slot, username: str, recovery: bool, clock: Clock, throttle: Throttle, name: str
    ) -> tuple[Principal, str, list[tuple[str, float, int]]]:
        with db.session() as s:
            kind = s.scalar(select(StoreMeta.value).where(StoreMeta.key == "kind")) or "case"
            if recovery:
                row = s.scalar(
                    select(UserRow)
                    .where(UserRow.role == Role.ADMIN.value, UserRow.disabled.is_(False))
                    .order_by(UserRow.id)
                )
            else:
                row = s.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))
            if row is None or row.disabled or (not recovery and slot.slot_id != f"user:{row.id}"):
                raise AuthError(_("Fel användarnamn eller lösenfras."))
            principal = Principal(
                user_id=row.id, username=row.username, role=Role(row.role), display_name=row.display_name
            )
            throttle_check_sequence(s, db.audit_key, clock, principal, throttle)
            audited = throttle_audit_pending(s, db.audit_key, clock, throttle)  # anyone's failed tries, queued
            audit.append(
                s,
                key=db.audit_key,
                at=clock.now(),
                user_id=principal.user_id,
                username=principal.username,
                role=principal.role.value,
                action="login.recovery" if recovery else "login",
            )
        return principal, kind, audited

    @classmethod
    def open_demo(cls, *, role: Role = Role.CASEWORKER, cases: int = 40, seed: int = 7,
                  clock: Clock | None = None) -> Core:
        """A throwaway demo store with fictional data in a private temp dir (deleted on close).

        `clock` dates everything the demo writes (logins, audit rows); tests pass a fixed one."""
        import secrets

        from stodapp.demo import DEMO_USERS

        temp = Path(tempfile.mkdtemp(prefix="stodapp-demo-"))
        secret = "demo-" + secrets.token_urlsafe(18)
        try:
            admin, _key = cls.initialize(temp, "admin", secret, kdf=ks.KdfParams.for_tests(), store_kind="demo",
                                         clock=clock)
            admin.fill_demo(cases=cases, seed=seed, passphrase=secret)
            admin.close()
            core = cls.unlock(temp, DEMO_USERS[role], secret, clock=clock)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        core._temp_dir = temp
        return core

    def fill_demo(self, *, cases: int, seed: int, passphrase: str) -> dict[str, int]:
        """Add the demo users and `cases` fictional cases (administrator of a demo or test store)."""
        from stodapp.demo import fill_demo

        return fill_demo(self.ctx, self.users, cases=cases, seed=seed, passphrase=passphrase)

    # ---- feature services (lazy: each feature's imports are paid on first use, not at unlock) --------------
    @cached_property
    def cases(self) -> CaseService:
        """Cases, persons, notes, asking events, next steps, follow-up (issue 5)."""
        from stodapp.cases.service import CaseService

        return CaseService(self.ctx, reauth=self.reauthenticate)

    @cached_property
    def checklists(self) -> ChecklistService:
        """Checklist definitions and assessments (issue 4)."""
        from stodapp.checklists.service import ChecklistService

        return ChecklistService(self.ctx)

    @cached_property
    def cosign(self) -> CosignService:
        """The local cosign routine for lowered judgements and the supervisor's second signature (issue 17)."""
        from stodapp.checklists.cosign import CosignService

        return CosignService(self.ctx)

    @cached_property
    def concerns(self) -> ConcernService:
        """Reports of concern about children (issue 6)."""
        from stodapp.concerns.service import ConcernService

        return ConcernService(self.ctx)

    @cached_property
    def referrals(self) -> ReferralService:
        """The referral directory, local entries and referrals given (issue 7)."""
        from stodapp.referrals.service import ReferralService

        return ReferralService(self.ctx)

    @cached_property
    def summary(self) -> SummaryService:
        """Anonymised supervisor summaries (issue 9)."""
        from stodapp.summary.service import SummaryService

        return SummaryService(self.ctx)

    @cached_property
    def audit_review(self) -> AuditReviewService:
        """Audit review for supervisors and administrators (issue 9)."""
        from stodapp.summary.audit_review import AuditReviewService

        return AuditReviewService(self.ctx)

    @cached_property
    def retention(self) -> RetentionService:
        """Gallring: dry run, culling, holds and subject-access export (issue 10)."""
        from stodapp.retention.service import RetentionService

        return RetentionService(self.ctx)

    @cached_property
    def training(self) -> TrainingService:
        """Training sessions and results (issue 8; refuses unless this is a training store)."""
        from stodapp.training.service import TrainingService

        return TrainingService(self.ctx)

    def training_over(self, definitions: Mapping[tuple[str, str], ChecklistDefinition]) -> TrainingService:
        """Training sessions scored against `definitions` (the catalog the trainer's screen already loaded)."""
        from stodapp.training.service import TrainingService

        return TrainingService(self.ctx, definitions)

    def authoring(self, definitions: Mapping[tuple[str, str], ChecklistDefinition],
                  shipped_ids: Collection[str]) -> AuthoringService:  # fmt: skip
        """Trainer-made vignettes in the training store, checked against `definitions`."""
        from stodapp.training.authoring import AuthoringService

        return AuthoringService(self.ctx, definitions, shipped_ids)

    # ---- session -------------------------------------------------------------------------------------------
    @property
    def is_demo(self) -> bool:
        return self.store_kind == "demo"

    @property
    def is_open(self) -> bool:
        return self.db is not None

    @property
    def integrity_problem(self) -> str | None:
        """What the background page check found (then every write is refused), or None while clean/running."""
        return self.db.integrity_failure if self.db is not None else None

    def audit_event(self, action: str, purpose: str = "", record_type: str = "", record_id: str = "") -> None:
        with self.ctx.session() as s:
            self.ctx.audit(s, action, record_type, record_id, purpose)

    def lock(self) -> None:
        """Close the database and drop the key; the Core is unusable afterwards (unlock makes a new one)."""
        if self.db is None:
            return
        try:
            self.audit_event("lock")
        except StodError:
            pass
        self._refresh_audit_anchor()
        self.db.close()
        self._keyring.drop()
        self.db = None
        self._lock.release()

    def close(self) -> None:
        self.lock()
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    def reauthenticate(self, passphrase: str) -> None:
        """Step-up check of the signed-in user's passphrase (reveal, export): throttled and audited like unlock."""
        from stodapp.errors import Throttled

        throttle = self._throttle(self.files, self.clock)
        name = self.principal.username
        wait = throttle.remaining(name)
        if wait > 0:
            raise Throttled(
                _("för många misslyckade försök: vänta {seconds} sekunder").format(seconds=int(wait + 0.999)), wait
            )
        try:
            unlock_dek(self.files, name, passphrase)
        except AuthError:
            throttle.record_failure(name, queue=False)  # audited right here
            self.audit_event("reauth.failed")
            raise
        throttle.record_success(name)
        self.audit_event("reauth")

    # ---- administration ------------------------------------------------------------------------------------
    def idle_lock_minutes(self) -> int:
        return self.settings.idle_lock_minutes()

    def set_idle_lock_minutes(self, minutes: int) -> Change:
        return self.settings.set_idle_lock_minutes(minutes)

    def verify_audit(self) -> audit.AuditVerification:
        self.ctx.require("audit.verify")
        with self.ctx.session() as s:
            result = self._with_anchor(s, audit.verify(s, self._db().audit_key))
            self.ctx.audit(s, "audit.verify", "audit_log")
        return result

    def rekey(self) -> Change:
        """Replace the data key (suspected compromise): every slot re-sealed, no passphrases needed."""
        self.ctx.require("keys.manage")
        db = self._db()
        with self.ctx.session() as s:
            # Older stores derive the audit key from the data key: pin it inside the store before it changes.
            if s.get(StoreMeta, AUDIT_SECRET) is None:
                s.add(StoreMeta(key=AUDIT_SECRET, value=db.audit_key.hex()))
        new = ks.new_dek()
        db.rekey(lambda raw: self._keyring.rekey(raw, new), new)
        with self.ctx.session() as s:
            self.ctx.audit(s, "keys.rekey", "store")
        return Change(area="keys", action="rekeyed")

    def new_recovery_key(self) -> str:
        self.ctx.require("keys.manage")
        key = self._keyring.new_recovery()
        self.audit_event("keys.recovery_replaced")
        return key

    def backup_key_material(self) -> tuple[Database, bytes]:
        """For stodapp.backup only (administrator): the open database and its DEK, which a backup carries wrapped
        under the backup key so a restored store keeps a verifiable audit chain."""
        self.ctx.require("backup.manage")
        return self._db(), self._keyring.dek

    def keyring(self) -> KeyRing:
        self.ctx.require("keys.manage")
        return self._keyring

    def _db(self) -> Database:
        if self.db is None:
            from stodapp.errors import StoreError

            raise StoreError(_("databasen är låst"))
        return self.db

    def doctor(self) -> dict[str, Any]:
        """Versions, integrity, audit chain and key-slot health (no secrets, no content)."""
        from stodapp.store.migrations import current_version, head

        db = self._db()
        info: dict[str, Any] = {"stodapp": __version__, **db.cipher_info()}
        from stodapp.versions import qt_versions

        info.update(qt_versions())
        problems = db.integrity()
        with db.engine.connect() as c:
            info["schema_version"] = current_version(c)
        info["schema_head"] = head()
        info["integrity"] = "ok" if not problems else problems[:5]
        with self.ctx.session() as s:
            chain = self._with_anchor(s, audit.verify(s, db.audit_key))
            self.ctx.audit(s, "doctor", "store")
        info["audit_chain"] = chain.model_dump()
        slots = self._keyring.slots
        info["key_slots"] = {
            "format": slots.format,
            "count": len(slots.slots),
            "recovery_slot": slots.slot("recovery") is not None,
            "kdf": [s.kdf.aad() for s in slots.slots],
            "pending_rekey": self.files.pending_keyslots.exists(),
        }
        info["store_kind"] = self.store_kind
        info["checked_at"] = self.clock.now().isoformat(timespec="seconds")
        return info


def db_dek(db: Database, dek: bytes) -> bytes:
    """The DEK the database was actually opened with (after a recovered interrupted rekey it is the new one)."""
    current = db.opened_with()
    return current if current is not None else dek


__all__ = ["Core", "DiskError"]
