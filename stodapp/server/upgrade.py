"""`server upgrade`: bring a unit's database to this client's schema, as the owner role, in one transaction.

Which clients are connected, and at which schema, is read from `pg_stat_activity.application_name`: every stodapp
connection names itself `stodapp/<version>/schema<N>` (stodapp.server.store.application_name), and PostgreSQL shows
that column of every session in the database to any role, so the owner needs no extra privilege and the clients no
sessions table to keep tidy. A client counts while it holds a connection (an open program keeps its pool). A tool
that sets another application_name is not counted; the count is a guard against mistakes, not a security wall.
Older clients connected -> refused with their count, unless forced (then the count is the warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import insert, text, update

from stodapp.clock import Clock, SystemClock
from stodapp.errors import AccessDenied, StodError, UserInputError
from stodapp.i18n import _, ngettext
from stodapp.server import migrations
from stodapp.server import schema as t
from stodapp.server.connect import check_url
from stodapp.server.meta import ServerSchemaError, check_kind, check_unit, read_meta
from stodapp.server.store import db_error, make_engine

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.engine import Connection

UPGRADE_LOCK = 0x5707_0F61  # pg_advisory_xact_lock key: one upgrade at a time
_CLIENT = re.compile(r"^stodapp/[^/]*/schema(\d+)$")


class OlderClientsConnected(UserInputError):
    """Clients with an older schema hold connections to the database; nothing was changed."""


@dataclass(frozen=True)
class UpgradeReport:
    server: str
    unit_name: str
    from_version: int
    to_version: int
    applied: list[int] = field(default_factory=list)
    older_clients: int = 0  # connected stodapp clients whose schema is older than to_version
    forced: bool = False


def older_clients(conn: Connection, target: int) -> int:
    """Other sessions in this database whose application_name says stodapp at a schema below `target`."""
    names = conn.execute(text(
        "SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )).scalars()
    return sum(1 for n in names if (m := _CLIENT.match(n or "")) and int(m.group(1)) < target)


def record_history(conn: Connection, applied: list[int], at: datetime) -> None:
    """Stamp the applied versions: server_meta.schema_version and one schema_history row each (same transaction)."""
    if not applied:
        return
    names = {m.version: m.name for m in migrations.discover()}
    conn.execute(update(t.server_meta).where(t.server_meta.c.key == "schema_version").values(value=str(max(applied))))
    if conn.execute(text("SELECT to_regclass('public.schema_history')")).scalar() is not None:
        who = str(conn.execute(text("SELECT session_user")).scalar())
        conn.execute(insert(t.schema_history), [{"version": v, "name": names[v], "applied_at": at, "applied_by": who}
                                                for v in applied])


def upgrade_unit(url: str, owner: str, owner_password: str | None, *, expected_unit: str | None = None,
                 force: bool = False, clock: Clock | None = None) -> UpgradeReport:
    """Run the pending migrations as `owner`. Every refusal is one line and changes nothing."""
    from sqlalchemy.exc import SQLAlchemyError

    address = check_url(url)
    target = migrations.head()
    engine = make_engine(address, owner, owner_password)
    try:
        with engine.begin() as conn:
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))  # a client holding a table lock: error, not a hang
            meta = read_meta(conn)
            check_kind(meta)
            check_unit(meta, expected_unit)
            have = int(meta.get("schema_version", "0"))
            if have > target:
                raise ServerSchemaError(
                    _(
                        "databasens schema (version {version}) är nyare än denna stodapp (version {schema_version}): "
                        "uppdatera stodapp innan du uppgraderar servern"
                    ).format(version=have, schema_version=target)
                )
            owns = conn.execute(text("SELECT pg_get_userbyid(relowner) = current_user FROM pg_class "
                                     "WHERE oid = 'public.server_meta'::regclass")).scalar()
            if not owns:
                raise AccessDenied(
                    _("`server upgrade` måste köras som databasens ägarroll (den som körde `server init`)")
                )
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": UPGRADE_LOCK})
            older = older_clients(conn, target) if have < target else 0
            if older and not force:
                raise OlderClientsConnected(
                    ngettext(
                        "{count} äldre stodapp-klient är ansluten (schema lägre än {target}): be användaren avsluta "
                        "stodapp och kör igen, eller kör med --force; inget har ändrats",
                        "{count} äldre stodapp-klienter är anslutna (schema lägre än {target}): be användarna avsluta "
                        "stodapp och kör igen, eller kör med --force; inget har ändrats",
                        older,
                    ).format(count=older, target=target)
                )
            applied = migrations.apply(conn, address.database, owner, have=have)
            record_history(conn, applied, (clock or SystemClock()).now())
    except StodError:
        raise
    except SQLAlchemyError as err:
        raise db_error(err, address) from None
    finally:
        engine.dispose()
    return UpgradeReport(server=address.display(), unit_name=meta.get("unit_name", ""), from_version=have,
                         to_version=max([have, *applied]), applied=applied, older_clients=older,
                         forced=bool(force and older))
