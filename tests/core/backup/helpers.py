"""Shared helpers for the backup tests: a store with a few fictional cases, notes and persons."""

from __future__ import annotations

from pathlib import Path

from stodapp.store.keyslots import KdfParams

BACKUP_PASS = "säkerhetskopians egen långa fras"
NEW_ADMIN_PASS = "en helt ny fras efter återställning"
FAST = KdfParams.for_tests()
SENTINEL = "ZZSENTINEL-BACKUP-4711"


def add_cases(core_anna, n: int = 3) -> list[int]:  # type: ignore[no-untyped-def]
    from stodapp.cases.models import PersonInput
    from stodapp.cases.service import CaseService

    cases = CaseService(core_anna.ctx)
    ids = []
    for i in range(n):
        cid = int(cases.create_case().ids[0])
        cases.persons.add(cid, PersonInput(role="stodsokande", given_name=f"Testa{i}", family_name="Fiktivsson",
                                           id_kind="personnummer", number="19121212-1212"))
        cases.notes.add(cid, f"Anteckning {SENTINEL} nummer {i}")
        ids.append(cid)
    return ids


def secret_file(tmp: Path, text: str) -> Path:
    path = tmp / f"secret-{abs(hash(text))}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path
