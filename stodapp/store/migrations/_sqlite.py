"""SQLite-only DDL of the migrations (FTS5 virtual tables, triggers, views over JSON), behind a dialect check.

Tables, columns and indexes are portable SQLAlchemy Core in each migration; what only SQLite can run goes through
`sqlite_only`, so a second database (PostgreSQL in server mode) fails loudly with the migration's name instead of
half-applying it until it has its own equivalent.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.engine import Connection

from stodapp.errors import MigrationError
from stodapp.i18n import _


def sqlite_only(conn: Connection, statements: Sequence[str], what: str) -> None:
    """Run frozen SQLite statements; any other dialect is refused (nothing of `what` is run)."""
    if conn.dialect.name != "sqlite":
        raise MigrationError(_("{what}: saknar motsvarighet för {name}").format(what=what, name=conn.dialect.name))
    for statement in statements:
        conn.execute(text(statement))
