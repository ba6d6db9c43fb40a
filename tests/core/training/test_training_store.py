"""The training store: a separate encrypted file under <case dir>/training/, opened by the trainer; nothing
from training reaches the case store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from stodapp.auth import Role
from stodapp.core import Core
from stodapp.errors import AuthError, StoreError, StoreExists, StoreMissing, UserInputError
from stodapp.store.keyslots import KdfParams
from stodapp.training.tables import TrainingLogRow, TrainingSessionRow
from stodapp.training.vignettes import Vignette
from stodapp.training_store import (
    ADMIN_NAME,
    create_training_store,
    open_training_store,
    training_dir,
    training_store_exists,
)

PASS = "övningens egen långa lösenfras"
FAST = KdfParams.for_tests()


def test_create_open_and_separate_file(store_dir: Path, open_core, vignette: Vignette) -> None:  # type: ignore[no-untyped-def]
    case = open_core("tove")
    assert not training_store_exists(store_dir)
    trainer, recovery = create_training_store(store_dir, "tove", PASS, kdf=FAST)
    try:
        assert recovery and training_store_exists(store_dir)
        assert trainer.store_kind == "training" and trainer.principal.role is Role.TRAINER
        assert trainer.files.db.parent == training_dir(store_dir) != case.files.db.parent
        assert trainer.files.db.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted
        change = trainer.training.start_session(vignette)
        session_id = int(change.ids[0])
        assert trainer.training.session(session_id).vignette_id == vignette.id
    finally:
        trainer.close()
    # the case store has no training rows and its own training service refuses
    assert case.db is not None
    with case.db.session() as s:
        assert s.scalar(select(func.count()).select_from(TrainingSessionRow)) == 0
        assert s.scalar(select(func.count()).select_from(TrainingLogRow)) == 0
    with pytest.raises(StoreError):
        case.training.sessions()
    again = open_training_store(store_dir, "tove", PASS)
    try:
        assert [v.id for v in again.training.sessions()] == [session_id]
    finally:
        again.close()


def test_admin_account_and_wrong_passphrase(store_dir: Path) -> None:
    trainer, _key = create_training_store(store_dir, "tove", PASS, kdf=FAST)
    trainer.close()
    admin = Core.unlock(training_dir(store_dir), ADMIN_NAME, PASS)
    try:
        assert {(u.username, u.role) for u in admin.users.list()} == {(ADMIN_NAME, Role.ADMIN), ("tove", Role.TRAINER)}
    finally:
        admin.close()
    with pytest.raises(AuthError):
        open_training_store(store_dir, "tove", "fel fras helt och hållet")


def test_bad_input_refused(store_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreMissing):
        open_training_store(store_dir, "tove", PASS)
    with pytest.raises(UserInputError):
        create_training_store(store_dir, ADMIN_NAME, PASS, kdf=FAST)
    with pytest.raises(UserInputError):
        create_training_store(store_dir, "Ogiltig Namn!", PASS, kdf=FAST)
    assert not training_store_exists(store_dir)
    trainer, _key = create_training_store(store_dir, "tove", PASS, kdf=FAST)
    trainer.close()
    with pytest.raises(StoreExists):
        create_training_store(store_dir, "tove", PASS, kdf=FAST)


def test_case_store_in_training_folder_refused(tmp_path: Path) -> None:
    core, _key = Core.initialize(tmp_path / "training", "admin", PASS, kdf=FAST)  # a case store, wrong place
    core.close()
    with pytest.raises(StoreError):
        open_training_store(tmp_path, "admin", PASS)
