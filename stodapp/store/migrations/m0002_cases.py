"""0002: case extras (issue 5): notes + FTS5 index, access grants, asking, next steps, plans, sharing."""

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
    text,
)
from sqlalchemy.engine import Connection

from stodapp.store.migrations._sqlite import sqlite_only

VERSION = 2
NAME = "cases"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("cases", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("persons", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

CASE_NOTES = Table(
    "case_notes",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("author_id", Integer(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("body", Text(), nullable=False),
    Column("corrects_id", Integer(), nullable=True),
    ForeignKeyConstraint(["author_id"], ["users.id"], name="fk_case_notes_author_id_users"),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_notes_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["corrects_id"], ["case_notes.id"], name="fk_case_notes_corrects_id_case_notes"),
    PrimaryKeyConstraint("id", name="pk_case_notes"),
    Index("ix_case_notes_case_id", "case_id"),
)

CASE_ACCESS_GRANTS = Table(
    "case_access_grants",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("kind", String(length=20), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("person_id", Integer(), nullable=True),
    Column("user_id", Integer(), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text(), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_access_grants_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_case_access_grants_user_id_users"),
    PrimaryKeyConstraint("id", name="pk_case_access_grants"),
    Index("ix_case_access_grants_case_id", "case_id"),
    Index("ix_case_access_grants_user_id", "user_id"),
)

ASKING_EVENTS = Table(
    "asking_events",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("person_id", Integer(), nullable=True),
    Column("subject", String(length=20), nullable=False),
    Column("asked_on", Date(), nullable=False),
    Column("channel", String(length=20), nullable=False),
    Column("trigger", String(length=20), nullable=False),
    Column("indication", Text(), nullable=False),
    Column("checklist_id", String(length=120), nullable=False),
    Column("answer", String(length=20), nullable=False),
    Column("reason", Text(), nullable=False),
    Column("action", Text(), nullable=False),
    Column("remote", Boolean(), nullable=False),
    Column("safety_check", String(length=20), nullable=False),
    Column("support_info_given", Boolean(), nullable=False),
    Column("recorded_by", Integer(), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_asking_events_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_asking_events_person_id_persons"),
    ForeignKeyConstraint(["recorded_by"], ["users.id"], name="fk_asking_events_recorded_by_users"),
    PrimaryKeyConstraint("id", name="pk_asking_events"),
    Index("ix_asking_events_case_id", "case_id"),
)

NEXT_STEPS = Table(
    "next_steps",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("asking_event_id", Integer(), nullable=True),
    Column("rule_id", String(length=60), nullable=False),
    Column("status", String(length=20), nullable=False),
    Column("reason", Text(), nullable=False),
    Column("postponed_to", Date(), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=True),
    Column("updated_by", Integer(), nullable=True),
    ForeignKeyConstraint(["asking_event_id"], ["asking_events.id"], name="fk_next_steps_asking_event_id_asking_events"),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_next_steps_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_next_steps_updated_by_users"),
    PrimaryKeyConstraint("id", name="pk_next_steps"),
    Index("ix_next_steps_case_id", "case_id"),
)

CASE_REVIEWS = Table(
    "case_reviews",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("kind", String(length=30), nullable=False),
    Column("trigger", String(length=40), nullable=False),
    Column("due_on", Date(), nullable=False),
    Column("done_on", Date(), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_reviews_case_id_cases", ondelete="CASCADE"),
    PrimaryKeyConstraint("id", name="pk_case_reviews"),
    Index("ix_case_reviews_case_id", "case_id"),
    Index("ix_case_reviews_due_on", "due_on"),
)

SAFETY_PLANS = Table(
    "safety_plans",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("person_id", Integer(), nullable=True),
    Column("body", Text(), nullable=False),
    Column("review_on", Date(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Integer(), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_safety_plans_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_safety_plans_created_by_users"),
    ForeignKeyConstraint(["person_id"], ["persons.id"], name="fk_safety_plans_person_id_persons"),
    PrimaryKeyConstraint("id", name="pk_safety_plans"),
    Index("ix_safety_plans_case_id", "case_id"),
)

CASE_SHARING = Table(
    "case_sharing",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("direction", String(length=20), nullable=False),
    Column("shared_on", Date(), nullable=False),
    Column("what", Text(), nullable=False),
    Column("basis", String(length=20), nullable=False),
    Column("legal_ref", Text(), nullable=False),
    Column("decided_by", String(length=120), nullable=False),
    Column("recorded_by", Integer(), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_sharing_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["recorded_by"], ["users.id"], name="fk_case_sharing_recorded_by_users"),
    PrimaryKeyConstraint("id", name="pk_case_sharing"),
    Index("ix_case_sharing_case_id", "case_id"),
)

TABLES = (
    CASE_NOTES,
    CASE_ACCESS_GRANTS,
    ASKING_EVENTS,
    NEXT_STEPS,
    CASE_REVIEWS,
    SAFETY_PLANS,
    CASE_SHARING,
)

# SQLite FTS5 over journal notes, its sync triggers and the append-only rule (frozen copy).
NOTES_FTS = (
    "CREATE VIRTUAL TABLE case_notes_fts USING fts5(body, content='case_notes', content_rowid='id', tokenize=\"unicode61 remove_diacritics 0\")",
    "CREATE TRIGGER case_notes_ai AFTER INSERT ON case_notes BEGIN INSERT INTO case_notes_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER case_notes_ad AFTER DELETE ON case_notes BEGIN INSERT INTO case_notes_fts(case_notes_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER case_notes_no_update BEFORE UPDATE ON case_notes BEGIN SELECT RAISE(ABORT, 'journal notes are append-only'); END",
)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
    sqlite_only(conn, NOTES_FTS, "0002 notes full-text index")
    # Covering index for the keyset-paginated "my cases" list (user first, newest case first).
    conn.execute(text("CREATE INDEX ix_case_assignments_user_case ON case_assignments (user_id, case_id)"))
