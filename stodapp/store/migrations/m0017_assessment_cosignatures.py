"""0017: a supervisor's second signature on an assessment whose judgement was set lower than suggested.

Frozen DDL (written out, not taken from today's model), so later model changes never change what this migration
does. A cosignature is never edited: an UPDATE trigger refuses it (deleting follows the assessment in gallring).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

VERSION = 17
NAME = "assessment_cosignatures"

STATEMENTS = (
    "CREATE TABLE assessment_cosignatures ("
    " id INTEGER NOT NULL,"
    " assessment_id VARCHAR(32) NOT NULL,"
    " user_id INTEGER NOT NULL,"
    " at DATETIME NOT NULL,"
    " CONSTRAINT pk_assessment_cosignatures PRIMARY KEY (id),"
    " CONSTRAINT fk_assessment_cosignatures_assessment_id_assessments FOREIGN KEY(assessment_id)"
    " REFERENCES assessments (id) ON DELETE CASCADE,"
    " CONSTRAINT fk_assessment_cosignatures_user_id_users FOREIGN KEY(user_id) REFERENCES users (id))",
    "CREATE UNIQUE INDEX ix_assessment_cosignatures_assessment_id ON assessment_cosignatures (assessment_id)",
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER assessment_cosignatures_frozen BEFORE UPDATE ON assessment_cosignatures "
    "BEGIN SELECT RAISE(ABORT, 'a cosignature is read-only'); END",
)


def upgrade(conn: Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(text(statement))
    if conn.dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            conn.execute(text(statement))
