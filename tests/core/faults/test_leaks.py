"""Leak checks with sentinels: no case text in logs (DEBUG), in exception messages, or in temp dirs during
PDF rendering, case export, subject-access export and backup."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from stodapp.backup import create_backup
from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.cases.tables import CaseRow
from stodapp.errors import StodError
from tests.core.backup.helpers import BACKUP_PASS, FAST

SENTINEL = "ZZSENTINEL-191212121212"


def _files_with_sentinel(folder: Path) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if SENTINEL.encode() in data or SENTINEL.encode("utf-16-le") in data:
                hits.append(path.name)
    return hits


def _scenario(open_core, tmp_path: Path, caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
              monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str], Path, Path, Path]:
    from stodapp.pdf.base import build_pdf, escape, styles
    from stodapp.retention.subject_access import subject_access_export, to_json

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    caplog.set_level(logging.DEBUG)  # every logger, SQLAlchemy's engine and pool included
    for name in ("sqlalchemy.engine", "sqlalchemy.pool", "sqlalchemy.orm"):
        logging.getLogger(name).setLevel(logging.DEBUG)

    anna = open_core("anna")
    cases = CaseService(anna.ctx)
    cid = int(cases.create_case().ids[0])
    pid = int(cases.persons.add(cid, PersonInput(role="stodsokande", given_name="Testa",
                                                 family_name="Fiktivsson", address=f"Gatan {SENTINEL}")).ids[0])
    cases.notes.add(cid, f"Berättar om {SENTINEL} i samtalet")
    cases.search(SENTINEL[:12])
    exported = cases.export_case(cid)
    assert SENTINEL in str(exported)  # the export itself holds it (in memory, for a path the user chose)
    access = to_json(subject_access_export(anna.ctx, pid))
    assert SENTINEL in access
    pdf = build_pdf([__import__("reportlab.platypus", fromlist=["Paragraph"]).Paragraph(
        escape(f"Anteckning {SENTINEL}"), styles()["body"])], title="Test")
    assert pdf.startswith(b"%PDF")
    create_backup(open_core("admin"), tmp_path / "backup", BACKUP_PASS, kdf=FAST)

    # an error while the sentinel is a bound parameter: the message must not carry it
    messages = []
    with pytest.raises(IntegrityError) as info, anna.ctx.session() as s:
        s.execute(insert(CaseRow).values(id=cid, case_no=SENTINEL, opened_month="2026-01", opened_at=None,
                                         last_entry_at=None, created_by=1))
    messages.append(str(info.value))
    with pytest.raises(StodError) as info2:
        cases.notes.add(987654, f"text {SENTINEL}")
    messages.append(str(info2.value))

    logged = "\n".join(r.getMessage() + " " + str(r.args) for r in caplog.records)
    assert caplog.records, "DEBUG logging produced nothing: the check would be empty"
    return logged, messages, temp, tmp_path / "backup", anna.files.data_dir


def test_no_case_text_in_logs_exceptions_or_temp(open_core, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 caplog: pytest.LogCaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from stodapp import log_guard

    log_guard.install()
    logged, messages, temp, backup, data = _scenario(open_core, tmp_path, caplog, monkeypatch)
    assert SENTINEL not in logged
    assert all(SENTINEL not in m for m in messages), messages
    assert _files_with_sentinel(temp) == []
    assert _files_with_sentinel(backup) == []
    assert _files_with_sentinel(data) == []


def test_without_the_guard_debug_logging_would_leak(open_core, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    caplog: pytest.LogCaptureFixture,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Proves the log check can fail: SQLAlchemy's DEBUG rows carry case text unless the guard drops them."""
    from stodapp import log_guard

    log_guard.uninstall()
    # Every new engine re-installs the guard (stodapp.store.engine.make_engine): keep it off for this control run.
    monkeypatch.setattr(log_guard, "install", lambda: None)
    try:
        logged, _m, _t, _b, _d = _scenario(open_core, tmp_path, caplog, monkeypatch)
    finally:
        monkeypatch.undo()
        log_guard.install()
    assert SENTINEL in logged
