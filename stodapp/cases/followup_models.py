"""Value objects for follow-up: re-assessment reviews, structured safety plans, the police sharing log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stodapp.i18n import N_

TRIGGERS: dict[str, str] = {
    "ny_information": N_("Ny information i ärendet"),
    "lamnar_skyddat_boende": N_("Lämnar skyddat boende"),
    "flytt_annan_kommun": N_("Flyttar till en annan kommun"),
    "planerad": N_("Planerad omprövning"),
}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReviewView(_Frozen):
    id: int
    case_id: int
    case_no: str
    kind: str
    trigger: str
    due_on: date
    done_on: date | None


class PromptAnswer(_Frozen):
    """One prompt of the safety-plan prompt list that was gone through: what was written, and whether she wants
    it on her own copy (never implied: a prompt whose answer can tell where she is starts off it in the editor)."""

    key: str = Field(min_length=2, max_length=40)
    answer: str = Field(default="", max_length=1000)
    on_client_copy: bool = False


class PlanPrompt(_Frozen):
    """A prompt as stored with a plan version: the texts of the list it was written against, so an old plan
    prints as written after the list changes."""

    key: str
    section: str
    section_client: str  # the section heading on her copy (Swedish; the client catalog translates it)
    client: str  # the first-person line on her copy (Swedish)
    locating: bool
    answer: str
    on_client_copy: bool


class SafetyPlanInput(_Frozen):
    person_id: int | None = None
    risk_situations: tuple[str, ...] = Field(min_length=1)
    own_actions: tuple[str, ...] = ()
    helpers: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    children_plan: str = Field(default="", max_length=4000)
    prompts: tuple[PromptAnswer, ...] = ()
    review_on: date


class SafetyPlanView(_Frozen):
    id: int
    case_id: int
    person_id: int | None
    risk_situations: tuple[str, ...]
    own_actions: tuple[str, ...]
    helpers: tuple[str, ...]
    contacts: tuple[str, ...]
    children_plan: str
    review_on: date
    created_at: datetime
    prompts: tuple[PlanPrompt, ...] = ()
    prompts_version: str = ""  # the prompt list's version the plan was written against ("" before the list)


class SharingInput(_Frozen):
    direction: Literal["till_polis", "fran_polis"]
    shared_on: date
    what: str = Field(min_length=3, max_length=500)
    basis: Literal["samtycke", "lagstod"]
    legal_ref: str = Field(default="", max_length=300)
    decided_by: str = Field(min_length=2, max_length=120)


class SharingView(_Frozen):
    id: int
    case_id: int
    direction: str
    shared_on: date
    what: str
    basis: str
    legal_ref: str
    decided_by: str
