"""0006: training mode (issue 8): sessions, trainee results, training log and its fact view for the summary."""

from __future__ import annotations

from sqlalchemy import (
    Column,
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

VERSION = 6
NAME = "training"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

TRAINING_SESSIONS = Table(
    "training_sessions",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("vignette_id", String(length=64), nullable=False),
    Column("vignette_version", Integer(), nullable=False),
    Column("title", String(length=200), nullable=False),
    Column("mode", String(length=16), nullable=False),
    Column("status", String(length=16), nullable=False),
    Column("reference_json", Text(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Integer(), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_training_sessions_created_by_users"),
    PrimaryKeyConstraint("id", name="pk_training_sessions"),
    Index("ix_training_sessions_vignette_id", "vignette_id"),
)

TRAINING_RESULTS = Table(
    "training_results",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("session_id", Integer(), nullable=False),
    Column("trainee", String(length=120), nullable=False),
    Column("source", String(length=16), nullable=False),
    Column("file_name", String(length=255), nullable=False),
    Column("digest", String(length=64), nullable=False),
    Column("ratings_json", Text(), nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", Integer(), nullable=False),
    ForeignKeyConstraint(["recorded_by"], ["users.id"], name="fk_training_results_recorded_by_users"),
    ForeignKeyConstraint(
        ["session_id"],
        ["training_sessions.id"],
        name="fk_training_results_session_id_training_sessions",
        ondelete="CASCADE",
    ),
    PrimaryKeyConstraint("id", name="pk_training_results"),
    UniqueConstraint("session_id", "digest", name="uq_training_results_session_digest"),
    UniqueConstraint("session_id", "trainee", name="uq_training_results_session_trainee"),
    Index("ix_training_results_session_id", "session_id"),
)

TRAINING_LOG = Table(
    "training_log",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("staff", String(length=120), nullable=False),
    Column("vignette_id", String(length=64), nullable=False),
    Column("session_id", Integer(), nullable=True),
    Column("completed_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(
        ["session_id"],
        ["training_sessions.id"],
        name="fk_training_log_session_id_training_sessions",
        ondelete="SET NULL",
    ),
    PrimaryKeyConstraint("id", name="pk_training_log"),
    Index("ix_training_log_staff", "staff"),
)

TABLES = (
    TRAINING_SESSIONS,
    TRAINING_RESULTS,
    TRAINING_LOG,
)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
    # Fact view for the supervisor summary (stodapp/summary/facts.py: fact_training_completions(month, staff_id)).
    # Only a training store ever has rows here (TrainingService refuses other store kinds).
    sqlite_only(conn, (FACT_TRAINING,), "0006 training fact view")


FACT_TRAINING = """
CREATE VIEW fact_training_completions AS
SELECT strftime('%Y-%m', completed_at) AS month, staff AS staff_id
FROM training_log
"""
