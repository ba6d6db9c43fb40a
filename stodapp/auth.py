"""The signed-in principal (who is acting). Roles are stodapp.roles; authentication lives in stodapp/users.py."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from stodapp.roles import ROLE_LABELS, Role


class Principal(BaseModel):
    """The signed-in user as the services see it. Never carries secrets."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: int
    username: str
    role: Role
    display_name: str = ""


__all__ = ["ROLE_LABELS", "Principal", "Role"]
