"""0001: users, settings, store meta, append-only audit log, cases, assignments, persons."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

from stodapp.store.migrations._sqlite import sqlite_only

VERSION = 1
NAME = "foundation"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()

SCHEMA_VERSION = Table(
    "schema_version",
    METADATA,
    Column("version", Integer(), nullable=False),
    Column("name", String(length=100), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("version", name="pk_schema_version"),
)

STORE_META = Table(
    "store_meta",
    METADATA,
    Column("key", String(length=60), nullable=False),
    Column("value", Text(), nullable=False),
    PrimaryKeyConstraint("key", name="pk_store_meta"),
)

USERS = Table(
    "users",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("username", String(length=64), nullable=False),
    Column("display_name", String(length=120), nullable=False),
    Column("role", String(length=20), nullable=False),
    Column("disabled", Boolean(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("id", name="pk_users"),
    UniqueConstraint("username", name="uq_users_username"),
)

SETTINGS = Table(
    "settings",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("user_id", Integer(), nullable=False),
    Column("key", String(length=80), nullable=False),
    Column("value", Text(), nullable=False),
    PrimaryKeyConstraint("id", name="pk_settings"),
    UniqueConstraint("user_id", "key", name="uq_settings_user_id"),
)

AUDIT_LOG = Table(
    "audit_log",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("at", String(length=32), nullable=False),
    Column("user_id", Integer(), nullable=True),
    Column("username", String(length=64), nullable=False),
    Column("role", String(length=20), nullable=False),
    Column("action", String(length=40), nullable=False),
    Column("record_type", String(length=40), nullable=False),
    Column("record_id", String(length=64), nullable=False),
    Column("purpose", String(length=200), nullable=False),
    Column("mac", String(length=64), nullable=False),
    PrimaryKeyConstraint("id", name="pk_audit_log"),
)

CASES = Table(
    "cases",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_no", String(length=32), nullable=False),
    Column("status", String(length=20), nullable=False),
    Column("unit", String(length=80), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("opened_month", String(length=7), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("last_entry_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Integer(), nullable=False),
    ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_cases_created_by_users"),
    PrimaryKeyConstraint("id", name="pk_cases"),
    UniqueConstraint("case_no", name="uq_cases_case_no"),
    Index("ix_cases_opened_month", "opened_month"),
)

CASE_ASSIGNMENTS = Table(
    "case_assignments",
    METADATA,
    Column("case_id", Integer(), nullable=False),
    Column("user_id", Integer(), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_assignments_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_case_assignments_user_id_users"),
    PrimaryKeyConstraint("case_id", "user_id", name="pk_case_assignments"),
    Index("ix_case_assignments_user_id", "user_id"),
)

PERSONS = Table(
    "persons",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("role", String(length=20), nullable=False),
    Column("given_name", String(length=80), nullable=False),
    Column("family_name", String(length=80), nullable=False),
    Column("search_name", String(length=170), nullable=False),
    Column("personnummer", String(length=13), nullable=True),
    Column("reserve_number", String(length=20), nullable=True),
    Column("birth_date", Date(), nullable=True),
    Column("sex", String(length=10), nullable=False),
    Column("age_band", String(length=10), nullable=False),
    Column("protected_identity", Boolean(), nullable=False),
    Column("address", Text(), nullable=False),
    Column("details", Text(), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_persons_case_id_cases", ondelete="CASCADE"),
    PrimaryKeyConstraint("id", name="pk_persons"),
    Index("ix_persons_case_id", "case_id"),
    Index("ix_persons_pnr", "personnummer"),
    Index("ix_persons_search_name", "search_name"),
)

TABLES = (
    SCHEMA_VERSION,
    STORE_META,
    USERS,
    SETTINGS,
    AUDIT_LOG,
    CASES,
    CASE_ASSIGNMENTS,
    PERSONS,
)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
    # Append-only audit log: the database itself refuses edits and deletions.
    sqlite_only(conn, AUDIT_TRIGGERS, "0001 audit log triggers")


AUDIT_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
)
