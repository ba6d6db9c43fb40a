"""The local SQLCipher store keeps the store contract (tests/core/store/store_contract.py)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.store import keyslots as ks
from stodapp.store.database import Database
from stodapp.store.interface import LocalStore
from stodapp.store.migrations import migrate
from stodapp.store.tables import StoreMeta
from tests.core.store.store_contract import check_store_contract


def _write(s: Session, value: str) -> None:
    s.add(StoreMeta(key=f"contract:{value}", value=value))
    s.flush()


def _read(s: Session) -> set[str]:
    return set(s.scalars(select(StoreMeta.value).where(StoreMeta.key.startswith("contract:"))))


def test_local_store_keeps_the_contract(tmp_path: Path) -> None:
    db = Database(tmp_path / "contract.db", ks.new_dek())
    migrate(db)
    assert isinstance(db, LocalStore)
    check_store_contract(db, _write, _read)


def test_purge_free_space_truncates_the_wal(tmp_path: Path) -> None:
    db = Database(tmp_path / "purge.db", ks.new_dek())
    try:
        migrate(db)
        with db.session() as s:
            _write(s, "x" * 5000)
        wal = tmp_path / "purge.db-wal"
        assert wal.exists() and wal.stat().st_size > 0
        assert db.purge_free_space() is True
        assert wal.stat().st_size == 0
    finally:
        db.close()
