"""0004: reports of concern about children (issue 6): report rows with the report JSON, status history."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

import stodapp.cases.tables  # noqa: F401 - registers `cases` for the foreign key
import stodapp.store.tables  # noqa: F401 - registers `users` for the foreign keys
from stodapp.concerns.tables import ConcernReportRow, ConcernStatusEventRow
from stodapp.store.base import Base

VERSION = 4
NAME = "concerns"


def upgrade(conn: Connection) -> None:
    tables = [ConcernReportRow.__table__, ConcernStatusEventRow.__table__]
    Base.metadata.create_all(conn, tables=tables)  # type: ignore[arg-type]
    # Fact view for the supervisor summary (stodapp/summary/facts.py FACT_VIEWS): one row per sent report,
    # month of sending and outcome category; a report replaced by a sent correction counts once (the new one).
    conn.execute(text(FACT_CONCERNS))


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
