"""0004: reports of concern about children (issue 6): report rows with the report JSON, status history."""

from __future__ import annotations

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
