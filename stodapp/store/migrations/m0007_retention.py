"""0007: backup/retention (issue 10): retention holds that keep a case from culling."""

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
    UniqueConstraint,
)
from sqlalchemy.engine import Connection

VERSION = 7
NAME = "retention"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("cases", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

RETENTION_HOLDS = Table(
    "retention_holds",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("reason", String(length=30), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Integer(), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_retention_holds_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_retention_holds_created_by_users"),
    PrimaryKeyConstraint("id", name="pk_retention_holds"),
    UniqueConstraint("case_id", "reason", name="uq_retention_holds_case_id"),
    Index("ix_retention_holds_case_id", "case_id"),
)

TABLES = (RETENTION_HOLDS,)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
