"""ServerCore: the facade the GUI signs in to in server mode (`Core.connect_server`).

It exposes what the main window and the cases area need on the unit's server: the signed-in principal, the
cases (list the cases the user may open, open one with persons and journal notes, add a note), the checklist
assessments on those cases (start, save a draft, sign; `checklist_screens`), the cases' safety plans (a new
version, the latest, the file and client PDFs; `safety_plan_screens`), the audit of session events, lock/close and
the passphrase step-up before a print (`require_recent_auth`, the local default window: the unit-wide setting is
not stored on the server yet). The GUI shows a plain placeholder for the areas the
server does not offer yet. The passphrase is never kept: the
database login secret derives from it (stodapp.server.connect.login_password) and the data key is unwrapped
from the user's key slot, as `stodapp server` commands do.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from stodapp.auth import Principal, Role
from stodapp.changes import Change, ChangeFeed
from stodapp.clock import Clock, SystemClock
from stodapp.errors import AuthError, StodError, StoreError
from stodapp.i18n import _
from stodapp.server import profiles
from stodapp.server.assessments import ServerAssessments
from stodapp.server.case_screens import ServerCaseScreens
from stodapp.server.cases import ServerCaseService
from stodapp.server.checklist_screens import ServerChecklistScreens
from stodapp.server.connect import LOGIN_KDF, check_url
from stodapp.server.profile_names import profiles_path
from stodapp.server.provision import ServerUser
from stodapp.server.safety_plan_screens import ServerSafetyPlanScreens
from stodapp.server.safety_plans import ServerSafetyPlans
from stodapp.server.store import ServerStore
from stodapp.server.summary import ServerSummary
from stodapp.settings import IDLE_LOCK_DEFAULT, STEP_UP_DEFAULT
from stodapp.store.keyslots import KdfParams


def resolve_target(target: str, profiles_file: Path | None = None) -> tuple[str, str | None]:
    """A saved profile name or a URL -> (URL, the unit id the profile recorded or None). One clear error."""
    value = target.strip()
    if not value:
        raise StoreError(_("Ange serverns adress (postgresql://värd/databas) eller en sparad profil."))
    url, profile = profiles.resolve(value, profiles_file or profiles_path())
    return url, (profile.unit_id or None) if profile is not None else None


def saved_profiles(profiles_file: Path | None = None) -> list[str]:
    """Names of the saved server profiles (no secrets live in that file); [] when it cannot be read."""
    from stodapp.server.profile_names import saved_profile_names

    return saved_profile_names(profiles_file)


class ServerUsers:
    """Her own account in a server session (the GUI's `core.users`, as on the local facade)."""

    def __init__(self, store: Callable[[], ServerStore], login_kdf: KdfParams,
                 publish: Callable[[Change], object]) -> None:
        self._account_store, self._account_kdf, self._account_publish = store, login_kdf, publish

    def change_own_passphrase(self, old: str, new: str) -> Change:
        """Her key slot and her database login under the new passphrase, in one transaction (or neither)."""
        from stodapp.server.user_admin import change_own_passphrase

        store = self._account_store()
        change_own_passphrase(store, old, new, login_kdf=self._account_kdf)
        change = Change(area="users", action="passphrase_changed", ids=(str(store.principal.user_id),))
        self._account_publish(change)
        return change

    def must_change_passphrase(self) -> bool:
        """An administrator set her passphrase (`server users reset`) and she has not chosen her own since (read at
        her sign-in, in the same connection that unlocked her key slot)."""
        return self._account_store().must_change


class ServerCore:
    """An unlocked server session as the GUI uses it (the local counterpart is `stodapp.core.Core`)."""

    is_demo = False
    is_server = True

    def __init__(self, store: ServerStore, target: str, url: str, login_kdf: KdfParams) -> None:
        self._store: ServerStore | None = store
        self._url = url
        self.principal: Principal = store.principal
        self.clock: Clock = store.clock
        self.target = target
        self.server_display = store.address.display()
        self._login_kdf = login_kdf
        self._cases = ServerCaseService(store)
        self.changes = ChangeFeed()  # this session's own writes (the GUI's change bus); not other clients'
        self._authenticated_at = store.clock.now()  # the sign-in, then each step-up confirmation
        self._plans = ServerSafetyPlanScreens(ServerSafetyPlans(store, self.require_recent_auth), self.changes.publish)
        self._screens = ServerCaseScreens(store, self._cases, self.changes.publish, self._plans)
        self._checklists = ServerChecklistScreens(store, ServerAssessments(store), self.changes.publish)
        self.users = ServerUsers(self._open_store, login_kdf, self.changes.publish)

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        return self.changes.subscribe(listener)

    @classmethod
    def connect(cls, target: str, username: str, passphrase: str, *, clock: Clock | None = None,
                login_kdf: KdfParams = LOGIN_KDF, profiles_file: Path | None = None) -> ServerCore:
        url, unit = resolve_target(target, profiles_file)
        check_url(url)
        store = ServerStore.open(url, username.strip(), passphrase, login_kdf=login_kdf, expected_unit=unit,
                                 clock=clock or SystemClock())
        core = cls(store, target.strip(), url, login_kdf)
        core.audit_event("login")
        return core

    def _open_store(self) -> ServerStore:
        if self._store is None:
            raise StoreError(_("databasen är låst"))
        return self._store

    @property
    def cases(self) -> ServerCaseService:
        self._open_store()
        return self._cases

    @property
    def summary(self) -> ServerSummary:
        """The supervisor's summary over the whole unit (the local `Core.summary`)."""
        return ServerSummary(self._open_store())

    @property
    def case_screens(self) -> ServerCaseScreens:
        """The cases area's reads and writes (local view models; each write published on `changes`)."""
        self._open_store()
        return self._screens

    @property
    def checklist_screens(self) -> ServerChecklistScreens:
        """The Checklistor area's reads and writes (local view models; each write published on `changes`)."""
        self._open_store()
        return self._checklists

    @property
    def safety_plan_screens(self) -> ServerSafetyPlanScreens:
        """The case view's safety plans (local view models; a save published on `changes`)."""
        self._open_store()
        return self._plans

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @property
    def integrity_problem(self) -> str | None:
        return None  # no local pages to check; the server's own checks and the audit chain cover it

    def idle_lock_minutes(self) -> int:
        return IDLE_LOCK_DEFAULT  # the unit-wide setting is not stored on the server yet

    def audit_event(self, action: str, purpose: str = "", record_type: str = "", record_id: str = "") -> None:
        store = self._open_store()
        with store.session() as s:
            store.audit(s, action, record_type, record_id, purpose)

    # ---- the unit's users (administrators; `stodapp server users`) ---------------------------------------------
    def add_user(self, owner: str, owner_password: str | None, username: str, role: Role, passphrase: str, *,
                 kdf: KdfParams | None = None) -> ServerUser:
        """A new user: her login role in her role's group role, her users row and her key slot (the data key
        sealed to her passphrase) and the audit row, in one transaction run as the owner role; a refusal writes
        nothing. The signed-in user must be an administrator."""
        from stodapp.server.provision import add_user

        store = self._open_store()
        added = add_user(store, owner, owner_password, username, role, passphrase, kdf=kdf, login_kdf=self._login_kdf)
        self.changes.publish(Change(area="users", action="added", ids=(str(added.id),)))
        return added

    def disable_user(self, owner: str, owner_password: str | None, username: str) -> ServerUser:
        """Disable a user: marked, her key slot deleted, her login ended, in one owner-role transaction; refused
        for oneself (stodapp.server.user_admin)."""
        from stodapp.server.user_admin import disable_user

        done = disable_user(self._open_store(), owner, owner_password, username)
        self.changes.publish(Change(area="users", action="disabled", ids=(str(done.id),)))
        return done

    def reset_passphrase(self, owner: str, owner_password: str | None, username: str, new: str, *,
                         kdf: KdfParams | None = None) -> None:
        """Give another user a new passphrase (a new key slot and login); she must choose her own at the next
        sign-in (stodapp.server.user_admin)."""
        from stodapp.server.user_admin import reset_passphrase

        reset_passphrase(self._open_store(), owner, owner_password, username, new, kdf=kdf,
                         login_kdf=self._login_kdf)
        self.changes.publish(Change(area="users", action="passphrase_reset", ids=(username,)))

    def list_users(self) -> list[ServerUser]:
        """The unit's users by name (administrators only; audited as users.list)."""
        from stodapp.server.provision import list_users

        return list_users(self._open_store())

    def reauthenticate(self, passphrase: str) -> None:
        """Step-up: the passphrase must open this user's key slot and login on the server again (audited)."""
        store = self._open_store()
        try:
            ServerStore.open(self._url, self.principal.username, passphrase, login_kdf=self._login_kdf,
                             expected_unit=store.unit_id, clock=self.clock, pool_size=1).close()
        except AuthError:
            self.audit_event("reauth.failed")
            raise
        self._authenticated_at = self.clock.now()
        self.audit_event("reauth")

    def require_recent_auth(self, what: str) -> None:
        """Before a print: ReauthRequired when the sign-in or the last confirmation is older than the step-up
        window (the local store's default); the GUI asks, calls `reauthenticate`, and retries."""
        from datetime import timedelta

        from stodapp.errors import ReauthRequired

        if self.clock.now() - self._authenticated_at <= timedelta(minutes=STEP_UP_DEFAULT):
            return
        self.audit_event("reauth.required", purpose=what[:60])
        raise ReauthRequired(
            _("Bekräfta med din lösenfras för att {what}: det är mer än {n} minuter sedan du loggade in "
              "eller bekräftade.").format(what=what, n=STEP_UP_DEFAULT)
        )

    def lock(self) -> None:
        """Audit, drop the data key and the connections; unusable afterwards (sign in again for a new one)."""
        store, self._store = self._store, None
        if store is None:
            return
        try:
            with store.session() as s:
                store.audit(s, "lock")
        except StodError:
            pass
        store.close()

    def close(self) -> None:
        self.lock()
