"""Casework tables: journal notes, access grants, asking events, next steps, reviews, safety plans, sharing."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.store.base import Base


class NoteRow(Base):
    """Journal note; append-only (an UPDATE trigger refuses edits). A correction links to the old note."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    body: Mapped[str] = mapped_column(Text)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("case_notes.id"), nullable=True)


class AccessGrantRow(Base):
    """A break-the-glass opening of a case or a reveal of a protected identity, with the typed reason."""

    __tablename__ = "case_access_grants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # break_glass | reveal
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)


class AskingEventRow(Base):
    __tablename__ = "asking_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), nullable=True)
    subject: Mapped[str] = mapped_column(String(20))  # utsatt | utovande
    asked_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(20))
    trigger: Mapped[str] = mapped_column(String(20))  # rutin | indikation
    indication: Mapped[str] = mapped_column(Text, default="")
    checklist_id: Mapped[str] = mapped_column(String(120), default="")
    answer: Mapped[str] = mapped_column(String(20))  # ja | nej | avbojt | ej_fragat
    reason: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    safety_check: Mapped[str] = mapped_column(String(20), default="")  # "" | kan_tala | kan_inte_tala
    support_info_given: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class NextStepRow(Base):
    __tablename__ = "next_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    asking_event_id: Mapped[int | None] = mapped_column(ForeignKey("asking_events.id"), nullable=True)
    rule_id: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), default="oppen")  # oppen | klar | avbojd | uppskjuten
    reason: Mapped[str] = mapped_column(Text, default="")
    postponed_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class ReviewRow(Base):
    """A due re-assessment (risk assessment or safety plan) with its trigger and review date."""

    __tablename__ = "case_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # riskbedomning | sakerhetsplan
    trigger: Mapped[str] = mapped_column(String(40))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SafetyPlanRow(Base):
    """One version of a structured safety plan (JSON body); a new version is a new row."""

    __tablename__ = "safety_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id"), nullable=True)
    body: Mapped[str] = mapped_column(Text)
    review_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class SharingRow(Base):
    """Assessments shared with or received from the police."""

    __tablename__ = "case_sharing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(20))  # till_polis | fran_polis
    shared_on: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text)
    basis: Mapped[str] = mapped_column(String(20))  # samtycke | lagstod
    legal_ref: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(120))
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


ALL_TABLES = (NoteRow, AccessGrantRow, AskingEventRow, NextStepRow, ReviewRow, SafetyPlanRow, SharingRow)
