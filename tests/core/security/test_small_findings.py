"""Finding 8: the small ones, each reproduced and now refused with one clear line (or handled)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from stodapp.auth import Role
from stodapp.backup import create_backup
from stodapp.backup.manifest import DB_FILE, MANIFEST_FILE, PARTIAL_SUFFIX
from stodapp.backup.schedule import PREFIX, clean_killed_runs, scheduled_backup
from stodapp.cases.casework_tables import NoteRow
from stodapp.cases.models import PersonInput
from stodapp.cases.tables import PersonRow
from stodapp.cli import main
from stodapp.core import Core
from stodapp.errors import StoreCorrupt, UserInputError
from tests.conftest import ADMIN_PASS, USER_PASS
from tests.core.backup.helpers import BACKUP_PASS, FAST

ROOT = Path(__file__).resolve().parents[3]


def _secret(tmp_path: Path, value: str) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(value + "\n", encoding="utf-8")
    return path


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("stodapp: error: "), err
    return err[0]


def test_invalid_utf8_user_name_is_one_clear_line(store_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad = os.fsdecode(b"anna\xff")  # how Linux hands Python an argv byte that is not UTF-8
    code = main(["cases", "list", "--data-dir", str(store_dir), "--user", bad,
                 "--passphrase-file", str(_secret(tmp_path, USER_PASS))])
    line = _one_error_line(capsys)
    assert code == 2 and "UTF-8" in line and "internt fel" not in line


def test_invalid_utf8_in_a_real_process(store_dir: Path, tmp_path: Path) -> None:
    secret = _secret(tmp_path, USER_PASS)
    run = subprocess.run([sys.executable, "-m", "stodapp", "cases", "list", "--data-dir", str(store_dir),
                          "--user", b"anna\xff", "--passphrase-file", str(secret)],
                         capture_output=True, cwd=ROOT, timeout=60, check=False)
    lines = run.stderr.decode("utf-8").strip().splitlines()
    assert run.returncode == 2 and len(lines) == 1 and "UTF-8" in lines[0]


def test_importing_a_directory_as_a_pack_says_it_is_a_directory(store_dir: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "ett-paket"
    folder.mkdir()
    code = main(["checklists", "import-pack", str(folder), "--data-dir", str(store_dir),
                 "--passphrase-file", str(_secret(tmp_path, ADMIN_PASS))])
    line = _one_error_line(capsys)
    assert code == 2 and "är en mapp" in line and "finns inte" not in line


def test_display_name_has_a_length_limit(open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    with pytest.raises(UserInputError, match="Visningsnamn är för långt"):
        admin.users.add("olle", Role.CASEWORKER, USER_PASS, display_name="Ö" * 120_000)
    with pytest.raises(UserInputError, match="styrtecken"):
        admin.users.add("olle", Role.CASEWORKER, USER_PASS, display_name="Olle\x00Demo")
    assert "olle" not in {u.username for u in admin.users.list()}
    admin.users.add("olle", Role.CASEWORKER, USER_PASS, display_name="O" * 100)  # the limit itself is fine


def _counts(core: Core) -> tuple[int, int]:
    with core.ctx.session() as s:
        return (int(s.scalar(select(func.count()).select_from(PersonRow)) or 0),
                int(s.scalar(select(func.count()).select_from(NoteRow)) or 0))


@pytest.mark.parametrize("given,family,message", [
    ("Fikta\x00", "Testsson", "styrtecken"),
    ("   ", "Testsson", "Förnamn får inte vara tomt"),
    ("Fikta", "\u3000\u2003", "Efternamn får inte vara tomt"),  # ideographic and em spaces: whitespace only
])
def test_person_names_refuse_nul_blank_and_surrogates(open_core, given: str, family: str,  # type: ignore[no-untyped-def]
                                                      message: str) -> None:
    anna = open_core("anna")
    case_id = int(anna.cases.create_case().ids[0])
    before = _counts(anna)
    with pytest.raises(UserInputError, match=message):
        anna.cases.persons.add(case_id, PersonInput(role="stodsokande", given_name=given, family_name=family))
    assert _counts(anna) == before


def test_person_name_with_a_lone_surrogate_is_refused_by_the_input_model() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="unicode"):
        PersonInput(role="stodsokande", given_name="Fikta\ud800", family_name="Testsson")


@pytest.mark.parametrize("body,message", [
    ("Samtal\x00 med stödsökande", "styrtecken"),
    (" \n\t \u2003", "tom"),
    ("Samtal \udce4 idag", "ogiltiga tecken"),  # a lone surrogate once ended in UnicodeEncodeError
])
def test_notes_refuse_nul_blank_and_lone_surrogates(open_core, body: str, message: str) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    case_id = int(anna.cases.create_case().ids[0])
    before = _counts(anna)
    with pytest.raises(UserInputError, match=message):
        anna.cases.notes.add(case_id, body)
    assert _counts(anna) == before
    anna.cases.notes.add(case_id, "Rad ett\nRad två\tmed tabb")  # line breaks and tabs are text
    assert _counts(anna)[1] == before[1] + 1


KILLED_BACKUP = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from stodapp.backup import create, create_backup
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    def die(*_a, **_k):  # the copy is written: the process dies before it is verified and renamed
        os.kill(os.getpid(), signal.SIGKILL)

    create._check_copy = die
    core = Core.unlock(Path(sys.argv[1]), "admin", sys.argv[2])
    create_backup(core, Path(sys.argv[3]), sys.argv[4], kdf=KdfParams.for_tests())
""")


