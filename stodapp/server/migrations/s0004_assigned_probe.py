"""Schema 4: the per-case row policies ask `stod_assigned(case_id)` instead of an EXISTS over case_assignments.

Same rule — a caseworker sees a case's persons, search terms, forms and journal notes only while she is assigned
to it — but the planner no longer turns the EXISTS into a hashed subplan that reads *all* her assignments for
every statement (47 ms per name search at 100,000 cases, `stodapp bench server`); the SECURITY DEFINER function is
not inlined, so each row that reaches the filter is one primary-key probe (1.4 ms for the same search).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

VERSION = 4
NAME = "assigned_probe"

_PROBE = "stod_assigned(case_id)"


def upgrade(conn: Connection, database: str, owner: str) -> None:
    for table in ("persons", "person_terms", "case_forms"):
        conn.execute(text(f"ALTER POLICY {table}_own ON {table} USING ({_PROBE}) WITH CHECK ({_PROBE})"))
    conn.execute(text(f"ALTER POLICY notes_read ON case_notes USING ({_PROBE})"))
