"""The small record every service write returns, so the UI redraws only what changed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    area: str  # e.g. "cases", "assessments", "users"
    action: str  # e.g. "created", "updated", "signed"
    ids: tuple[str, ...] = ()
