"""A hypothesis state machine over create / edit / note / lock / unlock / backup / restore (security.md F5).

Invariants after every step: SQLite + cipher integrity, an unbroken audit chain, and case / note counts equal to a
simple model. A restore switches to the restored store, whose counts must equal the model saved with that backup.
Each example starts from a copy of one template store (creating a store per example would dominate the runtime).
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import func, select

from stodapp import audit
from stodapp.auth import Role
from stodapp.backup import create_backup
from stodapp.cases.service import CaseService
from stodapp.cases.tables import CaseRow
from stodapp.core import Core
from stodapp.errors import UserInputError
from stodapp.store.keyslots import KdfParams
from tests.conftest import ADMIN_PASS, USER_PASS
from tests.core.backup.helpers import BACKUP_PASS

FAST = KdfParams.for_tests()
_TEMPLATE: list[Path] = []


def _template() -> Path:
    if not _TEMPLATE:
        root = Path(tempfile.mkdtemp(prefix="stodapp-sm-template-"))
        admin, _key = Core.initialize(root / "data", "admin", ADMIN_PASS, kdf=FAST)
        admin.users.add("anna", Role.CASEWORKER, USER_PASS)
        admin.close()
        _TEMPLATE.append(root / "data")
    return _TEMPLATE[0]


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="stodapp-sm-"))
        self.data = self.root / "store0"
        shutil.copytree(_template(), self.data)
        self.anna: Core | None = Core.unlock(self.data, "anna", USER_PASS)
        self.cases = 0
        self.notes = 0
        self.case_ids: list[int] = []
        self.backups: list[tuple[Path, int, int, list[int]]] = []
        self.stores = 0

    def teardown(self) -> None:
        if self.anna is not None:
            self.anna.close()
        shutil.rmtree(self.root, ignore_errors=True)

    # ---- rules ---------------------------------------------------------------------------------------------
    @precondition(lambda self: self.anna is not None)
    @rule()
    def create_case(self) -> None:
        assert self.anna is not None
        self.case_ids.append(int(CaseService(self.anna.ctx).create_case().ids[0]))
        self.cases += 1

    @precondition(lambda self: self.anna is not None and self.case_ids)
    @rule(pick=st.integers(min_value=0), body=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
    def add_note(self, pick: int, body: str) -> None:
        assert self.anna is not None
        notes = CaseService(self.anna.ctx).notes
        if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" or c in "\u2028\u2029" for c in body):
            with pytest.raises(UserInputError):  # control characters (NUL …) are refused, nothing is saved
                notes.add(self.case_ids[pick % len(self.case_ids)], body)
            return
        notes.add(self.case_ids[pick % len(self.case_ids)], body)
        self.notes += 1

    @precondition(lambda self: self.anna is not None and self.case_ids)
    @rule(pick=st.integers(min_value=0), status=st.sampled_from(["open", "closed"]))
    def edit_status(self, pick: int, status: str) -> None:
        assert self.anna is not None
        CaseService(self.anna.ctx).set_status(self.case_ids[pick % len(self.case_ids)], status)

    @precondition(lambda self: self.anna is not None)
    @rule()
    def lock(self) -> None:
        assert self.anna is not None
        self.anna.lock()
        self.anna = None

    @precondition(lambda self: self.anna is None)
    @rule()
    def unlock(self) -> None:
        self.anna = Core.unlock(self.data, "anna", USER_PASS)

    @rule()
    def backup(self) -> None:
        admin = Core.unlock(self.data, "admin", ADMIN_PASS)
        try:
            out = self.root / f"backup{len(self.backups)}"
            create_backup(admin, out, BACKUP_PASS, kdf=FAST)
        finally:
            admin.close()
        self.backups.append((out, self.cases, self.notes, list(self.case_ids)))

    @precondition(lambda self: self.backups)
    @rule(pick=st.integers(min_value=0))
    def restore(self, pick: int) -> None:
        out, cases, notes, ids = self.backups[pick % len(self.backups)]
        if self.anna is not None:
            self.anna.close()
            self.anna = None
        self.stores += 1
        target = self.root / f"store{self.stores}"
        admin, _recovery = Core.restore_and_open(out, BACKUP_PASS, target, "admin", ADMIN_PASS, kdf=FAST)
        try:
            admin.users.reset_passphrase("anna", USER_PASS)  # other users need a reset after a restore
        finally:
            admin.close()
        self.data = target
        self.cases, self.notes, self.case_ids = cases, notes, list(ids)
        self.anna = Core.unlock(self.data, "anna", USER_PASS)

    # ---- invariants ----------------------------------------------------------------------------------------
    @invariant()
    def consistent(self) -> None:
        if self.anna is None:
            return
        db = self.anna.ctx.db
        assert db.integrity() == []
        with db.session() as s:
            assert audit.verify(s, db.audit_key).ok
            assert s.scalar(select(func.count()).select_from(CaseRow)) == self.cases
            from sqlalchemy import text

            assert s.execute(text("SELECT count(*) FROM case_notes")).scalar() == self.notes


StoreMachine.TestCase.settings = settings(max_examples=6, stateful_step_count=10, deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
TestStoreMachine = StoreMachine.TestCase
