"""Tables for checklists: assessments, the definition registry, content packs and completed required training."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.store.base import Base


class AssessmentRow(Base):
    """One assessment; `record_json` is the full AssessmentRecord (definition snapshot, answers, scores)."""

    __tablename__ = "assessments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the record's id (uuid hex)
    # None for organisation self-assessments and case-less training assessments.
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), nullable=True, index=True
    )
    audience: Mapped[str] = mapped_column(String(16))  # case | organisation | training
    checklist_id: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[str] = mapped_column(String(40))
    digest: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | signed
    record_json: Mapped[str] = mapped_column(Text)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    signed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    supersedes_id: Mapped[str | None] = mapped_column(
        ForeignKey("assessments.id"), nullable=True, index=True
    )
    review_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class DefinitionRegistryRow(Base):
    """Every definition ever used or imported, by id+version; a published one is never replaced."""

    __tablename__ = "checklist_definitions"
    __table_args__ = (UniqueConstraint("definition_id", "version", name="uq_checklist_definitions_id_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition_id: Mapped[str] = mapped_column(String(120))
    version: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12))  # draft | published | retired (as registered)
    digest: Mapped[str] = mapped_column(String(80))
    source: Mapped[str] = mapped_column(String(10))  # shipped | pack
    copyright_line: Mapped[str] = mapped_column(String(600))
    definition_json: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ContentPackRow(Base):
    """One imported licensed definition (its JSON lives in the registry row with the same id+version)."""

    __tablename__ = "checklist_packs"
    __table_args__ = (UniqueConstraint("definition_id", "version", name="uq_checklist_packs_id_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition_id: Mapped[str] = mapped_column(String(120))
    version: Mapped[str] = mapped_column(String(40))
    digest: Mapped[str] = mapped_column(String(80))
    licensee: Mapped[str] = mapped_column(String(300))
    copyright_line: Mapped[str] = mapped_column(String(600))
    requires_training: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of training ids
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class UserTrainingRow(Base):
    """A required training (provenance.requires_training id) a user has completed."""

    __tablename__ = "checklist_trainings"
    __table_args__ = (UniqueConstraint("user_id", "training_id", name="uq_checklist_trainings_user_training"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    training_id: Mapped[str] = mapped_column(String(120))
    pack_id: Mapped[str] = mapped_column(String(120), default="")  # the definition that asked for it, if known
    completed_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AssessmentCosignRow(Base):
    """A supervisor's second signature on a signed assessment (the signed record itself stays read-only)."""

    __tablename__ = "assessment_cosignatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[str] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), unique=True, index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
