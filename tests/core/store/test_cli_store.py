"""The store commands: one clear line and a non-zero exit on bad input, nothing changed on disk."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from stodapp.cli import main
from tests.conftest import ADMIN_PASS


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _secret(tmp_path: Path, text: str, name: str = "pw") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") + b"\n")
    return str(path)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()
            if p.is_file() and p.suffix not in {".lock", ".json", ".tamper"}}


def test_init_demo_verify_doctor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    pw = _secret(tmp_path, ADMIN_PASS)
    code, out, _ = _run(capsys, "init", "--admin", "chef", "--data-dir", data, "--passphrase-file", pw, "--fast-kdf")
    assert code == 0 and "ÅTERSTÄLLNINGSNYCKEL" in out
    code, out, _ = _run(capsys, "demo", "--data-dir", data, "--passphrase-file", pw, "--cases", "25", "--seed", "3")
    assert code == 0 and json.loads(out)["cases"] == 25
    code, out, _ = _run(capsys, "audit", "verify", "--data-dir", data, "--passphrase-file", pw, "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    code, out, _ = _run(capsys, "doctor", "--data-dir", data, "--passphrase-file", pw, "--json")
    info = json.loads(out)
    assert code == 0 and info["integrity"] == "ok" and info["sqlcipher"].startswith("4.")
    assert info["key_slots"]["recovery_slot"] is True


@pytest.mark.parametrize(
    ("secret", "expect"),
    [("helt fel lösenfras här", "Fel användarnamn"), ('citat"\'; DROP TABLE users;--', "Fel användarnamn")],
)
def test_wrong_passphrase_one_line_nonzero(store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           secret: str, expect: str) -> None:
    before = _digest(store_dir)
    code, _, err = _run(capsys, "audit", "verify", "--data-dir", str(store_dir), "--user", "admin",
                        "--passphrase-file", _secret(tmp_path, secret))
    assert code != 0 and expect in err and len(err.strip().splitlines()) == 1
    assert _digest(store_dir) == before


def test_passphrase_with_nul_is_refused_at_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "init", "--admin", "chef", "--data-dir", str(tmp_path / "d"),
                        "--passphrase-file", _secret(tmp_path, "nul\x00i frasen här ok"), "--fast-kdf")
    assert code != 0 and "NUL" in err
    assert not (tmp_path / "d" / "stodapp.db").exists()


def test_corrupt_store_reports_and_keeps_file(store_dir: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = store_dir / "stodapp.db"
    db.write_bytes(db.read_bytes()[:5000])
    before = _digest(store_dir)
    code, _, err = _run(capsys, "doctor", "--data-dir", str(store_dir), "--user", "admin", "--passphrase-file",
                        _secret(tmp_path, ADMIN_PASS))
    assert code == 5 and "databasen kan inte läsas" in err
    assert _digest(store_dir) == before


def test_missing_store_and_missing_passphrase_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "audit", "verify", "--data-dir", str(tmp_path / "none"), "--passphrase-file", "x")
    assert code != 0 and "ingen databas" in err
    code, _, err = _run(capsys, "init", "--admin", "chef", "--data-dir", str(tmp_path / "d"),
                        "--passphrase-file", str(tmp_path / "no-such-file"))
    assert code == 2 and "kan inte läsa" in err


def test_bad_admin_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "init", "--admin", "Robert'); DROP", "--data-dir", str(tmp_path / "d"),
                        "--passphrase-file", _secret(tmp_path, ADMIN_PASS), "--fast-kdf")
    assert code == 2 and "användarnamn" in err
