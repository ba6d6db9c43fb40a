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


class SafetyPlanInput(_Frozen):
    person_id: int | None = None
    risk_situations: tuple[str, ...] = Field(min_length=1)
    own_actions: tuple[str, ...] = ()
    helpers: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    children_plan: str = Field(default="", max_length=4000)
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
