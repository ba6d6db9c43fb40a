"""0011: full-text index over person names, so a first name, a surname or both in any order find the case.

The earlier prefix search on the casefolded "family given" column only found names from the surname on.
SQLite FTS5 (unicode61, remove_diacritics 0) (queries in stodapp/cases/fts.py); the DDL is frozen here.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from stodapp.store.migrations._sqlite import sqlite_only

VERSION = 11
NAME = "person_name_search"

# SQLite FTS5 over person names with its sync triggers and the initial rebuild (frozen copy).
NAMES_FTS = (
    "CREATE VIRTUAL TABLE persons_names_fts USING fts5(given_name, family_name, content='persons', content_rowid='id', tokenize=\"unicode61 remove_diacritics 0\")",
    "CREATE TRIGGER persons_names_ai AFTER INSERT ON persons BEGIN INSERT INTO persons_names_fts(rowid, given_name, family_name) VALUES (new.id, new.given_name, new.family_name); END",
    "CREATE TRIGGER persons_names_ad AFTER DELETE ON persons BEGIN INSERT INTO persons_names_fts(persons_names_fts, rowid, given_name, family_name) VALUES ('delete', old.id, old.given_name, old.family_name); END",
    "CREATE TRIGGER persons_names_au AFTER UPDATE OF given_name, family_name ON persons BEGIN INSERT INTO persons_names_fts(persons_names_fts, rowid, given_name, family_name) VALUES ('delete', old.id, old.given_name, old.family_name); INSERT INTO persons_names_fts(rowid, given_name, family_name) VALUES (new.id, new.given_name, new.family_name); END",
    "INSERT INTO persons_names_fts(persons_names_fts) VALUES ('rebuild')",
)


def upgrade(conn: Connection) -> None:
    sqlite_only(conn, NAMES_FTS, "0011 person name index")
