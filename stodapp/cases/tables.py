"""Case, assignment and person tables (foundation part; issue 5 extends them in migration 0002)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.store.base import Base


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_opened_month", "opened_month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_no: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | closed
    unit: Mapped[str] = mapped_column(String(80), default="")
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_month: Mapped[str] = mapped_column(String(7))  # YYYY-MM, for statistics without day precision
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_entry_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # drives retention (gallring)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # client language code (stodapp.client_lang.languages) for her papers; None = not recorded (migration 0014)
    preferred_language: Mapped[str | None] = mapped_column(String(16), nullable=True)


class CaseAssignmentRow(Base):
    __tablename__ = "case_assignments"
    # Covering index for the keyset-paginated "my cases" list (user first, newest case first); migration 0002.
    __table_args__ = (Index("ix_case_assignments_user_case", "user_id", "case_id"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class PersonRow(Base):
    __tablename__ = "persons"
    __table_args__ = (
        Index("ix_persons_search_name", "search_name"),
        Index("ix_persons_pnr", "personnummer"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # stodsokande | barn | utovare | ovrig
    given_name: Mapped[str] = mapped_column(String(80))
    family_name: Mapped[str] = mapped_column(String(80))
    search_name: Mapped[str] = mapped_column(String(170))  # casefolded "family given" (å/ä/ö kept distinct)
    personnummer: Mapped[str | None] = mapped_column(String(13), nullable=True)  # YYYYMMDD-NNNN
    reserve_number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    sex: Mapped[str] = mapped_column(String(10), default="okant")  # kvinna | man | annat | okant
    age_band: Mapped[str] = mapped_column(String(10), default="")
    protected_identity: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # JSON: interpreter, groups … (issue 5)


def search_key(text: str) -> str:
    """Case-insensitive for å/ä/ö without folding them into a/o (SQLite lower() is ASCII-only)."""
    return " ".join(text.casefold().split())
