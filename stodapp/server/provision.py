"""`server init` and user provisioning: run with the owner role (creates roles), never with a superuser.

`init_unit` makes, in ONE transaction, the tables, the walls (stodapp.server.walls), the unit's facts, the first
administrator's login role and her key slot, and the first audit row. Login roles get a SCRAM verifier computed on
the client, so not even the derived password crosses the wire in a CREATE ROLE statement.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, insert, select, text

from stodapp import passphrase as policy
from stodapp.auth import Role
from stodapp.clock import Clock, SystemClock
from stodapp.errors import AccessDenied, StoreExists, UserInputError
from stodapp.i18n import _
from stodapp.server import migrations
from stodapp.server import schema as t
from stodapp.server.connect import LOGIN_KDF, check_url, group_role, login_password, role_name
from stodapp.server.fieldcrypto import FieldCipher
from stodapp.server.roles_sql import owner_audit, owner_transaction, quote_ident, scram_verifier
from stodapp.server.store import ServerStore, db_error, make_engine
from stodapp.server.upgrade import record_history
from stodapp.store import keyslots as ks
from stodapp.users import check_username

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


class ServerUser(BaseModel):
    """A stodapp user of the unit as `server users list` shows her (no secret, no key material)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    username: str
    role: Role
    disabled: bool
    db_role: str  # her database login role (its password derives from her passphrase; never stored)


def _create_login(conn: Connection, database: str, username: str, role: Role, passphrase: str,
                  login_kdf: ks.KdfParams) -> str:
    name = role_name(database, username)
    verifier = scram_verifier(conn, name, login_password(database, username, passphrase, login_kdf))
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    if exists:
        raise UserInputError(_("databasrollen för {username} finns redan på servern").format(username=username))
    # exec_driver_sql: the verifier holds ':' which text() would read as bind parameters; it is base64 + '$'
    # only (no quote, no '%'), and it is a salted hash, not the password.
    conn.exec_driver_sql(f"CREATE ROLE {quote_ident(name)} LOGIN PASSWORD '{verifier}' "
                         f"IN ROLE {quote_ident(group_role(database, role.value))}")
    return name


def init_unit(url: str, owner: str, owner_password: str | None, admin: str, passphrase: str, *,
              unit_name: str = "", kdf: ks.KdfParams | None = None, login_kdf: ks.KdfParams = LOGIN_KDF,
              clock: Clock | None = None, schema_version: int | None = None) -> str:
    """Create the unit in an EMPTY database. Returns the unit id. Nothing is left behind on failure.

    The schema is the server's migration set run from 0 (to `schema_version`, default all: tests build an older
    unit with it to test `server upgrade`)."""
    from sqlalchemy.exc import SQLAlchemyError

    clock = clock or SystemClock()
    address = check_url(url)
    admin = check_username(admin)
    policy.check(passphrase, admin)
    kdf = kdf or ks.benchmark()
    engine = make_engine(address, owner, owner_password)
    try:
        with engine.begin() as conn:
            tables = conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar()
            if conn.execute(text("SELECT to_regclass('public.server_meta')")).scalar() is not None:
                raise StoreExists(_("databasen är redan förberedd för stodapp; den skrivs aldrig över"))
            if tables:
                raise StoreExists(_("databasen är inte tom: `server init` kräver en tom databas"))
            if not conn.execute(text("SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user")).scalar():
                raise AccessDenied(_("ägarrollen saknar CREATEROLE och kan inte skapa användarnas databasroller"))
            applied = migrations.apply(conn, address.database, owner, have=0, upto=schema_version)
            unit_id = secrets.token_hex(16)
            dek = ks.new_dek()
            fields = FieldCipher(dek, unit_id)
            audit_secret = secrets.token_bytes(32)
            now = clock.now()
            meta = {"kind": "stodapp-server", "schema_version": "0", "unit_id": unit_id,
                    "unit_name": unit_name, "created": now.isoformat(), "key_version": "1",
                    "audit_secret": fields.encrypt("server_meta", "value", "audit_secret", audit_secret.hex()).hex()}
            conn.execute(insert(t.server_meta), [{"key": k, "value": v} for k, v in meta.items()])
            record_history(conn, applied, now)
            db_role = _create_login(conn, address.database, admin, Role.ADMIN, passphrase, login_kdf)
            admin_id = conn.execute(insert(t.users).values(
                username=admin, db_role=db_role, role=Role.ADMIN.value, disabled=False, created_at=now,
            ).returning(t.users.c.id)).scalar_one()
            slot = ks.make_slot(dek, passphrase, unit_id, f"user:{admin_id}", admin, kdf)
            conn.execute(insert(t.key_slots).values(slot_id=slot.slot_id, user_id=admin_id, lookup=slot.lookup,
                                                    body=slot.model_dump_json()))
            owner_audit(conn, audit_secret, clock, admin_id, admin, "server.init")
    except SQLAlchemyError as err:
        raise db_error(err, address) from None
    finally:
        engine.dispose()
    return unit_id


def add_user(admin: ServerStore, owner: str, owner_password: str | None, username: str, role: Role | str,
             passphrase: str, *, kdf: ks.KdfParams | None = None, login_kdf: ks.KdfParams = LOGIN_KDF) -> ServerUser:
    """Admin (holds the data key, seals it to the new slot) + owner (creates the login role): one transaction."""

    from stodapp.access import require
    
    require(admin.principal, "users.manage")
    username = check_username(username)
    role = Role(role)
    policy.check(passphrase, username)
    kdf = kdf or ks.benchmark()
    with owner_transaction(admin, owner, owner_password) as conn:
        if conn.execute(select(func.count()).select_from(t.users).where(t.users.c.username == username)).scalar():
            raise UserInputError(_("Användaren {username} finns redan.").format(username=username))
        db_role = _create_login(conn, admin.address.database, username, role, passphrase, login_kdf)
        user_id = conn.execute(insert(t.users).values(
            username=username, db_role=db_role, role=role.value, disabled=False, created_at=admin.clock.now(),
        ).returning(t.users.c.id)).scalar_one()
        slot = ks.make_slot(admin.data_key(), passphrase, admin.unit_id, f"user:{user_id}", username, kdf)
        conn.execute(insert(t.key_slots).values(slot_id=slot.slot_id, user_id=user_id, lookup=slot.lookup,
                                                body=slot.model_dump_json()))
        owner_audit(conn, admin.audit_key, admin.clock, admin.principal.user_id, admin.principal.username,
                     "users.add", str(user_id))
    return ServerUser(id=int(user_id), username=username, role=role, disabled=False, db_role=db_role)


def list_users(store: ServerStore) -> list[ServerUser]:
    from stodapp.access import require

    require(store.principal, "users.manage")
    with store.session() as s:
        rows = s.execute(select(t.users.c.id, t.users.c.username, t.users.c.role, t.users.c.disabled,
                                t.users.c.db_role).order_by(t.users.c.username)).all()
        store.audit(s, "users.list", "user")
    return [ServerUser(id=r.id, username=r.username, role=Role(r.role), disabled=r.disabled, db_role=r.db_role)
            for r in rows]
