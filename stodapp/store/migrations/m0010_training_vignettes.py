"""0010: trainer-made vignettes in the training store (issue 8, authoring)."""

from __future__ import annotations

from sqlalchemy.engine import Connection

import stodapp.store.tables  # noqa: F401 - registers `users` for the foreign keys
from stodapp.store.base import Base
from stodapp.training.authoring_tables import AuthoredVignetteRow

VERSION = 10
NAME = "training_vignettes"


def upgrade(conn: Connection) -> None:
    Base.metadata.create_all(conn, tables=[AuthoredVignetteRow.__table__])  # type: ignore[list-item]
