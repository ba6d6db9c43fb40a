"""Migrations stay what they were: frozen DDL only, and every upgrade path ends at the models' schema.

Each migration module carries its own Core `Table` definitions (and SQLite-only statements behind
`_sqlite.sqlite_only`); none imports a live model. A store built at every earlier version and upgraded to the head
has exactly the tables, columns, types, nullability, keys, indexes and unique constraints the models declare, and
the same triggers, views and virtual tables as a store built from nothing.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection

import stodapp
from stodapp.store import keyslots as ks
from stodapp.store import migrations as mig
from stodapp.store.base import Base
from stodapp.store.database import Database

MIGRATIONS_DIR = Path(mig.__file__).parent
ALLOWED_IMPORTS = ("__future__", "sqlalchemy", "stodapp.errors", "stodapp.store.migrations._sqlite")
SKIP_MODULES = ("stodapp.__main__", "stodapp.hardening_windows")


def _migration_files() -> list[Path]:
    return sorted(p for p in MIGRATIONS_DIR.glob("m[0-9][0-9][0-9][0-9]_*.py"))


@pytest.mark.parametrize("path", _migration_files(), ids=lambda p: p.stem)
def test_migration_imports_no_live_model(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            imported.append(node.module or "")
    bad = [m for m in imported if not any(m == a or m.startswith(a + ".") for a in ALLOWED_IMPORTS)]
    assert bad == [], f"{path.name} imports {bad}: copy the tables it creates into the migration instead"
    assert "create_all" not in path.read_text(encoding="utf-8") or "METADATA.create_all" in path.read_text(
        encoding="utf-8"
    )
    assert "Base.metadata" not in path.read_text(encoding="utf-8")


def _import_all_models() -> None:
    for info in pkgutil.walk_packages(stodapp.__path__, "stodapp."):
        if info.name in SKIP_MODULES or info.name.startswith("stodapp.store.migrations"):
            continue
        importlib.import_module(info.name)


def _tables_schema(conn: Connection, names: set[str]) -> dict[str, Any]:
    insp = inspect(conn)
    out: dict[str, Any] = {}
    for name in sorted(names):
        if not insp.has_table(name):
            out[name] = "missing"
            continue
        pk = insp.get_pk_constraint(name)
        out[name] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(name)],
            "pk": (pk.get("name"), tuple(pk["constrained_columns"])),
            "fks": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]),
                 (f.get("options") or {}).get("ondelete"))
                for f in insp.get_foreign_keys(name)
            ),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(name)),
            "unique": sorted((u["name"], tuple(u["column_names"])) for u in insp.get_unique_constraints(name)),
        }
    return out


def _sqlite_objects(conn: Connection) -> dict[str, str]:
    """Triggers, views and tables outside the models (FTS5 and its shadow tables) with their SQL."""
    rows = conn.execute(text("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    return {f"{t}:{n}": s for t, n, s in rows if t in ("trigger", "view") or n not in Base.metadata.tables}


@pytest.fixture(scope="module")
def reference() -> tuple[dict[str, Any], dict[str, str]]:
    """The schema the models declare (rendered by SQLite) and the SQLite-only objects of a fresh head store."""
    _import_all_models()
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        models = _tables_schema(conn, set(Base.metadata.tables))
    engine.dispose()
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        for m in mig.discover():
            m.upgrade(conn)
        extras = _sqlite_objects(conn)
    engine.dispose()
    return models, extras


START_VERSIONS = [0, *(m.version for m in mig.discover()[:-1])]


@pytest.mark.parametrize("start", START_VERSIONS, ids=[f"from_v{v}" for v in START_VERSIONS])
def test_every_upgrade_path_ends_at_the_models_schema(
    tmp_path: Path, start: int, reference: tuple[dict[str, Any], dict[str, str]]
) -> None:
    models, extras = reference
    db = Database(tmp_path / "m.db", ks.new_dek(), check_integrity=False)
    try:
        if start:
            mig.migrate(db, target=start)
        mig.migrate(db)
        with db.engine.connect() as conn:
            assert mig.current_version(conn) == mig.head()
            have = _tables_schema(conn, set(models))
            assert have == models
            assert _sqlite_objects(conn) == extras
            assert {"trigger:audit_log_no_update", "trigger:case_notes_no_update", "table:case_notes_fts",
                    "table:persons_names_fts", "view:fact_concerns"} <= set(extras)
    finally:
        db.close()


def test_sqlite_only_statements_refuse_another_dialect() -> None:
    from sqlalchemy.dialects import postgresql

    from stodapp.errors import MigrationError
    from stodapp.store.migrations._sqlite import sqlite_only

    class FakeConn:
        dialect = postgresql.dialect()

        def execute(self, *_a: object) -> None:
            raise AssertionError("must not run")

    with pytest.raises(MigrationError, match="postgresql"):
        sqlite_only(FakeConn(), ["CREATE TRIGGER x"], "0001 test")  # type: ignore[arg-type]
