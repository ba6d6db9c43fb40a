"""Roles and the signed-in principal (who is acting). Authentication itself lives in stodapp/users.py."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from stodapp.i18n import N_


class Role(StrEnum):
    ADMIN = "administrator"
    CASEWORKER = "handlaggare"
    TRAINER = "utbildare"
    SUPERVISOR = "arbetsledare"


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: N_("Administratör"),
    Role.CASEWORKER: N_("Handläggare"),
    Role.TRAINER: N_("Utbildare"),
    Role.SUPERVISOR: N_("Arbetsledare"),
}


class Principal(BaseModel):
    """The signed-in user as the services see it. Never carries secrets."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: int
    username: str
    role: Role
    display_name: str = ""
