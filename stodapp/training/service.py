"""TrainingService: sessions on a vignette, trainee results (in the app or imported files), log, statistics.

Works only in a training store (ctx.store_kind == "training"): in a case store every call is refused, so no
training row can reach real statistics or the audit review of real cases. Trainers manage sessions
(`training.manage`); trainers and caseworkers may submit their own ratings (`training.participate`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from stodapp.changes import Change
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.errors import NotFound, StoreError, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.training.agreement import GroupAgreement, TraineeAgreement
from stodapp.training.agreement_io import analyse, prepare, reference_from_vignette
from stodapp.training.ratings import LoadedRatings, RatingsFile, dump_ratings, parse_ratings
from stodapp.training.tables import TraineeResultRow, TrainingLogRow, TrainingSessionRow
from stodapp.training.vignettes import Vignette

MODES = ("turns", "files")


class SessionView(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    vignette_id: str
    vignette_version: int
    title: str
    mode: str
    status: str
    created_at: datetime
    trainees: tuple[str, ...] = ()


class LogEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    staff: str
    vignette_id: str
    session_id: int | None
    completed_at: datetime


class SessionResults(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    session: SessionView
    per_trainee: tuple[TraineeAgreement, ...]
    group: GroupAgreement | None


class TrainingService:
    def __init__(self, ctx: ServiceContext, definitions: Mapping[tuple[str, str], ChecklistDefinition] | None = None):
        self._ctx = ctx
        self._definitions = definitions

    # ---- guards ------------------------------------------------------------------------------------------
    def _guard(self, action: str) -> None:
        if self._ctx.store_kind != "training":
            raise StoreError(_("Övningsläget används bara i övningsdatabasen, aldrig i ärendedatabasen."))
        self._ctx.require(action)

    def _defs(self) -> Mapping[tuple[str, str], ChecklistDefinition]:
        if self._definitions is None:
            from stodapp.checklists.loader import load_folder
            from stodapp.paths import checklist_dir

            loaded = load_folder(checklist_dir()).loaded
            self._definitions = {(e.definition.id, e.definition.version): e.definition for e in loaded}
        return self._definitions

    def _session_row(self, s: Session, session_id: int) -> TrainingSessionRow:
        row = s.get(TrainingSessionRow, session_id)
        if row is None:
            raise NotFound(_("Övningstillfället finns inte."))
        return row

    def _view(self, s: Session, row: TrainingSessionRow) -> SessionView:
        names = s.scalars(
            select(TraineeResultRow.trainee).where(TraineeResultRow.session_id == row.id).order_by(TraineeResultRow.id)
        ).all()
        return SessionView(
            id=row.id, vignette_id=row.vignette_id, vignette_version=row.vignette_version, title=row.title,
            mode=row.mode, status=row.status, created_at=row.created_at, trainees=tuple(names),
        )  # fmt: skip

    # ---- sessions ----------------------------------------------------------------------------------------
    def start_session(self, vignette: Vignette, mode: str = "turns") -> Change:
        """Start an exercise on `vignette`; its reference answers are frozen into the session."""
        self._guard("training.manage")
        if mode not in MODES:
            raise UserInputError(_("Okänt arbetssätt: {mode} (turns eller files).").format(mode=mode))
        reference = dump_ratings(reference_from_vignette(vignette)).decode("utf-8")
        with self._ctx.session() as s:
            row = TrainingSessionRow(
                vignette_id=vignette.id, vignette_version=vignette.version, title=vignette.title.sv[:200],
                mode=mode, status="open", reference_json=reference, created_at=self._ctx.clock.now(),
                created_by=self._ctx.principal.user_id,
            )  # fmt: skip
            s.add(row)
            s.flush()
            self._ctx.audit(s, "training.session.start", "training_session", str(row.id))
            return self._ctx.published(Change(area="training", action="created", ids=(str(row.id),)))

    def close_session(self, session_id: int) -> Change:
        self._guard("training.manage")
        with self._ctx.session() as s:
            row = self._session_row(s, session_id)
            if row.status == "closed":
                raise UserInputError(_("Övningstillfället är redan avslutat."))
            row.status, row.closed_at = "closed", self._ctx.clock.now()
            self._ctx.audit(s, "training.session.close", "training_session", str(row.id))
            return self._ctx.published(Change(area="training", action="closed", ids=(str(row.id),)))

    def sessions(self) -> list[SessionView]:
        self._guard("training.participate")
        with self._ctx.session() as s:
            rows = s.scalars(select(TrainingSessionRow).order_by(TrainingSessionRow.id.desc())).all()
            return [self._view(s, r) for r in rows]

    def session(self, session_id: int) -> SessionView:
        self._guard("training.participate")
        with self._ctx.session() as s:
            return self._view(s, self._session_row(s, session_id))

    # ---- results -----------------------------------------------------------------------------------------
    def submit(self, session_id: int, ratings: RatingsFile) -> Change:
        """A trainee's ratings entered in the app (one laptop, in turns)."""
        self._guard("training.participate")
        raw = dump_ratings(ratings)
        return self._record(session_id, parse_ratings(raw, ratings.trainee), "in_app")

    def import_file(self, session_id: int, raw: bytes, file_name: str) -> Change:
        """A ratings file exported on another laptop. The same file (by SHA-256) or trainee twice is refused."""
        self._guard("training.manage")
        return self._record(session_id, parse_ratings(raw, file_name), "file")

    def _record(self, session_id: int, loaded: LoadedRatings, source: str) -> Change:
        with self._ctx.session() as s:
            row = self._session_row(s, session_id)
            if row.status != "open":
                raise UserInputError(_("Övningstillfället är avslutat; inga fler resultat kan läggas till."))
            if loaded.ratings.vignette != row.vignette_id:
                raise UserInputError(
                    _("{name}: gäller fallbeskrivningen '{got}', tillfället gäller '{want}'").format(
                        name=loaded.name, got=loaded.ratings.vignette, want=row.vignette_id
                    )
                )
            same = select(TraineeResultRow.id).where(TraineeResultRow.session_id == row.id)
            if s.scalar(same.where(TraineeResultRow.digest == loaded.digest)):
                raise UserInputError(_("{name}: filen är redan importerad till tillfället").format(name=loaded.name))
            if s.scalar(same.where(TraineeResultRow.trainee == loaded.ratings.trainee)):
                raise UserInputError(
                    _("{name}: deltagaren '{trainee}' har redan ett resultat i tillfället").format(
                        name=loaded.name, trainee=loaded.ratings.trainee
                    )
                )
            # the same checks as the CLI: checklist versions, items and codes against the frozen reference
            prepare([self._reference(row)], [loaded], self._defs())
            now = self._ctx.clock.now()
            result = TraineeResultRow(
                session_id=row.id, trainee=loaded.ratings.trainee, source=source, file_name=loaded.name[:255],
                digest=loaded.digest, ratings_json=loaded.ratings.model_dump_json(), recorded_at=now,
                recorded_by=self._ctx.principal.user_id,
            )  # fmt: skip
            s.add(result)
            s.add(TrainingLogRow(staff=loaded.ratings.trainee, vignette_id=row.vignette_id, session_id=row.id,
                                 completed_at=loaded.ratings.completed_at or now))  # fmt: skip
            try:
                s.flush()
            except IntegrityError:
                raise UserInputError(_("{name}: resultatet finns redan").format(name=loaded.name)) from None
            self._ctx.audit(s, "training.result." + source, "training_result", str(result.id))
            change = Change(area="training", action="result_recorded", ids=(str(row.id), str(result.id)))
            return self._ctx.published(change)

    @staticmethod
    def _reference(row: TrainingSessionRow) -> LoadedRatings:
        raw = row.reference_json.encode("utf-8")
        return LoadedRatings(name="referens", digest=hashlib.sha256(raw).hexdigest(),
                             ratings=RatingsFile.model_validate(json.loads(raw)))  # fmt: skip

    def results(self, session_id: int, top: int = 5) -> SessionResults:
        """Each trainee against the reference, and the group statistics when there are two or more."""
        self._guard("training.manage")
        with self._ctx.session() as s:
            row = self._session_row(s, session_id)
            view = self._view(s, row)
            results = s.scalars(
                select(TraineeResultRow).where(TraineeResultRow.session_id == row.id).order_by(TraineeResultRow.id)
            ).all()
            if not results:
                raise UserInputError(_("Inga resultat i övningstillfället ännu."))
            loaded = [
                LoadedRatings(name=r.trainee, digest=r.digest, ratings=RatingsFile.model_validate_json(r.ratings_json))
                for r in results
            ]
            reference = self._reference(row)
        per, group = analyse(prepare([reference], loaded, self._defs()), top)
        return SessionResults(session=view, per_trainee=tuple(per), group=group)

    def report_pdf(self, session_id: int, trainee: str | None = None) -> bytes:
        """Trainer report (FIKTIVT watermark): one trainee, or the group when `trainee` is None."""
        from stodapp.training.report_pdf import group_report_pdf, trainee_report_pdf

        res = self.results(session_id)
        vignettes = [res.session.vignette_id]
        if trainee is not None:
            match = [t for t in res.per_trainee if t.trainee == trainee]
            if not match:
                raise NotFound(_("Deltagaren finns inte i övningstillfället."))
            return trainee_report_pdf(match[0], vignettes)
        if res.group is None:
            raise UserInputError(_("En grupprapport kräver minst två deltagare."))
        return group_report_pdf(res.group, vignettes)

    # ---- log ---------------------------------------------------------------------------------------------
    def log(self) -> list[LogEntry]:
        self._guard("training.manage")
        with self._ctx.session() as s:
            rows = s.scalars(select(TrainingLogRow).order_by(TrainingLogRow.completed_at, TrainingLogRow.id)).all()
            return [LogEntry.model_validate(r, from_attributes=True) for r in rows]

    def completions(self, start: datetime, end: datetime) -> int:
        """Number of distinct staff who completed at least one vignette in [start, end)."""
        self._guard("training.manage")
        with self._ctx.session() as s:
            q = select(func.count(func.distinct(TrainingLogRow.staff))).where(
                TrainingLogRow.completed_at >= start, TrainingLogRow.completed_at < end
            )
            return int(s.scalar(q) or 0)
