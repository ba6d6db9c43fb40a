"""0003: checklists (issue 4): assessments, the definition registry, content packs, completed required training."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

import stodapp.cases.tables  # noqa: F401 - registers `cases` for the foreign key
import stodapp.store.tables  # noqa: F401 - registers `users` for the foreign keys
from stodapp.checklists.tables import AssessmentRow, ContentPackRow, DefinitionRegistryRow, UserTrainingRow
from stodapp.store.base import Base

VERSION = 3
NAME = "checklists"

# The database itself refuses to change a registered published definition or a signed assessment.
TRIGGERS = (
    "CREATE TRIGGER checklist_definitions_published_frozen BEFORE UPDATE ON checklist_definitions "
    "WHEN OLD.status = 'published' AND (NEW.digest IS NOT OLD.digest OR NEW.definition_json IS NOT "
    "OLD.definition_json OR NEW.definition_id IS NOT OLD.definition_id OR NEW.version IS NOT OLD.version) "
    "BEGIN SELECT RAISE(ABORT, 'published checklist definition is immutable'); END",
    "CREATE TRIGGER checklist_definitions_published_kept BEFORE DELETE ON checklist_definitions "
    "WHEN OLD.status = 'published' "
    "BEGIN SELECT RAISE(ABORT, 'published checklist definition is immutable'); END",
    "CREATE TRIGGER assessments_signed_frozen BEFORE UPDATE ON assessments "
    "WHEN OLD.status = 'signed' AND (NEW.record_json IS NOT OLD.record_json OR NEW.status IS NOT OLD.status "
    "OR NEW.digest IS NOT OLD.digest OR NEW.signed_at IS NOT OLD.signed_at) "
    "BEGIN SELECT RAISE(ABORT, 'signed assessment is read-only'); END",
)


def upgrade(conn: Connection) -> None:
    tables = [
        AssessmentRow.__table__,
        DefinitionRegistryRow.__table__,
        ContentPackRow.__table__,
        UserTrainingRow.__table__,
    ]
    Base.metadata.create_all(conn, tables=tables)  # type: ignore[arg-type]
    for statement in TRIGGERS:
        conn.execute(text(statement))