def test_killed_backup_leaves_no_partial_file_after_the_next_run(store_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "backups"
    root.mkdir()
    target = root / f"{PREFIX}20260101T000000Z"
    run = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(store_dir), ADMIN_PASS, str(target), BACKUP_PASS],
                         capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert run.returncode == -9, run.stderr.decode()
    assert (target / (DB_FILE + PARTIAL_SUFFIX)).exists()  # the fault really happened
    other = root / "notes-of-the-admin"
    other.mkdir()
    (other / "x.partial").write_text("not ours")  # not a backup folder: never touched
    core = Core.unlock(store_dir, "admin", ADMIN_PASS)
    try:
        manifest = scheduled_backup(core, root, BACKUP_PASS, kdf=FAST)
    finally:
        core.close()
    assert manifest is not None
    assert not target.exists() and not list(root.rglob(f"*{DB_FILE}{PARTIAL_SUFFIX}"))
    assert (other / "x.partial").exists()
    assert clean_killed_runs(root) == []


def test_backup_into_a_folder_a_killed_run_left_reuses_it(open_core, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "kopia"
    target.mkdir()
    (target / (DB_FILE + PARTIAL_SUFFIX)).write_bytes(b"half a copy")
    manifest = create_backup(open_core("admin"), target, BACKUP_PASS, kdf=FAST)
    assert manifest.backup_id and (target / MANIFEST_FILE).exists()
    assert not (target / (DB_FILE + PARTIAL_SUFFIX)).exists()


def test_audit_review_out_refuses_to_overwrite_without_force(store_dir: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "granskning.pdf"
    out.write_bytes(b"the supervisor's earlier review")
    args = ["audit", "review", "--from", "2026-01", "--to", "2026-01", "--out", str(out), "--data-dir",
            str(store_dir), "--user", "sara", "--passphrase-file", str(_secret(tmp_path, USER_PASS))]
    assert main(args) == 2
    assert "--force" in _one_error_line(capsys) and out.read_bytes() == b"the supervisor's earlier review"
    assert main([*args, "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_backup_on_a_broken_chain_does_not_say_try_again(open_core, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    with admin.ctx.session() as s:
        s.execute(text("DROP TRIGGER audit_log_no_update"))
        s.execute(text("UPDATE audit_log SET record_id='999' WHERE id=2"))
    with pytest.raises(StoreCorrupt) as err:
        create_backup(admin, tmp_path / "kopia", BACKUP_PASS, kdf=FAST)
    message = str(err.value)
    assert "försök igen" not in message and "audit verify" in message and "hjälper inte" in message
    assert not (tmp_path / "kopia").exists()


def test_user_names_are_case_insensitive(store_dir: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    core = Core.unlock(store_dir, "ANNA", USER_PASS)
    assert core.principal.username == "anna"
    core.close()
    code = main(["cases", "list", "--json", "--data-dir", str(store_dir), "--user", "Anna",
                 "--passphrase-file", str(_secret(tmp_path, USER_PASS))])
    assert code == 0, capsys.readouterr().err
    admin = Core.unlock(store_dir, "admin", ADMIN_PASS)
    try:
        admin.users.add("Olle", Role.CASEWORKER, USER_PASS)  # stored as "olle": one user whatever the case
        assert "olle" in {u.username for u in admin.users.list()}
        with pytest.raises(UserInputError, match="finns redan"):
            admin.users.add("OLLE", Role.CASEWORKER, USER_PASS)
    finally:
        admin.close()
