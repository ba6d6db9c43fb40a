"""Settings stored encrypted in the store: per user, or store-wide (user 0) for administrator policies."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from stodapp.changes import Change
from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.store.tables import SettingRow

IDLE_LOCK_KEY = "idle_lock_minutes"
IDLE_LOCK_DEFAULT = 5
IDLE_LOCK_RANGE = (1, 15)
STEP_UP_KEY = "step_up_minutes"
STEP_UP_DEFAULT = 10
STEP_UP_RANGE = (1, 60)
STORE_WIDE = 0


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def _get(self, user_id: int, key: str, default: Any) -> Any:
        with self._ctx.session() as s:
            row = s.scalar(select(SettingRow).where(SettingRow.user_id == user_id, SettingRow.key == key))
            return default if row is None else json.loads(row.value)

    def _set(self, user_id: int, key: str, value: Any) -> None:
        with self._ctx.session() as s:
            row = s.scalar(select(SettingRow).where(SettingRow.user_id == user_id, SettingRow.key == key))
            if row is None:
                s.add(SettingRow(user_id=user_id, key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
            self._ctx.audit(s, "settings.update", "setting", key)

    def get(self, key: str, default: Any = None) -> Any:
        return self._get(self._ctx.principal.user_id, key, default)

    def set(self, key: str, value: Any) -> Change:
        self._ctx.require("settings.own")
        self._set(self._ctx.principal.user_id, key, value)
        return self._ctx.published(Change(area="settings", action="updated", ids=(key,)))

    def store_wide(self, key: str, default: Any = None) -> Any:
        return self._get(STORE_WIDE, key, default)

    def set_store_wide(self, key: str, value: Any) -> Change:
        self._ctx.require("settings.admin")
        self._set(STORE_WIDE, key, value)
        return self._ctx.published(Change(area="settings", action="updated", ids=(key,)))

    def idle_lock_minutes(self) -> int:
        value = self.store_wide(IDLE_LOCK_KEY, IDLE_LOCK_DEFAULT)
        low, high = IDLE_LOCK_RANGE
        return min(high, max(low, int(value)))

    def step_up_minutes(self) -> int:
        """Minutes a sign-in or passphrase confirmation covers exports and prints (administrator policy)."""
        value = self.store_wide(STEP_UP_KEY, STEP_UP_DEFAULT)
        low, high = STEP_UP_RANGE
        return min(high, max(low, int(value)))

    def set_step_up_minutes(self, minutes: int) -> Change:
        low, high = STEP_UP_RANGE
        if not low <= minutes <= high:
            raise UserInputError(
                _("Tiden för ny bekräftelse före export och utskrift måste vara {a}–{b} minuter.").format(a=low, b=high)
            )
        return self.set_store_wide(STEP_UP_KEY, minutes)

    def set_idle_lock_minutes(self, minutes: int) -> Change:
        low, high = IDLE_LOCK_RANGE
        if not low <= minutes <= high:
            raise UserInputError(_("Tiden för automatisk låsning måste vara {a}–{b} minuter.").format(a=low, b=high))
        return self.set_store_wide(IDLE_LOCK_KEY, minutes)
