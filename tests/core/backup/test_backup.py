"""Backup create / verify / restore: round trip, wrong key, tampering, truncation, non-empty target, rotation."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from stodapp.backup import create_backup, verify_backup
from stodapp.backup.manifest import DB_FILE, MANIFEST_FILE
from stodapp.core import Core
from stodapp.errors import AccessDenied, AuthError, StoreCorrupt, StoreExists, UserInputError
from tests.conftest import ADMIN_PASS, USER_PASS
from tests.core.backup.helpers import BACKUP_PASS, FAST, NEW_ADMIN_PASS, SENTINEL, add_cases


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One store with 3 cases and one backup of it, made once per module (store creation fsyncs a lot)."""
    from stodapp.auth import Role

    root = tmp_path_factory.mktemp("made")
    admin, _key = Core.initialize(root / "data", "admin", ADMIN_PASS, kdf=FAST)
    admin.users.add("anna", Role.CASEWORKER, USER_PASS)
    anna = Core.unlock(root / "data", "anna", USER_PASS)
    add_cases(anna, 3)
    anna.close()
    create_backup(admin, root / "backup", BACKUP_PASS, kdf=FAST)
    admin.close()
    return root / "data", root / "backup"


@pytest.fixture
def backup_dir(made: tuple[Path, Path], tmp_path: Path) -> Path:
    """A private copy of the module's backup folder (tests tamper with it)."""
    out = tmp_path / "backup"
    shutil.copytree(made[1], out)
    return out


def _snapshot(core) -> tuple[dict[str, int], int, str]:  # type: ignore[no-untyped-def]
    from stodapp.backup import facts

    db, _dek = core.backup_key_material()
    with db._lock:  # noqa: SLF001
        cur = db.raw_connection().cursor()
        counts = facts.row_counts(cur)
        count, head = facts.audit_head(cur)
    return counts, count, head


def test_create_writes_encrypted_copy_and_content_free_manifest(backup_dir: Path, made: tuple[Path, Path]) -> None:
    assert sorted(p.name for p in backup_dir.iterdir()) == [MANIFEST_FILE, DB_FILE]
    raw = (backup_dir / DB_FILE).read_bytes()
    assert SENTINEL.encode() not in raw and b"Fiktivsson" not in raw
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backup_dir / DB_FILE).execute("select * from sqlite_master").fetchall()
    manifest = json.loads((backup_dir / MANIFEST_FILE).read_text())
    assert manifest["row_counts"]["cases"] == 3 and manifest["row_counts"]["case_notes"] == 3
    assert manifest["kdf"]["algorithm"] == "argon2id" and len(manifest["salt"]) == 32
    assert SENTINEL not in json.dumps(manifest) and "Fiktivsson" not in json.dumps(manifest)
    # the store audits the backup (id only)

    admin = Core.unlock(made[0], "admin", ADMIN_PASS)
    try:
        events = [e for e in _events(admin) if e[0] == "backup.create"]
    finally:
        admin.close()
    assert events and events[-1][1] == manifest["backup_id"]


def _mac_at(core, row_id: int) -> str:  # type: ignore[no-untyped-def]
    from stodapp.store.tables import AuditRow

    with core.ctx.session() as s:
        return str(s.get(AuditRow, row_id).mac)


def _events(core) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from stodapp.store.tables import AuditRow

    with core.ctx.session() as s:
        return [(a, r) for a, r in s.execute(select(AuditRow.action, AuditRow.record_id).order_by(AuditRow.id))]


def test_verify_reports_counts_and_audit_head(backup_dir: Path) -> None:
    report = verify_backup(backup_dir, BACKUP_PASS)
    manifest = json.loads((backup_dir / MANIFEST_FILE).read_text())
    assert report.ok and report.audit_head == manifest["audit_head"] and report.audit_count == manifest["audit_count"]
    assert report.rows == sum(manifest["row_counts"].values())
    assert sorted(p.name for p in backup_dir.iterdir()) == [MANIFEST_FILE, DB_FILE]  # verify wrote nothing


