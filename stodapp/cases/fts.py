"""The one place that knows SQLite FTS5: the notes index, its sync triggers and MATCH query building.

unicode61 with remove_diacritics 0 folds case for å/ä/ö (Å→å) but keeps them distinct from a/o.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

FTS_TABLE = "case_notes_fts"

DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(body, content='case_notes', content_rowid='id', "
    'tokenize="unicode61 remove_diacritics 0")',
    f"CREATE TRIGGER case_notes_ai AFTER INSERT ON case_notes BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.id, new.body); END",
    f"CREATE TRIGGER case_notes_ad AFTER DELETE ON case_notes BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER case_notes_no_update BEFORE UPDATE ON case_notes "
    "BEGIN SELECT RAISE(ABORT, 'journal notes are append-only'); END",
)

_TOKEN = re.compile(r"\w+", re.UNICODE)


def create(conn: Connection) -> None:
    for statement in DDL:
        conn.execute(text(statement))


def match_expression(query: str) -> str | None:
    """User text -> a safe FTS5 expression (all words, the last as a prefix); None if no words."""
    words = _TOKEN.findall(query.casefold())
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


NAMES_TABLE = "persons_names_fts"

# Person names (given and family, any order, any word): an external-content index over `persons`.
NAMES_DDL = (
    f"CREATE VIRTUAL TABLE {NAMES_TABLE} USING fts5(given_name, family_name, content='persons', "
    "content_rowid='id', tokenize=\"unicode61 remove_diacritics 0\")",
    f"CREATE TRIGGER persons_names_ai AFTER INSERT ON persons BEGIN "
    f"INSERT INTO {NAMES_TABLE}(rowid, given_name, family_name) VALUES (new.id, new.given_name, new.family_name); END",
    f"CREATE TRIGGER persons_names_ad AFTER DELETE ON persons BEGIN "
    f"INSERT INTO {NAMES_TABLE}({NAMES_TABLE}, rowid, given_name, family_name) "
    f"VALUES ('delete', old.id, old.given_name, old.family_name); END",
    f"CREATE TRIGGER persons_names_au AFTER UPDATE OF given_name, family_name ON persons BEGIN "
    f"INSERT INTO {NAMES_TABLE}({NAMES_TABLE}, rowid, given_name, family_name) "
    f"VALUES ('delete', old.id, old.given_name, old.family_name); "
    f"INSERT INTO {NAMES_TABLE}(rowid, given_name, family_name) VALUES (new.id, new.given_name, new.family_name); END",
    f"INSERT INTO {NAMES_TABLE}({NAMES_TABLE}) VALUES ('rebuild')",
)


def create_names(conn: Connection) -> None:
    for statement in NAMES_DDL:
        conn.execute(text(statement))


def matching_persons_sql() -> str:
    """SQL for (case id, case no, given, family) of persons whose names match :q, in cases assigned to :uid."""
    return (
        f"SELECT p.case_id, c.case_no, p.given_name, p.family_name FROM {NAMES_TABLE} f "
        f"CROSS JOIN persons p ON p.id = f.rowid "
        f"CROSS JOIN case_assignments a ON a.case_id = p.case_id AND a.user_id = :uid "
        f"CROSS JOIN cases c ON c.id = p.case_id "
        f"WHERE {NAMES_TABLE} MATCH :q LIMIT :limit"
    )


def matching_cases_sql() -> str:
    """SQL for case ids whose notes match :q, restricted to cases assigned to :uid.

    CROSS JOIN fixes the join order (SQLite never reorders it): the FTS index first, then the note, then the
    assignment by primary key; otherwise the planner may walk every assignment of a 100k-case caseworker."""
    return (
        f"SELECT DISTINCT n.case_id FROM {FTS_TABLE} f CROSS JOIN case_notes n ON n.id = f.rowid "
        f"CROSS JOIN case_assignments a ON a.case_id = n.case_id AND a.user_id = :uid "
        f"WHERE {FTS_TABLE} MATCH :q LIMIT :limit"
    )
