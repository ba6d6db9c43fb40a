"""What user provisioning writes as raw SQL: a quoted role name, a SCRAM verifier computed on this machine (the
password itself never crosses the wire), and the owner role's audit row."""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import text

from stodapp.auth import Role
from stodapp.errors import AuthError, StoreCorrupt
from stodapp.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.engine import Connection

    from stodapp.clock import Clock
    from stodapp.server.store import ServerStore

_VERIFIER = re.compile(r"SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def scram_verifier(conn: Connection, role: str, password: str) -> str:
    """libpq's SCRAM verifier of `password` for `role`. CREATE/ALTER ROLE take it as a literal (bind parameters
    are not allowed there), so it is checked against its grammar: base64, digits, '$' and ':' only."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    verifier = bytes(raw.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256")).decode("ascii")
    if not _VERIFIER.fullmatch(verifier):
        raise StoreCorrupt(_("libpq gav en oväntad lösenordsverifierare; inget har ändrats"))
    return verifier


def owner_refused(owner: str, where: str) -> AuthError:
    """The owner role (not the signed-in administrator) was turned away by the server."""
    return AuthError(_("Ägarrollen {owner} fick inte logga in på servern ({where}): fel roll eller lösenord "
                       "(--owner-password-file, PGPASSFILE eller tjänstefil). Inget har sparats.").format(
                           owner=owner, where=where))


@contextmanager
def owner_transaction(admin: ServerStore, owner: str, owner_password: str | None) -> Iterator[Connection]:
    """One transaction of the owner role (it alone creates and alters roles and passes row-level security) while
    `admin` is signed in; the owner's refused login and any database failure become one line, nothing written."""
    from sqlalchemy.exc import SQLAlchemyError

    from stodapp.server.store import db_error, make_engine

    engine = make_engine(admin.address, owner, owner_password)
    try:
        with engine.begin() as conn:
            yield conn
    except AuthError:  # the administrator signed in; it is the owner role the server turned away
        raise owner_refused(owner, admin.address.display()) from None
    except SQLAlchemyError as err:
        raise db_error(err, admin.address) from None
    finally:
        engine.dispose()


def owner_audit(conn: Connection, key: bytes, clock: Clock, user_id: int, username: str, action: str,
                record_id: str = "") -> None:
    """One row on the unit's chain for what the owner role wrote on an administrator's behalf."""
    from sqlalchemy.orm import Session

    from stodapp.audit import append
    from stodapp.server.store import AUDIT_LOCK

    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK})
    with Session(bind=conn) as s:
        append(s, key=key, at=clock.now(), user_id=user_id, username=username, role=Role.ADMIN.value,
               action=action, record_type="user", record_id=record_id)
        s.flush()