def test_round_trip_restores_identical_store(open_core, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_cases(open_core("anna"), 4)
    admin = open_core("admin")
    before = _snapshot(admin)
    create_backup(admin, tmp_path / "b", BACKUP_PASS, kdf=FAST)
    core, recovery = Core.restore_and_open(tmp_path / "b", BACKUP_PASS, tmp_path / "restored", "admin", NEW_ADMIN_PASS,
                                    kdf=FAST)
    try:
        counts, count, head = _snapshot(core)
        assert {k: v for k, v in counts.items() if k != "audit_log"} == {
            k: v for k, v in before[0].items() if k != "audit_log"}
        assert _mac_at(core, before[1]) == before[2]  # the backup's audit head is the restored chain's prefix
        # the restored chain continues from the backup's head and still verifies under the original key
        chain = core.verify_audit()
        assert chain.ok and chain.count >= before[1] + 1
        assert len(recovery.replace("-", "")) == 32
        assert core.doctor()["integrity"] == "ok"
        from stodapp.backup import facts

        _db, new_dek = core.backup_key_material()
        with _db._lock:  # noqa: SLF001
            own_secret = facts.audit_secret(_db.raw_connection().cursor()) is not None
        # a store keeping its audit secret inside is restored under a NEW data key; an older one keeps its key
        assert (new_dek != admin.backup_key_material()[1]) is own_secret
        manifest = json.loads((tmp_path / "b" / MANIFEST_FILE).read_text())
        assert (manifest["wrapped_dek"] == "") is own_secret  # the live data key never travels when not needed
    finally:
        core.close()

    Core.unlock(tmp_path / "restored", "admin", recovery, recovery=True).close()
    with pytest.raises(AuthError):  # other users need a reset by the administrator
        Core.unlock(tmp_path / "restored", "anna", "ännu en hemlig fras för test")


def test_wrong_secret_is_refused(backup_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(AuthError, match="annan nyckel"):
        verify_backup(backup_dir, "en helt annan fras för kopian")
    with pytest.raises(AuthError):
        Core.restore_and_open(backup_dir, "en helt annan fras för kopian", tmp_path / "new", "admin", NEW_ADMIN_PASS)
    assert not (tmp_path / "new").exists()


def test_backup_made_with_another_store_key(open_core, tmp_path: Path, backup_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """A manifest from another store's backup beside this copy: its key does not open the copy."""
    other = tmp_path / "other"
    create_backup(open_core("admin"), other, BACKUP_PASS, kdf=FAST)
    (backup_dir / MANIFEST_FILE).write_bytes((other / MANIFEST_FILE).read_bytes())
    with pytest.raises(StoreCorrupt):
        verify_backup(backup_dir, BACKUP_PASS)


@pytest.mark.parametrize("cut", [1, 4096, 100])
def test_truncated_copy_is_refused(backup_dir: Path, tmp_path: Path, cut: int) -> None:
    path = backup_dir / DB_FILE
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - cut])
    with pytest.raises(StoreCorrupt, match="avkortad"):
        verify_backup(backup_dir, BACKUP_PASS)
    with pytest.raises(StoreCorrupt):
        Core.restore_and_open(backup_dir, BACKUP_PASS, tmp_path / "new", "admin", NEW_ADMIN_PASS)
    assert not (tmp_path / "new").exists()


def test_tampered_copy_is_refused(backup_dir: Path) -> None:
    path = backup_dir / DB_FILE
    data = bytearray(path.read_bytes())
    data[5000] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt, match="ändrats"):
        verify_backup(backup_dir, BACKUP_PASS)


def test_tampered_copy_with_matching_manifest_hash_fails_integrity(backup_dir: Path) -> None:
    """Even if an attacker fixes up the hash in the manifest, the MAC and then the page HMACs refuse it."""
    import hashlib

    path = backup_dir / DB_FILE
    data = bytearray(path.read_bytes())
    data[9000] ^= 0x40
    path.write_bytes(bytes(data))
    manifest = json.loads((backup_dir / MANIFEST_FILE).read_text())
    manifest["db_sha256"] = hashlib.sha256(bytes(data)).hexdigest()
    (backup_dir / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(StoreCorrupt, match="manifest har ändrats"):
        verify_backup(backup_dir, BACKUP_PASS)


@pytest.mark.parametrize("field,value", [("audit_count", 1), ("row_counts", {"cases": 99}), ("schema_version", 999)])
def test_edited_manifest_is_refused(backup_dir: Path, field: str, value: object) -> None:
    manifest = json.loads((backup_dir / MANIFEST_FILE).read_text())
    manifest[field] = value
    (backup_dir / MANIFEST_FILE).write_text(json.dumps(manifest))
    with pytest.raises(StoreCorrupt, match="manifest"):
        verify_backup(backup_dir, BACKUP_PASS)


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": 1}', "x" * 10])
def test_garbage_manifest_is_refused(backup_dir: Path, text: str) -> None:
    (backup_dir / MANIFEST_FILE).write_text(text)
    with pytest.raises(StoreCorrupt, match="manifest"):
        verify_backup(backup_dir, BACKUP_PASS)


def test_missing_manifest_or_folder(backup_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="finns inte"):
        verify_backup(tmp_path / "nowhere", BACKUP_PASS)
    (backup_dir / MANIFEST_FILE).unlink()
    with pytest.raises(StoreCorrupt, match="saknar manifest"):
        verify_backup(backup_dir, BACKUP_PASS)


def test_restore_refuses_non_empty_target_and_existing_store(backup_dir: Path, made: tuple[Path, Path],
                                                             tmp_path: Path) -> None:
    store_dir = made[0]
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "note.txt").write_text("keep me")
    with pytest.raises(StoreExists, match="inte tom"):
        Core.restore_and_open(backup_dir, BACKUP_PASS, busy, "admin", NEW_ADMIN_PASS)
    assert [p.name for p in busy.iterdir()] == ["note.txt"]
    before = {p.name: p.stat().st_mtime_ns for p in store_dir.iterdir()}
    with pytest.raises(StoreExists):
        Core.restore_and_open(backup_dir, BACKUP_PASS, store_dir, "admin", NEW_ADMIN_PASS)
    assert {p.name: p.stat().st_mtime_ns for p in store_dir.iterdir()} == before


