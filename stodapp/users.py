"""Users and their key slots: add, list, disable, change or reset a passphrase (administrators manage users)."""

from __future__ import annotations

import json
import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from stodapp import passphrase as policy
from stodapp.auth import Role
from stodapp.changes import Change
from stodapp.errors import NotFound, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.store.keyring import KeyRing
from stodapp.store.tables import SettingRow, UserRow
from stodapp.text_input import MAX_DISPLAY_NAME, clean_text

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
# Per-user setting: an administrator set this passphrase, so the user chooses her own at the next sign-in (the
# administrator knows the one she set; a passphrase two people know proves nothing in the audit log).
MUST_CHANGE_KEY = "must_change_passphrase"
# Per-user setting: when the user's passphrase was last set (added, changed, reset), ISO 8601 in UTC as JSON text.
# Stores from before this setting have none for their users: the key-slot table then says "not stored".
PASSPHRASE_SET_KEY = "passphrase_set_at"


class UserInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    username: str
    display_name: str
    role: Role
    disabled: bool
    created_at: datetime


class KeySlotRow(BaseModel):
    """One user's way into the store, for the administrator's key-slot table (never any key material)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    username: str
    display_name: str
    role: Role
    disabled: bool
    has_slot: bool  # a disabled user's slot is removed; after a restore only the restoring admin has one
    passphrase_set_at: datetime | None  # None: not stored (set before this was recorded)
    must_change: bool  # an administrator set the passphrase; the user chooses her own at the next sign-in
    is_self: bool


class KeySlotsView(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rows: tuple[KeySlotRow, ...]
    recovery_slot: bool  # the store's recovery key still opens it


class UsersScreen(BaseModel):
    """The administrator's "Användare och låsning" tab: every user and the idle-lock time, read together."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    users: tuple[UserInfo, ...]
    idle_lock_minutes: int


def check_username(name: str) -> str:
    """A valid user name, lower-cased: user names are case-insensitive ("Anna" and "anna" are one user)."""
    name = name.strip().lower()
    if not USERNAME.match(name):
        raise UserInputError(_("Ogiltigt användarnamn: använd 2–64 tecken a–z, 0–9, punkt, bindestreck."))
    return name


