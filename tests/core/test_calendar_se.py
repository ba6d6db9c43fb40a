"""The Swedish calendar on the nights where UTC and Swedish dates differ, and the rules that use it."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from stodapp.backup.schedule import BackupEntry, backup_due
from stodapp.calendar_se import end_of_local_day, local_date, local_month, local_today, start_of_local_day
from stodapp.clock import FakeClock


@pytest.mark.parametrize(
    ("instant", "day"),
    [
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), date(2027, 1, 1)),  # New Year's night, after midnight in Sweden
        (datetime(2026, 12, 31, 22, 59, tzinfo=UTC), date(2026, 12, 31)),
        (datetime(2028, 2, 29, 23, 30, tzinfo=UTC), date(2028, 3, 1)),  # leap day, late evening
        (datetime(2028, 2, 29, 22, 30, tzinfo=UTC), date(2028, 2, 29)),
        (datetime(2027, 3, 28, 1, 30, tzinfo=UTC), date(2027, 3, 28)),  # spring DST night (03:30 CEST)
        (datetime(2027, 3, 27, 23, 30, tzinfo=UTC), date(2027, 3, 28)),  # 00:30 CET
        (datetime(2027, 10, 31, 0, 30, tzinfo=UTC), date(2027, 10, 31)),  # autumn DST night, 02:30 CEST
        (datetime(2027, 10, 31, 1, 30, tzinfo=UTC), date(2027, 10, 31)),  # 02:30 CET (the hour repeated)
        (datetime(2027, 10, 30, 22, 30, tzinfo=UTC), date(2027, 10, 31)),  # summer time: 00:30 local
        (datetime(2031, 6, 15, 22, 15, tzinfo=UTC), date(2031, 6, 16)),  # a day in the 2030s
    ],
)
def test_local_date_is_the_swedish_day(instant: datetime, day: date) -> None:
    assert local_date(instant) == day
    assert local_today(FakeClock(instant)) == day
    assert local_month(instant) == day.strftime("%Y-%m")


def test_naive_stored_instants_are_utc() -> None:
    assert local_date(datetime(2026, 12, 31, 23, 30)) == date(2027, 1, 1)


def test_local_days_have_23_24_and_25_hours() -> None:
    def hours(d: date) -> float:
        return (end_of_local_day(d) - start_of_local_day(d)).total_seconds() / 3600

    assert hours(date(2027, 3, 28)) == 23 and hours(date(2027, 10, 31)) == 25 and hours(date(2027, 6, 1)) == 24
    assert start_of_local_day(date(2027, 1, 1)) == datetime(2026, 12, 31, 23, 0, tzinfo=UTC)


def _entry(at: datetime) -> BackupEntry:
    return BackupEntry(Path("x"), at, True)


def test_backup_is_due_once_per_swedish_day() -> None:
    evening = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)  # 23:30 on New Year's Eve in Sweden
    after_midnight = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on New Year's Day
    assert backup_due([], evening)
    assert not backup_due([_entry(evening)], datetime(2026, 12, 31, 22, 55, tzinfo=UTC))  # 23:55, still the 31st
    assert backup_due([_entry(evening)], after_midnight)  # a new day in Sweden, although the same UTC day
    assert not backup_due([BackupEntry(Path("x"), evening, True)], datetime(2026, 12, 31, 22, 59, tzinfo=UTC))
    assert backup_due([BackupEntry(Path("x"), evening, False)], evening)  # an incomplete backup does not count


def test_typed_review_date_round_trips_to_the_listing_and_the_pdf(store_dir: Path) -> None:
    """Signed just after midnight in Sweden (still the previous day in UTC): the date typed is the date shown."""
    from stodapp.cases.service import CaseService
    from stodapp.checklists.demo import example_answers
    from stodapp.checklists.service import ChecklistService
    from stodapp.core import Core
    from tests.conftest import USER_PASS

    clock = FakeClock(datetime(2026, 12, 7, 23, 30, tzinfo=UTC))  # 00:30 on 8 December in Sweden
    core = Core.unlock(store_dir, "anna", USER_PASS, clock=clock)
    try:
        case_id = int(CaseService(core.ctx).create_case("Enhet fiktiv").ids[0])
        svc = ChecklistService(core.ctx)
        danger = "se.stodapp.vinr.farlighet"
        view = svc.start(danger, case_id)
        answers: dict[str, Any] = example_answers(svc.definition(danger), 3) | {"ny_bedomning_senast": "2027-01-06"}
        view = svc.save_answers(view.id, answers)
        for j in svc.definition(danger).judgements:
            entry = view.record.judgements.get(j.id)
            if entry is None or entry.value is None:
                view = svc.set_judgement(view.id, j.id, "hog", reason="Fiktiv motivering med tillräckligt många tecken")
        signed = svc.sign(view.id)
        assert signed.review_date == date(2027, 1, 6)
        assert [s.review_date for s in svc.history(case_id)] == [date(2027, 1, 6)]
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(svc.pdf(signed.id))).pages)
        assert "2027-01-06" in text and "2027-01-05" not in text
    finally:
        core.close()
