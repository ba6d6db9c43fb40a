"""0005: referral directory (issue 7): the municipality's local entries and referrals given on cases."""

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
)
from sqlalchemy.engine import Connection

VERSION = 5
NAME = "referrals"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("cases", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("persons", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

REFERRAL_LOCAL = Table(
    "referral_local",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("municipality", String(length=4), nullable=False),
    Column("format_version", Integer(), nullable=False),
    Column("document", Text(), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", Integer(), nullable=False),
    ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_referral_local_updated_by_users"),
    PrimaryKeyConstraint("id", name="pk_referral_local"),
)

REFERRALS_GIVEN = Table(
    "referrals_given",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("person_id", Integer(), nullable=True),
    Column("person_role", String(length=12), nullable=False),
    Column("resource_id", String(length=64), nullable=False),
    Column("resource_name", String(length=200), nullable=False),
    Column("local", Boolean(), nullable=False),
    Column("given_on", Date(), nullable=False),
    Column("user_id", Integer(), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_referrals_given_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(
        ["person_id"], ["persons.id"], name="fk_referrals_given_person_id_persons", ondelete="SET NULL"
    ),
    ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_referrals_given_user_id_users"),
    PrimaryKeyConstraint("id", name="pk_referrals_given"),
    Index("ix_referrals_given_case_id", "case_id"),
    Index("ix_referrals_given_on", "given_on"),
)

TABLES = (
    REFERRAL_LOCAL,
    REFERRALS_GIVEN,
)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
