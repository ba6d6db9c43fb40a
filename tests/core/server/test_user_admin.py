"""A server user's own passphrase change and an administrator disabling a user, on a real PostgreSQL: key slot and
database login change together or not at all; a disabled user's login, key slot and open session read nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from stodapp.cli import main
from stodapp.clock import FakeClock
from stodapp.errors import AccessDenied, AuthError, NotFound, UserInputError
from stodapp.server import user_admin
from stodapp.server.gui_core import ServerCore
from stodapp.server.session import ServerSession
from stodapp.store.keyslots import KdfParams

from .conftest import ADMIN_PASS, OWNER, USER_PASS, PgServer, make_unit

CLOCK = FakeClock()  # the tests' own now
FAST = KdfParams.for_tests()
NEW = "hennes alldeles egna nya fras om kantareller"


def _core(url: str, name: str, secret: str = USER_PASS) -> ServerCore:
    return ServerCore.connect(url, name, secret, clock=CLOCK, login_kdf=FAST)


def _audit(pg: PgServer, db: str, action: str) -> list[tuple[str, str]]:
    with pg.super_connect(db) as c:
        return [(str(r[0]), str(r[1])) for r in c.execute(
            "SELECT username, record_id FROM audit_log WHERE action = %s ORDER BY id", (action,)).fetchall()]


def test_her_own_change_moves_slot_and_login_together(pg_server: PgServer, pg_db: str) -> None:
    url = make_unit(pg_server, pg_db, CLOCK)
    anna = _core(url, "anna")
    try:
        with pytest.raises(AuthError):  # a wrong current passphrase changes nothing
            anna.users.change_own_passphrase("inte den rätta frasen alls här", NEW)
        with pytest.raises(UserInputError):
            anna.users.change_own_passphrase(USER_PASS, USER_PASS)
        anna.users.change_own_passphrase(USER_PASS, NEW)
        case_id = int(anna.cases.create_case().ids[0])  # the session goes on with the new login (a new engine)
        assert case_id > 0
    finally:
        anna.close()
    with pytest.raises(AuthError):
        _core(url, "anna")  # the old passphrase opens neither the login nor the slot
    _core(url, "anna", NEW).close()
    assert [u for u, _r in _audit(pg_server, pg_db, "users.passwd")] == ["anna"]


def test_a_failure_half_way_leaves_the_old_passphrase_working(pg_server: PgServer, pg_db: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    url = make_unit(pg_server, pg_db, CLOCK)
    anna = _core(url, "anna")

    def broken(*_a: object) -> str:  # after her slot was re-sealed in the transaction
        raise user_admin.StoreCorrupt("planted")

    monkeypatch.setattr(user_admin, "scram_verifier", broken)
    try:
        with pytest.raises(user_admin.StoreCorrupt):
            anna.users.change_own_passphrase(USER_PASS, NEW)
    finally:
        anna.close()
    _core(url, "anna").close()  # slot and login both still the old passphrase's
    with pytest.raises(AuthError):
        _core(url, "anna", NEW)
    assert _audit(pg_server, pg_db, "users.passwd") == []


def test_disable_ends_her_login_slot_and_open_session(pg_server: PgServer, pg_db: str) -> None:
    url = make_unit(pg_server, pg_db, CLOCK)
    bertil = ServerSession.open(url, "bertil", USER_PASS, clock=CLOCK, login_kdf=FAST)
    own = int(bertil.cases.create_case().ids[0])
    admin = _core(url, "admin", ADMIN_PASS)
    try:
        with pytest.raises(UserInputError):
            admin.disable_user(OWNER, pg_server.owner_password, "admin")  # not herself
        with pytest.raises(NotFound):
            admin.disable_user(OWNER, pg_server.owner_password, "ingen")
        done = admin.disable_user(OWNER, pg_server.owner_password, "bertil")
        assert done.disabled and done.username == "bertil"
        with pytest.raises(UserInputError):
            admin.disable_user(OWNER, pg_server.owner_password, "bertil")  # said once, not done twice
        assert [(u.username, u.disabled) for u in admin.list_users() if u.username == "bertil"] == [("bertil", True)]
    finally:
        admin.close()
    try:
        with pytest.raises(AccessDenied):  # her open session: the walls refuse a disabled user at once
            bertil.cases.open_case(own)
    finally:
        bertil.close()
    with pytest.raises(AuthError, match="inaktiverat"):
        ServerSession.open(url, "bertil", USER_PASS, clock=CLOCK, login_kdf=FAST)
    with pg_server.super_connect(pg_db) as c:
        slots = c.execute("SELECT count(*) FROM key_slots k JOIN users u ON u.id = k.user_id "
                          "WHERE u.username = 'bertil'").fetchone()
    assert slots == (0,)
    assert [u for u, _r in _audit(pg_server, pg_db, "users.disable")] == ["admin"]


def test_cli_disable_and_passwd(pg_server: PgServer, pg_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    from stodapp.server.connect import LOGIN_KDF

    monkeypatch.setenv("STODAPP_DATA_DIR", str(tmp_path / "profiles"))
    url = make_unit(pg_server, pg_db, CLOCK, login_kdf=LOGIN_KDF)
    files = {}
    for name, body in (("owner", pg_server.owner_password), ("admin", ADMIN_PASS), ("anna", USER_PASS)):
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(body + "\n", encoding="utf-8")
    sign_in = ["--server", url, "--user", "admin", "--passphrase-file", str(files["admin"])]
    capsys.readouterr()
    assert main(["server", "users", "disable", *sign_in, "--username", "sara", "--owner", OWNER,
                 "--owner-password-file", str(files["owner"])]) == 0
    assert "sara är inaktiverad" in capsys.readouterr().out
    assert main(["server", "users", "disable", *sign_in, "--username", "sara", "--owner", OWNER,
                 "--owner-password-file", str(files["owner"])]) != 0
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and err.count("\n") == 1 and "redan inaktiverad" in err
    anna = ["--server", url, "--user", "anna", "--passphrase-file", str(files["anna"])]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{NEW}\n{NEW}x\n"))
    assert main(["server", "users", "passwd", *anna]) != 0
    assert "matchar inte" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{NEW}\n{NEW}\n"))
    assert main(["server", "users", "passwd", *anna]) == 0, capsys.readouterr().err
    assert "lösenfras är bytt" in capsys.readouterr().out
    assert NEW not in capsys.readouterr().err
    ServerSession.open(url, "anna", NEW, clock=CLOCK).close()  # the real login KDF, as the CLI derived it


TEMPORARY = "tillfällig fras från administratören 4711"


def test_reset_gives_a_new_passphrase_she_must_replace(pg_server: PgServer, pg_db: str) -> None:
    url = make_unit(pg_server, pg_db, CLOCK)
    anna = _core(url, "anna")
    case_id = int(anna.cases.create_case().ids[0])
    assert anna.users.must_change_passphrase() is False
    anna.close()
    admin = _core(url, "admin", ADMIN_PASS)
    try:
        with pytest.raises(UserInputError):
            admin.reset_passphrase(OWNER, pg_server.owner_password, "admin", TEMPORARY, kdf=FAST)  # her own: passwd
        with pytest.raises(NotFound):
            admin.reset_passphrase(OWNER, pg_server.owner_password, "ingen", TEMPORARY, kdf=FAST)
        admin.reset_passphrase(OWNER, pg_server.owner_password, "anna", TEMPORARY, kdf=FAST)
    finally:
        admin.close()
    with pytest.raises(AuthError):
        _core(url, "anna")  # the forgotten one opens nothing any more
    anna = _core(url, "anna", TEMPORARY)
    try:
        assert anna.users.must_change_passphrase() is True
        assert anna.cases.open_case(case_id).id == case_id  # the same data key: her cases are there
        anna.users.change_own_passphrase(TEMPORARY, NEW)
        assert anna.users.must_change_passphrase() is False
    finally:
        anna.close()
    anna = _core(url, "anna", NEW)
    try:
        assert anna.users.must_change_passphrase() is False  # her own change deleted the row on the server
    finally:
        anna.close()
    assert [u for u, _r in _audit(pg_server, pg_db, "users.reset_passphrase")] == ["admin"]


def test_her_reset_row_is_hers_alone(pg_server: PgServer, pg_db: str) -> None:
    """Raw SQL as another caseworker's login role: she neither sees nor deletes Anna's reset row."""
    import psycopg

    from stodapp.server.connect import login_password, role_name

    url = make_unit(pg_server, pg_db, CLOCK)
    admin = _core(url, "admin", ADMIN_PASS)
    try:
        admin.reset_passphrase(OWNER, pg_server.owner_password, "anna", TEMPORARY, kdf=FAST)
    finally:
        admin.close()
    with psycopg.connect(host=pg_server.host, port=pg_server.port, dbname=pg_db, user=role_name(pg_db, "bertil"),
                         password=login_password(pg_db, "bertil", USER_PASS, FAST), autocommit=True) as c:
        assert c.execute("SELECT count(*) FROM passphrase_resets").fetchone() == (0,)
        c.execute("DELETE FROM passphrase_resets")
    with pg_server.super_connect(pg_db) as c:
        assert c.execute("SELECT count(*) FROM passphrase_resets").fetchone() == (1,)


def test_cli_reset_and_the_notice_at_her_next_command(pg_server: PgServer, pg_db: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from stodapp.server.connect import LOGIN_KDF

    url = make_unit(pg_server, pg_db, CLOCK, login_kdf=LOGIN_KDF)  # the CLI derives logins as a client does
    files = {}
    for name, body in (("owner", pg_server.owner_password), ("admin", ADMIN_PASS), ("temp", TEMPORARY)):
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(body + "\n", encoding="utf-8")
    reset = ["server", "users", "reset", "--server", url, "--user", "admin", "--passphrase-file", str(files["admin"]),
             "--username", "bertil", "--owner", OWNER, "--owner-password-file", str(files["owner"]), "--fast-kdf"]
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\nkort\n"))
    capsys.readouterr()
    assert main(reset) != 0
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and err.count("\n") == 1 and "12 tecken" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{TEMPORARY}\n{TEMPORARY}\n"))
    assert main(reset) == 0, capsys.readouterr().err
    assert "måste välja en egen" in capsys.readouterr().out
    assert main(["cases", "list", "--json", "--server", url, "--user", "bertil", "--passphrase-file",
                 str(files["temp"])]) == 0
    assert "server users passwd" in capsys.readouterr().err  # her next command tells her to choose her own
