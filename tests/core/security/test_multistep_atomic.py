"""Finding 6: a multi-step command (`stodapp demo`) is one transaction or says exactly what it saved.

The fault is a full disk half-way: the first demo filler (notes, asking events) runs after 200 cases and their persons are already
written in the transaction, and `PRAGMA max_page_count` pinned to the current size makes its writes fail with
SQLITE_FULL (as on a real full disk)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.errors import DiskError
from stodapp.store.tables import AuditRow, UserRow
from tests.conftest import ADMIN_PASS


def _fill_up_in_filler(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the first demo filler hit a full disk after everything before it was written; returns a call log."""
    import stodapp.cases.demo as fact_demo

    original = fact_demo.fill
    calls: list[int] = []

    def full_disk_fill(ctx: Any, seed: int) -> None:
        with ctx.db.session() as s:  # joins the demo's transaction: the cases are in it, uncommitted
            calls.append(int(s.scalar(select(func.count()).select_from(CaseRow)) or 0))
            raw = s.connection().connection.dbapi_connection  # (db.raw_connection() would end the transaction)
            pages = raw.execute("PRAGMA page_count").fetchone()[0]
            raw.execute(f"PRAGMA max_page_count = {pages}")
        original(ctx, seed)

    monkeypatch.setattr(fact_demo, "fill", full_disk_fill)
    return calls


def _state(core: Any) -> tuple[int, int, int, list[str]]:
    with core.ctx.session() as s:
        return (int(s.scalar(select(func.count()).select_from(CaseRow)) or 0),
                int(s.scalar(select(func.count()).select_from(PersonRow)) or 0),
                int(s.scalar(select(func.count()).select_from(AuditRow)) or 0),
                sorted(s.scalars(select(UserRow.username))))


def _unpin(core: Any) -> None:
    core.db.raw_connection().execute("PRAGMA max_page_count = 1073741823")


def test_full_disk_mid_demo_saves_no_cases_and_names_the_users_it_saved(open_core,  # type: ignore[no-untyped-def]
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    admin = open_core("admin")
    before = _state(admin)
    calls = _fill_up_in_filler(monkeypatch)
    with pytest.raises(DiskError) as err:
        admin.fill_demo(cases=200, seed=1, passphrase=ADMIN_PASS)
    assert calls == [200]  # the fault really struck after the cases were written
    _unpin(admin)
    cases, persons, _audit, users = _state(admin)
    assert (cases, persons) == before[:2] == (0, 0)
    saved = sorted(set(users) - set(before[3]))
    assert saved == ["arbetsledare", "handlaggare", "utbildare"]
    message = str(err.value)
    assert "inget har ändrats" not in message  # that would be false: three users were saved
    assert all(name in message for name in saved) and "inga demoärenden" in message


def test_full_disk_mid_demo_with_users_present_changes_nothing(open_core,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    admin = open_core("admin")
    admin.fill_demo(cases=0, seed=1, passphrase=ADMIN_PASS)  # demo users exist now
    before = _state(admin)
    head_before = admin.db.raw_connection().execute("SELECT max(id) FROM audit_log").fetchone()[0]
    calls = _fill_up_in_filler(monkeypatch)
    with pytest.raises(DiskError, match="disken är full: ändringen sparades inte, inget har ändrats"):
        admin.fill_demo(cases=200, seed=2, passphrase=ADMIN_PASS)
    assert calls == [200]
    _unpin(admin)
    after = _state(admin)
    # only the users.list read of the next call's own check differs; compare before that call
    assert after[:2] == before[:2] and after[3] == before[3]
    rows = admin.db.raw_connection().execute(
        "SELECT action FROM audit_log WHERE id > ? ORDER BY id", (head_before,)).fetchall()
    assert [r[0] for r in rows] == ["users.list"]  # the read that listed existing users; no demo.fill row
    monkeypatch.undo()
    assert admin.fill_demo(cases=5, seed=2, passphrase=ADMIN_PASS)["cases"] == 5  # usable afterwards


def test_cli_demo_on_fresh_dir_says_the_store_was_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from stodapp.cli import main

    secret = tmp_path / "pass"
    secret.write_text(ADMIN_PASS + "\n")
    _fill_up_in_filler(monkeypatch)
    data = tmp_path / "data"
    code = main(["demo", "--data-dir", str(data), "--passphrase-file", str(secret), "--fast-kdf"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and len(err) == 1 and err[0].startswith("stodapp: error:")
    assert "Databasen skapades ändå" in err[0] and "admin" in err[0] and "inga demoärenden" in err[0]
    assert "inget har ändrats" not in err[0]
