"""`stodapp backup …` end to end through stodapp.cli.main (secrets from files, one-line errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stodapp.cli import main
from tests.conftest import ADMIN_PASS
from tests.core.backup.helpers import BACKUP_PASS, NEW_ADMIN_PASS, secret_file


def test_create_verify_restore_via_cli(store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    admin_pw = secret_file(tmp_path, ADMIN_PASS)
    backup_pw = secret_file(tmp_path, BACKUP_PASS)
    out = tmp_path / "b"
    assert main(["backup", "create", "--data-dir", str(store_dir), "--user", "admin", "--passphrase-file",
                 str(admin_pw), "--backup-passphrase-file", str(backup_pw), "--out", str(out), "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert "wrapped_dek" not in created and created["row_counts"]["users"] == 5

    assert main(["backup", "verify", str(out), "--backup-passphrase-file", str(backup_pw), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["audit_head"] == created["audit_head"]

    new_pw = secret_file(tmp_path, NEW_ADMIN_PASS)
    target = tmp_path / "restored"
    assert main(["backup", "restore", str(out), "--data-dir", str(target), "--user", "admin", "--passphrase-file",
                 str(new_pw), "--backup-passphrase-file", str(backup_pw)]) == 0
    text = capsys.readouterr().out
    assert "återställningsnyckel" in text.lower()
    assert (target / "stodapp.db").exists()

    # restoring again into the now non-empty folder: one clear line, non-zero exit, nothing changed
    before = sorted(p.name for p in target.iterdir())
    code = main(["backup", "restore", str(out), "--data-dir", str(target), "--user", "admin", "--passphrase-file",
                 str(new_pw), "--backup-passphrase-file", str(backup_pw)])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("stodapp: error:") and "inte tom" in err and err.count("\n") == 1
    assert sorted(p.name for p in target.iterdir()) == before


def test_verify_with_wrong_passphrase_is_one_line(store_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    admin_pw = secret_file(tmp_path, ADMIN_PASS)
    out = tmp_path / "b"
    assert main(["backup", "create", "--data-dir", str(store_dir), "--passphrase-file", str(admin_pw),
                 "--backup-passphrase-file", str(secret_file(tmp_path, BACKUP_PASS)), "--out", str(out)]) == 0
    capsys.readouterr()
    code = main(["backup", "verify", str(out), "--backup-passphrase-file",
                 str(secret_file(tmp_path, "en annan lång fras här"))])
    err = capsys.readouterr().err
    assert code == 3 and "annan nyckel" in err and err.count("\n") == 1
