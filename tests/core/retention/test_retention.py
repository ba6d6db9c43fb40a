"""Retention: dated rule, dry run counts, culling at +5 y / +6 y, exceptions kept, audit holds counts only."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.clock import FakeClock
from stodapp.errors import AccessDenied, NotFound, UserInputError, ValidationFailed
from stodapp.retention.rules import policy_on
from stodapp.retention.service import RetentionService, parse_day
from stodapp.store.tables import AuditRow
from tests.core.retention.helpers import make_case


def _at(core, day: date) -> RetentionService:  # type: ignore[no-untyped-def]
    core.ctx.clock = FakeClock(datetime(day.year, day.month, day.day, 10, tzinfo=UTC))
    return RetentionService(core.ctx)


def test_rule_versions_and_dates() -> None:
    old = policy_on(date(2024, 6, 1))
    new = policy_on(date(2026, 6, 1))
    assert old.citation == "12 kap. 1 § SoL (2001:453)" and old.provision_confirmed
    assert "SoL (2025:400)" in new.citation and not new.provision_confirmed and "jurist" in new.citation
    assert new.due_date(date(2020, 3, 4)) == date(2025, 3, 4)
    assert new.deadline(date(2020, 3, 4)) == date(2026, 12, 31)
    assert new.due_date(date(2020, 2, 29)) == date(2025, 2, 28)
    assert set(new.exception_reasons) == {"foraldraskap", "adoption", "placering_barn"}
    assert new.birth_days == (5, 15, 25)


def test_dry_run_then_cull_at_five_and_six_years(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    old = make_case(anna, date(2020, 5, 10), marker="GAMMAL")
    held = make_case(anna, date(2020, 5, 10), marker="ADOPTION")
    sample = make_case(anna, date(2020, 5, 10), marker="URVAL", born_day=15)
    recent = make_case(anna, date(2024, 1, 10), marker="NY")
    admin = open_core("admin")
    RetentionService(admin.ctx).hold(held, "adoption")

    # +4 years 11 months: nothing due yet
    report = _at(admin, date(2025, 4, 30)).report()
    assert report.to_cull == 0 and report.due == 0 and report.cases_total == 4
    assert report.next_due == date(2025, 5, 10)

    # +5 years: the old case is due (held and research-sample cases are kept); not yet overdue
    svc = _at(admin, date(2025, 6, 1))
    report = svc.report()
    assert (report.to_cull, report.due, report.overdue) == (1, 3, 0)
    assert report.held == {"adoption": 1, "forskningsurval": 1}
    with admin.ctx.session() as s:  # the dry run deleted nothing
        assert s.scalar(select(func.count()).select_from(CaseRow)) == 4

    # +6 years 8 months: past the end of the following year -> overdue
    svc = _at(admin, date(2027, 1, 5))
    report = svc.report()
    assert report.overdue == 1 and report.to_cull == 1
    with pytest.raises(UserInputError, match="kör rapporten igen"):
        svc.cull(expected=2)
    result = svc.cull(expected=1)
    assert result.cases == 1 and result.rows["cases"] == 1 and result.rows["persons"] == 2
    assert result.rows["case_notes"] == 1 and result.wal_truncated
    with admin.ctx.session() as s:
        remaining = set(s.scalars(select(CaseRow.id)))
        assert remaining == {held, sample, recent}
        assert s.scalar(select(func.count()).select_from(PersonRow).where(PersonRow.case_id == old)) == 0
        hits = s.execute(text("SELECT count(*) FROM case_notes_fts WHERE case_notes_fts MATCH 'GAMMAL'")).scalar()
        assert hits == 0
        rows = s.execute(select(AuditRow.action, AuditRow.purpose).where(AuditRow.action.like("retention.%"))).all()
    cull_rows = [p for a, p in rows if a == "retention.cull"]
    assert cull_rows == ["cases=1 rows=" + str(sum(result.rows.values())) + " on=2027-01-05"]
    assert all("GAMMAL" not in p and "Fiktivsson" not in p for _a, p in rows)
    assert admin.verify_audit().ok and admin.doctor()["integrity"] == "ok"
    # releasing the hold makes the adoption case due the next time
    RetentionService(admin.ctx).release(held, "adoption")
    assert _at(admin, date(2027, 1, 6)).report().to_cull == 1


def test_cull_refuses_future_date_and_bad_input(open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    svc = _at(admin, date(2026, 1, 1))
    with pytest.raises(UserInputError, match="framtida"):
        svc.cull(expected=0, on=date(2030, 1, 1))
    with pytest.raises(UserInputError, match="ogiltigt datum"):
        parse_day("2026-13-01")
    with pytest.raises(UserInputError, match="okänt skäl"):
        svc.hold(1, "tycker-om")
    with pytest.raises(NotFound):
        svc.hold(999, "adoption")
    with pytest.raises(NotFound):
        svc.release(999, "adoption")
    assert svc.cull(expected=0).cases == 0  # an empty store: nothing to do, still audited


@pytest.mark.parametrize("name", ["anna", "sara", "tove"])
def test_only_administrators_run_retention(open_core, name: str) -> None:  # type: ignore[no-untyped-def]
    svc = RetentionService(open_core(name).ctx)
    with pytest.raises(AccessDenied):
        svc.report()
    with pytest.raises(AccessDenied):
        svc.cull(expected=0)


def test_caseworker_may_hold_own_case_only(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    cid = make_case(anna, date(2020, 1, 1), marker="EGET")
    RetentionService(anna.ctx).hold(cid, "placering_barn")
    with pytest.raises(AccessDenied):
        RetentionService(open_core("bertil").ctx).hold(cid, "adoption")


RULE = """rules:
  - id: retention_culling
    statute: "SoL (2001:453)"
    provision: "12 kap. 1 §"
    valid_from: {valid_from}
    title: {{sv: "x", en: "x"}}
    source: "test"
    verified: false
    params: {{years_after_last_entry: {years}, complete_by: "end_of_following_year"}}
  - id: retention_exceptions
    statute: "SoL (2001:453)"
    provision: "12 kap. 2 §"
    valid_from: 2002-01-01
    title: {{sv: "x", en: "x"}}
    source: "test"
    verified: false
    params: {{exception_reasons: "adoption"}}
  - id: retention_research_sample
    statute: "SoF"
    provision: "7 kap. 2 §"
    valid_from: 2002-01-01
    title: {{sv: "x", en: "x"}}
    source: "test"
    verified: false
    params: {{birth_days: "{days}"}}
