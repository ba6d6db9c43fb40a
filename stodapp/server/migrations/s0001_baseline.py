"""Schema 1, the baseline: the tables, sequences and indexes `server init` made, and the walls as of version 1.

Frozen DDL (generated once from the schema module at version 1; never edited since): a later change to a table or
a wall is a new migration.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

VERSION = 1
NAME = "baseline"

TABLES = (
    "CREATE SEQUENCE case_id_seq",
    "CREATE SEQUENCE person_id_seq",
    "CREATE SEQUENCE note_id_seq",
    "CREATE SEQUENCE form_id_seq",
    ("CREATE TABLE audit_log ( id SERIAL NOT NULL, at VARCHAR(32) NOT NULL, user_id INTEGER, username VARCHAR(64) "
     "NOT NULL, role VARCHAR(20) NOT NULL, action VARCHAR(40) NOT NULL, record_type VARCHAR(40) NOT NULL, "
     "record_id VARCHAR(64) NOT NULL, purpose VARCHAR(200) NOT NULL, mac VARCHAR(64) NOT NULL, CONSTRAINT "
     "pk_audit_log PRIMARY KEY (id) )"),
    "CREATE TABLE server_meta ( key VARCHAR(60) NOT NULL, value TEXT NOT NULL, PRIMARY KEY (key) )",
    ("CREATE TABLE users ( id SERIAL NOT NULL, username VARCHAR(64) NOT NULL, db_role VARCHAR(63) NOT NULL, role "
     "VARCHAR(20) NOT NULL, disabled BOOLEAN NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY "
     "(id), UNIQUE (username), UNIQUE (db_role) )"),
    ("CREATE TABLE write_receipts ( op_id VARCHAR(32) NOT NULL, user_id INTEGER NOT NULL, kind VARCHAR(40) NOT "
     "NULL, record_id VARCHAR(64) NOT NULL, at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (op_id) )"),
    ("CREATE TABLE cases ( id INTEGER NOT NULL, case_no VARCHAR(32) NOT NULL, status VARCHAR(20) NOT NULL, unit "
     "VARCHAR(80) NOT NULL, opened_at TIMESTAMP WITH TIME ZONE NOT NULL, opened_month VARCHAR(7) NOT NULL, "
     "closed_at TIMESTAMP WITH TIME ZONE, last_entry_at TIMESTAMP WITH TIME ZONE NOT NULL, created_by INTEGER NOT "
     "NULL, version INTEGER NOT NULL, PRIMARY KEY (id), UNIQUE (case_no), FOREIGN KEY(created_by) REFERENCES users "
     "(id) )"),
    ("CREATE TABLE key_slots ( slot_id VARCHAR(40) NOT NULL, user_id INTEGER, lookup VARCHAR(64) NOT NULL, body "
     "TEXT NOT NULL, PRIMARY KEY (slot_id), FOREIGN KEY(user_id) REFERENCES users (id), UNIQUE (lookup) )"),
    ("CREATE TABLE case_assignments ( case_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY (case_id, "
     "user_id), FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE, FOREIGN KEY(user_id) REFERENCES "
     "users (id) )"),
    "CREATE INDEX ix_assign_user ON case_assignments (user_id, case_id)",
    ("CREATE TABLE case_forms ( id INTEGER NOT NULL, case_id INTEGER NOT NULL, kind VARCHAR(40) NOT NULL, body_ct "
     "BYTEA NOT NULL, version INTEGER NOT NULL, updated_at TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY (id), "
     "FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE )"),
    "CREATE INDEX ix_case_forms_case_id ON case_forms (case_id)",
    ("CREATE TABLE case_notes ( id INTEGER NOT NULL, case_id INTEGER NOT NULL, author_id INTEGER NOT NULL, "
     "created_at TIMESTAMP WITH TIME ZONE NOT NULL, body_ct BYTEA NOT NULL, corrects_id INTEGER, PRIMARY KEY (id), "
     "FOREIGN KEY(case_id) REFERENCES cases (id) ON DELETE CASCADE, FOREIGN KEY(author_id) REFERENCES users (id) )"),
    "CREATE INDEX ix_case_notes_case_id ON case_notes (case_id)",
    ("CREATE TABLE persons ( id INTEGER NOT NULL, case_id INTEGER NOT NULL, role VARCHAR(20) NOT NULL, sex "
     "VARCHAR(10) NOT NULL, age_band VARCHAR(10) NOT NULL, protected_identity BOOLEAN NOT NULL, given_ct BYTEA NOT "
     "NULL, family_ct BYTEA NOT NULL, pnr_ct BYTEA, reserve_ct BYTEA, birth_ct BYTEA, address_ct BYTEA NOT NULL, "
     "details_ct BYTEA NOT NULL, pnr_idx BYTEA, version INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(case_id) "
     "REFERENCES cases (id) ON DELETE CASCADE )"),
    "CREATE INDEX ix_persons_case_id ON persons (case_id)",
    "CREATE INDEX ix_persons_pnr_idx ON persons (pnr_idx)",
    ("CREATE TABLE person_terms ( term BYTEA NOT NULL, person_id INTEGER NOT NULL, case_id INTEGER NOT NULL, "
     "PRIMARY KEY (term, person_id), FOREIGN KEY(person_id) REFERENCES persons (id) ON DELETE CASCADE )"),
    "CREATE INDEX ix_terms_person ON person_terms (person_id)",
)


def upgrade(conn: Connection, database: str, owner: str) -> None:
    from stodapp.server.walls import statements  # the version-1 walls (see the package docstring)

    for statement in (*TABLES, *statements(database, owner)):
        conn.execute(text(statement))
