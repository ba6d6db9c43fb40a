"""B1–B4: key slots, recovery, rekey, passphrase policy; bad input changes nothing on disk."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from stodapp.auth import Role
from stodapp.core import Core
from stodapp.errors import (
    AccessDenied,
    AuthError,
    KeySlotError,
    PassphrasePolicyError,
    StoreExists,
    StoreLocked,
    UserInputError,
)
from stodapp.passphrase import check
from stodapp.store import keyslots as ks
from tests.conftest import ADMIN_PASS, USER_PASS


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and p.name not in {"stodapp.lock", "throttle.json", "throttle.tamper"}
    }


def test_wrong_passphrase_changes_nothing(store_dir: Path) -> None:
    before = _digest(store_dir)
    with pytest.raises(AuthError, match="Fel användarnamn eller lösenfras"):
        Core.unlock(store_dir, "anna", "helt fel fras som är lång")
    with pytest.raises(AuthError):
        Core.unlock(store_dir, "nobody", USER_PASS)
    assert _digest(store_dir) == before


def test_recovery_key_opens_and_wrong_one_does_not(store_dir: Path) -> None:
    recovery = (store_dir / "recovery.test").read_text()
    with pytest.raises(AuthError):
        Core.unlock(store_dir, "", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", recovery=True)
    core = Core.unlock(store_dir, "", recovery.lower().replace("-", " "), recovery=True)
    assert core.principal.role is Role.ADMIN
    core.close()


def test_edited_slot_file_is_refused(store_dir: Path) -> None:
    path = store_dir / "keyslots.json"
    doc = json.loads(path.read_text())
    doc["slots"][0]["kdf"]["iterations"] = 2  # a weaker-parameter edit must not verify
    path.write_text(json.dumps(doc))
    with pytest.raises(AuthError):
        Core.unlock(store_dir, "admin", ADMIN_PASS)
    path.write_text("{not json")
    with pytest.raises(KeySlotError, match="skadad"):
        Core.unlock(store_dir, "admin", ADMIN_PASS)


def test_passphrase_change_rewraps_only_that_slot(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    before = ks.load(store_dir / "keyslots.json")
    core = open_core("anna")
    core.users.change_own_passphrase(USER_PASS, "en helt ny fras för henne ÅÄÖ 🙂")
    core.close()
    after = ks.load(store_dir / "keyslots.json")
    changed = {s.slot_id for s in after.slots if s not in before.slots}
    assert changed == {f"user:{core.principal.user_id}"}
    assert after.slot(changed.pop()).public_key == before.slot(f"user:{core.principal.user_id}").public_key
    Core.unlock(store_dir, "anna", "en helt ny fras för henne ÅÄÖ 🙂").close()
    with pytest.raises(AuthError):
        Core.unlock(store_dir, "anna", USER_PASS)


def test_rekey_keeps_every_user_and_retires_old_key(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    from stodapp.store.database import Database

    core = open_core("admin")
    old = core._keyring.dek  # noqa: SLF001
    core.rekey()
    core.close()
    for name in ("anna", "bertil", "sara", "tove"):
        Core.unlock(store_dir, name, USER_PASS).close()
    from stodapp.errors import StoreCorrupt

    with pytest.raises(StoreCorrupt):
        Database(store_dir / "stodapp.db", old)
    recovery = (store_dir / "recovery.test").read_text()
    Core.unlock(store_dir, "", recovery, recovery=True).close()


@pytest.mark.parametrize(
    ("phrase", "ok"),
    [
        ("kort", False),
        ("elva tecken", False),
        ("tolv tecken!", True),
        ("password1234", False),
        ("Sommar2024!!", False),  # season + year: zxcvbn's estimate is far below the floor
        ("mitt stodapp-lösen", False),
        ("anna är bäst på allt", False),
        ("x" * 200, False),  # one repeated character, however long
        ("granen vid ån bar snö i april medan korpen räknade tåg " * 4, True),  # long (>72 characters) and strong
        ("citat \"och\" 'enkla' tecken", True),
        ("nul\x00tecken i frasen", False),
        ("日本語のパスフレーズです", True),
    ],
)
def test_passphrase_policy(phrase: str, ok: bool) -> None:
    if ok:
        check(phrase, "anna")
    else:
        with pytest.raises(PassphrasePolicyError):
            check(phrase, "anna")


def test_quotes_and_long_passphrase_round_trip(tmp_path: Path) -> None:
    phrase = "a\"b'c;--DROP TABLE x; " + "å" * 180
    core, _ = Core.initialize(tmp_path / "d", "admin", phrase, kdf=ks.KdfParams.for_tests())
    core.close()
    Core.unlock(tmp_path / "d", "admin", phrase).close()
    with pytest.raises(AuthError):
        Core.unlock(tmp_path / "d", "admin", phrase[:-1])


def test_init_refuses_existing_store_and_bad_passphrase(store_dir: Path, tmp_path: Path) -> None:
    before = _digest(store_dir)
    with pytest.raises(StoreExists):
        Core.initialize(store_dir, "admin", ADMIN_PASS, kdf=ks.KdfParams.for_tests())
    assert _digest(store_dir) == before
    with pytest.raises(PassphrasePolicyError):
        Core.initialize(tmp_path / "new", "admin", "kort", kdf=ks.KdfParams.for_tests())
    assert not (tmp_path / "new" / "stodapp.db").exists()


def test_read_only_data_dir_gives_clear_error(tmp_path: Path) -> None:
    import os

    from stodapp.errors import DiskError

    ro = tmp_path / "ro"
    ro.mkdir()
    os.chmod(ro, 0o500)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as a user that ignores permissions")
        with pytest.raises(DiskError, match="skrivskyddad"):
            Core.initialize(ro, "admin", ADMIN_PASS, kdf=ks.KdfParams.for_tests())
        assert list(ro.iterdir()) == []
    finally:
        os.chmod(ro, 0o700)


def test_second_instance_is_refused(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    core = open_core("anna")
    code = (
        "import sys; from stodapp.core import Core\n"
        "try:\n    Core.unlock(sys.argv[1], 'bertil', sys.argv[2])\n"
        "except Exception as e:\n    print(type(e).__name__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(store_dir), USER_PASS], capture_output=True, text=True, timeout=60
    )
    assert out.stdout.strip() == StoreLocked.__name__
    assert core.is_open


def test_disabled_user_cannot_unlock(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    admin.users.disable("bertil")
    with pytest.raises(AuthError):
        Core.unlock(store_dir, "bertil", USER_PASS)
    anna = open_core("anna")
    with pytest.raises(AccessDenied):
        anna.users.list()


def test_benchmarked_kdf_meets_floor() -> None:
    params = ks.benchmark(target_s=(0.05, 1.0), memory_kib=64 * 1024)
    assert params.memory_kib >= ks.MIN_MEMORY_KIB and params.iterations >= 3


def test_rekey_keeps_the_audit_chain_verifiable(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    core.audit_event("view", record_type="case", record_id="1")
    core.rekey()
    core.close()
    again = Core.unlock(store_dir, "admin", ADMIN_PASS)
    try:
        result = again.verify_audit()
    finally:
        again.close()
    assert result.ok, result


def test_zero_byte_database_is_not_reinitialised(store_dir: Path) -> None:
    from stodapp.errors import StoreCorrupt

    db = store_dir / "stodapp.db"
    db.write_bytes(b"")
    with pytest.raises(StoreCorrupt, match="tom"):
        Core.unlock(store_dir, "admin", ADMIN_PASS)
    assert db.stat().st_size == 0


def test_deleted_database_file_is_not_recreated(store_dir: Path) -> None:
    from stodapp.errors import StoreMissing

    (store_dir / "stodapp.db").unlink()
    with pytest.raises(StoreMissing):
        Core.unlock(store_dir, "admin", ADMIN_PASS)
    assert not (store_dir / "stodapp.db").exists()


def test_an_administrators_reset_makes_the_user_choose_her_own_passphrase(  # type: ignore[no-untyped-def]
        store_dir: Path, open_core) -> None:
    temporary = "tillfällig fras från admin 4711"
    anna = open_core("anna")
    assert anna.users.must_change_passphrase() is False
    anna.close()
    admin = open_core("admin")
    admin.users.reset_passphrase("anna", temporary)
    assert admin.users.must_change_passphrase() is False  # the flag is Anna's, not the administrator's
    admin.close()
    anna = Core.unlock(store_dir, "anna", temporary)
    assert anna.users.must_change_passphrase() is True
    with pytest.raises(UserInputError):  # choosing the same one again does not count as her own
        anna.users.change_own_passphrase(temporary, temporary)
    assert anna.users.must_change_passphrase() is True
    with pytest.raises(AuthError):  # a wrong current passphrase changes nothing
        anna.users.change_own_passphrase("inte den rätta frasen alls", "hennes egen nya fras 2031")
    assert anna.users.must_change_passphrase() is True
    anna.users.change_own_passphrase(temporary, "hennes egen nya fras 2031")
    assert anna.users.must_change_passphrase() is False
    anna.close()
    anna = Core.unlock(store_dir, "anna", "hennes egen nya fras 2031")
    assert anna.users.must_change_passphrase() is False
    anna.close()


def test_cli_tells_a_user_with_a_reset_passphrase_to_choose_her_own(  # type: ignore[no-untyped-def]
        store_dir: Path, open_core, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from stodapp.cli import main

    admin = open_core("admin")
    admin.users.reset_passphrase("anna", "tillfällig fras från admin 4711")
    admin.close()
    secret = tmp_path / "secret"
    secret.write_text("tillfällig fras från admin 4711\n", encoding="utf-8")
    assert main(["cases", "list", "--data-dir", str(store_dir), "--user", "anna", "--passphrase-file", str(secret)]) == 0
    assert "stodapp users passwd" in capsys.readouterr().err


def test_the_flag_is_read_in_the_sign_in_transaction_and_asking_costs_no_read(  # type: ignore[no-untyped-def]
        store_dir: Path, open_core) -> None:
    from sqlalchemy import event

    admin = open_core("admin")
    admin.users.reset_passphrase("anna", "tillfällig fras från admin 4711")
    admin.close()
    anna = Core.unlock(store_dir, "anna", "tillfällig fras från admin 4711")
    begun: list[int] = []
    assert anna.db is not None
    event.listen(anna.db.engine, "begin", lambda _c: begun.append(1))
    try:
        assert anna.users.must_change_passphrase() is True
        assert begun == []
    finally:
        anna.close()
