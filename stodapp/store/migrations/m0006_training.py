"""0006: training mode (issue 8): sessions, trainee results, training log and its fact view for the summary."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

import stodapp.store.tables  # noqa: F401 - registers `users` for the foreign keys
from stodapp.store.base import Base
from stodapp.training.tables import TraineeResultRow, TrainingLogRow, TrainingSessionRow

VERSION = 6
NAME = "training"


def upgrade(conn: Connection) -> None:
    tables = [TrainingSessionRow.__table__, TraineeResultRow.__table__, TrainingLogRow.__table__]
    Base.metadata.create_all(conn, tables=tables)  # type: ignore[arg-type]
    # Fact view for the supervisor summary (stodapp/summary/facts.py: fact_training_completions(month, staff_id)).
    # Only a training store ever has rows here (TrainingService refuses other store kinds).
    conn.execute(text(FACT_TRAINING))


FACT_TRAINING = """
CREATE VIEW fact_training_completions AS
SELECT strftime('%Y-%m', completed_at) AS month, staff AS staff_id
FROM training_log
"""
