"""ReferralService on a real encrypted store: local entries all-or-nothing, referrals given, access, audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from stodapp.clock import FakeClock
from stodapp.errors import AccessDenied, NotFound, UserInputError, ValidationFailed
from stodapp.referrals.search import SearchQuery
from stodapp.referrals.service import ReferralService
from stodapp.referrals.tables import ReferralGivenRow, ReferralLocalRow
from stodapp.service import ServiceContext
from stodapp.store.tables import AuditRow

from .test_local_and_cli import local_doc

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)


def svc(core: Any) -> ReferralService:
    return ReferralService(ServiceContext(db=core.db, principal=core.principal, clock=FakeClock(NOW)))


def make_case(core: Any, assigned: str) -> tuple[int, int]:
    from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow
    from stodapp.store.tables import UserRow

    with core.db.session() as s:
        uid = s.scalar(select(UserRow.id).where(UserRow.username == assigned))
        case = CaseRow(
            case_no="R-1", opened_at=NOW, opened_month="2026-03", last_entry_at=NOW, created_by=uid
        )
        s.add(case)
        s.flush()
        s.add(CaseAssignmentRow(case_id=case.id, user_id=uid))
        person = PersonRow(
            case_id=case.id,
            role="utovare",
            given_name="Testo",
            family_name="Påhittsson",
            search_name="påhittsson testo",
        )
        s.add(person)
        s.flush()
        return int(case.id), int(person.id)


def write(tmp_path: Path, doc: object) -> Path:
    p = tmp_path / "lokalt.yaml"
    p.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return p


def count(core: Any, table: Any) -> int:
    with core.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def test_local_entries_import_is_all_or_nothing(open_core: Callable[[str], Any], tmp_path: Path) -> None:
    admin = open_core("admin")
    s = svc(admin)
    change = s.import_local(write(tmp_path, local_doc()))
    assert set(change.ids) == {"exempelby_socialtjanst", "exempelby_socialjour"}
    assert s.local_entries() is not None
    bad = local_doc()
    bad["resources"][0]["channels"][0]["contact"] = "+47 22 33 44 55"
    with pytest.raises(ValidationFailed):
        s.import_local(write(tmp_path, bad))
    with pytest.raises(ValidationFailed, match="nyare"):
        s.import_local(write(tmp_path, local_doc(format_version=9)))
    entries = s.local_entries()
    assert entries is not None and entries.resources[0].channels[0].contact == "0501-00 00 00"
    assert count(admin, ReferralLocalRow) == 1
    exported = s.export_local()
    assert b"exempelby_socialjour" in exported
    hits = s.search(SearchQuery(text="exempelby"))
    assert {h.resource.id for h in hits} == {"exempelby_socialtjanst", "exempelby_socialjour"} and hits[
        0
    ].local


def test_record_given_and_statistics(open_core: Callable[[str], Any]) -> None:
    anna = open_core("anna")
    case_id, person_id = make_case(anna, "anna")
    s = svc(anna)
    suggested = [h.resource.id for h in s.suggest(groups=("uses_violence",), language="sv", age=34)]
    assert "valj_att_sluta" in suggested and "nkt_stodtelefon" not in suggested
    rid = s.record_given(case_id, "valj_att_sluta", "perpetrator", person_id=person_id).ids[0]
    s.record_given(case_id, "kvinnofridslinjen", "victim", given_on=date(2026, 3, 1))
    given = s.given_for_case(case_id)
    assert [(g.resource_id, g.person_role) for g in given] == [
        ("valj_att_sluta", "perpetrator"),
        ("kvinnofridslinjen", "victim"),
    ]
    with anna.db.session() as sess:
        audit = sess.scalars(select(AuditRow).where(AuditRow.action == "referral.record")).all()
        assert [a.record_id for a in audit][:1] == [rid]
    for bad, err in (
        (dict(resource_id="no_such", person_role="victim"), NotFound),
        (dict(resource_id="bris", person_role="neighbour"), UserInputError),
        (dict(resource_id="bris", person_role="victim", given_on=date(2027, 1, 1)), UserInputError),
        (dict(resource_id="bris", person_role="victim", person_id=person_id + 99), NotFound),
    ):
        with pytest.raises(err):
            s.record_given(case_id, **bad)  # type: ignore[arg-type]
    assert count(anna, ReferralGivenRow) == 2  # refused records changed nothing

    bertil = svc(open_core("bertil"))
    with pytest.raises(NotFound):  # not assigned: the case does not exist for him
        bertil.record_given(case_id, "bris", "victim")
    with pytest.raises(AccessDenied):
        svc(open_core("sara")).record_given(case_id, "bris", "victim")
    assert svc(open_core("sara")).given_counts(date(2026, 3, 1), date(2026, 3, 31)) == {
        ("valj_att_sluta", "perpetrator"): 1,
        ("kvinnofridslinjen", "victim"): 1,
    }
    with pytest.raises(AccessDenied):
        s.given_counts(date(2026, 3, 1), date(2026, 3, 31))


def test_only_admin_edits_local_entries(open_core: Callable[[str], Any], tmp_path: Path) -> None:
    with pytest.raises(AccessDenied):
        svc(open_core("anna")).import_local(write(tmp_path, local_doc()))
    with pytest.raises(NotFound):
        svc(open_core("admin")).export_local()
