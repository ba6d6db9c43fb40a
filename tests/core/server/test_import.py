"""`server import`: a fictional laptop store (test personnummer) copied into a unit's server — the decrypted view
equals the local one, a second import duplicates nothing, a fault mid-way leaves the server unchanged, the raw
tables and a pg_dump hold no name, personnummer, address, note or safety-plan phrase, and a missing user refuses
the whole."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from stodapp.cases.followup_models import PromptAnswer, SafetyPlanInput
from stodapp.cases.models import Interpreter, PersonInput

from .conftest import ADMIN_PASS, OWNER, USER_PASS, PgServer, make_unit

SENTINELS = ("Zyxsentinelia", "Qwimportsson", "Vrakbarnet", "Sentinelgatan", "blåmusselmönster", "191212121212",
             "19121212-1212", "8511032388", "851103-2388", "korrigeringsfras", "Snigelbedömningsfras",
             "Tvättstugeplanfras", "Gammalplanfras")
SCREENING = "se.stodapp.vinr.screening"
SIGNABLE = {"kanal": "besok", "ensam": "nej", "barn_finns": "nej", "information_given": "ja",
            "anteckning": "Snigelbedömningsfras i fritexten."}


def _person(given: str, family: str, number: str = "", **kw: Any) -> PersonInput:
    fields: dict[str, Any] = {"role": "stodsokande", "given_name": given, "family_name": family, **kw}
    if number:
        fields.update(id_kind="personnummer", number=number)
    return PersonInput(**fields)


def _fill_local(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    one = int(anna.cases.create_case("Våld i nära relation").ids[0])
    anna.cases.persons.add(one, _person("Zyxsentinelia", "Öberg", "19121212-1212",
                                        address="Sentinelgatan 7, Ystad", groups=("aldre",),
                                        interpreter=Interpreter(language="arabiska")))
    anna.cases.persons.add(one, PersonInput(role="barn", given_name="Vrakbarnet", family_name="Öberg",
                                            age_band="0-17"))
    first = int(anna.cases.notes.add(one, "Samtal om blåmusselmönster i köket.").ids[1])
    anna.cases.notes.add(one, "korrigeringsfras: det var i hallen.", corrects_id=first)
    anna.cases.assign(one, "bertil")
    signed = anna.checklists.start(SCREENING, case_id=one)
    anna.checklists.save_answers(signed.id, SIGNABLE)
    anna.checklists.sign(signed.id)
    draft = anna.checklists.start(SCREENING, case_id=one)
    anna.checklists.save_answers(draft.id, {"kanal": "telefon"})
    for risk in ("Gammalplanfras", "Tvättstugeplanfras när han kommer hem"):  # two versions: the second is latest
        anna.cases.followup.save_plan(one, SafetyPlanInput(
            person_id=anna.cases.open_case(one).persons[0].id, risk_situations=(risk,),
            prompts=(PromptAnswer(key="nodnummer", answer="112", on_client_copy=True),), review_on=date(2099, 1, 1)))
    bertil = open_core("bertil")
    two = int(bertil.cases.create_case().ids[0])
    bertil.cases.persons.add(two, _person("Qwimportsson", "Åkesson", "19851103-2388", protected_identity=True,
                                          address="Hemlig adress 1"))
    bertil.cases.notes.add(two, "Skyddad identitet, samtal via telefon.")
    bertil.cases.set_status(two, "closed")


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def _view(session: Any, me: str) -> list[Any]:
    """Every case the user sees, as comparable plain data (ids and case numbers differ between stores; the server's
    row-level security shows a caseworker only her own assignment row, so that is what is compared here — all
    assignments are compared on the raw tables)."""
    out = []
    page = session.cases.list_cases(limit=500)
    for item in page.rows:
        j = session.cases.open_journal(item.id)
        c = j.case
        persons = [p.model_dump(exclude={"id", "case_id", "version"}) for p in c.persons]
        position = {n.id: i for i, n in enumerate(j.notes)}
        notes = [(n.author, _utc(n.created_at), n.body, position.get(n.corrects_id) if n.corrects_id else None)
                 for n in j.notes]
        forms = sorted((a.record.id, a.record.status, a.record.answers, a.record.signed_by)
                       for a in _assessments(session, item.id))
        plan = _latest_plan(session, item.id)
        named = next((p.given_name for p in c.persons if plan is not None and p.id == plan.person_id), None)
        plan_data = None if plan is None else (named, plan.model_dump(exclude={"id", "case_id", "person_id",
                                                                              "created_at"}), _utc(plan.created_at))
        out.append((c.status, c.unit, _utc(c.opened_at), _utc(c.closed_at), me in c.caseworkers, persons, notes,
                    forms, plan_data))
    return sorted(out, key=repr)


def _assessments(session: Any, case_id: int) -> list[Any]:
    """The case's assessments as records, from either store (the local one lists views with their records)."""
    if hasattr(session, "assessments"):  # the server session
        return list(session.assessments.history(case_id))
    return [session.checklists.get(v.id) for v in session.checklists.history(case_id)]


