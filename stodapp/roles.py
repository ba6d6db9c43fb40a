"""The four roles, as one enum with Swedish labels (no pydantic: the start window paints before it loads)."""

from __future__ import annotations

from enum import StrEnum

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
