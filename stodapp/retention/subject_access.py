"""Subject-access export (registerutdrag / partsinsyn): everything linked to one person, readable, others redacted.

Linked rows are found by inspecting the schema: every table with a `case_id` in the person's cases and every table
with a foreign key to `persons` pointing at the person. Other persons in those cases appear only as "maskerad" with
their role; their names, personnummer, reserve numbers and addresses are replaced by [maskerad] in every text value,
and rows that belong to another person (person_id) are left out except for a marker. The export is audited.

Only cases the caseworker is assigned to are included; the number of other cases where the same personnummer
appears is stated, so the handler knows to ask the responsible unit.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, select, text

from stodapp.cases.guard import check_case, guarded, is_assigned
from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.errors import AccessDenied, NotFound
from stodapp.i18n import _
from stodapp.service import ServiceContext

MASK = "[maskerad]"
SKIP_TABLES = frozenset({"persons", "case_assignments"})


def _value(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, bytes | memoryview):
        return "<binärt innehåll>"
    return v


def _pnr_forms(pnr: str | None) -> list[str]:
    if not pnr:
        return []
    digits = pnr.replace("-", "").replace("+", "")
    forms = [pnr, digits]
    if len(digits) == 12:
        forms += [f"{digits[2:8]}-{digits[8:]}", digits[2:]]
    return forms


class Redactor:
    """Replaces other persons' identifying strings in free text (longest first, whole words, any case)."""

    def __init__(self, others: list[PersonRow], subject: list[PersonRow]) -> None:
        keep = {p.given_name.casefold() for p in subject} | {p.family_name.casefold() for p in subject}
        terms: set[str] = set()
        for p in others:
            terms.add(f"{p.given_name} {p.family_name}")
            terms.update(_pnr_forms(p.personnummer))
            terms.update(t for t in (p.reserve_number or "", p.address or "") if t)
            for name in (p.given_name, p.family_name):
                if name.casefold() not in keep:  # a shared family name would also hide the subject's own name
                    terms.add(name)
        ordered = sorted((t for t in terms if len(t.strip()) >= 2), key=len, reverse=True)
        self._pattern = (re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in ordered), re.IGNORECASE)
                         if ordered else None)

    def __call__(self, value: Any) -> Any:
        value = _value(value)
        if isinstance(value, str) and self._pattern is not None:
            return self._pattern.sub(MASK, value)
        return value


def _person_dict(row: PersonRow) -> dict[str, Any]:
    return {c: _value(getattr(row, c)) for c in PersonRow.__table__.columns.keys()}  # noqa: SIM118


def subject_access_export(ctx: ServiceContext, person_id: int) -> dict[str, Any]:
    """The export as a JSON-ready dict. NotFound for an unknown person, AccessDenied outside the caseload."""
    ctx.require("case.read")  # the assigned caseworker prepares it; audited as person.subject_access
    with ctx.session() as s:
        person = s.get(PersonRow, person_id)
        if person is None:
            raise NotFound(_("Personen finns inte (id {id}).").format(id=person_id))
        case_id = person.case_id
    try:
        with ctx.session() as s:
            check_case(ctx, s, case_id)
    except AccessDenied as err:
        raise guarded(ctx, "person.subject_access", case_id)(err) from None
    with ctx.session() as s:
        person = s.get(PersonRow, person_id)
        assert person is not None
        same = [person]
        if person.personnummer:
            same = list(s.scalars(select(PersonRow).where(PersonRow.personnummer == person.personnummer)))
        case_ids = sorted({p.case_id for p in same})
        included = [c for c in case_ids if c == person.case_id or is_assigned(s, c, ctx.principal.user_id)]
        subject_rows = [p for p in same if p.case_id in included]
        subject_ids = {p.id for p in subject_rows}
        insp = inspect(s.connection())
        tables = {t: {c["name"] for c in insp.get_columns(t)} for t in insp.get_table_names()}
        person_fk_tables = {t: [fk["constrained_columns"][0] for fk in insp.get_foreign_keys(t)
                                if fk.get("referred_table") == "persons" and len(fk["constrained_columns"]) == 1]
                            for t in tables}
        cases_out: list[dict[str, Any]] = []
        for cid in included:
            case = s.get(CaseRow, cid)
            assert case is not None
            persons = list(s.scalars(select(PersonRow).where(PersonRow.case_id == cid).order_by(PersonRow.id)))
            others = [p for p in persons if p.id not in subject_ids]
            redact = Redactor(others, subject_rows)
            entry: dict[str, Any] = {
                "case": {c: _value(getattr(case, c)) for c in CaseRow.__table__.columns.keys()},  # noqa: SIM118
                "persons": [_person_dict(p) if p.id in subject_ids else {"roll": p.role, "uppgifter": MASK}
                            for p in persons],
                "records": {},
            }
            for table, columns in sorted(tables.items()):
                if table in SKIP_TABLES or table == "cases" or "case_id" not in columns:
                    continue
                rows = s.execute(text(f'SELECT * FROM "{table}" WHERE case_id = :c'), {"c": cid}).mappings().all()
                out = []
                for row in rows:
                    refs = [row[c] for c in person_fk_tables.get(table, []) + (["person_id"] if "person_id" in row
                                                                              else []) if row.get(c) is not None]
                    if any(r not in subject_ids for r in refs):
                        out.append({"uppgifter": MASK, "skal": "gäller en annan person"})
                    else:
                        out.append({k: redact(v) for k, v in row.items()})
                if out:
                    entry["records"][table] = out
            cases_out.append(entry)
        export = {
            "typ": "registerutdrag",
            "person_id": person_id,
            "personer": [_person_dict(p) for p in subject_rows],
            "arenden": cases_out,
            "andra_arenden_ej_med": len(case_ids) - len(included),
            "anmarkning": "Uppgifter om andra personer är maskerade (OSL 26 kap.). Granska före utlämnande.",
        }
        ctx.audit(s, "person.subject_access", "person", str(person_id), purpose=f"cases={len(included)}")
    return export


def to_text(export: dict[str, Any]) -> str:
    """A plain readable rendering of the export (one field per line, indented by level)."""
    lines: list[str] = []

    def walk(value: Any, indent: int, label: str) -> None:
        pad = "  " * indent
        if isinstance(value, dict):
            lines.append(f"{pad}{label}:")
            for k, v in value.items():
                walk(v, indent + 1, str(k))
        elif isinstance(value, list):
            lines.append(f"{pad}{label}: ({len(value)})")
            for i, v in enumerate(value, 1):
                walk(v, indent + 1, f"{label} {i}")
        else:
            lines.append(f"{pad}{label}: {'' if value is None else value}")

    walk(export, 0, "Registerutdrag")
    return "\n".join(lines) + "\n"


def to_json(export: dict[str, Any]) -> str:
    return json.dumps(export, ensure_ascii=False, indent=2, default=str) + "\n"
