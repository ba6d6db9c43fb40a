"""Users and their key slots: add, list, disable, change or reset a passphrase (administrators manage users)."""

from __future__ import annotations

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


class UserInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    username: str
    display_name: str
    role: Role
    disabled: bool
    created_at: datetime


def check_username(name: str) -> str:
    """A valid user name, lower-cased: user names are case-insensitive ("Anna" and "anna" are one user)."""
    name = name.strip().lower()
    if not USERNAME.match(name):
        raise UserInputError(_("Ogiltigt användarnamn: använd 2–64 tecken a–z, 0–9, punkt, bindestreck."))
    return name


class UserService:
    def __init__(self, ctx: ServiceContext, keyring: KeyRing) -> None:
        self._ctx = ctx
        self._keys = keyring

    def list(self) -> list[UserInfo]:
        self._ctx.require("users.manage")
        with self._ctx.session() as s:
            rows = s.scalars(select(UserRow).order_by(UserRow.username)).all()
            self._ctx.audit(s, "users.list", "user")
            return [UserInfo.model_validate(r, from_attributes=True) for r in rows]

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
            self._keys.add_user(row.id, username, passphrase)  # file write inside the transaction: rolls back row
            self._ctx.audit(s, "users.add", "user", str(row.id))
            return self._ctx.published(Change(area="users", action="created", ids=(str(row.id),)))

    def _row(self, s: object, username: str) -> UserRow:
        row = s.scalar(select(UserRow).where(UserRow.username == username.strip().lower()))  # type: ignore[attr-defined]
        if row is None:
            raise NotFound(_("Användaren {u} finns inte.").format(u=username))
        return row  # type: ignore[no-any-return]

    def disable(self, username: str) -> Change:
        self._ctx.require("users.manage")
        with self._ctx.session() as s:
            row = self._row(s, username)
            if row.id == self._ctx.principal.user_id:
                raise UserInputError(_("Du kan inte inaktivera ditt eget konto."))
            row.disabled = True
            self._keys.remove_user(row.id)  # a disabled user's slot is gone: the key cannot be unwrapped any more
            self._ctx.audit(s, "users.disable", "user", str(row.id))
            return self._ctx.published(Change(area="users", action="disabled", ids=(str(row.id),)))

    def change_own_passphrase(self, old: str, new: str) -> Change:
        policy.check(new, self._ctx.principal.username)
        if new == old:
            raise UserInputError(_("Den nya lösenfrasen måste skilja sig från den nuvarande."))
        with self._ctx.session() as s:
            self._keys.change_own(self._ctx.principal.user_id, old, new)
            _set_must_change(s, self._ctx.principal.user_id, False)
            self._ctx.audit(s, "users.passwd", "user", str(self._ctx.principal.user_id))
        change = Change(area="users", action="passphrase_changed", ids=(str(self._ctx.principal.user_id),))
        return self._ctx.published(change)

    def reset_passphrase(self, username: str, new: str) -> Change:
        self._ctx.require("users.manage")
        policy.check(new, username)
        with self._ctx.session() as s:
            row = self._row(s, username)
            if row.disabled:
                raise UserInputError(_("Användaren är inaktiverad."))
            self._keys.reset_user(row.id, row.username, new)
            _set_must_change(s, row.id, True)
            self._ctx.audit(s, "users.reset_passphrase", "user", str(row.id))
            return self._ctx.published(Change(area="users", action="passphrase_reset", ids=(str(row.id),)))

    def must_change_passphrase(self) -> bool:
        """True when an administrator set the signed-in user's passphrase and she has not chosen her own since."""
        with self._ctx.session() as s:
            return _must_change(s, self._ctx.principal.user_id)


def _must_change(s: Session, user_id: int) -> bool:
    return s.scalar(select(SettingRow.id).where(SettingRow.user_id == user_id, SettingRow.key == MUST_CHANGE_KEY)) \
        is not None


def _set_must_change(s: Session, user_id: int, on: bool) -> None:
    row = s.scalar(select(SettingRow).where(SettingRow.user_id == user_id, SettingRow.key == MUST_CHANGE_KEY))
    if on and row is None:
        s.add(SettingRow(user_id=user_id, key=MUST_CHANGE_KEY, value="true"))
    elif not on and row is not None:
        s.delete(row)
