"""What a server store reports about itself through the store interface: schema version, integrity, facts.

Integrity on the server is not a page check (PostgreSQL owns its pages) but the walls this client relies on:
the schema is the one it was built for, Row-Level Security is on for every protected table and the append-only
triggers on the audit log and the journal are in place and enabled. An operator who switched one of them off
made the server trust every client again; `stodapp doctor` then says so. Catalog reads only, no case content.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

from stodapp.i18n import _
from stodapp.server import schema as t

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

#: trigger -> table: the append-only walls (stodapp.server.walls)
APPEND_ONLY_TRIGGERS = {"audit_append_only": "audit_log", "notes_append_only": "case_notes"}


def stored_schema_version(c: Connection) -> int:
    found = c.execute(text("SELECT value FROM server_meta WHERE key = 'schema_version'")).scalar()
    return int(found) if found is not None else 0


def integrity_problems(c: Connection) -> list[str]:
    problems: list[str] = []
    version = stored_schema_version(c)
    if version != t.SCHEMA_VERSION:
        problems.append(
            _("databasens schema har version {version}, denna stodapp är byggd för version {expected}").format(
                version=version, expected=t.SCHEMA_VERSION
            )
        )
    rls: dict[str, bool] = dict(
        c.execute(
            text("SELECT relname, relrowsecurity FROM pg_class WHERE relkind = 'r' AND relname = ANY(:names)"
                 " AND relnamespace = 'public'::regnamespace"),
            {"names": list(t.RLS_TABLES)},
        ).all()
    )
    for table in t.RLS_TABLES:
        if table not in rls:
            problems.append(_("tabellen {table} saknas").format(table=table))
        elif not rls[table]:
            problems.append(_("radnivåskyddet (RLS) är avstängt för tabellen {table}").format(table=table))
    triggers: dict[str, str] = dict(
        c.execute(
            text("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(:names)"),
            {"names": list(APPEND_ONLY_TRIGGERS)},
        ).all()
    )
    for trigger, table in APPEND_ONLY_TRIGGERS.items():
        state = triggers.get(trigger)
        if state is None:
            problems.append(_("skyddet mot ändring av {table} (utlösaren {trigger}) saknas").format(
                table=table, trigger=trigger))
        elif state == "D":
            problems.append(_("skyddet mot ändring av {table} (utlösaren {trigger}) är avstängt").format(
                table=table, trigger=trigger))
    return problems


def server_facts(c: Connection) -> dict[str, str]:
    """PostgreSQL's version, the session's TLS state and protocol (non-secret), the authenticated login role."""
    import psycopg

    row = c.execute(
        text("SELECT current_setting('server_version'), session_user,"
             " (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()),"
             " (SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid())")
    ).one()
    return {
        "driver": f"psycopg {psycopg.__version__}",
        "server_version": str(row[0]),
        "login_role": str(row[1]),
        "tls": (str(row[3]) if row[2] else "off") if row[2] is not None else "unknown",
        "schema_version": str(stored_schema_version(c)),
    }
