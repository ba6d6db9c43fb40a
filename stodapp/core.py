"""The core facade: the one object ui/main.py builds and passes into windows (no globals).

    core, recovery_key = Core.initialize(data_dir, "admin", passphrase)   # first run
    core = Core.unlock(data_dir, "anna", passphrase)                      # every morning
    core.users.add(...); core.settings.get(...); core.lock()

Creating and unlocking the files is stodapp.store_opening; this module composes the session on top of it.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from collections.abc import Callable, Collection, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from stodapp import store_opening
from stodapp.auth import Principal, Role
from stodapp.changes import Change
from stodapp.clock import Clock, SystemClock
from stodapp.errors import AuthError, DiskError, StodError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.settings import SettingsService
from stodapp.store import keyslots as ks
from stodapp.store.database import Database
from stodapp.store.keyring import KeyRing, unlock_dek
from stodapp.store.layout import InstanceLock, StoreFiles
from stodapp.store_administration import StoreAdministration
from stodapp.users import UserService, check_username, record_passphrase_set

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.checklists.cosign import CosignService
    from stodapp.checklists.packs_screen import PacksScreen
    from stodapp.checklists.schema import ChecklistDefinition
    from stodapp.checklists.service import ChecklistService
    from stodapp.concerns.service import ConcernService
    from stodapp.referrals.service import ReferralService
    from stodapp.retention.service import RetentionService
    from stodapp.server.gui_core import ServerCore
    from stodapp.summary.audit_review import AuditReviewService
    from stodapp.summary.service import SummaryService
    from stodapp.training.authoring import AuthoringService
    from stodapp.training.service import TrainingService


class Core(StoreAdministration):
    def __init__(self, files: StoreFiles, db: Database, keyring: KeyRing, principal: Principal, clock: Clock,
                 lock: InstanceLock, *, store_kind: str = "case", temp_dir: Path | None = None,
                 must_change: bool = False) -> None:
        self.files = files
        self.db: Database | None = db
        self._keyring = keyring
        self.principal = principal
        self.clock = clock
        self._lock = lock
        self.store_kind = store_kind
        self._temp_dir = temp_dir
        self.ctx = ServiceContext(db=db, principal=principal, clock=clock, store_kind=store_kind,
                                  step_up=self.require_recent_auth)
        self._authenticated_at = clock.now()  # sign-in or last step-up confirmation
        self.settings = SettingsService(self.ctx)
        self.users = UserService(self.ctx, keyring, must_change=must_change)
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
        clock = clock or SystemClock()
        recovery = store_opening.create_store(data_dir, admin_name, passphrase, clock=clock, kdf=kdf,
                                              store_kind=store_kind, display_name=display_name)
        core = cls.unlock(Path(data_dir), check_username(admin_name), passphrase, clock=clock)
        return core, recovery

    @staticmethod
    def throttle_remaining(data_dir: Path, username: str, *, clock: Clock | None = None) -> float:
        files = StoreFiles(Path(data_dir))
        if not files.keyslots.exists():
            return 0.0
        return store_opening.throttle_for(files, clock or SystemClock()).remaining(username)

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
        with core.ctx.session() as s:  # the restoring administrator's slot (the only one) is new
            record_passphrase_set(s, core.principal.user_id, core.clock.now())
        return core, restored.recovery

    @classmethod
    def unlock(cls, data_dir: Path, username: str, passphrase: str, *, clock: Clock | None = None,
               recovery: bool = False) -> Core:
        clock = clock or SystemClock()
        opened = store_opening.open_store(Path(data_dir), username, passphrase, clock=clock, recovery=recovery)
        core = cls(opened.files, opened.db, opened.keyring, opened.principal, clock, opened.lock,
                   store_kind=opened.kind, must_change=opened.must_change)
        core._refresh_audit_anchor()
        opened.db.start_background_check()
        return core

    @classmethod
    def open_demo(cls, *, role: Role = Role.CASEWORKER, cases: int = 40, seed: int = 7,
                  clock: Clock | None = None) -> Core:
        """A throwaway demo store with fictional data in a private temp dir (deleted on close).

        `clock` dates everything the demo writes (logins, audit rows); tests pass a fixed one."""

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

        return SummaryService(self.ctx, home_municipality=self._home_municipality_name)

    def _home_municipality_name(self) -> str:
        """The municipality of the store's own referral entries ("" when none are loaded or readable)."""
        from stodapp.errors import StodError
        from stodapp.municipalities import by_code

        try:
            entries = self.referrals.local_entries()
            return by_code(entries.municipality).name if entries is not None else ""
        except (StodError, KeyError, ValueError):
            return ""

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

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Hear about every committed write of this session (the GUI's change bus); returns the unsubscriber."""
        return self.ctx.changes.subscribe(listener)

    @staticmethod
    def connect_server(target: str, username: str, passphrase: str, *, clock: Clock | None = None,
                       login_kdf: ks.KdfParams | None = None, profiles_file: Path | None = None) -> ServerCore:
        """Server mode: sign in to the unit's PostgreSQL server (a saved profile name or a postgresql:// URL)."""
        from stodapp.server.connect import LOGIN_KDF
        from stodapp.server.gui_core import ServerCore

        return ServerCore.connect(target, username, passphrase, clock=clock, login_kdf=login_kdf or LOGIN_KDF,
                                  profiles_file=profiles_file)

    @staticmethod
    def saved_server_profiles(profiles_file: Path | None = None) -> list[str]:
        from stodapp.server.gui_core import saved_profiles

        return saved_profiles(profiles_file)

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
        throttle = store_opening.throttle_for(self.files, self.clock)
        name = self.principal.username
        store_opening.check_throttle(throttle, name)
        try:
            unlock_dek(self.files, name, passphrase)
        except AuthError:
            throttle.record_failure(name, queue=False)  # audited right here
            self.audit_event("reauth.failed")
            raise
        throttle.record_success(name)
        self._authenticated_at = self.clock.now()
        self.audit_event("reauth")

    def require_recent_auth(self, what: str) -> None:
        """Step-up before export and print: ReauthRequired when the sign-in or the last confirmation is older
        than the administrator's window (`step_up_minutes`); the caller asks, calls reauthenticate, retries."""
        from datetime import timedelta

        from stodapp.errors import ReauthRequired

        minutes = self.settings.step_up_minutes()
        if self.clock.now() - self._authenticated_at <= timedelta(minutes=minutes):
            return
        self.audit_event("reauth.required", purpose=what[:60])
        raise ReauthRequired(
            _("Bekräfta med din lösenfras för att {what}: det är mer än {n} minuter sedan du loggade in "
              "eller bekräftade.").format(what=what, n=minutes)
        )

    # ---- administration ------------------------------------------------------------------------------------
    def idle_lock_minutes(self) -> int:
        return self.settings.idle_lock_minutes()

    def set_idle_lock_minutes(self, minutes: int) -> Change:
        return self.settings.set_idle_lock_minutes(minutes)

    def packs_screen(self) -> PacksScreen:
        """The content-packs tab in one read transaction: the imported packs, the active users and the recorded
        trainings (`stodapp.checklists.packs_screen`)."""
        from stodapp.checklists.packs_screen import packs_screen

        users = self.users
        return packs_screen(self.ctx, self.checklists, lambda: [u.username for u in users.list() if not u.disabled])

    def _db(self) -> Database:
        if self.db is None:
            from stodapp.errors import StoreError

            raise StoreError(_("databasen är låst"))
        return self.db



__all__ = ["Core", "DiskError"]
