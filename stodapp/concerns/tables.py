"""Tables for reports of concern: one row per report (the report JSON + tracking) and its status history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.store.base import Base


class ConcernReportRow(Base):
    """The report content is `report_json` (validated ConcernReport); the other columns are tracking facts."""

    __tablename__ = "concern_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(24), default="draft")
    report_json: Mapped[str] = mapped_column(Text)
    report_date: Mapped[date] = mapped_column(Date)
    home_municipality_code: Mapped[str] = mapped_column(String(4), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finalised_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    sent_to_code: Mapped[str] = mapped_column(String(4), default="")
    sent_method: Mapped[str] = mapped_column(String(24), default="")
    acknowledged_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    feedback_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(24), nullable=True)
    outcome_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("concern_reports.id"), nullable=True, index=True
    )
    acute: Mapped[bool] = mapped_column(Boolean, default=False)


class ConcernStatusEventRow(Base):
    """One row per status change; `detail` holds codes only (method, municipality, outcome), never content."""

    __tablename__ = "concern_status_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("concern_reports.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(24))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    detail: Mapped[str] = mapped_column(String(80), default="")