def test_restore_into_existing_empty_dir_and_unknown_admin(backup_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UserInputError, match="administratör"):
        Core.restore_and_open(backup_dir, BACKUP_PASS, empty, "anna", NEW_ADMIN_PASS)
    assert list(empty.iterdir()) == []
    core, _key = Core.restore_and_open(backup_dir, BACKUP_PASS, empty, "admin", NEW_ADMIN_PASS, kdf=FAST)
    core.close()
    assert (empty / "stodapp.db").is_file() and (empty / "keyslots.json").is_file()


def test_only_administrators_back_up(open_core, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("anna", "sara", "tove"):
        with pytest.raises(AccessDenied):
            create_backup(open_core(name), tmp_path / name, BACKUP_PASS, kdf=FAST)
        assert not (tmp_path / name).exists()


def test_create_refuses_non_empty_out_and_weak_passphrase(open_core, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stodapp.errors import PassphrasePolicyError

    admin = open_core("admin")
    out = tmp_path / "out"
    out.mkdir()
    (out / "x").write_text("x")
    with pytest.raises(UserInputError, match="inte tom"):
        create_backup(admin, out, BACKUP_PASS, kdf=FAST)
    with pytest.raises(PassphrasePolicyError):
        create_backup(admin, tmp_path / "weak", "kort", kdf=FAST)
    assert not (tmp_path / "weak").exists() and [p.name for p in out.iterdir()] == ["x"]


def test_recovery_key_as_backup_secret(open_core, store_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    recovery = (store_dir / "recovery.test").read_text()
    with pytest.raises(AuthError):
        create_backup(admin, tmp_path / "bad", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", secret_kind="recovery",
                      kdf=FAST)
    assert not (tmp_path / "bad").exists()
    manifest = create_backup(admin, tmp_path / "rk", recovery.lower(), secret_kind="recovery", kdf=FAST)
    assert manifest.secret_kind == "recovery"
    assert verify_backup(tmp_path / "rk", recovery).ok


def _legacy_store(data: Path) -> None:
    """A store as made before the audit secret existed: its audit chain is keyed by HKDF of the data key."""
    from stodapp import audit
    from stodapp.auth import Role
    from stodapp.clock import SystemClock
    from stodapp.store import keyslots as ks
    from stodapp.store.database import Database, derive_subkey
    from stodapp.store.keyring import KeyRing
    from stodapp.store.layout import StoreFiles
    from stodapp.store.migrations import migrate
    from stodapp.store.tables import StoreMeta, UserRow
    from stodapp.throttle import Throttle

    data.mkdir(parents=True)
    files = StoreFiles(data)
    dek, slots = ks.new_dek(), ks.new_file()
    db = Database(files.db, dek, check_integrity=False)
    migrate(db)
    now = SystemClock().now()
    with db.session() as s:
        s.add(StoreMeta(key="kind", value="case"))
        admin = UserRow(username="admin", display_name="", role=Role.ADMIN.value, disabled=False, created_at=now)
        s.add(admin)
        s.flush()
        audit.append(s, key=derive_subkey(dek, b"audit"), at=now, user_id=admin.id, username="admin",
                     role=Role.ADMIN.value, action="store.init")
        admin_id = admin.id
    db.close()
    KeyRing(files, slots, dek, FAST).add_user(admin_id, "admin", ADMIN_PASS)
    Throttle(data, bytes.fromhex(slots.throttle_mac_key), SystemClock()).reset_file()


def test_legacy_store_keeps_its_data_key_through_restore(tmp_path: Path) -> None:
    """An older store (audit chain keyed by the data key) carries that key wrapped, and restores under it."""
    from stodapp.backup import facts

    _legacy_store(tmp_path / "legacy")
    admin = Core.unlock(tmp_path / "legacy", "admin", ADMIN_PASS)
    try:
        db, dek = admin.backup_key_material()
        with db._lock:  # noqa: SLF001
            assert facts.audit_secret(db.raw_connection().cursor()) is None
        assert admin.verify_audit().ok
        manifest = create_backup(admin, tmp_path / "b", BACKUP_PASS, kdf=FAST)
    finally:
        admin.close()
    assert manifest.wrapped_dek != ""
    assert verify_backup(tmp_path / "b", BACKUP_PASS).ok
    core, _key = Core.restore_and_open(tmp_path / "b", BACKUP_PASS, tmp_path / "new", "admin", NEW_ADMIN_PASS, kdf=FAST)
    try:
        assert core.backup_key_material()[1] == dek and core.verify_audit().ok
    finally:
        core.close()
