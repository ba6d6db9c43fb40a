"""`stodapp retention …` through stodapp.cli.main: report, cull with confirmation, bad dates, export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from stodapp.cli import main
from tests.conftest import ADMIN_PASS, USER_PASS
from tests.core.retention.helpers import make_case


def _pw(tmp: Path, text: str) -> str:
    path = tmp / f"pw-{len(text)}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def test_report_cull_and_bad_date(open_core, store_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                  capsys: pytest.CaptureFixture[str]) -> None:
    anna = open_core("anna")
    make_case(anna, date(2015, 1, 1), marker="CLI")
    anna.close()
    base = ["--data-dir", str(store_dir), "--user", "admin", "--passphrase-file", _pw(tmp_path, ADMIN_PASS)]
    assert main(["retention", "report", *base, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["to_cull"] == 1 and report["overdue"] == 1
    assert main(["retention", "report", *base, "--on", "2026-02-30"]) == 2
    err = capsys.readouterr().err
    assert "ogiltigt datum" in err and err.count("\n") == 1
    assert main(["retention", "cull", *base, "--confirm", "5"]) == 2
    assert "kör rapporten igen" in capsys.readouterr().err
    assert main(["retention", "cull", *base, "--confirm", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["cases"] == 1


def test_export_to_file_never_overwrites(open_core, store_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from stodapp.cases.tables import PersonRow

    anna = open_core("anna")
    cid = make_case(anna, date(2025, 1, 1), marker="UTDRAG")
    with anna.ctx.session() as s:
        pid = s.query(PersonRow.id).filter(PersonRow.case_id == cid, PersonRow.role == "stodsokande").scalar()
    anna.close()
    base = ["--data-dir", str(store_dir), "--user", "anna", "--passphrase-file", _pw(tmp_path, USER_PASS)]
    out = tmp_path / "utdrag.txt"
    assert main(["retention", "export", *base, str(pid), "--out", str(out), "--format", "text"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "TestaUTDRAG" in text and "[maskerad]" in text and "Demo" not in text  # the other person is "Demo"
    assert main(["retention", "export", *base, str(pid), "--out", str(out)]) == 2
    assert "skrivs aldrig över" in capsys.readouterr().err
    assert main(["retention", "export", *base, "424242", "--out", str(tmp_path / "x.json")]) == 6
    assert "Personen finns inte" in capsys.readouterr().err and not (tmp_path / "x.json").exists()
