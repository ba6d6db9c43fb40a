"""Finding 3: under a permissive umask (022) every file and folder the app creates is 0600/0700 (POSIX)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stodapp.cli import main
from tests.conftest import ADMIN_PASS, USER_PASS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows inherits the profile ACL")


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _pw(tmp_path: Path, text: str, name: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def _assert_private_tree(root: Path) -> None:
    bad = []
    for path in [root, *root.rglob("*")]:
        want = 0o700 if path.is_dir() else 0o600
        if _mode(path) & 0o077:
            bad.append(f"{path.relative_to(root.parent)} {oct(_mode(path))}")
        elif path.is_dir() and _mode(path) != want:
            bad.append(f"{path.relative_to(root.parent)} {oct(_mode(path))}")
    assert not bad, bad


def test_store_backup_and_exports_are_private(tmp_path: Path, loose_umask: None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    pw = _pw(tmp_path, ADMIN_PASS, "pw")
    base = ["--data-dir", str(data), "--passphrase-file", pw]
    assert main(["init", "--admin", "chef", *base, "--fast-kdf"]) == 0
    assert main(["demo", *base, "--cases", "5", "--seed", "2"]) == 0
    assert (data / "stodapp.db").exists() and (data / "default-user.txt").exists()
    assert main(["users", "add", "sara", "--role", "arbetsledare", *base,
                 "--new-passphrase-file", _pw(tmp_path, USER_PASS, "pw2")]) == 0
    out = tmp_path / "backups" / "b1"
    assert main(["backup", "create", *base, "--backup-passphrase-file", _pw(tmp_path, "en annan lång fras för kopian",
                 "bpw"), "--out", str(out)]) == 0
    capsys.readouterr()
    sup = ["--data-dir", str(data), "--user", "sara", "--passphrase-file", str(tmp_path / "pw2")]
    review = tmp_path / "granskning.pdf"
    assert main(["audit", "review", *sup, "--from", "2020-01", "--to", "2020-12", "--out", str(review)]) == 0
    summary = tmp_path / "sammanstallning.pdf"
    assert main(["summary", *sup, "--from", "2020-01", "--to", "2020-12", "--out", str(summary)]) == 0
    handout = tmp_path / "handout.pdf"
    assert main(["referrals", "handout", "kvinnofridslinjen", "--out", str(handout)]) == 0
    _assert_private_tree(data)
    _assert_private_tree(out)
    for f in (review, summary, handout):
        assert _mode(f) == 0o600, (f.name, oct(_mode(f)))
    # -wal/-shm copy the main file's mode; check them while a connection holds the store open
    from stodapp.core import Core

    core = Core.unlock(data, "chef", ADMIN_PASS)
    try:
        for suffix in ("-wal", "-shm"):
            side = data / f"stodapp.db{suffix}"
            if side.exists():
                assert _mode(side) == 0o600
    finally:
        core.close()


def test_audit_review_out_refuses_to_overwrite_without_force(tmp_path: Path, open_core,  # type: ignore[no-untyped-def]
                                                             store_dir: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 8: `audit review --out` refuses an existing file like `concerns pdf` (and --force overwrites)."""
    target = tmp_path / "r.pdf"
    target.write_bytes(b"keep me")
    sup = ["--data-dir", str(store_dir), "--user", "sara", "--passphrase-file", _pw(tmp_path, USER_PASS, "s")]
    assert main(["audit", "review", *sup, "--from", "2020-01", "--to", "2020-12", "--out", str(target)]) == 2
    assert "finns redan" in capsys.readouterr().err and target.read_bytes() == b"keep me"
    assert main(["audit", "review", *sup, "--from", "2020-01", "--to", "2020-12", "--out", str(target),
                 "--force"]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_restrict_umask_sets_077() -> None:
    from stodapp.store.files import restrict_umask

    old = os.umask(0o022)
    try:
        restrict_umask()
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(old)
