"""0001: users, settings, store meta, append-only audit log, cases, assignments, persons."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow
from stodapp.store.base import Base
from stodapp.store.tables import AuditRow, SchemaVersion, SettingRow, StoreMeta, UserRow

VERSION = 1
NAME = "foundation"


def upgrade(conn: Connection) -> None:
    tables = [SchemaVersion, StoreMeta, UserRow, SettingRow, AuditRow, CaseRow, CaseAssignmentRow, PersonRow]
    Base.metadata.create_all(conn, tables=[Base.metadata.tables[t.__tablename__] for t in tables])
    # Append-only audit log: the database itself refuses edits and deletions.
    conn.execute(
        text(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END"
        )
    )