"""


@pytest.mark.parametrize("valid_from,years,days,error", [
    ("2002-02-30", 5, "5", ValidationFailed),   # an invalid date in the rule file
    ("not-a-date", 5, "5", ValidationFailed),
    ("2002-01-01", 0, "5", ValidationFailed),    # nonsense period
    ("2002-01-01", 5, "5,40", ValidationFailed),
    ("2030-01-01", 5, "5", NotFound),            # no rule in force yet
])
def test_bad_rule_file_is_refused(tmp_path: Path, valid_from: str, years: int, days: str, error: type) -> None:
    folder = tmp_path / f"legal-{valid_from}-{years}-{days.replace(',', '_')}"
    folder.mkdir()
    (folder / "retention.yaml").write_text(RULE.format(valid_from=valid_from, years=years, days=days))
    with pytest.raises(error):
        policy_on(date(2026, 1, 1), folder)


def test_culling_covers_every_case_linked_table_including_later_ones(open_core) -> None:  # type: ignore[no-untyped-def]
    """Tables a later feature adds (a case_id without a declared key, and a child of that) are found by inspection."""
    from sqlalchemy import inspect

    anna = open_core("anna")
    old = make_case(anna, date(2019, 2, 1), marker="SENARE")
    keep = make_case(anna, date(2026, 1, 1), marker="KVAR")
    admin = open_core("admin")
    with admin.ctx.session() as s:
        s.execute(text("CREATE TABLE later_feature (id INTEGER PRIMARY KEY, case_id INTEGER, body TEXT)"))
        s.execute(text("CREATE TABLE later_child (id INTEGER PRIMARY KEY, "
                       "feature_id INTEGER NOT NULL REFERENCES later_feature(id), body TEXT)"))
        for cid in (old, keep):
            s.execute(text("INSERT INTO later_feature (id, case_id, body) VALUES (:i, :c, 'x')"), {"i": cid, "c": cid})
            s.execute(text("INSERT INTO later_child (feature_id, body) VALUES (:i, 'y')"), {"i": cid})
    svc = _at(admin, date(2026, 6, 1))
    result = svc.cull(expected=svc.report().to_cull)
    assert result.rows["later_feature"] == 1 and result.rows["later_child"] == 1
    with admin.ctx.session() as s:
        insp = inspect(s.connection())
        for table in insp.get_table_names():
            if "case_id" in {c["name"] for c in insp.get_columns(table)}:
                left = s.execute(text(f'SELECT count(*) FROM "{table}" WHERE case_id = :c'), {"c": old}).scalar()
                assert left == 0, table
        assert s.execute(text("SELECT count(*) FROM later_child")).scalar() == 1
