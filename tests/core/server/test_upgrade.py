"""`stodapp server upgrade` on a real PostgreSQL: a unit at schema 1 reaches the head with exactly the schema a
fresh `server init` makes; older connected clients refuse it (or, forced, are counted in the warning); every bad
input is one line and changes nothing; a failing migration leaves the old version whole."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from stodapp.cli import main
from stodapp.server import migrations
from stodapp.server import schema as t
from stodapp.server.meta import ServerSchemaError
from stodapp.server.provision import init_unit
from stodapp.server.store import ServerStore
from stodapp.store.keyslots import KdfParams

from .conftest import ADMIN_PASS, OWNER, PgServer

FAST = KdfParams.for_tests()


def _v1_unit(pg: PgServer, db: str, clock) -> str:  # type: ignore[no-untyped-def]
    url = pg.url(db)
    init_unit(url, OWNER, pg.owner_password, "admin", ADMIN_PASS, unit_name="Gamla enheten", kdf=FAST,
              login_kdf=FAST, clock=clock, schema_version=1)
    return url


@pytest.fixture
def owner_file(pg_server: PgServer, tmp_path: Path) -> str:
    path = tmp_path / "owner.txt"
    path.write_text(pg_server.owner_password + "\n")
    return str(path)


@pytest.fixture
def other_db(pg_server: PgServer) -> Iterator[str]:
    name = "t_" + secrets.token_hex(5)
    with pg_server.super_connect() as c:
        c.execute(f'CREATE DATABASE "{name}" OWNER {OWNER}')
    yield name
    with pg_server.super_connect() as c:
        c.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        for (role,) in c.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (name + "_%",)).fetchall():
            c.execute(f'DROP ROLE "{role}"')


def _state(pg: PgServer, db: str) -> tuple[object, ...]:
    """What an upgrade could change: the unit's facts, its tables and the migration history."""
    with pg.super_connect(db) as c:
        meta = c.execute("SELECT key, value FROM server_meta ORDER BY key").fetchall() \
            if c.execute("SELECT to_regclass('public.server_meta')").fetchone() != (None,) else []
        tables = c.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").fetchall()
        history = c.execute("SELECT version, name FROM schema_history ORDER BY 1").fetchall() \
            if ("schema_history",) in tables else []
    return tuple(meta), tuple(tables), tuple(history)


def _catalog(pg: PgServer, db: str) -> dict[str, list[tuple[object, ...]]]:
    """Columns, constraints, indexes, policies, grants and triggers, with the database name taken out of role names."""
    queries = {
        "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default "
                   "FROM information_schema.columns WHERE table_schema = 'public'",
        "constraints": "SELECT conrelid::regclass::text, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE connamespace = 'public'::regnamespace",
        "indexes": "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'",
        "policies": "SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies",
        "grants": "SELECT grantee, table_name, privilege_type FROM information_schema.role_table_grants "
                  "WHERE table_schema = 'public'",
        "column_grants": "SELECT grantee, table_name, column_name, privilege_type "
                         "FROM information_schema.column_privileges WHERE table_schema = 'public'",
        "triggers": "SELECT event_object_table, trigger_name, action_statement FROM information_schema.triggers",
        "rls": "SELECT relname, relrowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace "
               "AND relkind = 'r'",
    }
    with pg.super_connect(db) as c:
        return {k: sorted(tuple(str(v).replace(db, "DB") for v in row) for row in c.execute(q).fetchall())
                for k, q in queries.items()}


def _model_gaps(pg: PgServer, db: str) -> list[str]:
    """Where the database the migrations built differs from the schema module the code queries with."""
    from sqlalchemy import create_engine, inspect

    engine = create_engine("postgresql+psycopg://", creator=lambda: pg.super_connect(db))
    try:
        found = inspect(engine)
        gaps = sorted(set(t.metadata.tables) ^ set(found.get_table_names()))
        for name, table in t.metadata.tables.items():
            if name not in found.get_table_names():
                continue
            have = {c["name"]: (c["nullable"], type(c["type"]).__name__) for c in found.get_columns(name)}
            want = {c.name: (c.nullable, type(c.type.dialect_impl(engine.dialect)).__name__) for c in table.columns}
            gaps += [f"{name}.{col}: {have.get(col)} != {want.get(col)}" for col in sorted(set(have) | set(want))
                     if have.get(col, (None,))[0] != want.get(col, (None,))[0]]
            if set(found.get_pk_constraint(name)["constrained_columns"]) != {c.name for c in table.primary_key}:
                gaps.append(f"{name}: primary key")
    finally:
        engine.dispose()
    return gaps