def _latest_plan(session: Any, case_id: int) -> Any:
    if hasattr(session, "safety_plans"):  # the server session
        return session.safety_plans.latest(case_id)
    return session.cases.followup.latest_plan(case_id)


def _raw_counts(pg: PgServer, db: str) -> dict[str, int]:
    with pg.super_connect(db) as c:
        return {table: int(c.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]
                for table in ("cases", "persons", "person_terms", "case_assignments", "case_notes", "case_forms",
                              "import_map", "audit_log")}


@pytest.fixture
def unit(pg_server: PgServer, pg_db: str, clock):  # type: ignore[no-untyped-def]
    return make_unit(pg_server, pg_db, clock)


def _import(core: Any, url: str, pg: PgServer, clock: Any) -> Any:
    from stodapp.server.store import ServerStore
    from stodapp.store.keyslots import KdfParams

    admin = ServerStore.open(url, "admin", ADMIN_PASS, login_kdf=KdfParams.for_tests(), clock=clock)
    try:
        return core.import_into_server(admin, OWNER, pg.owner_password)
    finally:
        admin.close()


def _server(url: str, name: str, clock: Any) -> Any:
    from stodapp.server.session import ServerSession
    from stodapp.store.keyslots import KdfParams

    return ServerSession.open(url, name, USER_PASS, clock=clock, login_kdf=KdfParams.for_tests())


def _local_imports(core: Any) -> list[str]:
    from sqlalchemy import select

    from stodapp.store.tables import AuditRow

    with core.ctx.session() as s:
        return [r.purpose for r in s.scalars(select(AuditRow).where(AuditRow.action == "server.import"))]


def test_round_trip_and_idempotent(open_core, unit, pg_server, pg_db, clock) -> None:  # type: ignore[no-untyped-def]
    _fill_local(open_core)
    admin = open_core("admin")
    report = _import(admin, unit, pg_server, clock)
    expected = {"cases": 2, "persons": 3, "assignments": 3, "notes": 3, "assessments": 2, "safety_plans": 2}
    assert report.as_dict()["local"] == report.as_dict()["written"] == report.as_dict()["on_server"] == expected
    for name in ("anna", "bertil"):
        server = _server(unit, name, clock)
        try:
            seen = _view(server, name)
            assert seen == _view(open_core(name), name) != []
            plans = [v[-1] for v in seen if v[-1] is not None]  # the latest version, for its own person
            assert [(who, plan["risk_situations"]) for who, plan, _at in plans] == [
                ("Zyxsentinelia", ("Tvättstugeplanfras när han kommer hem",))]
            hits = server.cases.search("19121212-1212")
            assert [(h.matched, h.person) for h in hits] == [("personnummer", "Zyxsentinelia Öberg")]
            assert [h.person for h in server.cases.search("qwimp")] == (["Qwimportsson Åkesson"]
                                                                        if name == "bertil" else [])
        finally:
            server.close()
    with pg_server.super_connect(pg_db) as c:
        pairs = sorted(c.execute("SELECT c.opened_at, u.username FROM case_assignments a JOIN users u ON "
                                 "u.id = a.user_id JOIN cases c ON c.id = a.case_id").fetchall())
    assert [u for _at, u in pairs] == ["anna", "bertil", "bertil"]
    before = _raw_counts(pg_server, pg_db)
    again = _import(admin, unit, pg_server, clock)
    assert again.as_dict()["written"] == {"cases": 0, "persons": 0, "assignments": 0, "notes": 0, "assessments": 0,
                                          "safety_plans": 0}
    assert again.as_dict()["on_server"] == expected
    after = _raw_counts(pg_server, pg_db)
    assert after == {**before, "audit_log": before["audit_log"] + 1}  # one audit row per import, nothing else
    # A note written on the laptop after the move comes over alone.
    anna = open_core("anna")
    case_id = anna.cases.list_cases().rows[-1].id
    anna.cases.notes.add(case_id, "En sen anteckning.")
    third = _import(admin, unit, pg_server, clock)
    assert third.as_dict()["written"] == {"cases": 0, "persons": 0, "assignments": 0, "notes": 1, "assessments": 0,
                                          "safety_plans": 0}
    assert _local_imports(admin) == ["cases=2 persons=3 assignments=3 notes=3 assessments=2 safety_plans=2",
                                     "cases=0 persons=0 assignments=0 notes=0 assessments=0 safety_plans=0",
                                     "cases=0 persons=0 assignments=0 notes=1 assessments=0 safety_plans=0"]
    with pg_server.super_connect(pg_db) as c:
        purposes = [r[0] for r in c.execute("SELECT purpose FROM audit_log WHERE action = 'server.import' "
                                            "ORDER BY id")]
    assert purposes == _local_imports(admin)
    from stodapp.server.session import ServerSession
    from stodapp.store.keyslots import KdfParams

    session = ServerSession.open(unit, "admin", ADMIN_PASS, clock=clock, login_kdf=KdfParams.for_tests())
    try:
        assert session.verify_audit().ok  # the chain holds with the import rows in it
    finally:
        session.close()


