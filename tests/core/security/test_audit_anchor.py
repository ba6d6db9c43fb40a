"""Finding 1: with the data key, dropping the trigger and deleting the tail (or every row) is reported as a shorter
or restarted chain against the anchor sealed into keyslots.json, with the last known head."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from stodapp.cli import main
from stodapp.store import keyslots as ks
from tests.conftest import ADMIN_PASS


def _fill(core, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        core.audit_event("view", record_type="case", record_id=str(i))


def _delete(core, where: str) -> None:  # type: ignore[no-untyped-def]
    with core.ctx.session() as s:
        s.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        s.execute(text(f"DELETE FROM audit_log {where}"))


def test_anchor_is_sealed_in_the_key_file_and_moves_forward(open_core, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    _fill(core, 5)
    core.close()
    first = ks.load(store_dir / "keyslots.json").audit_anchor
    assert first is not None and first.count >= 6
    core = open_core("admin")
    assert core.verify_audit().ok
    core.close()
    later = ks.load(store_dir / "keyslots.json").audit_anchor
    assert later is not None and later.count > first.count


def test_deleting_the_tail_is_reported_as_shorter(open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    _fill(core, 20)
    core.close()
    core = open_core("admin")
    with core.ctx.session() as s:
        known = int(s.execute(text("SELECT max(id) FROM audit_log")).scalar() or 0)
    _delete(core, "WHERE id > 10")
    result = core.verify_audit()
    assert not result.ok and result.anchor_problem == "shorter"
    assert result.known_count == known and result.known_head and result.known_head in result.anchor_message


def test_wiping_the_log_is_reported_even_after_new_logins(open_core, store_dir: Path,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    core = open_core("admin")
    _fill(core, 10)
    core.close()
    core = open_core("admin")
    _delete(core, "")
    core.close()
    anchor = ks.load(store_dir / "keyslots.json").audit_anchor
    assert anchor is not None and anchor.count > 10  # the wipe did not move the anchor back
    core = open_core("admin")
    result = core.verify_audit()
    assert not result.ok and result.anchor_problem == "shorter" and result.known_head == anchor.head
    _fill(core, anchor.count + 5)  # the fresh chain grows past the old length: now it is a restart
    core.close()
    pw = tmp_path / "pw"
    pw.write_text(ADMIN_PASS + "\n", encoding="utf-8")
    base = ["--data-dir", str(store_dir), "--user", "admin", "--passphrase-file", str(pw)]
    assert main(["audit", "verify", *base]) == 1
    out = capsys.readouterr().out
    assert "börjat om" in out and anchor.head in out
    assert main(["doctor", *base, "--json"]) == 1
    info = json.loads(capsys.readouterr().out)
    assert info["audit_chain"]["anchor_problem"] == "restarted"
    assert ks.load(store_dir / "keyslots.json").audit_anchor == anchor  # still the last known head


def test_an_edited_anchor_is_reported(open_core, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    core.close()
    path = store_dir / "keyslots.json"
    slots = ks.load(path)
    assert slots.audit_anchor is not None
    forged = slots.audit_anchor.model_copy(update={"count": 1})
    ks.save(path, slots.model_copy(update={"audit_anchor": forged}))
    core = open_core("admin")
    result = core.verify_audit()
    assert not result.ok and result.anchor_problem == "forged"
