"""0010: trainer-made vignettes in the training store (issue 8, authoring)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Connection

VERSION = 10
NAME = "training_vignettes"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

TRAINING_VIGNETTES = Table(
    "training_vignettes",
    METADATA,
    Column("vignette_id", String(length=64), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("title", String(length=200), nullable=False),
    Column("source", Text(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Integer(), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", Integer(), nullable=False),
    ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_training_vignettes_created_by_users"),
    ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_training_vignettes_updated_by_users"),
    PrimaryKeyConstraint("vignette_id", name="pk_training_vignettes"),
)

TABLES = (TRAINING_VIGNETTES,)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