def _upgrade(url: str, owner_file: str, *extra: str) -> int:
    return main(["server", "upgrade", "--server", url, "--owner", OWNER, "--owner-password-file", owner_file, *extra])


def test_schema_version_is_the_head_of_the_migration_set() -> None:
    assert t.SCHEMA_VERSION == migrations.head() == len(migrations.discover())


def test_upgrade_from_schema_1_matches_a_fresh_init_and_opens(pg_server: PgServer, pg_db: str, other_db: str,
                                                               owner_file: str, clock,  # type: ignore[no-untyped-def]
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    url = _v1_unit(pg_server, pg_db, clock)
    with pytest.raises(ServerSchemaError, match="server upgrade"):
        ServerStore.open(url, "admin", ADMIN_PASS, login_kdf=FAST)
    assert _upgrade(url, owner_file, "--json") == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["from_version"], out["to_version"], out["applied"]) == (1, t.SCHEMA_VERSION,
                                                                        list(range(2, t.SCHEMA_VERSION + 1)))
    assert out["older_clients"] == 0 and out["forced"] is False and out["unit_name"] == "Gamla enheten"
    store = ServerStore.open(url, "admin", ADMIN_PASS, login_kdf=FAST)
    try:
        assert store.verify_audit().ok
    finally:
        store.close()
    history = _state(pg_server, pg_db)[2]
    assert [v for v, _name in history] == list(range(1, t.SCHEMA_VERSION + 1))

    init_unit(pg_server.url(other_db), OWNER, pg_server.owner_password, "admin", ADMIN_PASS, kdf=FAST,
              login_kdf=FAST, clock=clock)
    assert _catalog(pg_server, pg_db) == _catalog(pg_server, other_db)  # upgraded == freshly made
    assert _model_gaps(pg_server, pg_db) == []  # == what stodapp.server.schema declares (no change w/o migration)
    assert [v for v, _name in _state(pg_server, other_db)[2]] == list(range(1, t.SCHEMA_VERSION + 1))

    before = _state(pg_server, pg_db)
    assert _upgrade(url, owner_file) == 0  # nothing left to do
    assert "redan version" in capsys.readouterr().out
    assert _state(pg_server, pg_db) == before


