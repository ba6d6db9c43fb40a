"""Retention holds: a case kept from culling for a 12:2 exception or a local archive decision (reason code only)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.store.base import Base


class RetentionHoldRow(Base):
    __tablename__ = "retention_holds"
    __table_args__ = (UniqueConstraint("case_id", "reason"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(30))  # a code from retention_exceptions or "arkivbeslut"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
