"""0012: the database refuses UPDATE and DELETE on every append-only table (journal notes had no DELETE guard).

Frozen SQLite DDL (no model classes); PostgreSQL gets its own equivalent in server mode. Append-only tables: journal notes, break-the-glass grants, asking events,
concern status history, the training log (the audit log is guarded since 0001). Retention culling is the one
legitimate deleter: it inserts a row into `cull_permit` inside its own transaction and removes it before commit
(stodapp.retention.cull), so a raw DELETE outside a cull is refused.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from stodapp.store.migrations._sqlite import sqlite_only

VERSION = 12
NAME = "append_only"

# table -> whether UPDATE is also refused here (case_notes already refuses UPDATE since 0002/fts).
APPEND_ONLY = {
    "case_notes": False,
    "case_access_grants": True,
    "asking_events": True,
    "concern_status_events": True,
    "training_log": True,
}

DDL = ["CREATE TABLE IF NOT EXISTS cull_permit (id INTEGER PRIMARY KEY CHECK (id = 1))"]
for _table, _update in APPEND_ONLY.items():
    DDL.append(
        f"CREATE TRIGGER IF NOT EXISTS {_table}_no_delete BEFORE DELETE ON {_table} "
        "WHEN NOT EXISTS (SELECT 1 FROM cull_permit) "
        f"BEGIN SELECT RAISE(ABORT, '{_table} is append-only'); END"
    )
    if _update:
        DDL.append(
            f"CREATE TRIGGER IF NOT EXISTS {_table}_no_update BEFORE UPDATE ON {_table} "
            f"BEGIN SELECT RAISE(ABORT, '{_table} is append-only'); END"
        )


def upgrade(conn: Connection) -> None:
    sqlite_only(conn, DDL, "0012 append_only")
