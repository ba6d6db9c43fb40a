"""0014: the language the client prefers for her papers (handout, her copy of the safety plan).

Frozen DDL: one nullable column on cases, written out here, never taken from today's model. NULL = not recorded.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

VERSION = 14
NAME = "languages"

STATEMENTS = ("ALTER TABLE cases ADD COLUMN preferred_language VARCHAR(16)",)


def upgrade(conn: Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(text(statement))
