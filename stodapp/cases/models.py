"""Value objects for cases: inputs validated at the edge, views handed to the UI (never ORM rows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stodapp.cases.asking_models import AskingHistory, NextStepView
from stodapp.i18n import N_

PersonRole = Literal["stodsokande", "barn", "utovare", "ovrig"]
IdKind = Literal["personnummer", "samordningsnummer", "reservnummer", "okant"]
Sex = Literal["kvinna", "man", "annat", "okant"]

#: Groups of particular vulnerability (multi-select); keys are stored, labels shown.
GROUPS: dict[str, str] = {
    "funktionsnedsattning": N_("Funktionsnedsättning"),
    "aldre": N_("Äldre"),
    "hbtqi": N_("Hbtqi-personer"),
    "heder": N_("Hederskontext"),
    "missbruk": N_("Skadligt bruk och beroende"),
    "hemloshet": N_("Hemlöshet"),
    "prostitution": N_("Prostitution och människohandel"),
    "migration": N_("Migration och nyanlända"),
    "barn_unga": N_("Barn och unga"),
}
ROLES: dict[str, str] = {
    "stodsokande": N_("Stödsökande"),
    "barn": N_("Barn i hushållet"),
    "utovare": N_("Våldsutövare"),
    "ovrig": N_("Övrig"),
}
MASK = "•••• (skyddad identitet)"


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Interpreter(_Frozen):
    language: str = Field(default="", max_length=60)  # ISO 639 code or name; "" = no interpreter
    sign_language: bool = False
    same_as_before: bool = False


class PersonInput(_Frozen):
    role: PersonRole
    given_name: str = Field(min_length=1, max_length=80)
    family_name: str = Field(min_length=1, max_length=80)
    id_kind: IdKind = "okant"
    number: str = ""  # personnummer / samordningsnummer / reserve number, per id_kind
    birth_date: date | None = None  # only when no personnummer/samordningsnummer
    age_band: str = ""  # only when the birth date is unknown
    sex: Sex = "okant"
    interpreter: Interpreter = Interpreter()
    groups: tuple[str, ...] = ()
    protected_identity: bool = False
    address: str = Field(default="", max_length=300)


class PersonView(_Frozen):
    id: int
    case_id: int
    role: str
    given_name: str
    family_name: str
    personnummer: str | None
    reserve_number: str | None
    birth_date: date | None
    sex: str
    age_band: str
    protected_identity: bool
    address: str  # MASK unless revealed
    interpreter: Interpreter
    groups: tuple[str, ...]
    revealed: bool = False
    version: int | None = None  # server mode: the version read, for a conflict-checked update; None locally

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


Matched = Literal["arendenummer", "namn", "personnummer", "anteckning"]


class CaseListItem(_Frozen):
    id: int
    case_no: str
    status: str
    opened_at: datetime
    main_person: str
    matched: tuple[Matched, ...] = ()  # in a search's list: what matched (case number, name …); () otherwise


class CaseFilter(_Frozen):
    """The case list narrowed by a search (`CaseService.filter_cases`): the matching cases, newest first."""

    query: str  # the query as searched (whitespace collapsed)
    rows: tuple[CaseListItem, ...]
    truncated: bool  # more cases matched than were asked for


class CasePage(_Frozen):
    rows: tuple[CaseListItem, ...]
    next_after: int | None  # keyset cursor for the next page (None = last page)
    total: int


class CaseView(_Frozen):
    id: int
    case_no: str
    status: str
    unit: str
    opened_at: datetime
    closed_at: datetime | None
    caseworkers: tuple[str, ...]
    persons: tuple[PersonView, ...]
    via_break_glass: bool = False
    preferred_language: str | None = None  # the client's language for handouts and her safety-plan copy
    version: int | None = None  # server mode: the version read, for a conflict-checked update; None locally


class NoteView(_Frozen):
    id: int
    case_id: int
    author: str
    created_at: datetime
    body: str
    corrects_id: int | None
    corrected_by: tuple[int, ...] = ()


class CaseScreen(_Frozen):
    """Everything the open-case screen shows, read in one transaction with one `case.view` audit row."""

    case: CaseView
    notes: list[NoteView]
    policy_line: str
    next_steps: list[NextStepView]
    asking: AskingHistory = AskingHistory()  # the latest asking events, newest first


class CaseJournal(_Frozen):
    """A case and its journal notes, read in one transaction with one `case.view` audit row (both backends)."""

    case: CaseView
    notes: list[NoteView]


class SearchHit(_Frozen):
    case_id: int
    case_no: str
    matched: Matched
    person: str = ""


class BreakGlassEntry(_Frozen):
    id: int
    case_no: str
    username: str
    at: datetime
    reason: str
