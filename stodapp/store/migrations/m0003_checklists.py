"""0003: checklists (issue 4): assessments, the definition registry, content packs, completed required training."""

from __future__ import annotations

from sqlalchemy import (
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

VERSION = 3
NAME = "checklists"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("cases", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

ASSESSMENTS = Table(
    "assessments",
    METADATA,
    Column("id", String(length=32), nullable=False),
    Column("case_id", Integer(), nullable=True),
    Column("audience", String(length=16), nullable=False),
    Column("checklist_id", String(length=120), nullable=False),
    Column("version", String(length=40), nullable=False),
    Column("digest", String(length=80), nullable=False),
    Column("status", String(length=10), nullable=False),
    Column("record_json", Text(), nullable=False),
    Column("created_by", Integer(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("signed_by", Integer(), nullable=True),
    Column("signed_at", DateTime(timezone=True), nullable=True),
    Column("supersedes_id", String(length=32), nullable=True),
    Column("review_date", Date(), nullable=True),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_assessments_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_assessments_created_by_users"),
    ForeignKeyConstraint(["signed_by"], ["users.id"], name="fk_assessments_signed_by_users"),
    ForeignKeyConstraint(["supersedes_id"], ["assessments.id"], name="fk_assessments_supersedes_id_assessments"),
    PrimaryKeyConstraint("id", name="pk_assessments"),
    Index("ix_assessments_case_id", "case_id"),
    Index("ix_assessments_checklist_id", "checklist_id"),
    Index("ix_assessments_supersedes_id", "supersedes_id"),
)

CHECKLIST_DEFINITIONS = Table(
    "checklist_definitions",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("definition_id", String(length=120), nullable=False),
    Column("version", String(length=40), nullable=False),
    Column("status", String(length=12), nullable=False),
    Column("digest", String(length=80), nullable=False),
    Column("source", String(length=10), nullable=False),
    Column("copyright_line", String(length=600), nullable=False),
    Column("definition_json", Text(), nullable=False),
    Column("registered_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("id", name="pk_checklist_definitions"),
    UniqueConstraint("definition_id", "version", name="uq_checklist_definitions_id_version"),
)

CHECKLIST_PACKS = Table(
    "checklist_packs",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("definition_id", String(length=120), nullable=False),
    Column("version", String(length=40), nullable=False),
    Column("digest", String(length=80), nullable=False),
    Column("licensee", String(length=300), nullable=False),
    Column("copyright_line", String(length=600), nullable=False),
    Column("requires_training", Text(), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("imported_by", Integer(), nullable=False),
    ForeignKeyConstraint(["imported_by"], ["users.id"], name="fk_checklist_packs_imported_by_users"),
    PrimaryKeyConstraint("id", name="pk_checklist_packs"),
    UniqueConstraint("definition_id", "version", name="uq_checklist_packs_id_version"),
)

CHECKLIST_TRAININGS = Table(
    "checklist_trainings",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("user_id", Integer(), nullable=False),
    Column("training_id", String(length=120), nullable=False),
    Column("pack_id", String(length=120), nullable=False),
    Column("completed_on", Date(), nullable=False),
    Column("recorded_by", Integer(), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["recorded_by"], ["users.id"], name="fk_checklist_trainings_recorded_by_users"),
    ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_checklist_trainings_user_id_users"),
    PrimaryKeyConstraint("id", name="pk_checklist_trainings"),
    UniqueConstraint("user_id", "training_id", name="uq_checklist_trainings_user_training"),
    Index("ix_checklist_trainings_user_id", "user_id"),
)

TABLES = (
    ASSESSMENTS,
    CHECKLIST_DEFINITIONS,
    CHECKLIST_PACKS,
    CHECKLIST_TRAININGS,
)

# The database itself refuses to change a registered published definition or a signed assessment.
TRIGGERS = (
    "CREATE TRIGGER checklist_definitions_published_frozen BEFORE UPDATE ON checklist_definitions "
    "WHEN OLD.status = 'published' AND (NEW.digest IS NOT OLD.digest OR NEW.definition_json IS NOT "
    "OLD.definition_json OR NEW.definition_id IS NOT OLD.definition_id OR NEW.version IS NOT OLD.version) "
    "BEGIN SELECT RAISE(ABORT, 'published checklist definition is immutable'); END",
    "CREATE TRIGGER checklist_definitions_published_kept BEFORE DELETE ON checklist_definitions "
    "WHEN OLD.status = 'published' "
    "BEGIN SELECT RAISE(ABORT, 'published checklist definition is immutable'); END",
    "CREATE TRIGGER assessments_signed_frozen BEFORE UPDATE ON assessments "
    "WHEN OLD.status = 'signed' AND (NEW.record_json IS NOT OLD.record_json OR NEW.status IS NOT OLD.status "
    "OR NEW.digest IS NOT OLD.digest OR NEW.signed_at IS NOT OLD.signed_at) "
    "BEGIN SELECT RAISE(ABORT, 'signed assessment is read-only'); END",
)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
    sqlite_only(conn, TRIGGERS, "0003 checklist triggers")
