"""A server user's passphrase change (her own) and an administrator disabling a user.

Her own change is ONE transaction in her own session: her key slot re-sealed under the new passphrase (row-level
security lets her update only her own slot's body) and her login role's SCRAM verifier replaced (PostgreSQL lets
an ordinary role change its own password), with one `users.passwd` audit row. Both, or neither: a refused or
failed change leaves the old passphrase opening both. The session then signs in with the new login password.

Disabling runs as the owner role (it alone may change users and roles): the users row marked, the key slot
deleted (the data key can no longer be unsealed for her), the login role set NOLOGIN, one `users.disable` row.
Her sessions that are still open read nothing any more: row-level security keys on `stod_me()`, which is NULL for
a disabled user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update

from stodapp import passphrase as policy
from stodapp.auth import Role
from stodapp.errors import NotFound, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.connect import LOGIN_KDF, login_password, role_name
from stodapp.server.provision import ServerUser
from stodapp.server.roles_sql import owner_audit, owner_transaction, quote_ident, scram_verifier
from stodapp.server.store import ServerStore, db_error
from stodapp.store import keyslots as ks
from stodapp.users import check_username

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def change_own_passphrase(store: ServerStore, old: str, new: str, *, kdf: ks.KdfParams | None = None,
                          login_kdf: ks.KdfParams = LOGIN_KDF) -> None:
    """Her key slot and her login under `new` (see the module docstring); AuthError when `old` is wrong."""
    from sqlalchemy.exc import SQLAlchemyError

    username = store.principal.username
    policy.check(new, username)
    if new == old:
        raise UserInputError(_("Den nya lösenfrasen måste skilja sig från den nuvarande."))
    database = store.address.database
    role = role_name(database, username)
    new_login = login_password(database, username, new, login_kdf)
    try:
        with store.session() as s:
            body = s.execute(select(t.key_slots.c.body).where(
                t.key_slots.c.lookup == ks.lookup(store.unit_id, username))).scalar()
            if body is None:
                raise StoreCorrupt(_("användarens nyckelplats saknas i databasen"))
            slot = ks.Slot.model_validate_json(body)
            if ks.unwrap(slot, old, store.unit_id) != store.data_key():  # AuthError for a wrong passphrase
                raise StoreCorrupt(_("nyckelplatsen öppnar en annan datanyckel än sessionens; inget har ändrats"))
            fresh = ks.make_slot(store.data_key(), new, store.unit_id, slot.slot_id, username, kdf or slot.kdf)
            done = s.execute(update(t.key_slots).where(t.key_slots.c.slot_id == slot.slot_id)
                             .values(body=fresh.model_dump_json()))
            if done.rowcount != 1:  # type: ignore[attr-defined]  # RLS hid it: not her slot
                raise StoreCorrupt(_("nyckelplatsen kunde inte skrivas; inget har ändrats"))
            verifier = scram_verifier(s.connection(), role, new_login)
            s.connection().exec_driver_sql(f"ALTER ROLE {quote_ident(role)} PASSWORD '{verifier}'")
            s.execute(delete(t.passphrase_resets).where(t.passphrase_resets.c.user_id == store.principal.user_id))
            store.audit(s, "users.passwd", "user", str(store.principal.user_id))
    except SQLAlchemyError as err:
        raise db_error(err, store.address) from None
    store.use_login_password(new_login)
    store.must_change = False


def disable_user(admin: ServerStore, owner: str, owner_password: str | None, username: str) -> ServerUser:
    """Mark `username` disabled, delete her key slot and end her login (owner role, one transaction). Refused for
    oneself (so the unit always keeps the administrator who does this)."""
    from stodapp.access import require

    require(admin.principal, "users.manage")
    username = check_username(username)
    u = t.users
    with owner_transaction(admin, owner, owner_password) as conn:
        row = _other_user(conn, admin, username, _("Du kan inte inaktivera dig själv."))
        if row.disabled:
            raise UserInputError(_("{username} är redan inaktiverad.").format(username=username))
        conn.execute(update(u).where(u.c.id == row.id).values(disabled=True))
        conn.execute(delete(t.key_slots).where(t.key_slots.c.user_id == row.id))
        conn.exec_driver_sql(f"ALTER ROLE {quote_ident(str(row.db_role))} NOLOGIN")
        owner_audit(conn, admin.audit_key, admin.clock, admin.principal.user_id, admin.principal.username,
                    "users.disable", str(row.id))
    return ServerUser(id=int(row.id), username=str(row.username), role=Role(row.role), disabled=True,
                      db_role=str(row.db_role))


def reset_passphrase(admin: ServerStore, owner: str, owner_password: str | None, username: str, new: str, *,
                     kdf: ks.KdfParams | None = None, login_kdf: ks.KdfParams = LOGIN_KDF) -> None:
    """An administrator sets another user's passphrase (she forgot hers): a new key slot sealed to it (the
    administrator holds the data key), her login role's verifier replaced and her `passphrase_resets` row, so
    she must choose her own at the next sign-in; one owner-role transaction with a `users.reset_passphrase` row."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    from stodapp.access import require

    require(admin.principal, "users.manage")
    username = check_username(username)
    policy.check(new, username)
    kdf = kdf or ks.benchmark()
    database = admin.address.database
    k = t.key_slots
    with owner_transaction(admin, owner, owner_password) as conn:
        row = _other_user(conn, admin, username, _("Din egen lösenfras byter du med `stodapp server users passwd`."))
        if row.disabled:
            raise UserInputError(_("{u} är inaktiverad. Inaktiverade användare kan inte få en ny lösenfras.")
                                 .format(u=username))
        slot = ks.make_slot(admin.data_key(), new, admin.unit_id, f"user:{row.id}", username, kdf)
        conn.execute(delete(k).where(k.c.user_id == row.id))
        conn.execute(insert(k).values(slot_id=slot.slot_id, user_id=row.id, lookup=slot.lookup,
                                      body=slot.model_dump_json()))
        verifier = scram_verifier(conn, str(row.db_role), login_password(database, username, new, login_kdf))
        conn.exec_driver_sql(f"ALTER ROLE {quote_ident(str(row.db_role))} PASSWORD '{verifier}'")
        r = t.passphrase_resets
        conn.execute(pg_insert(r).values(user_id=row.id, reset_at=admin.clock.now())
                     .on_conflict_do_update(index_elements=[r.c.user_id], set_={"reset_at": admin.clock.now()}))
        owner_audit(conn, admin.audit_key, admin.clock, admin.principal.user_id, admin.principal.username,
                    "users.reset_passphrase", str(row.id))


def _other_user(conn: Connection, admin: ServerStore, username: str, not_yourself: str) -> Any:
    """Another user's row, locked for this transaction; NotFound, or `not_yourself` for the administrator's own."""
    u = t.users
    row = conn.execute(select(u).where(u.c.username == username).with_for_update()).first()
    if row is None:
        raise NotFound(_("Användaren {username} finns inte.").format(username=username))
    if row.id == admin.principal.user_id:
        raise UserInputError(not_yourself)
    return row
