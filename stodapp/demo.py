"""Deterministic fictional demo data: one user per role and N cases with obviously fictional persons.

Names come from a small invented list with a "(fiktiv)" style that cannot be mistaken for real people;
personnummer are valid-format numbers (checksum correct) with birth dates in the test range.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from stodapp.auth import Role
from stodapp.calendar_se import local_date, local_month
from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow, search_key
from stodapp.errors import DiskError, NotFound, StodError, StoreError
from stodapp.i18n import _
from stodapp.store.tables import UserRow

if TYPE_CHECKING:
    from stodapp.service import ServiceContext
    from stodapp.users import UserService

DEMO_USERS: dict[Role, str] = {
    Role.CASEWORKER: "handlaggare",
    Role.SUPERVISOR: "arbetsledare",
    Role.TRAINER: "utbildare",
    Role.ADMIN: "admin",
}
DEMO_NAMES: dict[Role, str] = {
    Role.CASEWORKER: "Demo Handläggare",
    Role.SUPERVISOR: "Demo Arbetsledare",
    Role.TRAINER: "Demo Utbildare",
    Role.ADMIN: "Demo Administratör",
}
GIVEN = ["Testa", "Fikta", "Demo", "Exempla", "Övnings", "Låtsas", "Påhitta", "Modell", "Prova", "Skissa",
         "Åsa-Test", "Örjan-Demo", "Älva-Fikt", "Test-Erik", "Demo-Omar", "Fikt-Leila"]
FAMILY = ["Testsson", "Demosdotter", "Fiktivsson", "Exempelberg", "Påhittad", "Låtsasson", "Övningsdal",
          "Öberg-Fiktiv", "Åkerdemo", "Ärlig-Test", "Provström", "Skissholm"]
ROLES = ["stodsokande", "barn", "utovare"]


def luhn_digit(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def fake_personnummer(rng: random.Random, birth: date) -> str:
    """Valid-format personnummer (correct checksum) for fictional persons."""
    serial = f"{rng.randint(1, 999):03d}"  # serial 000 is not a valid personnummer
    short = birth.strftime("%y%m%d") + serial
    return f"{birth:%Y%m%d}-{serial}{luhn_digit(short)}"


def age_band(birth: date, on: date) -> str:
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if age < 18:
        return "0-17"
    low = min(age // 10 * 10, 80)
    return "80+" if low >= 80 else f"{max(18, low)}-{low + 9}"


def case_rows(n: int, seed: int, creator_id: int, start_id: int = 1,
              today: date | None = None) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Plain dicts for a bulk insert (no ORM objects: 100k cases stay fast)."""
    rng = random.Random(seed)
    today = today or date(2026, 11, 1)
    start = datetime(2021, 1, 1, tzinfo=UTC)
    span_minutes = (datetime(today.year, today.month, today.day, tzinfo=UTC) - start).days * 24 * 60 - 1
    cases: list[dict[str, object]] = []
    persons: list[dict[str, object]] = []
    for i in range(start_id, start_id + n):
        # Spread over 2021-01-01 .. `today`, so a supervisor's default period (last month) has demo data too.
        opened = start + timedelta(minutes=rng.randint(0, span_minutes))
        status = rng.choice(["open", "open", "closed"])
        cases.append({"id": i, "case_no": f"VNR-{local_date(opened).year}-{i:06d}", "status": status,
                      "unit": "Enheten för våld i nära relation (demo)", "opened_at": opened,
                      "opened_month": local_month(opened), "closed_at": None,
                      "last_entry_at": opened + timedelta(days=rng.randint(0, 200)), "created_by": creator_id})
        for role in ROLES[: rng.randint(1, 3)]:
            if role == "barn":
                birth = date(rng.randint(2010, 2022), rng.randint(1, 12), rng.randint(1, 28))
            else:
                birth = date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28))
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            persons.append({
                "case_id": i, "role": role, "given_name": given, "family_name": family,
                "search_name": search_key(f"{family} {given}"), "personnummer": fake_personnummer(rng, birth),
                "reserve_number": None, "birth_date": birth,
                "sex": rng.choice(["kvinna", "man"]) if role != "stodsokande" else rng.choice(["kvinna"] * 4 + ["man"]),
                "age_band": age_band(birth, today), "protected_identity": rng.random() < 0.04,
                "address": f"Påhittade vägen {rng.randint(1, 99)}, 999 99 Demoby", "details": json.dumps({}),
            })
    return cases, persons


def fill_demo(ctx: ServiceContext, users: UserService, *, cases: int, seed: int, passphrase: str) -> dict[str, int]:
    """Add the demo users (if missing) and `cases` fictional cases assigned to `handlaggare`.

    Each demo user is its own committed step (its key slot is a file write); everything else (cases, persons,
    every feature's filler and the audit row) is one transaction. On a failure the error says exactly what was
    saved before it: the users added, never a half-filled set of cases."""
    existing = {u.username for u in users.list()}
    added: list[str] = []
    for role, name in DEMO_USERS.items():
        if role is not Role.ADMIN and name not in existing:
            try:
                users.add(name, role, passphrase, display_name=DEMO_NAMES[role])
            except StodError as err:
                raise _partial(err, added) from None
            added.append(name)
    db = ctx.db
    try:
        with db.transaction() as s:
            worker = s.scalar(select(UserRow.id).where(UserRow.username == DEMO_USERS[Role.CASEWORKER]))
            start = (s.scalar(select(CaseRow.id).order_by(CaseRow.id.desc()).limit(1)) or 0) + 1
            if worker is None:
                raise NotFound(_("Demoanvändaren {u} finns inte.").format(u=DEMO_USERS[Role.CASEWORKER]))
            batch = 5000
            total_persons = 0
            for offset in range(0, cases, batch):
                count = min(batch, cases - offset)
                case_dicts, person_dicts = case_rows(count, seed + offset, worker, start + offset)
                s.execute(insert(CaseRow), case_dicts)
                s.execute(insert(CaseAssignmentRow), [{"case_id": c["id"], "user_id": worker} for c in case_dicts])
                s.execute(insert(PersonRow), person_dicts)
                total_persons += len(person_dicts)
            ctx.audit(s, "demo.fill", "store", purpose=f"{cases} fiktiva ärenden")
            _extend_demo(ctx, seed)
    except StodError as err:
        raise _partial(err, added) from None
    return {"cases": cases, "persons": total_persons, "users_added": len(added)}


def _partial(err: StodError, added: list[str]) -> StodError:
    """The error of a failed demo fill, saying what was saved before it (nothing, or the users added)."""
    if not added:
        return err
    cause = str(err).split(":", 1)[0]
    kind = DiskError if isinstance(err, DiskError) else StoreError
    return kind(
        _("Demodata sparades inte ({cause}). Sparat före felet: demoanvändarna {users}; inga demoärenden.").format(
            cause=cause, users=", ".join(added)
        )
    )


def _extend_demo(ctx: ServiceContext, seed: int) -> None:
    """Later features register fillers (notes, asking events, assessments …) in stodapp.demo_fillers."""
    from stodapp.demo_fillers import run_fillers

    run_fillers(ctx, seed)
