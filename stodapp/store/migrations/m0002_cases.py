"""0002: case extras (issue 5): notes + FTS5 index, access grants, asking, next steps, plans, sharing."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

from stodapp.cases import fts
from stodapp.cases.extra_tables import ALL_TABLES
from stodapp.store.base import Base

VERSION = 2
NAME = "cases"


def upgrade(conn: Connection) -> None:
    Base.metadata.create_all(conn, tables=[t.__table__ for t in ALL_TABLES])  # type: ignore[misc]
    fts.create(conn)
    # Covering index for the keyset-paginated "my cases" list (user first, newest case first).
    conn.execute(text("CREATE INDEX ix_case_assignments_user_case ON case_assignments (user_id, case_id)"))
