"""0007: backup/retention (issue 10): retention holds that keep a case from culling."""

from __future__ import annotations

from sqlalchemy.engine import Connection

import stodapp.cases.tables  # noqa: F401 - registers `cases` for the foreign key
import stodapp.store.tables  # noqa: F401 - registers `users` for the foreign key
from stodapp.retention.tables import RetentionHoldRow
from stodapp.store.base import Base

VERSION = 7
NAME = "retention"


def upgrade(conn: Connection) -> None:
    Base.metadata.create_all(conn, tables=[RetentionHoldRow.__table__])  # type: ignore[list-item]
