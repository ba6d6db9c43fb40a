"""`stodapp server users add|list` on a real PostgreSQL: the new user's login role in her group role and her key
slot in one transaction, her passphrase twice on standard input (never argv); every refusal one line, nothing
written; she signs in afterwards and sees what a caseworker sees."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from stodapp.cli import main
from stodapp.server.connect import LOGIN_KDF

from .conftest import ADMIN_PASS, OWNER, USER_PASS, PgServer, make_unit

NEW_PASS = "hon har en alldeles egen lång fras med mandlar"


@pytest.fixture
def unit(pg_server: PgServer, pg_db: str, clock, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STODAPP_DATA_DIR", str(tmp_path / "profiles"))
    url = make_unit(pg_server, pg_db, clock, login_kdf=LOGIN_KDF)
    files = {}
    for name, body in (("owner", pg_server.owner_password), ("admin", ADMIN_PASS), ("anna", USER_PASS),
                       ("wrong", "inte rätt lösenord alls")):
        path = tmp_path / f"{name}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        files[name] = str(path)
    return url, files


def _add(url: str, files: dict[str, str], username: str = "eva", role: str = "handlaggare", *,
         user: str = "admin", owner: str = "owner") -> list[str]:
    return ["server", "users", "add", "--server", url, "--user", user, "--passphrase-file", files[user],
            "--username", username, "--role", role, "--owner", OWNER, "--owner-password-file", files[owner],
            "--fast-kdf"]


def _stdin(monkeypatch, text: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def _written(pg: PgServer, db: str) -> tuple[object, ...]:
    """What an add would write: users, key slots, login roles, users.add audit rows."""
    with pg.super_connect(db) as c:
        users = c.execute("SELECT username, role, db_role FROM users ORDER BY username").fetchall()
        slots = c.execute("SELECT count(*) FROM key_slots").fetchone()
        roles = c.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s ORDER BY rolname",
                          (db + "_%",)).fetchall()
        audits = c.execute("SELECT count(*) FROM audit_log WHERE action = 'users.add'").fetchone()
    return tuple(users), slots, tuple(roles), audits


def test_add_makes_her_login_role_group_membership_and_key_slot(unit, pg_server, pg_db, monkeypatch,
                                                                capsys) -> None:  # type: ignore[no-untyped-def]
    url, files = unit
    before = _written(pg_server, pg_db)
    _stdin(monkeypatch, f"{NEW_PASS}\n{NEW_PASS}\n")
    assert main([*_add(url, files, "Eva"), "--json"]) == 0, capsys.readouterr().err
    added = json.loads(capsys.readouterr().out)
    assert added["username"] == "eva" and added["role"] == "handlaggare" and not added["disabled"]
    assert added["db_role"] == f"{pg_db}_eva" and added["server"].startswith("127.0.0.1:")
    users, slots, roles, audits = _written(pg_server, pg_db)
    assert len(users) == len(before[0]) + 1 and slots == (before[1][0] + 1,)  # type: ignore[index]
    assert audits == (before[3][0] + 1,)  # type: ignore[index]
    with pg_server.super_connect(pg_db) as c:
        groups = c.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = %s", (f"{pg_db}_eva",)).fetchall()
        login = c.execute("SELECT rolcanlogin, rolsuper, rolcreaterole FROM pg_roles WHERE rolname = %s",
                          (f"{pg_db}_eva",)).fetchone()
    assert [g[0] for g in groups] == [f"{pg_db}_grp_handlaggare"] and login == (True, False, False)
    assert NEW_PASS not in capsys.readouterr().err
    # She signs in with her own passphrase (her login derives from it) and is a caseworker with no cases yet.
    from stodapp.core import Core

    core = Core.connect_server(url, "eva", NEW_PASS)
    try:
        assert core.principal.role.value == "handlaggare" and core.cases.list_cases().total == 0
    finally:
        core.close()
    assert main(["server", "users", "list", "--server", url, "--user", "admin", "--passphrase-file",
                 files["admin"], "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(u["username"], u["role"]) for u in listed] == [
        ("admin", "administrator"), ("anna", "handlaggare"), ("bertil", "handlaggare"), ("eva", "handlaggare"),
        ("sara", "arbetsledare")]
    assert main(["server", "users", "list", "--server", url, "--user", "admin", "--passphrase-file",
                 files["admin"]]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and lines[3].split() == ["eva", "handlaggare", "aktiv"]


def test_every_refusal_is_one_line_and_writes_nothing(unit, pg_server, pg_db, monkeypatch,
                                                      capsys) -> None:  # type: ignore[no-untyped-def]
    url, files = unit
    before = _written(pg_server, pg_db)
    cases = (
        (_add(url, files), f"{NEW_PASS}\n{NEW_PASS} men annorlunda\n", "matchar inte"),
        (_add(url, files), "", "två gånger"),
        (_add(url, files), "kort\nkort\n", "minst"),
        (_add(url, files, "eva blom"), f"{NEW_PASS}\n{NEW_PASS}\n", "Ogiltigt användarnamn"),
        (_add(url, files, "anna"), f"{NEW_PASS}\n{NEW_PASS}\n", "finns redan"),
        (_add(url, files, user="anna"), f"{NEW_PASS}\n{NEW_PASS}\n", "behörighet"),
        (_add(url, files, owner="wrong"), f"{NEW_PASS}\n{NEW_PASS}\n", "lösenord"),
        (_add(url, files, owner="anna"), f"{NEW_PASS}\n{NEW_PASS}\n", "lösenord"),
        (["server", "users", "add", "--server", "postgresql://db.kommun.example/enheten?sslmode=require",
          "--user", "admin", "--passphrase-file", files["admin"], "--username", "eva", "--role", "handlaggare",
          "--owner", OWNER], f"{NEW_PASS}\n{NEW_PASS}\n", "vägras"),
    )
    for argv, stdin, why in cases:
        _stdin(monkeypatch, stdin)
        capsys.readouterr()
        assert main(argv) != 0, why
        err = capsys.readouterr().err
        assert err.startswith("stodapp: error: ") and err.count("\n") == 1, err
        assert why in err, err
        assert NEW_PASS not in err and ADMIN_PASS not in err
        assert _written(pg_server, pg_db) == before, why


def test_the_new_passphrase_never_comes_from_the_command_line() -> None:
    from stodapp.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices["server"]  # type: ignore[union-attr]
    users = next(a for a in sub._actions if a.dest == "server_command").choices["users"]
    add = next(a for a in users._actions if a.dest == "server_users_command").choices["add"]
    options = {o for a in add._actions for o in a.option_strings}
    assert not {o for o in options if "pass" in o} - {"--passphrase-file", "--owner-password-file"}
    assert "--new-passphrase" not in options and "--new-passphrase-file" not in options
