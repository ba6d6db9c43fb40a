"""Schema 2: `schema_history`, one row per migration applied to the unit's database (when, by which role).

Only the owner role reads it (no grant to the app roles); `server upgrade --json` reports from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

VERSION = 2
NAME = "schema_history"


def upgrade(conn: Connection, database: str, owner: str) -> None:
    conn.execute(text(
        "CREATE TABLE schema_history ( version INTEGER NOT NULL, name VARCHAR(80) NOT NULL, "
        "applied_at TIMESTAMP WITH TIME ZONE NOT NULL, applied_by VARCHAR(63) NOT NULL, "
        "CONSTRAINT pk_schema_history PRIMARY KEY (version) )"
    ))
    # The baseline was applied before this table existed: record it from the unit's own creation time.
    conn.execute(text(
        "INSERT INTO schema_history (version, name, applied_at, applied_by) "
        "SELECT 1, 'baseline', value::timestamptz, session_user FROM server_meta WHERE key = 'created'"
    ))
