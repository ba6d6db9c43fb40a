"""View models of the server's checklist assessments (what `stodapp.server.assessments` returns)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.record import AssessmentRecord


class ServerAssessment(BaseModel):
    """One assessment on the server: its record (decrypted here) and the version a change must name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    case_id: int
    version: int
    updated_at: datetime
    record: AssessmentRecord
