"""0004: reports of concern about children (issue 6): report rows with the report JSON, status history."""

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

from stodapp.store.migrations._sqlite import sqlite_only

VERSION = 4
NAME = "concerns"

# --- frozen schema (generated from the models as they were when this migration was written; never edit) ---
METADATA = MetaData()
Table("users", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here
Table("cases", METADATA, Column("id", Integer(), primary_key=True))  # earlier migration; referenced, not created here

CONCERN_REPORTS = Table(
    "concern_reports",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("case_id", Integer(), nullable=False),
    Column("status", String(length=24), nullable=False),
    Column("report_json", Text(), nullable=False),
    Column("report_date", Date(), nullable=False),
    Column("home_municipality_code", String(length=4), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", Integer(), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finalised_at", DateTime(timezone=True), nullable=True),
    Column("finalised_by", Integer(), nullable=True),
    Column("content_sha256", String(length=64), nullable=False),
    Column("sent_on", Date(), nullable=True),
    Column("sent_to_code", String(length=4), nullable=False),
    Column("sent_method", String(length=24), nullable=False),
    Column("acknowledged_on", Date(), nullable=True),
    Column("feedback_on", Date(), nullable=True),
    Column("outcome", String(length=24), nullable=True),
    Column("outcome_on", Date(), nullable=True),
    Column("supersedes_id", Integer(), nullable=True),
    Column("acute", Boolean(), nullable=False),
    ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_concern_reports_case_id_cases", ondelete="CASCADE"),
    ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_concern_reports_created_by_users"),
    ForeignKeyConstraint(["finalised_by"], ["users.id"], name="fk_concern_reports_finalised_by_users"),
    ForeignKeyConstraint(
        ["supersedes_id"], ["concern_reports.id"], name="fk_concern_reports_supersedes_id_concern_reports"
    ),
    PrimaryKeyConstraint("id", name="pk_concern_reports"),
    Index("ix_concern_reports_case_id", "case_id"),
    Index("ix_concern_reports_supersedes_id", "supersedes_id"),
)

CONCERN_STATUS_EVENTS = Table(
    "concern_status_events",
    METADATA,
    Column("id", Integer(), nullable=False),
    Column("report_id", Integer(), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("status", String(length=24), nullable=False),
    Column("user_id", Integer(), nullable=False),
    Column("detail", String(length=80), nullable=False),
    ForeignKeyConstraint(
        ["report_id"],
        ["concern_reports.id"],
        name="fk_concern_status_events_report_id_concern_reports",
        ondelete="CASCADE",
    ),
    ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_concern_status_events_user_id_users"),
    PrimaryKeyConstraint("id", name="pk_concern_status_events"),
    Index("ix_concern_status_events_report_id", "report_id"),
)

TABLES = (
    CONCERN_REPORTS,
    CONCERN_STATUS_EVENTS,
)


def upgrade(conn: Connection) -> None:
    METADATA.create_all(conn, tables=TABLES)
    # Fact view for the supervisor summary (stodapp/summary/facts.py FACT_VIEWS): one row per sent report,
    # month of sending and outcome category; a report replaced by a sent correction counts once (the new one).
    sqlite_only(conn, (FACT_CONCERNS,), "0004 concerns fact view")


FACT_CONCERNS = """
CREATE VIEW fact_concerns AS
SELECT strftime('%Y-%m', sent_on) AS month,
       CASE outcome
           WHEN 'investigation_opened' THEN 'utredning'
           WHEN 'support' THEN 'insats'
           WHEN 'no_investigation' THEN 'ingen'
           ELSE 'ej_kant'
       END AS concern_outcome
FROM concern_reports
WHERE sent_on IS NOT NULL
  AND id NOT IN (
      SELECT supersedes_id FROM concern_reports WHERE supersedes_id IS NOT NULL AND sent_on IS NOT NULL
  )
"""
