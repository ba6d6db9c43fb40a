"""Finding 2: every append-only table refuses raw UPDATE and DELETE (migration 0012); culling may still delete."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from stodapp.store import keyslots as ks
from stodapp.store import migrations as mig
from stodapp.store.database import Database
from stodapp.store.migrations.m0012_append_only import APPEND_ONLY

TABLES = ["audit_log", *APPEND_ONLY]


def _value(type_name: str) -> object:
    t = type_name.upper()
    if "INT" in t or "BOOL" in t:
        return 1
    if "DATE" in t or "TIME" in t:
        return "2026-01-01 00:00:00"
    return "{}"


def _insert_one(db: Database, table: str) -> None:
    raw = db.raw_connection()
    cur = raw.cursor()
    cur.execute("PRAGMA foreign_keys = OFF")
    cols = cur.execute(f'PRAGMA table_info("{table}")').fetchall()
    names = [c[1] for c in cols if c[1] != "id"]
    values = [_value(c[2]) for c in cols if c[1] != "id"]
    cur.execute(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})', values)
    raw.commit()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    path: Path = tmp_path_factory.mktemp("ao") / "ao.db"
    database = Database(path, ks.new_dek(), check_integrity=False)
    mig.migrate(database)
    for table in ["cases", *TABLES]:
        _insert_one(database, table)
    return database


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("statement", ["UPDATE {t} SET id = id", "DELETE FROM {t}"])
def test_raw_update_and_delete_are_refused(db: Database, table: str, statement: str) -> None:
    with pytest.raises(Exception, match="append-only"):
        with db.engine.begin() as c:
            c.execute(text(statement.format(t=table)))
    with db.engine.connect() as c:
        assert c.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 1


def test_a_cull_permit_lets_retention_delete_and_is_gone_after(db: Database) -> None:
    from sqlalchemy.orm import Session

    from stodapp.retention.cull import delete_cases

    with Session(db.engine) as s, s.begin():
        delete_cases(s, [1])
    with db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM cull_permit")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM case_notes")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1
