"""Safety plans on a real PostgreSQL: a saved version reads back as the local store gives it, versions and stale
saves, one write per idempotency key, the RLS wall, ciphertext only (raw table and pg_dump), and the two PDFs."""

from __future__ import annotations

import io
import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from stodapp.cases.followup_models import PromptAnswer, SafetyPlanInput
from stodapp.cases.models import PersonInput
from stodapp.errors import Conflict, NotFound, UserInputError
from stodapp.server.connect import login_password, role_name
from stodapp.store.keyslots import KdfParams

from .conftest import PgServer

REVIEW = date(2099, 1, 1)  # far after the suite's clock (2026-01-15)
ADDRESS = "Sentinelgatan 7, 123 45 Påhittby"
SENTINELS = ("Zyxplanfras", "Qwgrannsson", "Vrakväskan", "blåmusselstigen", "Zyxbarnplan", "Qwsvarsfras")


def _plan(person_id: int | None = None, **kw: Any) -> SafetyPlanInput:
    fields: dict[str, Any] = {
        "person_id": person_id, "risk_situations": ("Zyxplanfras när han dricker", "Vid hämtning av barnen"),
        "own_actions": ("Vrakväskan packad hos grannen",), "helpers": ("Qwgrannsson i trappuppgången",),
        "contacts": ("Kvinnojouren via blåmusselstigen",), "children_plan": "Zyxbarnplan: skolan hämtar",
        "prompts": (PromptAnswer(key="nodnummer", answer="Qwsvarsfras 112", on_client_copy=True),
                    PromptAnswer(key="lamna_snabbt", answer="Genom källaren", on_client_copy=False)),
        "review_on": REVIEW,
    }
    return SafetyPlanInput(**{**fields, **kw})


def _person(**kw: Any) -> PersonInput:
    return PersonInput(**{"role": "stodsokande", "given_name": "Fikta", "family_name": "Planesson",
                          "id_kind": "personnummer", "number": "19121212-1212", "address": ADDRESS, **kw})


def _case_with_person(session: Any, **kw: Any) -> tuple[int, int]:
    case_id = int(session.cases.create_case().ids[0])
    person_id = int(session.cases.persons.add(case_id, _person(**kw)).ids[1])
    return case_id, person_id


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    assert data.startswith(b"%PDF")
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _audited(session: Any) -> list[str]:
    with session.store.session() as s:
        return [r[0] for r in s.execute(text("SELECT action FROM audit_log WHERE action LIKE 'safety_plan.%' "
                                             "ORDER BY id"))]


def test_a_saved_plan_reads_back_as_the_local_store_gives_it(open_core, server_unit) -> None:  # type: ignore[no-untyped-def]
    local, server = open_core("anna"), server_unit("anna")
    local_case = int(local.cases.create_case().ids[0])
    local_person = int(local.cases.persons.add(local_case, _person()).ids[1])
    server_case, server_person = _case_with_person(server)

    local.cases.followup.save_plan(local_case, _plan(local_person))
    change = server.safety_plans.save(server_case, _plan(server_person), based_on=None)
    assert change.action == "safety_plan_saved" and change.ids[0] == str(server_case)

    mine = local.cases.followup.latest_plan(local_case)
    got = server.safety_plans.latest(server_case)
    assert mine is not None and got is not None
    ids = {"id", "case_id", "person_id", "created_at"}
    assert got.model_dump(exclude=ids) == mine.model_dump(exclude=ids)
    assert got.created_at.utcoffset() is not None  # aware, as the server's other views; SQLite's is naive UTC
    assert got.created_at.replace(tzinfo=None) == mine.created_at
    assert (got.case_id, got.person_id, str(got.id)) == (server_case, server_person, change.ids[1])
    assert [p.key for p in got.prompts] == ["lamna_snabbt", "nodnummer"]  # the list's order, as locally

    # the same papers as the local store prints (the case number aside)
    local_no, server_no = local.cases.open_case(local_case).case_no, server.cases.open_case(server_case).case_no
    local_file = _pdf_text(local.cases.followup.plan_pdf(local_case)).replace(local_no, "<no>")
    assert _pdf_text(server.safety_plans.file_pdf(server_case)).replace(server_no, "<no>") == local_file
    for lang, large in (("sv", False), ("ar", True)):
        assert (_pdf_text(server.safety_plans.client_pdf(server_case, lang, large))
                == _pdf_text(local.cases.followup.client_plan_pdf(local_case, lang, large)))

    # the same refusals as the local store, before anything is written
    for bad in (_plan(review_on=date(2026, 1, 15)), _plan(risk_situations=("  ",)),
                _plan(prompts=(PromptAnswer(key="finns_inte"),))):
        with pytest.raises(UserInputError):
            server.safety_plans.save(server_case, bad, based_on=got.id)
    other_case, other_person = _case_with_person(server)
    with pytest.raises(NotFound, match="Personen"):  # a person of another case
        server.safety_plans.save(server_case, _plan(other_person), based_on=got.id)
    assert server.safety_plans.latest(server_case) == got
    assert server.safety_plans.latest(other_case) is None
    assert _audited(server) == ["safety_plan.save", "safety_plan.view", "safety_plan.view", "safety_plan.print",
                                *["safety_plan.view", "safety_plan.print_client"] * 2, "safety_plan.view",
                                "safety_plan.view"]


