"""The case commands and `audit verify` with --server (a URL or a saved profile) and with --data-dir: the same
commands, the same output; secrets and case content from files only; every refusal one line, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stodapp.cli import main

from .conftest import ADMIN_PASS, USER_PASS, PgServer, make_unit

PERSON = {"role": "stodsokande", "given_name": "Zyxsentinelia", "family_name": "Öberg", "id_kind": "personnummer",
          "number": "19121212-1212"}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    out = {}
    for name, body in (("anna", USER_PASS), ("admin", ADMIN_PASS), ("note", "Samtal om fönsterbläckfisk.\nRad 2."),
                       ("person", json.dumps(PERSON)), ("bad_person", json.dumps({**PERSON, "role": "kung"}))):
        path = tmp_path / f"{name}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        out[name] = str(path)
    return out


@pytest.fixture(params=["local", "server"])
def where(request, tmp_path: Path, files, monkeypatch, clock):  # type: ignore[no-untyped-def]
    """Store arguments for anna and for admin on either backend."""
    monkeypatch.setenv("STODAPP_DATA_DIR", str(tmp_path / "profiles"))  # saved profiles live here
    if request.param == "local":
        data = str(request.getfixturevalue("store_dir"))
        return {"anna": ["--data-dir", data, "--user", "anna", "--passphrase-file", files["anna"]],
                "admin": ["--data-dir", data, "--user", "admin", "--passphrase-file", files["admin"]]}
    from stodapp.server.connect import LOGIN_KDF

    pg: PgServer = request.getfixturevalue("pg_server")
    url = make_unit(pg, request.getfixturevalue("pg_db"), clock, login_kdf=LOGIN_KDF)
    assert main(["server", "profile", "save", "enheten", "--url", url, "--user", "anna", "--passphrase-file",
                 files["anna"]]) == 0
    return {"anna": ["--server", "enheten", "--passphrase-file", files["anna"]],
            "admin": ["--server", url, "--user", "admin", "--passphrase-file", files["admin"]], "url": url}


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]):  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(argv) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _fails(capsys: pytest.CaptureFixture[str], argv: list[str], why: str) -> None:
    capsys.readouterr()
    assert main(argv) != 0
    captured = capsys.readouterr()
    assert captured.err.startswith("stodapp: error: ") and captured.err.count("\n") == 1, captured.err
    assert why in captured.err, captured.err
    assert "Zyx" not in captured.err and "fönster" not in captured.err


def test_case_commands_on_either_store(where, files, capsys) -> None:  # type: ignore[no-untyped-def]
    anna = where["anna"]
    case = _json(capsys, ["cases", "create", "--json", *anna])
    cid = str(case["id"])
    assert case["case_no"].startswith("VNR-")
    person = _json(capsys, ["cases", "add-person", cid, "--file", files["person"], "--json", *anna])
    note = _json(capsys, ["cases", "note", cid, "--file", files["note"], "--json", *anna])
    for query, matched in (("zyxsent", "namn"), ("ÖBERG zyx", "namn"), ("19121212-1212", "personnummer")):
        hits = _json(capsys, ["cases", "search", query, "--json", *anna])
        assert [(h["case_id"], h["matched"], h["person"]) for h in hits] == [
            (case["id"], matched, "Zyxsentinelia Öberg")], query
    shown = _json(capsys, ["cases", "show", cid, "--json", *anna])
    assert [p["id"] for p in shown["case"]["persons"]] == [person["person_id"]]
    assert [(n["id"], n["body"]) for n in shown["notes"]] == [(note["note_id"], "Samtal om fönsterbläckfisk.\nRad 2.")]
    listed = _json(capsys, ["cases", "list", "--json", *anna])
    assert listed["total"] == 1 and listed["rows"][0]["main_person"] == "Zyxsentinelia Öberg"
    verified = _json(capsys, ["audit", "verify", "--json", *where["admin"]])
    assert verified["ok"] and verified["count"] >= 8


def test_bad_input_is_one_line_and_writes_nothing(where, files, capsys) -> None:  # type: ignore[no-untyped-def]
    anna = where["anna"]
    cid = str(_json(capsys, ["cases", "create", "--json", *anna])["id"])
    _fails(capsys, ["cases", "add-person", cid, "--file", files["bad_person"], *anna], "role")
    _fails(capsys, ["cases", "note", cid, "--file", "/nonexistent/note.txt", *anna], "kan inte läsa")
    _fails(capsys, ["cases", "note", "999999", "--file", files["note"], *anna], "finns inte")
    _fails(capsys, ["cases", "search", "x", *anna], "minst två tecken")
    shown = _json(capsys, ["cases", "show", cid, "--json", *anna])
    assert shown["case"]["persons"] == [] and shown["notes"] == []


def test_server_refusals(where, files, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if "url" not in where:
        pytest.skip("server only")
    url = where["url"]
    anna = ["--passphrase-file", files["anna"]]
    _fails(capsys, ["cases", "list", "--server", "enheten", "--data-dir", str(tmp_path), *anna], "inte båda")
    _fails(capsys, ["cases", "list", "--server", "okänd", *anna], "profilnamn")
    _fails(capsys, ["cases", "list", "--server", "saknas", *anna], "ingen serverprofil")
    _fails(capsys, ["cases", "list", "--server", url, *anna], "--user")
    _fails(capsys, ["cases", "list", "--server", url.replace("://", "://anna:hemligt@"), "--user", "anna", *anna],
           "lösenord")
    _fails(capsys, ["cases", "list", "--server", url, "--user", "anna", "--passphrase-file", files["admin"]],
           "nekade")
    profiles = tmp_path / "profiles" / "server-profiles.json"
    data = json.loads(profiles.read_text())
    assert set(data["enheten"]) == {"url", "user", "unit_id"}  # never a secret
    assert (profiles.stat().st_mode & 0o777) == 0o600
    data["enheten"]["unit_id"] = "0" * 32  # the profile's database now belongs to another unit
    profiles.write_text(json.dumps(data))
    _fails(capsys, ["cases", "list", "--server", "enheten", *anna], "annan enhet")


def test_audit_verify_server_finds_an_edited_row(where, files, capsys, pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    if "url" not in where:
        pytest.skip("server only")
    _json(capsys, ["cases", "create", "--json", *where["anna"]])
    assert _json(capsys, ["audit", "verify", "--json", *where["admin"]])["ok"]
    with pg_server.super_connect(pg_db) as c:  # only someone who can drop the append-only trigger gets this far
        c.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_append_only")
        c.execute("UPDATE audit_log SET action = 'case.list' WHERE id = 3")
    capsys.readouterr()
    assert main(["audit", "verify", *where["admin"]]) == 1
    assert "bruten vid index 3" in capsys.readouterr().out


def test_every_command_sign_in_on_the_server_writes_one_login_row(where, files, capsys, pg_server,
                                                                   pg_db) -> None:  # type: ignore[no-untyped-def]
    if "url" not in where:
        pytest.skip("the local store's login rows are tested with its unlock")

    def logins() -> list[tuple[str, str]]:
        with pg_server.super_connect(pg_db) as c:
            return [(str(r[0]), str(r[1])) for r in c.execute(
                "SELECT username, action FROM audit_log WHERE action = 'login' ORDER BY id").fetchall()]

    before = logins()
    _json(capsys, ["cases", "list", "--json", *where["anna"]])
    assert _json(capsys, ["audit", "verify", "--json", *where["admin"]])["ok"]  # the chain holds the new rows
    assert logins() == [*before, ("anna", "login"), ("admin", "login")]
    _fails(capsys, ["cases", "list", "--server", where["url"], "--user", "anna", "--passphrase-file",
                    files["admin"]], "")
    assert logins() == [*before, ("anna", "login"), ("admin", "login")]  # a refused sign-in is no login
