"""When a client goes away in the middle of writing (real PostgreSQL): no acknowledged write is lost and the audit
chain stays valid; an unreachable server is one clear message and never a new local store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stodapp.cli import main

from .conftest import USER_PASS

pytestmark = pytest.mark.slow

_CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME", "DYLD_INSERT_LIBRARIES")}


def _notes(session, case_id: int) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[int]] = {}
    for note in session.cases.notes.list(case_id):
        found.setdefault(note.body, []).append(note.id)
    return found


_CHILD = """
import json, sys
from stodapp.server.session import ServerSession
from stodapp.store.keyslots import KdfParams
url, user, secret, case_id = json.loads(sys.argv[1])
session = ServerSession.open(url, user, secret, login_kdf=KdfParams.for_tests())
i = 0
while True:
    change = session.cases.notes.add(case_id, f"Barnprocess {i}")
    print(change.ids[1], f"Barnprocess {i}", flush=True)
    i += 1
"""


def test_kill_9_of_a_writing_client_loses_no_acknowledged_write(server_unit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    anna, admin = server_unit("anna"), server_unit("admin")
    case_id = int(anna.cases.create_case().ids[0])
    child = subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps([server_unit.url, "anna", USER_PASS, case_id])],
                             stdout=subprocess.PIPE, text=True)
    acked: dict[str, int] = {}
    assert child.stdout is not None
    for line in child.stdout:
        note_id, body = line.rstrip("\n").split(" ", 1)
        acked[body] = int(note_id)
        if len(acked) == 15:
            child.kill()  # SIGKILL, likely in the middle of its next write
            break
    child.wait(30)
    found = _notes(anna, case_id)
    assert all(found.get(body) == [nid] for body, nid in acked.items())  # every acknowledged write, once
    assert set(found) - set(acked) <= {f"Barnprocess {len(acked)}"}  # at most the cut-off one, committed whole
    assert admin.verify_audit().ok


def test_unreachable_server_is_one_message_and_no_local_store(tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    secret = tmp_path / "pass.txt"
    secret.write_text(USER_PASS + "\n")
    monkeypatch.setenv("STODAPP_DATA_DIR", str(tmp_path / "data"))
    assert main(["cases", "list", "--server", f"postgresql://127.0.0.1:{port}/enheten?connect_timeout=3",
                 "--user", "anna", "--passphrase-file", str(secret)]) != 0
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and err.count("\n") == 1 and "svarar inte" in err
    assert not (tmp_path / "data").exists()  # never a silent new local store