def test_older_clients_connected_refuse_the_upgrade_or_are_counted_when_forced(
        pg_server: PgServer, pg_db: str, owner_file: str, clock,  # type: ignore[no-untyped-def]
        capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    url = _v1_unit(pg_server, pg_db, clock)
    before = _state(pg_server, pg_db)

    def client(schema: int):  # type: ignore[no-untyped-def]
        """A connection as a stodapp client of that schema names itself (stodapp.server.store.application_name)."""
        from stodapp.server.connect import login_password, role_name

        return psycopg.connect(host=pg_server.host, port=pg_server.port, dbname=pg_db, user=role_name(pg_db, "admin"),
                               password=login_password(pg_db, "admin", ADMIN_PASS, FAST),
                               application_name=f"stodapp/0.0.1/schema{schema}")

    with client(1), client(1), client(t.SCHEMA_VERSION):
        assert _upgrade(url, owner_file) != 0
        err = capsys.readouterr().err
        assert err.startswith("stodapp: error: 2 äldre") and err.count("\n") == 1 and "--force" in err
        assert _state(pg_server, pg_db) == before
        assert _upgrade(url, owner_file, "--force", "--json") == 0
        captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["older_clients"] == 2 and report["forced"] is True and report["to_version"] == t.SCHEMA_VERSION
    assert captured.err.startswith("Varning: 2 äldre") and captured.err.count("\n") == 1


def test_bad_input_is_one_line_and_changes_nothing(pg_server: PgServer, pg_db: str, other_db: str,
                                                   owner_file: str, tmp_path: Path, clock,  # type: ignore[no-untyped-def]
                                                   monkeypatch, capsys: pytest.CaptureFixture[str]) -> None:
    url = _v1_unit(pg_server, pg_db, clock)
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("inte ägarens lösenord\n")
    super_file = tmp_path / "super.txt"
    super_file.write_text(pg_server.super_password + "\n")
    monkeypatch.setenv("STODAPP_DATA_DIR", str(tmp_path / "profiles"))
    profiles = tmp_path / "profiles" / "server-profiles.json"
    profiles.parent.mkdir()
    profiles.write_text(json.dumps({"annan": {"url": url, "user": "admin", "unit_id": "0" * 32}}))
    profiles.chmod(0o600)
    cases = [
        (["--server", f"postgresql://{OWNER}:x@127.0.0.1/{pg_db}", "--owner", OWNER], "lösenord"),
        (["--server", f"postgresql://10.9.8.7/{pg_db}?sslmode=require", "--owner", OWNER], "vägras"),
        (["--server", "ingen-sadan-profil", "--owner", OWNER], "profil"),
        (["--server", url, "--owner", OWNER, "--owner-password-file", str(wrong)], "nekade"),
        (["--server", pg_server.url(other_db), "--owner", OWNER, "--owner-password-file", owner_file],
         "server init"),
        (["--server", "annan", "--owner", OWNER, "--owner-password-file", owner_file], "annan enhet"),
        (["--server", url, "--owner", "stodapp_super", "--owner-password-file", str(super_file)], "ägarroll"),
    ]
    before, empty = _state(pg_server, pg_db), _state(pg_server, other_db)
    for argv, why in cases:
        assert main(["server", "upgrade", *argv]) != 0, why
        err = capsys.readouterr().err
        assert err.startswith("stodapp: error: ") and why in err and err.count("\n") == 1, (why, err)
        assert "inte ägarens" not in err
    with pg_server.super_connect(pg_db) as c:
        c.execute("UPDATE server_meta SET value = '99' WHERE key = 'schema_version'")
    assert _upgrade(url, owner_file) != 0
    err = capsys.readouterr().err
    assert "nyare" in err and "uppdatera stodapp" in err and err.count("\n") == 1
    assert _state(pg_server, pg_db)[1:] == before[1:] and _state(pg_server, other_db) == empty


def test_a_failing_migration_leaves_the_old_version_whole(pg_server: PgServer, pg_db: str, owner_file: str,
                                                          clock, monkeypatch,  # type: ignore[no-untyped-def]
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import text

    url = _v1_unit(pg_server, pg_db, clock)
    before = _state(pg_server, pg_db)
    real = migrations.discover()

    def broken(conn, database: str, owner: str) -> None:  # type: ignore[no-untyped-def]
        conn.execute(text("CREATE TABLE halvfardig (id integer)"))
        conn.execute(text("SELECT * FROM finns_inte"))

    failing = migrations.ServerMigration(len(real) + 1, "broken", broken)
    monkeypatch.setattr(migrations, "discover", lambda: [*real, failing])
    assert _upgrade(url, owner_file) != 0
    err = capsys.readouterr().err
    assert f"{failing.version:04d} (broken) misslyckades" in err and "version 1 är orörd" in err
    assert _state(pg_server, pg_db) == before  # migration 2 ran in the same transaction and is gone too


def test_per_case_policies_probe_the_assignment(pg_server: PgServer, pg_db: str, clock) -> None:  # type: ignore[no-untyped-def]
    """Schema 4: each row a per-case policy filters costs one assignment probe, not a hash of all assignments."""
    init_unit(pg_server.url(pg_db), OWNER, pg_server.owner_password, "admin", ADMIN_PASS, kdf=FAST,
              login_kdf=FAST, clock=clock)
    with pg_server.super_connect(pg_db) as c:
        quals = dict(c.execute("SELECT policyname, qual FROM pg_policies WHERE policyname = ANY(%s)",
                               (["persons_own", "person_terms_own", "case_forms_own", "notes_read"],)).fetchall())
    assert len(quals) == 4
    assert all(q == "stod_assigned(case_id)" for q in quals.values()), quals
