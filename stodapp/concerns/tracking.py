"""Tracking a report after it is written: statuses, transitions, outcomes, and the views services return."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from stodapp.concerns.model import ConcernReport
from stodapp.i18n import N_


class ConcernStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"  # signed, read-only
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    FEEDBACK_RECEIVED = "feedback_received"
    OUTCOME_RECORDED = "outcome_recorded"


STATUS_LABELS = {
    ConcernStatus.DRAFT: N_("Utkast"),
    ConcernStatus.FINAL: N_("Slutförd (signerad)"),
    ConcernStatus.SENT: N_("Skickad"),
    ConcernStatus.ACKNOWLEDGED: N_("Mottagen"),
    ConcernStatus.FEEDBACK_RECEIVED: N_("Återkoppling mottagen"),
    ConcernStatus.OUTCOME_RECORDED: N_("Utfall registrerat"),
}

S = ConcernStatus
TRANSITIONS: dict[ConcernStatus, frozenset[ConcernStatus]] = {
    S.DRAFT: frozenset({S.FINAL}),
    S.FINAL: frozenset({S.SENT}),
    S.SENT: frozenset({S.ACKNOWLEDGED, S.FEEDBACK_RECEIVED, S.OUTCOME_RECORDED}),
    S.ACKNOWLEDGED: frozenset({S.FEEDBACK_RECEIVED, S.OUTCOME_RECORDED}),
    S.FEEDBACK_RECEIVED: frozenset({S.OUTCOME_RECORDED}),
    S.OUTCOME_RECORDED: frozenset(),
}


class Outcome(StrEnum):
    INVESTIGATION_OPENED = "investigation_opened"
    SUPPORT_WITHOUT_INVESTIGATION = "support"
    NO_INVESTIGATION = "no_investigation"
    UNKNOWN = "unknown"


OUTCOME_LABELS = {
    Outcome.INVESTIGATION_OPENED: N_("Utredning inledd"),
    Outcome.SUPPORT_WITHOUT_INVESTIGATION: N_("Stöd erbjudet utan utredning"),
    Outcome.NO_INVESTIGATION: N_("Ingen utredning"),
    Outcome.UNKNOWN: N_("Okänt"),
}


class SendMethod(StrEnum):
    E_SERVICE = "e_service"
    SECURE_EMAIL = "secure_email"
    POST = "post"
    IN_PERSON = "in_person"
    PHONE_THEN_WRITTEN = "phone_then_written"
    OTHER = "other"


SEND_METHOD_LABELS = {
    SendMethod.E_SERVICE: N_("Kommunens e-tjänst"),
    SendMethod.SECURE_EMAIL: N_("Säker e-post"),
    SendMethod.POST: N_("Post"),
    SendMethod.IN_PERSON: N_("Lämnad personligen"),
    SendMethod.PHONE_THEN_WRITTEN: N_("Telefon, skriftligt i efterhand"),
    SendMethod.OTHER: N_("Annat sätt"),
}


class _View(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StatusEvent(_View):
    at: datetime
    status: ConcernStatus
    user_id: int
    detail: str = ""


class ConcernView(_View):
    """One report with its tracking facts. `signature_ok` is False if a signed report's text was altered."""

    id: int
    case_id: int
    status: ConcernStatus
    report: ConcernReport
    created_at: datetime
    created_by: int
    finalised_at: datetime | None = None
    finalised_by: int | None = None
    content_sha256: str = ""
    signature_ok: bool = True
    sent_on: date | None = None
    sent_to_code: str = ""
    sent_method: SendMethod | None = None
    acknowledged_on: date | None = None
    feedback_on: date | None = None
    outcome: Outcome | None = None
    outcome_on: date | None = None
    supersedes_id: int | None = None
    superseded_by: tuple[int, ...] = ()
    history: tuple[StatusEvent, ...] = ()

    @property
    def read_only(self) -> bool:
        return self.status is not ConcernStatus.DRAFT


class ConcernListItem(_View):
    """A row for lists and `concerns list --json`: tracking facts only, no names or free text."""

    id: int
    case_id: int
    status: ConcernStatus
    report_date: date
    home_municipality_code: str
    acute: bool
    sent_on: date | None = None
    sent_to_code: str = ""
    outcome: Outcome | None = None
    supersedes_id: int | None = None
class ConcernCase(_View):
    """A case the concerns page can choose (its number and main person, as the case list shows them)."""

    id: int
    case_no: str
    main_person: str = ""


class ConcernListScreen(_View):
    """The concerns page in one read transaction: the user's cases, the chosen one and its reports."""

    cases: tuple[ConcernCase, ...]
    case_id: int | None
    items: tuple[ConcernListItem, ...]
