"""0011: full-text index over person names, so a first name, a surname or both in any order find the case.

The earlier prefix search on the casefolded "family given" column only found names from the surname on.
SQLite FTS5 (unicode61, remove_diacritics 0) stays behind stodapp/cases/fts.py like the notes index.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from stodapp.cases import fts

VERSION = 11
NAME = "person_name_search"


def upgrade(conn: Connection) -> None:
    fts.create_names(conn)
