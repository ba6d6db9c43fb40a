"""`stodapp server init` on a real PostgreSQL: secrets from files only, one-line errors, the unit opens after."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stodapp.cli import main
from stodapp.server.store import ServerStore

from .conftest import OWNER, PgServer

ADMIN_PASS = "en lång och hemlig fras för cli-test"


def _files(tmp_path: Path, pg: PgServer) -> tuple[str, str]:
    owner = tmp_path / "owner.txt"
    owner.write_text(pg.owner_password + "\n")
    admin = tmp_path / "admin.txt"
    admin.write_text(ADMIN_PASS + "\n")
    return str(owner), str(admin)


def test_server_init_then_open(pg_server: PgServer, pg_db: str, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    owner_file, admin_file = _files(tmp_path, pg_server)
    url = pg_server.url(pg_db)
    argv = ["server", "init", "--url", url, "--owner", OWNER, "--owner-password-file", owner_file,
            "--admin", "admin", "--passphrase-file", admin_file, "--unit-name", "Testenheten", "--fast-kdf", "--json"]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["unit_id"]) == 32 and out["admin"] == "admin"
    store = ServerStore.open(url, "admin", ADMIN_PASS)
    try:
        assert store.verify_audit().ok
    finally:
        store.close()
    assert main(argv) != 0  # a second init never overwrites
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and err.count("\n") == 1


def test_server_init_refusals_are_one_line(pg_server: PgServer, pg_db: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    owner_file, admin_file = _files(tmp_path, pg_server)
    base = ["--owner", OWNER, "--owner-password-file", owner_file, "--admin", "admin", "--passphrase-file",
            admin_file, "--fast-kdf"]
    for url, why in ((f"postgresql://db.kommun.example/{pg_db}?sslmode=require", "vägras"),
                     (f"postgresql://{OWNER}:x@127.0.0.1/{pg_db}", "lösenord")):
        assert main(["server", "init", "--url", url, *base]) != 0
        err = capsys.readouterr().err
        assert err.startswith("stodapp: error: ") and why in err and err.count("\n") == 1
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("inte rätt lösenord\n")
    bad = ["--owner", OWNER, "--owner-password-file", str(wrong), "--admin", "admin", "--passphrase-file",
           admin_file, "--fast-kdf"]
    assert main(["server", "init", "--url", pg_server.url(pg_db), *bad]) != 0
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and "nekade" in err and "inte rätt" not in err
