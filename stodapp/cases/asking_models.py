"""Value objects for asking about violence: question policy, asking events, next-step suggestions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stodapp.i18n import N_
from stodapp.localized_text import LocalizedText

Channel = Literal["besok", "telefon", "video", "skriftlig"]
Answer = Literal["ja", "nej", "avbojt", "ej_fragat"]
Trigger = Literal["rutin", "indikation", "eget_initiativ"]
REMOTE: frozenset[str] = frozenset({"telefon", "video", "skriftlig"})
SCREENING_ID = "se.stodapp.vinr.screening"

CHANNELS: dict[str, str] = {
    "besok": N_("Personligt möte"),
    "telefon": N_("Telefon"),
    "video": N_("Video"),
    "skriftlig": N_("Skriftligt"),
}
TRIGGERS: dict[str, str] = {
    "rutin": N_("Rutinfråga"),
    "indikation": N_("Vid indikation"),
    "eget_initiativ": N_("Personen berättade själv"),
}
ANSWERS: dict[str, str] = {
    "ja": N_("Ja"),
    "nej": N_("Nej"),
    "avbojt": N_("Avböjde att svara"),
    "ej_fragat": N_("Inte frågat"),
}
POLICY_MODES: dict[str, str] = {
    "rutin_alla": N_("Rutinmässigt till alla"),
    "rutin_intervall": N_("Rutinmässigt var N:e månad"),
    "indikation": N_("Vid indikation"),
    "informera_forst": N_("Informera först, fråga sedan"),
}
STEP_STATUS: dict[str, str] = {
    "oppen": N_("Öppen"),
    "klar": N_("Klar"),
    "avbojd": N_("Avböjd"),
    "uppskjuten": N_("Uppskjuten"),
}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionPolicy(_Frozen):
    mode: Literal["rutin_alla", "rutin_intervall", "indikation", "informera_forst"] = "rutin_alla"
    months: int | None = Field(default=None, ge=1, le=60)  # only for rutin_intervall


class AskingInput(_Frozen):
    person_id: int | None = None
    subject: Literal["utsatt", "utovande"] = "utsatt"  # asked about being subjected / about perpetrating
    asked_on: date
    channel: Channel
    trigger: Trigger  # eget_initiativ: the person told on their own, no question needed (checklist_id "")
    indication: str = Field(default="", max_length=500)
    checklist_id: str = SCREENING_ID
    answer: Answer
    reason: str = Field(default="", max_length=1000)
    action: str = Field(default="", max_length=2000)
    safety_check: Literal["", "kan_tala", "kan_inte_tala"] = ""
    support_info_given: bool = False


class AskingView(_Frozen):
    id: int
    case_id: int
    person_id: int | None
    subject: str
    asked_on: date
    channel: str
    trigger: str
    indication: str
    checklist_id: str
    answer: str
    reason: str
    action: str
    remote: bool
    safety_check: str
    support_info_given: bool
    recorded_at: datetime


class AskingSummary(_Frozen):
    """One asking event as the case view lists it: when, who asked, whom about what, the answer and the safety
    check (for phone, video and written contact: whether the person could talk freely and undisturbed)."""

    id: int
    asked_on: date
    asked_by: str  # the caseworker's display name (login name where none is set)
    person: str  # the person asked, "" when none was chosen
    subject: str  # utsatt | utovande
    channel: str
    answer: str
    safety_check: str  # "" (in person) | kan_tala | kan_inte_tala


class AskingHistory(_Frozen):
    """The latest asking events of a case, newest first, and how many there are in all."""

    latest: tuple[AskingSummary, ...] = ()
    total: int = 0


class NextStepView(_Frozen):
    id: int
    case_id: int
    rule_id: str
    priority: str = "stod"  # akut | skydd | utredning | anpassning | stod (stodapp.cases.next_steps.PRIORITIES)
    title: LocalizedText  # the rule's words in Swedish and English: shown with `.current()` (the UI's language)
    detail: LocalizedText | None
    warning: LocalizedText | None
    checklist: str
    target: str
    requires_legal_basis: bool
    status: str
    reason: str
    postponed_to: date | None
