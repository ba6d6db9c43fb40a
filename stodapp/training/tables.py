"""Training-store tables: sessions (a vignette with its frozen reference), trainee results, the training log.

These tables exist in every store (migrations are shared), but TrainingService writes them only in a store
whose kind is "training", so nothing from training ever reaches a case store's statistics or audit review.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.store.base import Base


class TrainingSessionRow(Base):
    """One exercise on one vignette; `reference_json` freezes the reference answers at the start."""

    __tablename__ = "training_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vignette_id: Mapped[str] = mapped_column(String(64), index=True)
    vignette_version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(16))  # "turns" (one laptop) | "files" (several laptops)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    reference_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TraineeResultRow(Base):
    """One trainee's ratings in a session; a file is refused twice (same digest) and so is a trainee."""

    __tablename__ = "training_results"
    __table_args__ = (
        UniqueConstraint("session_id", "digest", name="uq_training_results_session_digest"),
        UniqueConstraint("session_id", "trainee", name="uq_training_results_session_trainee"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True)
    trainee: Mapped[str] = mapped_column(String(120))
    source: Mapped[str] = mapped_column(String(16))  # "in_app" | "file"
    file_name: Mapped[str] = mapped_column(String(255), default="")
    digest: Mapped[str] = mapped_column(String(64))
    ratings_json: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))


class TrainingLogRow(Base):
    """Who completed which vignette when (M14 staff trained). `staff` is the trainee id used in the session."""

    __tablename__ = "training_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff: Mapped[str] = mapped_column(String(120), index=True)
    vignette_id: Mapped[str] = mapped_column(String(64))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="SET NULL"), nullable=True
    )
    completed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