class UserService:
    def __init__(self, ctx: ServiceContext, keyring: KeyRing, *, must_change: bool = False) -> None:
        """`must_change`: the signed-in user's flag as her sign-in read it (same transaction as the login row)."""
        self._ctx = ctx
        self._keys = keyring
        self._must_change = must_change

    def list(self) -> list[UserInfo]:
        self._ctx.require("users.manage")
        with self._ctx.session() as s:
            rows = s.scalars(select(UserRow).order_by(UserRow.username)).all()
            self._ctx.audit(s, "users.list", "user")
            return [UserInfo.model_validate(r, from_attributes=True) for r in rows]

    def screen(self) -> UsersScreen:
        """The users tab in one read transaction with one `users.list` audit row: the users and the idle-lock
        time (a store-wide setting, read unaudited as everywhere)."""
        from stodapp.settings import SettingsService

        with self._ctx.screen_read(), self._ctx.session():
            users = tuple(self.list())
            return UsersScreen(users=users, idle_lock_minutes=SettingsService(self._ctx).idle_lock_minutes())

    def add(self, username: str, role: Role | str, passphrase: str, display_name: str = "") -> Change:
        self._ctx.require("users.manage")
        username = check_username(username)
        role = Role(role)
        display_name = clean_text(display_name, field=_("Visningsnamn"), max_len=MAX_DISPLAY_NAME, required=False)
        policy.check(passphrase, username)
        with self._ctx.session() as s:
            if s.scalar(select(func.count()).select_from(UserRow).where(UserRow.username == username)):
                raise UserInputError(_("Användaren {u} finns redan.").format(u=username))
            row = UserRow(username=username, display_name=display_name, role=role.value, disabled=False,
                          created_at=self._ctx.clock.now())
            s.add(row)
            s.flush()
            record_passphrase_set(s, row.id, self._ctx.clock.now())
            s.flush()
            self._keys.add_user(row.id, username, passphrase)  # file write inside the transaction: rolls back row
            self._ctx.audit(s, "users.add", "user", str(row.id))
            return self._ctx.published(Change(area="users", action="created", ids=(str(row.id),)))

    def _row(self, s: object, username: str) -> UserRow:
        row = s.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))  # type: ignore[attr-defined]
        if row is None:
            raise NotFound(_("Användaren {u} finns inte.").format(u=username))
        return row  # type: ignore[no-any-return]

    def key_slots(self) -> KeySlotsView:
        """Every user with her key slot: whether it exists, when the passphrase was set, the must-change flag."""
        self._ctx.require("users.manage")
        slots = self._keys.slots
        with self._ctx.session() as s:
            users = s.scalars(select(UserRow).order_by(UserRow.username)).all()
            settings = s.scalars(select(SettingRow).where(
                SettingRow.key.in_((MUST_CHANGE_KEY, PASSPHRASE_SET_KEY)), SettingRow.user_id != 0)).all()
            self._ctx.audit(s, "users.list", "user")
            must = {r.user_id for r in settings if r.key == MUST_CHANGE_KEY}
            set_at = {r.user_id: _read_time(r.value) for r in settings if r.key == PASSPHRASE_SET_KEY}
            rows = tuple(KeySlotRow(
                username=u.username, display_name=u.display_name, role=Role(u.role), disabled=u.disabled,
                has_slot=slots.slot(f"user:{u.id}") is not None, passphrase_set_at=set_at.get(u.id),
                must_change=u.id in must, is_self=u.id == self._ctx.principal.user_id) for u in users)
        return KeySlotsView(rows=rows, recovery_slot=slots.slot("recovery") is not None)

    def disable(self, username: str) -> Change:
        self._ctx.require("users.manage")
        with self._ctx.session() as s:
            row = self._row(s, username)
            if row.role == Role.ADMIN.value and not self._other_admin_slots(s, row.id):
                # Disabling removes the key slot: the last administrator's slot is the only way to manage users.
                raise UserInputError(_("{u} är den enda aktiva administratören och kan inte inaktiveras. Lägg "
                                       "till en administratör till först.").format(u=row.username))
            if row.id == self._ctx.principal.user_id:
                raise UserInputError(_("Du kan inte inaktivera ditt eget konto."))
            row.disabled = True
            self._keys.remove_user(row.id)  # a disabled user's slot is gone: the key cannot be unwrapped any more
            self._ctx.audit(s, "users.disable", "user", str(row.id))
            return self._ctx.published(Change(area="users", action="disabled", ids=(str(row.id),)))

    def _other_admin_slots(self, s: Session, user_id: int) -> int:
        """How many other active administrators can still sign in (have a key slot)."""
        ids = s.scalars(select(UserRow.id).where(
            UserRow.role == Role.ADMIN.value, UserRow.disabled.is_(False), UserRow.id != user_id)).all()
        return sum(1 for i in ids if self._keys.slots.slot(f"user:{i}") is not None)

    def change_own_passphrase(self, old: str, new: str) -> Change:
        policy.check(new, self._ctx.principal.username)
        if new == old:
            raise UserInputError(_("Den nya lösenfrasen måste skilja sig från den nuvarande."))
        with self._ctx.session() as s:
            _set_must_change(s, self._ctx.principal.user_id, False)
            record_passphrase_set(s, self._ctx.principal.user_id, self._ctx.clock.now())
            self._ctx.audit(s, "users.passwd", "user", str(self._ctx.principal.user_id))
            s.flush()  # the database part is written (and can still roll back) before the slot file is replaced
            self._keys.change_own(self._ctx.principal.user_id, old, new)
        self._must_change = False
        change = Change(area="users", action="passphrase_changed", ids=(str(self._ctx.principal.user_id),))
        return self._ctx.published(change)

    def reset_passphrase(self, username: str, new: str) -> Change:
        """An administrator sets another user's passphrase (a new key slot; also for a user who has none after a
        restore); the user must choose her own at the next sign-in. Asks for a recent step-up (GUI: right before).

        The settings and the audit line are flushed first and the slot file is replaced last, inside the
        transaction: a refused or failed write leaves the old slot and no flag."""
        self._ctx.require("users.manage")
        policy.check(new, username.strip().lower())
        self._ctx.require_recent_auth(_("återställa en annan användares lösenfras"))
        with self._ctx.session() as s:
            row = self._row(s, username)
            if row.disabled:
                raise UserInputError(_("{u} är inaktiverad. Inaktiverade användare kan inte få en ny lösenfras.")
                                     .format(u=row.username))
            if row.id == self._ctx.principal.user_id:
                raise UserInputError(_("Din egen lösenfras byter du under Arkiv → Byt lösenfras…"))
            _set_must_change(s, row.id, True)
            record_passphrase_set(s, row.id, self._ctx.clock.now())
            self._ctx.audit(s, "users.reset_passphrase", "user", str(row.id))
            s.flush()
            self._keys.reset_user(row.id, row.username, new)
            return self._ctx.published(Change(area="users", action="passphrase_reset", ids=(str(row.id),)))

    def must_change_passphrase(self) -> bool:
        """True when an administrator set the signed-in user's passphrase and she has not chosen her own since.

        Read at sign-in, in the login's own transaction, and cleared by her own change: asking costs no read (only
        this process has the store open)."""
        return self._must_change


def record_passphrase_set(s: Session, user_id: int, at: datetime) -> None:
    """Note when `user_id`'s passphrase was set (the time only; never anything about the passphrase)."""
    value = json.dumps(at.isoformat())
    row = s.scalar(select(SettingRow).where(SettingRow.user_id == user_id, SettingRow.key == PASSPHRASE_SET_KEY))
    if row is None:
        s.add(SettingRow(user_id=user_id, key=PASSPHRASE_SET_KEY, value=value))
    else:
        row.value = value


def _read_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(str(json.loads(value)))
    except (ValueError, TypeError):
        return None


def passphrase_must_change(s: Session, user_id: int) -> bool:
    """`user_id`'s flag as stored: an administrator set her passphrase and she has not chosen her own since."""
    return s.scalar(select(SettingRow.id).where(SettingRow.user_id == user_id, SettingRow.key == MUST_CHANGE_KEY)) \
        is not None


def _set_must_change(s: Session, user_id: int, on: bool) -> None:
    row = s.scalar(select(SettingRow).where(SettingRow.user_id == user_id, SettingRow.key == MUST_CHANGE_KEY))
    if on and row is None:
        s.add(SettingRow(user_id=user_id, key=MUST_CHANGE_KEY, value="true"))
    elif not on and row is not None:
        s.delete(row)
