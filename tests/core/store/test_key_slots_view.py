"""The administrator's key-slot view and the rules around resetting a passphrase and removing a slot."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from stodapp.auth import Role
from stodapp.core import Core
from stodapp.errors import AccessDenied, PassphrasePolicyError, ReauthRequired, UserInputError
from stodapp.store.tables import AuditRow
from tests.conftest import ADMIN_PASS, USER_PASS

TEMPORARY = "tillfällig fras från admin 4711"


def _slot_file(store_dir: Path) -> str:
    return hashlib.sha256((store_dir / "keyslots.json").read_bytes()).hexdigest()


def test_the_view_lists_every_user_with_her_slot_and_flags(store_dir: Path, open_core, clock) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    view = admin.users.key_slots()
    rows = {r.username: r for r in view.rows}
    assert list(rows) == sorted(rows) and set(rows) == {"admin", "anna", "bertil", "sara", "tove"}
    assert view.recovery_slot is True
    assert rows["admin"].role is Role.ADMIN and rows["admin"].is_self and not rows["anna"].is_self
    assert all(r.has_slot and not r.must_change and not r.disabled for r in rows.values())
    assert rows["anna"].passphrase_set_at == clock.now()  # set when she was added
    assert rows["admin"].passphrase_set_at == clock.now()  # set when the store was created

    clock.advance(3 * 86400)
    admin.reauthenticate(ADMIN_PASS)
    admin.users.reset_passphrase("anna", TEMPORARY)
    admin.users.disable("bertil")
    rows = {r.username: r for r in admin.users.key_slots().rows}
    assert rows["anna"].must_change and rows["anna"].passphrase_set_at == clock.now()
    assert rows["bertil"].disabled and not rows["bertil"].has_slot
    assert not rows["sara"].must_change and rows["sara"].passphrase_set_at == clock.now() - timedelta(days=3)


def test_the_view_is_for_administrators_only(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AccessDenied):
        open_core("anna").users.key_slots()


def test_a_passphrase_change_is_dated_and_clears_the_flag(store_dir: Path, open_core, clock) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    admin.users.reset_passphrase("anna", TEMPORARY)
    admin.close()
    clock.advance(2 * 3600)
    anna = Core.unlock(store_dir, "anna", TEMPORARY, clock=clock)
    anna.users.change_own_passphrase(TEMPORARY, "hennes egen nya fras 2031")
    anna.close()
    admin = Core.unlock(store_dir, "admin", ADMIN_PASS, clock=clock)
    row = next(r for r in admin.users.key_slots().rows if r.username == "anna")
    assert not row.must_change and row.passphrase_set_at == clock.now()
    admin.close()


@pytest.mark.parametrize(("name", "phrase", "error"), [
    ("anna", "kort", PassphrasePolicyError),
    ("anna", "anna har en lång fras 2031", PassphrasePolicyError),  # contains the user name
    ("admin", TEMPORARY, UserInputError),  # her own passphrase is changed, not reset
    ("bertil", TEMPORARY, UserInputError),  # disabled below
    ("nobody", TEMPORARY, Exception),
])
def test_a_refused_reset_changes_nothing(store_dir: Path, open_core, name: str, phrase: str,  # type: ignore[no-untyped-def]
                                         error: type[Exception]) -> None:
    admin = open_core("admin")
    admin.users.disable("bertil")
    before = (_slot_file(store_dir), admin.users.key_slots())
    with pytest.raises(error):
        admin.users.reset_passphrase(name, phrase)
    assert (_slot_file(store_dir), admin.users.key_slots()) == before


def test_a_reset_asks_for_a_recent_step_up(store_dir: Path, open_core, clock) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    clock.advance(5 * 3600)
    before = _slot_file(store_dir)
    with pytest.raises(ReauthRequired):
        admin.users.reset_passphrase("anna", TEMPORARY)
    assert _slot_file(store_dir) == before
    admin.reauthenticate(ADMIN_PASS)
    admin.users.reset_passphrase("anna", TEMPORARY)
    assert _slot_file(store_dir) != before


def test_a_reset_gives_a_user_without_a_slot_a_new_one(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    keys = admin.keyring()
    anna_id = next(u.id for u in admin.users.list() if u.username == "anna")
    keys.remove_user(anna_id)  # as after a restore, where only the restoring administrator has a slot
    assert not next(r for r in admin.users.key_slots().rows if r.username == "anna").has_slot
    admin.users.reset_passphrase("anna", TEMPORARY)
    row = next(r for r in admin.users.key_slots().rows if r.username == "anna")
    assert row.has_slot and row.must_change
    admin.close()
    Core.unlock(store_dir, "anna", TEMPORARY).close()


def test_no_passphrase_reaches_the_audit_log(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    admin.users.reset_passphrase("anna", TEMPORARY)
    with admin.ctx.session() as s:
        text = " ".join(" ".join(str(v) for v in (r.action, r.record_type, r.record_id, r.purpose))
                        for r in s.scalars(select(AuditRow)).all())
    assert "users.reset_passphrase" in text
    for secret in (TEMPORARY, ADMIN_PASS, USER_PASS, "4711"):
        assert secret not in text


def test_the_last_administrators_slot_cannot_be_removed(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    before = _slot_file(store_dir)
    with pytest.raises(UserInputError, match="enda aktiva administratören"):
        admin.users.disable("admin")
    assert _slot_file(store_dir) == before
    admin.users.add("greta", Role.ADMIN, "en annan administratörs mening om hösten 2031")
    admin.close()
    greta = Core.unlock(store_dir, "greta", "en annan administratörs mening om hösten 2031")
    greta.users.disable("admin")  # another administrator can still sign in
    with pytest.raises(UserInputError, match="enda aktiva administratören"):
        greta.users.disable("greta")
    assert next(r for r in greta.users.key_slots().rows if r.username == "greta").has_slot
    greta.close()