def test_versions_stale_saves_and_retries(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna = server_unit("anna")
    case_id, person_id = _case_with_person(anna)
    first = int(anna.safety_plans.save(case_id, _plan(person_id), based_on=None, op_id="p" * 32).ids[1])
    again = anna.safety_plans.save(case_id, _plan(person_id), based_on=None, op_id="p" * 32)  # a retry: once
    assert int(again.ids[1]) == first
    with pytest.raises(Conflict, match="ladda om"):  # she read no plan, but there is one now
        anna.safety_plans.save(case_id, _plan(person_id), based_on=None)
    second = int(anna.safety_plans.save(case_id, _plan(person_id, children_plan="Ny plan"), based_on=first).ids[1])
    assert second > first
    with pytest.raises(Conflict, match="ladda om"):  # somebody saved a newer version since she read `first`
        anna.safety_plans.save(case_id, _plan(person_id, children_plan="Gammal läsning"), based_on=first)
    latest = anna.safety_plans.latest(case_id)
    assert latest is not None and (latest.id, latest.children_plan) == (second, "Ny plan")
    with anna.store.session() as s:  # every version kept, as on the local store
        assert s.execute(text("SELECT count(*) FROM case_forms WHERE kind = 'safety_plan'")).scalar() == 2


def test_another_caseworker_reads_nothing_and_the_server_holds_only_ciphertext(  # type: ignore[no-untyped-def]
        server_unit, pg_server: PgServer, pg_db: str) -> None:
    anna, bertil = server_unit("anna"), server_unit("bertil")
    case_id, person_id = _case_with_person(anna)
    anna.safety_plans.save(case_id, _plan(person_id), based_on=None)
    for read in (lambda: bertil.safety_plans.latest(case_id), lambda: bertil.safety_plans.file_pdf(case_id),
                 lambda: bertil.safety_plans.client_pdf(case_id, "sv"),
                 lambda: bertil.safety_plans.save(case_id, _plan(), based_on=None)):
        with pytest.raises(NotFound):
            read()
    with bertil.store.session() as s:
        denied = [r[0] for r in s.execute(text("SELECT purpose FROM audit_log WHERE action = 'case.denied' "
                                               "ORDER BY id"))]
    assert denied == ["safety_plan.view", "safety_plan.view", "safety_plan.view", "safety_plan.save"]

    import psycopg

    role = role_name(pg_db, "bertil")  # his own login with raw SQL: RLS gives him no row
    with psycopg.connect(host=pg_server.host, port=pg_server.port, dbname=pg_db, user=role,
                         password=login_password(pg_db, "bertil", "ännu en hemlig fras för test",
                                                 KdfParams.for_tests())) as c:
        assert c.execute("SELECT count(*) FROM case_forms").fetchone() == (0,)
    with pg_server.super_connect(pg_db) as c:
        rows = c.execute("SELECT kind, body_ct FROM case_forms").fetchall()
    assert [r[0] for r in rows] == ["safety_plan"]
    blob = bytes(rows[0][1])
    pg_dump = Path(pg_server.bin) / "pg_dump" if pg_server.bin else Path("pg_dump")
    dump = subprocess.run([str(pg_dump), "-h", pg_server.host, "-p", str(pg_server.port), "-U", "stodapp_super",
                           "-d", pg_db], env={**os.environ, "PGPASSWORD": pg_server.super_password},
                          capture_output=True, check=True, timeout=60).stdout
    assert b"case_forms" in dump and b"safety_plan.save" in dump
    folded = dump.decode("utf-8").casefold()
    for sentinel in (*SENTINELS, "nodnummer", "lamna_snabbt", "2099-01-01"):
        assert sentinel.encode() not in blob, sentinel
        assert sentinel.encode() not in dump and sentinel.casefold() not in folded, sentinel


def test_the_file_copy_names_the_person_and_the_client_copy_no_address(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna = server_unit("anna")
    case_id, person_id = _case_with_person(anna)
    with pytest.raises(NotFound, match="ingen säkerhetsplan"):
        anna.safety_plans.file_pdf(case_id)
    plan = int(anna.safety_plans.save(case_id, _plan(person_id), based_on=None).ids[1])
    file_copy = _pdf_text(anna.safety_plans.file_pdf(case_id))
    assert "Fikta Planesson" in file_copy and "19121212-1212" in file_copy and "Sentinelgatan 7" in file_copy
    assert "Zyxplanfras" in file_copy and "Genom källaren" in file_copy

    client = _pdf_text(anna.safety_plans.client_pdf(case_id, "sv"))
    assert "Zyxplanfras" in client and "Qwsvarsfras" in client
    assert "Planesson" not in client and "Sentinelgatan" not in client and "Genom källaren" not in client

    # a protected person: never named, no number, no address on the file copy; and a plan text holding her
    # (protected, so masked everywhere else) address is refused for her copy, nothing printed or audited
    hidden_case, hidden = _case_with_person(anna, protected_identity=True, given_name="Skydda")
    anna.safety_plans.save(hidden_case, _plan(hidden), based_on=None)
    hidden_file = _pdf_text(anna.safety_plans.file_pdf(hidden_case))
    assert "Person: Skyddad identitet" in hidden_file
    assert "Planesson" not in hidden_file and "Sentinelgatan" not in hidden_file and "1212" not in hidden_file
    assert "Sentinelgatan" not in _pdf_text(anna.safety_plans.client_pdf(hidden_case, "pl", large=True))
    latest = anna.safety_plans.latest(hidden_case)
    assert latest is not None
    anna.safety_plans.save(hidden_case, _plan(hidden, contacts=("Hos mamma på Sentinelgatan 7",)), based_on=latest.id)
    before = _audited(anna)
    with pytest.raises(UserInputError, match="adress"):
        anna.safety_plans.client_pdf(hidden_case, "sv")
    assert [a for a in _audited(anna)[len(before):] if a != "safety_plan.view"] == []
    assert "safety_plan.print" in before and before.count("safety_plan.print_client") == 2
    with anna.store.session() as s:
        printed = s.execute(text("SELECT record_id, purpose FROM audit_log WHERE action = "
                                 "'safety_plan.print_client' ORDER BY id")).all()
    assert [tuple(r) for r in printed][0] == (str(plan), "sv")


def test_the_gui_session_asks_for_the_passphrase_again_before_a_late_print(server_unit, clock) -> None:  # type: ignore[no-untyped-def]
    from stodapp.errors import ReauthRequired
    from stodapp.server.gui_core import ServerCore

    from .conftest import USER_PASS

    core = ServerCore.connect(server_unit.url, "anna", USER_PASS, clock=clock, login_kdf=KdfParams.for_tests())
    try:
        plans = core.safety_plan_screens
        case_id = int(core.cases.create_case().ids[0])
        seen: list[str] = []
        core.subscribe(lambda change: seen.append(change.action))
        plans.save(case_id, _plan(), based_on=None, op_id="s" * 32)
        assert seen == ["safety_plan_saved"] and core.case_screens.safety_plans is plans
        assert plans.file_pdf(case_id).startswith(b"%PDF")  # just signed in: no question
        clock.advance(11 * 60)
        with pytest.raises(ReauthRequired):
            plans.client_pdf(case_id, "sv")
        core.reauthenticate(USER_PASS)
        assert plans.client_pdf(case_id, "sv").startswith(b"%PDF")
    finally:
        core.close()
    session = server_unit("anna")
    actions = [a for a in _audited(session) if a != "safety_plan.view"]
    assert actions == ["safety_plan.save", "safety_plan.print", "safety_plan.print_client"]
    with session.store.session() as s:
        asked = s.execute(text("SELECT count(*) FROM audit_log WHERE action = 'reauth.required'")).scalar()
    assert asked == 1


def test_two_colleagues_saving_at_once_one_wins_the_other_is_told(server_unit) -> None:  # type: ignore[no-untyped-def]
    import threading

    anna = server_unit("anna")
    case_id, person_id = _case_with_person(anna)
    writers = [anna, server_unit("anna")]  # the same caseworker on two laptops (both may write the case)
    start = threading.Barrier(len(writers))
    outcomes: list[str] = []

    def save(session: Any, text_: str) -> None:
        start.wait()
        try:
            session.safety_plans.save(case_id, _plan(person_id, children_plan=text_), based_on=None)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(w, f"Version {i}")) for i, w in enumerate(writers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert sorted(outcomes) == ["conflict", "saved"]
    with anna.store.session() as s:
        assert s.execute(text("SELECT count(*) FROM case_forms WHERE kind = 'safety_plan'")).scalar() == 1
