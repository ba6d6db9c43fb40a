"""Views ChecklistService hands to the UI and CLI (pydantic, never ORM rows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.record import AssessmentRecord
from stodapp.localized_text import LocalizedText


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DefinitionSummary(_View):
    """One usable definition (shipped file or imported pack), as a picker lists it."""

    definition_id: str
    version: str
    status: str
    audience: Literal["case", "organisation"]
    title: LocalizedText
    source: Literal["shipped", "pack"]
    digest: str
    copyright_line: str
    requires_training: tuple[str, ...] = ()
    missing_training: tuple[str, ...] = ()  # for the signed-in user
    path: str = ""


class BrokenDefinition(_View):
    source: str  # file path, or "pack:<id> <version>"
    summary: str
    errors: tuple[str, ...]


class DefinitionList(_View):
    definitions: tuple[DefinitionSummary, ...]
    broken: tuple[BrokenDefinition, ...]


class AssessmentView(_View):
    """An assessment with its full record (the record carries its own definition snapshot)."""

    id: str
    case_id: int | None
    audience: Literal["case", "organisation", "training"]
    status: Literal["draft", "signed"]
    record: AssessmentRecord
    copyright_line: str
    created_by: str
    signed_by: str | None = None
    signed_at: datetime | None = None
    supersedes_id: str | None = None
    superseded_by: str | None = None
    review_date: date | None = None
    cosigned_by: str | None = None  # a supervisor's second signature, when a local routine asked for one


class AssessmentSummary(_View):
    """One line of a history list (no answers)."""

    id: str
    case_id: int | None
    audience: Literal["case", "organisation", "training"]
    checklist_id: str
    version: str
    title: LocalizedText
    status: Literal["draft", "signed"]
    created_by: str
    created_at: datetime
    signed_by: str | None = None
    signed_at: datetime | None = None
    supersedes_id: str | None = None
    superseded_by: str | None = None
    review_date: date | None = None


class TrainingEntry(_View):
    username: str
    training_id: str
    pack_id: str
    completed_on: date


class ChecklistSubject(_View):
    """A case the checklist page can assess (its number and whether it is closed; no names)."""

    id: int
    case_no: str
    status: str


class ChecklistPageScreen(_View):
    """The checklist page in one read transaction: what can be assessed, with what, and the chosen subject's
    history (`subject` is a case id, "organisation" for the self-assessment, or None when there is nothing)."""

    subjects: tuple[ChecklistSubject, ...]  # empty for the organisation self-assessment
    definitions: DefinitionList
    subject: int | Literal["organisation"] | None
    history: tuple[AssessmentSummary, ...]
