"""The supervisor's summary on a real PostgreSQL: it counts the whole unit (cases of two caseworkers), suppresses
small cells exactly as the local report does for the same facts, refuses anyone but a supervisor, is audited,
renders as PDF, reads nothing identifying (the supervisor's raw SQL cannot even select a name or a number), and a
unit at schema 5 gains the fact view by `server upgrade`."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from stodapp.cases.followup_models import SafetyPlanInput
from stodapp.cases.models import PersonInput
from stodapp.errors import AccessDenied
from stodapp.server.connect import login_password, role_name
from stodapp.store.keyslots import KdfParams

from .conftest import ADMIN_PASS, OWNER, USER_PASS, PgServer

FAST = KdfParams.for_tests()
SERVER_ONLY = {"new_cases_trend", "safety_plans", "staff_accounts"}  # what the server records in clear


def _plan() -> SafetyPlanInput:
    return SafetyPlanInput(risk_situations=("Zyxplanfras när han dricker",), review_on=date(2099, 1, 1))


def _person() -> PersonInput:
    return PersonInput(role="stodsokande", given_name="Fiktaxq", family_name="Summersson", id_kind="personnummer",
                       number="19121212-1212", sex="kvinna", address="Sentinelgatan 9")


def _fill(anna: Any, bertil: Any, clock: Any, *, server: bool) -> None:
    """Jan: anna 4 cases, bertil 3; safety plans on 5 cases (one with a second version). Feb: anna 2 cases."""
    def case(who: Any) -> int:
        case_id = int(who.cases.create_case().ids[0])
        who.cases.persons.add(case_id, _person())
        return case_id

    def plan(who: Any, case_id: int, versions: int = 1) -> None:
        for _ in range(versions):
            if server:
                latest = who.safety_plans.latest(case_id)
                who.safety_plans.save(case_id, _plan(), based_on=latest.id if latest else None)
            else:
                who.cases.followup.save_plan(case_id, _plan())

    a_cases = [case(anna) for _ in range(4)]
    b_cases = [case(bertil) for _ in range(3)]
    plan(anna, a_cases[0], versions=2)
    for c in (a_cases[1], a_cases[2], b_cases[0], b_cases[1]):
        plan(anna if c in a_cases else bertil, c)
    clock.advance(31 * 86400)
    case(anna)
    case(anna)


def _tables(report: Any) -> dict[str, Any]:
    return {tab.metric_id: tab for tab in report.tables}


def _raw(pg: PgServer, db: str, user: str) -> psycopg.Connection:  # type: ignore[type-arg]
    return psycopg.connect(host=pg.host, port=pg.port, dbname=db, user=role_name(db, user),
                           password=login_password(db, user, USER_PASS, FAST), autocommit=True)


def test_the_unit_is_counted_and_suppressed_as_the_local_report(server_unit, open_core, clock) -> None:  # type: ignore[no-untyped-def]
    _fill(server_unit("anna"), server_unit("bertil"), clock, server=True)
    sara = server_unit("sara")
    one_month = _tables(sara.summary.report("2026-01", "2026-01"))
    assert one_month["new_cases_trend"].total == 7  # anna's 4 and bertil's 3: neither caseworker alone
    assert one_month["safety_plans"].total == 5  # cases with a plan, a second version not counted again

    server = sara.summary.report("2026-01", "2026-02")
    got = _tables(server)
    assert {m for m, tab in got.items() if tab.available} == SERVER_ONLY
    assert got["new_cases_trend"].cells[1] == ("<5",)  # February's 2 cases are a small cell
    assert server.municipality == "Testenheten" and server.threshold == 5

    # The same facts on a laptop store (its clock starts over at January): the same published cells.
    clock.advance(-31 * 86400)
    _fill(open_core("anna"), open_core("bertil"), clock, server=False)
    local = _tables(open_core("sara").summary.report("2026-01", "2026-02"))
    for metric in SERVER_ONLY - {"staff_accounts"}:
        assert (got[metric].cells, got[metric].total) == (local[metric].cells, local[metric].total), metric
    assert local["new_cases"].available and not got["new_cases"].available  # persons are closed to her there


def test_only_a_supervisor_and_every_report_is_audited(server_unit, clock) -> None:  # type: ignore[no-untyped-def]
    for name in ("anna", "admin"):
        with pytest.raises(AccessDenied):
            server_unit(name).summary.report("2026-01", "2026-01")
    sara = server_unit("sara")
    report = sara.summary.report("2026-01", "2026-01")
    data = sara.summary.pdf(report)
    from pypdf import PdfReader

    assert data.startswith(b"%PDF")
    body = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Testenheten" in body and "Säkerhetsplaner" in body
    with sara.store.session() as s:
        actions = [r[0] for r in s.execute(text("SELECT action FROM audit_log WHERE action LIKE 'summary.%' "
                                                "ORDER BY id"))]
    assert actions == ["summary.generate", "summary.pdf"]
    assert sara.verify_audit().ok


def test_the_supervisors_raw_sql_reads_no_identity(server_unit, pg_server: PgServer, clock) -> None:  # type: ignore[no-untyped-def]
    _fill(server_unit("anna"), server_unit("bertil"), clock, server=True)
    db = server_unit.url.rsplit("/", 1)[1]
    with _raw(pg_server, db, "sara") as c:
        assert c.execute("SELECT count(*) FROM cases").fetchone() == (9,)
        assert c.execute("SELECT month, count(*) FROM fact_safety_plans GROUP BY month").fetchall() == [
            ("2026-01", 5)]
        for query in ("SELECT given_ct, pnr_ct FROM persons", "SELECT sex FROM persons",
                      "SELECT case_no FROM cases", "SELECT created_by FROM cases", "SELECT body_ct FROM case_forms",
                      "SELECT body_ct FROM case_notes", "SELECT term FROM person_terms"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(query)
    with _raw(pg_server, db, "anna") as c:  # a caseworker has no fact view
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SELECT * FROM fact_safety_plans")


def test_upgrade_from_schema_5_adds_the_fact_view(pg_server: PgServer, pg_db: str, clock) -> None:  # type: ignore[no-untyped-def]
    from stodapp.auth import Role
    from stodapp.server.provision import add_user, init_unit
    from stodapp.server.session import ServerSession
    from stodapp.server.store import ServerStore
    from stodapp.server.upgrade import upgrade_unit

    url = pg_server.url(pg_db)
    init_unit(url, OWNER, pg_server.owner_password, "admin", ADMIN_PASS, unit_name="Femmans enhet", kdf=FAST,
              login_kdf=FAST, clock=clock, schema_version=5)
    with psycopg.connect(host=pg_server.host, port=pg_server.port, dbname=pg_db, user=OWNER,
                         password=pg_server.owner_password, autocommit=True) as c:
        assert c.execute("SELECT to_regclass('fact_safety_plans')").fetchone() == (None,)
        for n in range(5):  # plans saved at schema 5 (one ciphertext stand-in each; the view never reads it)
            case_id = c.execute(
                "INSERT INTO cases (id, case_no, status, unit, opened_at, opened_month, last_entry_at, created_by, "
                "version) VALUES (nextval('case_id_seq'), %s, 'open', '', '2026-01-10T10:00:00Z', '2026-01', "
                "'2026-01-10T10:00:00Z', 1, 1) RETURNING id", (f"VNR-2026-x{n}",)).fetchone()
            for _ in range(1 if n else 2):
                c.execute("INSERT INTO case_forms (id, case_id, kind, body_ct, version, updated_at) VALUES "
                          "(nextval('form_id_seq'), %s, 'safety_plan', '\\x00', 1, '2026-01-10T10:00:00Z')", (case_id[0],))
    report = upgrade_unit(url, OWNER, pg_server.owner_password, clock=clock)
    assert report.to_version == 6 and 6 in report.applied
    admin = ServerStore.open(url, "admin", ADMIN_PASS, login_kdf=FAST, clock=clock)
    try:
        add_user(admin, OWNER, pg_server.owner_password, "sara", Role.SUPERVISOR, USER_PASS, kdf=FAST,
                 login_kdf=FAST)
    finally:
        admin.close()
    sara = ServerSession.open(url, "sara", USER_PASS, clock=clock, login_kdf=FAST)
    try:
        got = _tables(sara.summary.report("2026-01", "2026-01"))
        assert got["safety_plans"].total == 5 and got["new_cases_trend"].total == 5
    finally:
        sara.close()


def test_the_summary_command_with_server(pg_server: PgServer, pg_db: str, store_dir, tmp_path, clock,  # type: ignore[no-untyped-def]
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from stodapp.cli import main
    from stodapp.server.connect import LOGIN_KDF

    from .conftest import make_unit

    url = make_unit(pg_server, pg_db, clock, login_kdf=LOGIN_KDF)
    secret = tmp_path / "pass.txt"
    secret.write_text(USER_PASS + "\n", encoding="utf-8")
    period = ["--from", "2000-01", "--to", "2000-03", "--json"]  # a period in the past whatever the day the test runs
    outputs = {}
    for kind, where in (("server", ["--server", url]), ("local", ["--data-dir", str(store_dir)])):
        pdf = tmp_path / f"{kind}.pdf"
        capsys.readouterr()
        assert main(["summary", *where, "--user", "sara", "--passphrase-file", str(secret), *period,
                     "--out", str(pdf)]) == 0, capsys.readouterr().err
        outputs[kind] = json.loads(capsys.readouterr().out)
        assert pdf.read_bytes().startswith(b"%PDF")
    server, local = outputs["server"], outputs["local"]
    assert set(server) == set(local) and server["municipality"] == "Testenheten"
    assert [tab["metric_id"] for tab in server["tables"]] == [tab["metric_id"] for tab in local["tables"]]
    assert {tab["metric_id"] for tab in server["tables"] if tab["available"]} == SERVER_ONLY
    capsys.readouterr()
    assert main(["summary", "--server", url, "--user", "anna", "--passphrase-file", str(secret), *period]) != 0
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and err.count("\n") == 1, err
