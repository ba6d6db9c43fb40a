"""TrainingService in a separate encrypted training store; nothing from training reaches a case store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from stodapp.auth import Role
from stodapp.clock import FakeClock
from stodapp.core import Core
from stodapp.errors import AccessDenied, StoreError, UserInputError
from stodapp.store.keyslots import KdfParams
from stodapp.summary.facts import staff_trained
from stodapp.training.ratings import RatingsFile
from stodapp.training.service import TrainingService
from stodapp.training.tables import TraineeResultRow, TrainingLogRow, TrainingSessionRow
from stodapp.training.vignettes import Vignette

from .conftest import MakeTrainee

ADMIN = "en lång och hemlig fras för test"
USER = "ännu en hemlig fras för test"


class _Period:
    first, last = "2026-01", "2026-12"


@pytest.fixture
def training_dir(tmp_path: Path) -> Path:
    core, _key = Core.initialize(
        tmp_path / "training", "admin", ADMIN, kdf=KdfParams.for_tests(), store_kind="training"
    )
    core.users.add("tove", Role.TRAINER, USER)
    core.users.add("anna", Role.CASEWORKER, USER)
    core.close()
    return tmp_path / "training"


@pytest.fixture
def trainer(training_dir: Path) -> Iterator[Core]:
    # a leap-day evening: the UTC day (29 Feb) and the Swedish one (1 Mar) differ, and "a year back" has no 29 Feb
    core = Core.unlock(training_dir, "tove", USER, clock=FakeClock(datetime(2028, 2, 29, 22, 45, tzinfo=UTC)))
    yield core
    core.close()


def _bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def test_session_two_trainees_results_log_and_report(
    trainer: Core, vignette: Vignette, make_trainee: MakeTrainee, definitions: Any
) -> None:
    assert trainer.store_kind == "training" and trainer.db is not None
    svc = TrainingService(trainer.ctx, definitions)
    session_id = int(svc.start_session(vignette, mode="files").ids[0])
    svc.import_file(session_id, _bytes(make_trainee("d1", {(1, "answers", "strypgrepp"): "nej"})), "d1.json")
    svc.submit(session_id, RatingsFile.model_validate(make_trainee("d2")))
    res = svc.results(session_id)
    assert [t.trainee for t in res.per_trainee] == ["d1", "d2"] and res.group is not None
    assert res.per_trainee[1].answers.percent_agreement == 1.0
    assert [i.key.split("/")[-1] for i in res.group.discussion] == ["strypgrepp"]
    assert svc.report_pdf(session_id).startswith(b"%PDF")
    assert svc.report_pdf(session_id, trainee="d1").startswith(b"%PDF")
    log = svc.log()
    assert [(e.staff, e.vignette_id) for e in log] == [("d1", "barn-berattar"), ("d2", "barn-berattar")]
    now = trainer.clock.now()
    assert svc.completions(now - timedelta(days=366), now + timedelta(days=366)) == 2
    with trainer.db.session() as s:  # the supervisor summary's training metric counts the log
        counted = staff_trained(s, _Period())  # type: ignore[arg-type]
        month = s.execute(text("SELECT month FROM fact_training_completions")).scalars().all()
    assert month == [now.strftime("%Y-%m")] * 2
    if now.strftime("%Y") == "2026":
        assert counted is not None and counted[()] == 2
    svc.close_session(session_id)
    with pytest.raises(UserInputError, match="avslutat"):
        svc.submit(session_id, RatingsFile.model_validate(make_trainee("d3")))


def test_same_file_twice_wrong_vignette_and_version_are_refused(
    trainer: Core, vignette: Vignette, make_trainee: MakeTrainee, definitions: Any
) -> None:
    assert trainer.db is not None
    svc = TrainingService(trainer.ctx, definitions)
    session_id = int(svc.start_session(vignette).ids[0])
    raw = _bytes(make_trainee("d1"))
    svc.import_file(session_id, raw, "d1.json")
    with pytest.raises(UserInputError, match="kopia.json: filen är redan importerad"):
        svc.import_file(session_id, raw, "kopia.json")
    with pytest.raises(UserInputError, match="deltagaren 'd1' har redan ett resultat"):
        svc.import_file(session_id, _bytes(make_trainee("d1", {(1, "answers", "dodshot"): "nej"})), "d1b.json")
    other = make_trainee("d2")
    other["vignette"] = "man-utsatt"
    with pytest.raises(UserInputError, match="gäller fallbeskrivningen 'man-utsatt'"):
        svc.import_file(session_id, _bytes(other), "d2.json")
    old = make_trainee("d3")
    old["checklists"][0]["version"] = "0.9.0"
    with pytest.raises(UserInputError, match="har version 0.9.0, referensen har 1.1.1"):
        svc.import_file(session_id, _bytes(old), "d3.json")
    with pytest.raises(UserInputError, match="bedömningsfilen är tom"):
        svc.import_file(session_id, b"", "tom.json")
    with trainer.db.session() as s:  # bad input changed nothing
        assert s.scalar(select(func.count()).select_from(TraineeResultRow)) == 1
        assert s.scalar(select(func.count()).select_from(TrainingLogRow)) == 1


def test_roles(training_dir: Path, vignette: Vignette, definitions: Any) -> None:
    core = Core.unlock(training_dir, "anna", USER)
    try:
        with pytest.raises(AccessDenied):
            TrainingService(core.ctx, definitions).start_session(vignette)
        assert TrainingService(core.ctx, definitions).sessions() == []
    finally:
        core.close()


def test_training_never_touches_a_case_store(
    open_core: Any, trainer: Core, vignette: Vignette, make_trainee: MakeTrainee, definitions: Any
) -> None:
    # a session with results in the training store …
    svc = TrainingService(trainer.ctx, definitions)
    sid = int(svc.start_session(vignette).ids[0])
    svc.import_file(sid, _bytes(make_trainee("d1")), "d1.json")
    # … and the case store (another encrypted file) refuses every training call and holds no training rows
    case_core = open_core("tove")
    assert case_core.store_kind == "case" and case_core.files.db != trainer.files.db
    case_svc = TrainingService(case_core.ctx, definitions)
    for call in (
        lambda: case_svc.start_session(vignette),
        case_svc.sessions,
        case_svc.log,
        lambda: case_svc.import_file(1, _bytes(make_trainee("d9")), "d9.json"),
    ):
        with pytest.raises(StoreError, match="övningsdatabasen"):
            call()
    with case_core.db.session() as s:
        for table in (TrainingSessionRow, TraineeResultRow, TrainingLogRow):
            assert s.scalar(select(func.count()).select_from(table)) == 0
        counted = staff_trained(s, _Period())  # type: ignore[arg-type]
        assert counted is not None and counted[()] == 0
        actions = s.execute(text("SELECT action FROM audit_log")).scalars().all()
        assert not any(a.startswith("training.") for a in actions)
