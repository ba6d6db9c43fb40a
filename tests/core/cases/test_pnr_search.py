"""Personnummer search on the local store: every typed form finds the case, only one's own, through the index."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, text

from stodapp.cases.models import PersonInput
from stodapp.cases.search import pnr_prefixes, whole_personnummer
from stodapp.cases.service import CaseService
from stodapp.demo import luhn_digit


def _valid(birth: date, serial: str) -> str:
    return f"{birth:%Y%m%d}-{serial}{luhn_digit(birth.strftime('%y%m%d') + serial)}"


PNR = _valid(date(1985, 3, 12), "238")  # fictional, valid format
OTHER = _valid(date(1985, 3, 12), "246")  # same birth day, another person


def _case(svc: CaseService, number: str, family: str = "Fiktiv") -> int:
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name=family,
                                         id_kind="personnummer", number=number))
    return case_id


@pytest.mark.parametrize("typed", [PNR, PNR.replace("-", ""), PNR[2:], PNR[2:].replace("-", "")])
def test_every_typed_form_of_a_whole_number_finds_only_that_case(cases_for: Any, typed: str) -> None:
    anna, bertil = cases_for("anna"), cases_for("bertil")
    mine = _case(anna, PNR)
    _case(anna, OTHER)
    _case(bertil, PNR)  # the same number in a colleague's case is not hers to find
    hits = anna.search(typed)
    assert [(h.case_id, h.matched) for h in hits] == [(mine, "personnummer")]
    assert hits[0].person == "Testa Fiktiv"


def test_a_partial_number_still_finds_by_prefix(cases_for: Any) -> None:
    anna = cases_for("anna")
    first, second = _case(anna, PNR), _case(anna, OTHER)
    assert {h.case_id for h in anna.search("19850312")} == {first, second}
    assert {h.case_id for h in anna.search("850312-2")} == {first, second}
    assert anna.search("19850313") == []


def test_whole_and_partial_forms() -> None:
    assert whole_personnummer("19850312-2384") == ["19850312-2384"]
    assert whole_personnummer("198503122384") == ["19850312-2384"]
    assert whole_personnummer("850312-2384") == ["19850312-2384", "20850312-2384"]
    assert whole_personnummer("850312+2384") == ["18850312-2384", "19850312-2384"]
    assert whole_personnummer("19850312") == [] and whole_personnummer("8503122384x") == []
    assert pnr_prefixes("19850312-2") == ["19850312-2"]
    assert pnr_prefixes("8503") == ["198503", "208503"]


def _plans(svc: CaseService, query: str) -> list[str]:
    """The query plan of every statement `search(query)` runs against the persons table."""
    engine = svc._ctx.db.engine
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if "persons" in statement and not statement.startswith("EXPLAIN"):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        svc.search(query)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    plans = []
    with engine.connect() as conn:
        for statement, parameters in seen:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            plans.append(" | ".join(str(r[-1]) for r in rows))
    return plans


def test_whole_number_is_an_index_lookup_not_a_walk_over_ones_cases(cases_for: Any) -> None:
    """The 100k-case cost came from SQLite walking every assignment of the caseworker and testing each case's
    persons; a whole number must start at the personnummer index with an equality."""
    anna = cases_for("anna")
    _case(anna, PNR)
    plans = _plans(anna, PNR)
    assert plans, "no statement read the persons table"
    assert all(p.startswith("SEARCH p USING INDEX ix_persons_pnr (personnummer=?)") for p in plans), plans
    assert not any("(user_id=?)" in p for p in plans), plans
    prefix = _plans(anna, "19850312")
    assert prefix and all(p.startswith("SEARCH p USING INDEX ix_persons_pnr (personnummer>? AND personnummer<?)")
                          for p in prefix), prefix


def test_the_index_the_search_relies_on_exists(cases_for: Any) -> None:
    anna = cases_for("anna")
    with anna._ctx.db.session() as s:
        columns = [r[2] for r in s.execute(text("PRAGMA index_info('ix_persons_pnr')"))]
    assert columns == ["personnummer"]
