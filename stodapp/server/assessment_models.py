"""View models of the server's checklist assessments (what `stodapp.server.assessments` and the checklist screens
`stodapp.server.checklist_screens` return)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.record import AssessmentRecord
from stodapp.checklists.store_views import AssessmentSummary, AssessmentView, ChecklistSubject, DefinitionList


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServerAssessment(_View):
    """One assessment on the server: its record (decrypted here) and the version a change must name."""

    id: int
    case_id: int
    version: int
    updated_at: datetime
    record: AssessmentRecord


class ServerAssessmentScreen(_View):
    """An open assessment as the local runner shows it (`view`, id = the form id as text) and the server version
    the next save or signature must name."""

    view: AssessmentView
    version: int


class ServerChecklistPageScreen(_View):
    """The Checklistor page in one read: the cases she may open (her assigned ones), the checklists she may run on
    them, and the chosen case's drafts and signed assessments (`subject` None when she has no case)."""

    subjects: tuple[ChecklistSubject, ...]
    definitions: DefinitionList
    subject: int | None
    history: tuple[AssessmentSummary, ...]


class ServerChecklistHistory(_View):
    """One case's assessments, newest change first (no answers)."""

    case_id: int
    rows: tuple[AssessmentSummary, ...]
