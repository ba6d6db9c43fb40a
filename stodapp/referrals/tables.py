"""Tables for the referral directory: the municipality's local entries and referrals given on cases."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.store.base import Base


class ReferralLocalRow(Base):
    """The local entries as one validated LocalEntries JSON document: replaced whole, never half-imported."""

    __tablename__ = "referral_local"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    municipality: Mapped[str] = mapped_column(String(4))
    format_version: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class ReferralGivenRow(Base):
    """A referral given on a case: which resource, to the victim or the perpetrator, by whom, when."""

    __tablename__ = "referrals_given"
    __table_args__ = (Index("ix_referrals_given_on", "given_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), nullable=True
    )
    person_role: Mapped[str] = mapped_column(String(12))  # victim | perpetrator
    resource_id: Mapped[str] = mapped_column(String(64))
    resource_name: Mapped[str] = mapped_column(String(200))  # kept for statistics if the entry is removed
    local: Mapped[bool] = mapped_column(default=False)
    given_on: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
