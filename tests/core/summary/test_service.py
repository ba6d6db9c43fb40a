"""SummaryService over a demo store: role, bad input, audit, published values, sentinels, PDF and CLI."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text

from stodapp.auth import Principal, Role
from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.core import Core
from stodapp.errors import AccessDenied, UserInputError
from stodapp.service import ServiceContext
from stodapp.store.tables import AuditRow
from stodapp.summary.models import SummaryReport
from stodapp.summary.service import SummaryService

SENTINELS = [
    "Zebulon Sentinelsson",
    "Qwilla Markörsdotter",
    "19121212-1212",
    "Sentinelgatan 77",
    "HEMLIG-ANTECKNING-4711",
    "Kvistvägen 3, 999 98 Spårby",
]


def _fact_tables(core: Core) -> set[str]:
    """Test-only fact tables for views no feature provides yet (a real view is left alone and used as is)."""
    from stodapp.summary.facts import relation_exists

    rng = random.Random(3)
    months = [f"2026-{m:02d}" for m in range(1, 11)]
    made: set[str] = set()
    with core.db.session() as s:
        if not relation_exists(s, "fact_asking_events"):
            s.execute(text('CREATE TABLE fact_asking_events (month TEXT, answer TEXT, channel TEXT, "trigger" TEXT)'))
            for _ in range(140):
                s.execute(
                    text("INSERT INTO fact_asking_events VALUES (:m, :a, :c, :t)"),
                    {
                        "m": rng.choice(months),
                        "a": rng.choice(["ja", "nej", "nej", "nej", "avbojt", "ej_fragat"]),
                        "c": rng.choice(["besok", "besok", "telefon", "video", "skriftligt", SENTINELS[4]]),
                        "t": rng.choice(["rutin", "rutin", "rutin", "indikation", "eget_initiativ"]),
                    },
                )
            made.add("fact_asking_events")
        if not relation_exists(s, "fact_concerns"):
            s.execute(text("CREATE TABLE fact_concerns (month TEXT, concern_outcome TEXT)"))
            for _ in range(23):
                s.execute(
                    text("INSERT INTO fact_concerns VALUES (:m, :o)"),
                    {"m": rng.choice(months), "o": rng.choice(["utredning", "utredning", "ingen", "ej_kant"])},
                )
            made.add("fact_concerns")
        if not relation_exists(s, "fact_safety_plans"):
            s.execute(text("CREATE TABLE fact_safety_plans (month TEXT)"))
            s.execute(text("INSERT INTO fact_safety_plans VALUES ('2026-02'), ('2026-03'), ('2026-03')"))
            made.add("fact_safety_plans")
    return made


def _plant_sentinels(core: Core) -> None:
    with core.db.session() as s:
        case = CaseRow(
            case_no="SENT-1",
            unit=SENTINELS[4],
            opened_at=datetime(2026, 3, 3, tzinfo=UTC),
            opened_month="2026-03",
            last_entry_at=datetime(2026, 3, 3, tzinfo=UTC),
            created_by=1,
        )
        s.add(case)
        s.flush()
        s.add(
            PersonRow(
                case_id=case.id,
                role="stodsokande",
                given_name="Zebulon",
                family_name="Sentinelsson",
                search_name="sentinelsson zebulon",
                personnummer=SENTINELS[2],
                sex=SENTINELS[1],
                age_band=SENTINELS[3],
                protected_identity=True,
                address=SENTINELS[5],
                details=json.dumps({"note": SENTINELS[4], "name": SENTINELS[0]}),
            )
        )


MADE: set[str] = set()


@pytest.fixture(scope="module")
def core() -> Iterator[Core]:
    c = Core.open_demo(role=Role.SUPERVISOR, cases=400, seed=11)
    MADE.update(_fact_tables(c))
    _plant_sentinels(c)
    yield c
    c.close()


def _audit_count(core: Core, action: str) -> int:
    with core.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == action)) or 0)


def test_report_publishes_only_zero_suppressed_or_large(core: Core) -> None:
    report = SummaryService(core.ctx).report("2026-01", "2026-10")
    assert report.threshold == 5 and report.child_threshold == 10
    seen_suppressed = False
    for table in report.tables:
        for v in table.published_values():
            if isinstance(v, str):
                assert v == f"<{table.threshold}"
                seen_suppressed = True
            else:
                assert v == 0 or v >= table.threshold
    assert seen_suppressed  # 400 demo cases over sex x age do have small cells
    tables = {t.metric_id: t for t in report.tables}
    assert tables["concerns"].threshold == 10 and tables["concerns"].available
    assert tables["asking"].available
    # forms of violence come from the real view over signed descriptions (migration 0008)
    assert tables["violence_forms"].available
    if "fact_safety_plans" in MADE:
        assert tables["safety_plans"].total == "<5"  # three plans: a lone small count is hidden


def test_unsuppressed_cells_equal_an_independent_count(core: Core) -> None:
    report = SummaryService(core.ctx).report("2026-01", "2026-10")
    trend = next(t for t in report.tables if t.metric_id == "new_cases_trend")
    with core.db.session() as s:
        truth = dict(
            s.execute(
                select(CaseRow.opened_month, func.count())
                .where(CaseRow.opened_month.between("2026-01", "2026-10"))
                .group_by(CaseRow.opened_month)
            ).all()
        )
    for month, row in zip(trend.row_codes, trend.cells, strict=True):
        if isinstance(row[0], int):
            assert row[0] == truth.get(month, 0)
    if isinstance(trend.total, int):
        assert trend.total == sum(truth.values())


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TRAINER, Role.ADMIN])
def test_only_supervisors_get_summaries(core: Core, role: Role) -> None:
    ctx = ServiceContext(db=core.db, principal=Principal(user_id=99, username="x", role=role), clock=core.clock)
    before = _audit_count(core, "summary.generate")
    with pytest.raises(AccessDenied):
        SummaryService(ctx).report("2026-01", "2026-03")
    assert _audit_count(core, "summary.generate") == before


@pytest.mark.parametrize(
    ("first", "last", "kw"),
    [
        ("2026-04", "2026-01", {}),
        ("2026-01", "2099-01", {}),
        ("2026-01", "2026-02", {"threshold": 2}),
        ("2026-01", "2026-02", {"threshold": 6, "child_threshold": 5}),
        ("2026-1", "2026-02", {}),
    ],
)
def test_bad_input_produces_nothing(core: Core, first: str, last: str, kw: dict[str, int]) -> None:
    before = _audit_count(core, "summary.generate")
    with pytest.raises(UserInputError):
        SummaryService(core.ctx).report(first, last, **kw)
    assert _audit_count(core, "summary.generate") == before


def test_threshold_can_be_raised_and_generation_is_audited(core: Core) -> None:
    before = _audit_count(core, "summary.generate")
    report = SummaryService(core.ctx).report("2026-01", "2026-10", threshold=8, child_threshold=12)
    assert report.threshold == 8 and report.child_threshold == 12
    assert _audit_count(core, "summary.generate") == before + 1
    lowered = SummaryService(core.ctx).report("2026-01", "2026-10", threshold=3)
    assert lowered.threshold == 5  # the store-wide floor still applies; a caller can only raise it


def test_sentinels_never_reach_pdf_or_json(core: Core) -> None:
    service = SummaryService(core.ctx)
    report = service.report("2026-01", "2026-10", municipality="Exempelby kommun")
    pdf = service.pdf(report)
    text_out = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    dumped = report.model_dump_json()
    assert "Exempelby kommun" in text_out and "Nya ärenden" in text_out  # the extraction works
    for needle in SENTINELS + ["Sentinel", "19121212", "Spårby", "Testsson", "Påhittade vägen"]:
        assert needle not in text_out
        assert needle not in dumped
    assert SummaryReport.model_validate_json(dumped) == report


def test_cli_writes_pdf_and_json(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from stodapp.cli import main

    out = Path(str(tmp_path)) / "s.pdf"
    assert main(["summary", "--demo", "--from", "2026-01", "--to", "2026-06", "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert out.read_bytes().startswith(b"%PDF")
    assert {t["metric_id"] for t in data["tables"]} >= {"new_cases", "asking", "training"}
    assert main(["summary", "--demo", "--from", "2026-06", "--to", "2026-01", "--json"]) == 2
    assert "tom" in capsys.readouterr().err
    bad = Path(str(tmp_path)) / "bad.pdf"
    assert (
        main(
            [
                "summary",
                "--demo",
                "--from",
                "2026-01",
                "--to",
                "2026-02",
                "--out",
                str(bad),
                "--threshold",
                "2",
            ]
        )
        == 2
    )
    assert not bad.exists()


def test_new_cases_count_each_case_once_and_cases_without_a_person(core: Core) -> None:
    from stodapp.summary.facts import new_cases_by_sex_age
    from stodapp.summary.period import make_period

    with core.db.session() as s:
        case = CaseRow(
            case_no="TOM-1",
            opened_at=datetime(2026, 4, 1, tzinfo=UTC),
            opened_month="2026-04",
            last_entry_at=datetime(2026, 4, 1, tzinfo=UTC),
            created_by=1,
        )
        s.add(case)
        s.flush()
        twin = CaseRow(
            case_no="TVA-1",
            opened_at=datetime(2026, 4, 1, tzinfo=UTC),
            opened_month="2026-04",
            last_entry_at=datetime(2026, 4, 1, tzinfo=UTC),
            created_by=1,
        )
        s.add(twin)
        s.flush()
        for sex in ("man", "kvinna"):  # two persons seeking support: the first one counts, the case once
            s.add(
                PersonRow(
                    case_id=twin.id,
                    role="stodsokande",
                    given_name="A",
                    family_name="B",
                    search_name="b a",
                    sex=sex,
                    age_band="40-49",
                )
            )
        s.flush()
        counts = new_cases_by_sex_age(s, make_period("2026-04", "2026-04", datetime(2026, 11, 1).date()))
        total = s.scalar(select(func.count()).select_from(CaseRow).where(CaseRow.opened_month == "2026-04"))
        assert counts is not None and sum(counts.values()) == total
        assert counts[("", "")] >= 1 and counts[("man", "40-49")] >= 1
        s.rollback()


def test_cover_names_the_municipality_of_the_local_entries() -> None:
    """Without a typed name or a setting, the cover names the store's own municipality, never 'ej angiven'."""
    from stodapp.referrals.local_entries import LocalEntries
    from stodapp.referrals.tables import ReferralLocalRow

    c = Core.open_demo(role=Role.SUPERVISOR, cases=20, seed=5)
    try:
        assert c.summary.report("2026-01", "2026-03").municipality == ""  # nothing known: the cover says so
        doc = LocalEntries(municipality="0136").model_dump_json()
        with c.db.session() as s:
            s.add(ReferralLocalRow(municipality="0136", format_version=1, document=doc,
                                   updated_at=datetime(2026, 3, 1, tzinfo=UTC), updated_by=1))
        assert c.summary.report("2026-01", "2026-03").municipality == "Haninge"
        assert c.summary.report("2026-01", "2026-03", municipality="Exempelby").municipality == "Exempelby"
        pdf = c.summary.pdf(c.summary.report("2026-01", "2026-03"))
        text_ = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "Haninge" in text_ and "ej angiven" not in text_
    finally:
        c.close()
