"""Case search on the local store: case number, personnummer (exact or prefix), names and note full text.

Every query runs inside the caller's session and returns only cases assigned to `uid`. A whole personnummer is an
equality lookup on the indexed, normalised `persons.personnummer` column (`ix_persons_pnr`); a partial one is a
range on that index with the join order fixed (persons first), so SQLite never walks all of a caseworker's
assignments to test each one (that walk cost ~180 ms at 100,000 cases; `stodapp bench cases`).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select, text

from stodapp.cases import fts
from stodapp.cases.models import Matched, SearchHit
from stodapp.cases.tables import CaseAssignmentRow, CaseRow

_CASE_NO = re.compile(r"^[A-ZÅÄÖ]{2,5}-\d")
_PNR = re.compile(r"^\d[\d+-]*$")
_WHOLE_PNR = re.compile(r"^(\d{6}|\d{8})[-+]?\d{4}$")
_TOP = "\U0010ffff"

# persons first (its personnummer index), then the assignment by its primary key, then the case by its id.
# CROSS JOIN fixes that order: SQLite never reorders it (as in stodapp.cases.fts).
_PNR_SQL = (
    "SELECT p.case_id, c.case_no, p.given_name, p.family_name FROM persons p "
    "CROSS JOIN case_assignments a ON a.case_id = p.case_id AND a.user_id = :uid "
    "CROSS JOIN cases c ON c.id = p.case_id "
    "WHERE {where} ORDER BY p.personnummer, p.id LIMIT :limit"
)


def whole_personnummer(q: str) -> list[str]:
    """The stored forms ('YYYYMMDD-NNNN') a whole personnummer may have, [] if `q` is not one.

    Ten digits (YYMMDD-NNNN) name no century: both 19 and 20 are tried, and 18/19 after a '+' (100 years or
    older). The checksum is not tested here: a mistyped number simply matches nothing."""
    if not _WHOLE_PNR.match(q):
        return []
    digits = q.replace("-", "").replace("+", "")
    if len(digits) == 12:
        return [f"{digits[:8]}-{digits[8:]}"]
    centuries = ("18", "19") if "+" in q else ("19", "20")
    return [f"{c}{digits[:6]}-{digits[6:]}" for c in centuries]


def pnr_prefixes(q: str) -> list[str]:
    """Stored-form prefixes for a partial personnummer (digits, perhaps with the '-' after the date)."""
    digits = q.replace("-", "").replace("+", "")
    if len(digits) > 12:
        return []
    if digits[:2] in ("19", "20") and len(digits) >= 4 or len(digits) in (8, 12):
        full = [digits]
    else:  # YYMMDD… typed without the century: try both
        full = ["19" + digits, "20" + digits]
    return [d if len(d) <= 8 else f"{d[:8]}-{d[8:]}" for d in full]


def find(s: Any, uid: int, q: str, limit: int) -> list[SearchHit]:
    """Hits for the cleaned query `q` among `uid`'s cases, at most `limit`, one per (case, kind), in the order
    case number, personnummer, name, note."""
    return find_all(s, uid, q, limit)[0][:limit]


def find_all(s: Any, uid: int, q: str, limit: int) -> tuple[list[SearchHit], bool]:
    """Every hit of up to `limit` rows per kind of match, and whether a kind had more than `limit`."""
    hits: dict[tuple[int, str], SearchHit] = {}
    capped = False

    def add(case_id: int, case_no: str, matched: Matched, person: str = "") -> None:
        hits.setdefault((case_id, matched), SearchHit(case_id=case_id, case_no=case_no, matched=matched,
                                                      person=person))

    def rows(statement: Any, params: dict[str, object] | None = None) -> list[Any]:
        nonlocal capped
        found = list(s.execute(statement, params or {}))
        capped = capped or len(found) > limit
        return found[:limit]

    ask = limit + 1  # one more than asked tells whether there are more

    mine = CaseAssignmentRow.user_id == uid
    numbers = select(CaseRow.id, CaseRow.case_no).join(CaseAssignmentRow, CaseAssignmentRow.case_id == CaseRow.id)
    whole = whole_personnummer(q)
    if q.isdigit() and 3 <= len(q) <= 8:
        # The serial part of a case number ("000060" in VNR-2026-000060); a whole personnummer is never one.
        for n in rows(numbers.where(mine, CaseRow.case_no.like(f"%-{q}%")).limit(ask)):
            add(n[0], n[1], "arendenummer")
    if whole:
        marks = ", ".join(f":p{i}" for i in range(len(whole)))
        params: dict[str, object] = {"uid": uid, "limit": ask, **{f"p{i}": v for i, v in enumerate(whole)}}
        for r in rows(text(_PNR_SQL.format(where=f"p.personnummer IN ({marks})")), params):
            add(r[0], r[1], "personnummer", f"{r[2]} {r[3]}")
    elif _PNR.match(q):
        for prefix in pnr_prefixes(q):
            params = {"uid": uid, "limit": ask, "lo": prefix, "hi": prefix + _TOP}
            for r in rows(text(_PNR_SQL.format(where="p.personnummer >= :lo AND p.personnummer < :hi")), params):
                add(r[0], r[1], "personnummer", f"{r[2]} {r[3]}")
    else:
        if _CASE_NO.match(q.upper()):
            up = q.upper()
            for n in rows(numbers.where(mine, CaseRow.case_no >= up, CaseRow.case_no < up + _TOP).limit(ask)):
                add(n[0], n[1], "arendenummer")
        expr = fts.match_expression(q)
        if expr is not None:
            fts_params: dict[str, object] = {"q": expr, "uid": uid, "limit": ask}
            for r in rows(text(fts.matching_persons_sql()), fts_params):
                add(r[0], r[1], "namn", f"{r[2]} {r[3]}")
            ids = [r[0] for r in rows(text(fts.matching_cases_sql()), fts_params)]
            case_nos = dict(s.execute(select(CaseRow.id, CaseRow.case_no).where(CaseRow.id.in_(ids))).all())
            for cid in ids:
                add(cid, case_nos[cid], "anteckning")
    return list(hits.values()), capped