def test_fault_mid_way_leaves_server_unchanged(open_core, unit, pg_server, pg_db, clock,  # type: ignore[no-untyped-def]
                                               monkeypatch) -> None:
    from stodapp.server import importer

    _fill_local(open_core)
    admin = open_core("admin")
    before = _raw_counts(pg_server, pg_db)
    real = importer._Run.note
    calls = []

    def flaky(self, n):  # type: ignore[no-untyped-def]
        calls.append(n["id"])
        if len(calls) == 2:
            raise RuntimeError("injected fault")
        real(self, n)

    monkeypatch.setattr(importer._Run, "note", flaky)
    with pytest.raises(RuntimeError, match="injected"):
        _import(admin, unit, pg_server, clock)
    assert len(calls) == 2
    assert _raw_counts(pg_server, pg_db) == before
    assert _local_imports(admin) == []
    monkeypatch.setattr(importer._Run, "note", real)
    assert _import(admin, unit, pg_server, clock).written.notes == 3  # the retry imports everything once


def test_missing_user_refuses_everything(open_core, unit, pg_server, pg_db, clock) -> None:  # type: ignore[no-untyped-def]
    from stodapp.errors import UserInputError

    _fill_local(open_core)
    admin = open_core("admin")
    admin.users.add("cecilia", "handlaggare", USER_PASS)
    cecilia = open_core("cecilia")
    cecilia.cases.create_case()
    before = _raw_counts(pg_server, pg_db)
    with pytest.raises(UserInputError) as err:
        _import(admin, unit, pg_server, clock)
    assert str(err.value).startswith("1 lokal användare finns inte på servern (cecilia)") and "\n" not in str(err.value)
    assert _raw_counts(pg_server, pg_db) == before
    assert _local_imports(admin) == []


def test_server_holds_no_plaintext(open_core, unit, pg_server, pg_db, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _fill_local(open_core)
    _import(open_core("admin"), unit, pg_server, clock)
    with pg_server.super_connect(pg_db) as c:
        rows = c.execute("SELECT table_name, column_name FROM information_schema.columns "
                         "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')").fetchall()
        texts = []
        for table, column in rows:
            texts += [str(v[0]) for v in c.execute(f'SELECT "{column}" FROM "{table}"')]
    blob = "\n".join(texts).casefold()
    assert "vnr-" in blob  # the SELECT did read the imported rows
    pg_dump = Path(pg_server.bin) / "pg_dump" if pg_server.bin else Path("pg_dump")
    dump = subprocess.run([str(pg_dump), "-h", pg_server.host, "-p", str(pg_server.port), "-U", "stodapp_super",
                           "-d", pg_db], env={**os.environ, "PGPASSWORD": pg_server.super_password},
                          capture_output=True, check=True, timeout=60).stdout
    assert b"import_map" in dump and b"server.import" in dump
    folded = dump.decode("utf-8").casefold()
    for sentinel in SENTINELS:
        assert sentinel.casefold() not in blob, sentinel
        assert sentinel.encode() not in dump and sentinel.casefold() not in folded, sentinel


def test_cli_import_json_and_one_line_refusals(open_core, store_dir, pg_server, pg_db, clock, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               capsys, monkeypatch) -> None:
    import json

    from stodapp.cli import main
    from stodapp.server.connect import LOGIN_KDF

    monkeypatch.setenv("STODAPP_DATA_DIR", str(tmp_path / "profiles"))
    _fill_local(open_core)
    url = make_unit(pg_server, pg_db, clock, login_kdf=LOGIN_KDF)
    secrets = {}
    for name, body in (("admin", ADMIN_PASS), ("anna", USER_PASS), ("wrong", "fel fras helt och hållet"),
                       ("owner", pg_server.owner_password)):
        secrets[name] = tmp_path / f"{name}.txt"
        secrets[name].write_text(body + "\n", encoding="utf-8")
    base = ["server", "import", "--data-dir", str(store_dir), "--server", url, "--owner", OWNER,
            "--owner-password-file", str(secrets["owner"]), "--server-passphrase-file", str(secrets["admin"])]
    before = _raw_counts(pg_server, pg_db)
    for extra, why in ((["--passphrase-file", str(secrets["wrong"])], "lösenfras"),
                       (["--passphrase-file", str(secrets["admin"]), "--server-user", "anna", "--server-passphrase-file",
                        str(secrets["anna"])], "behörighet")):
        capsys.readouterr()
        assert main([*base, *extra]) != 0
        err = capsys.readouterr().err
        assert err.startswith("stodapp: error: ") and err.count("\n") == 1, err
        assert why in err.casefold(), err
        assert "Zyx" not in err
    assert _raw_counts(pg_server, pg_db) == before
    capsys.readouterr()
    assert main([*base, "--passphrase-file", str(secrets["admin"]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["on_server"] == out["local"] == {"cases": 2, "persons": 3, "assignments": 3, "notes": 3,
                                                "assessments": 2, "safety_plans": 2}
    assert "Zyx" not in json.dumps(out)
