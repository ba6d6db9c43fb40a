"""Subject-access export (registerutdrag / partsinsyn): everything linked to one person, readable, others redacted.

An allow-list decides what goes out, never the schema: the person's own rows, the case's number and dates, notes,
asking events and safety plans about the person, reports of concern about them as a child, and assessments'
answers, each with named columns only. Staff-facing data (break-the-glass and reveal reasons, next-step reasons,
reviews, police sharing, retention holds, user ids) is never included. Other persons in those cases appear only as
"maskerad" with their role; their names, personnummer, reserve numbers and addresses are replaced by [maskerad] in
every text value. The export is audited.

Only cases the caseworker may see are included, and nothing says whether the person appears in other cases.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.cases.guard import check_case, guarded, is_assigned
from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.errors import AccessDenied, NotFound
from stodapp.i18n import _
from stodapp.service import ServiceContext

MASK = "[maskerad]"
NOTE = ("Uppgifter om andra personer är maskerade (OSL 26 kap.). Uppgifter kan finnas hos andra enheter; "
        "fråga dem direkt. Granska före utlämnande.")
PERSON_COLUMNS = ("id", "role", "given_name", "family_name", "personnummer", "reserve_number", "birth_date", "sex",
                  "protected_identity", "address", "details")
CASE_COLUMNS = ("case_no", "status", "unit", "opened_at", "closed_at")
NOTE_COLUMNS = ("id", "created_at", "body", "corrects_id")
ASKING_COLUMNS = ("id", "asked_on", "subject", "channel", "trigger", "indication", "answer", "reason", "action",
                  "support_info_given")
PLAN_COLUMNS = ("id", "created_at", "review_on")
CONCERN_COLUMNS = ("id", "report_date", "status", "sent_on", "acknowledged_on", "feedback_on", "outcome",
                   "outcome_on")
CHILD_KEYS = ("name", "personnummer", "address", "protected_identity")
CONCERN_KEYS = ("description", "observed_on", "source", "concern_since", "child_own_words")
ASSESSMENT_COLUMNS = ("id", "checklist_id", "version", "status", "created_at", "signed_at")


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

    def __init__(self, others: list[PersonRow], subject: list[PersonRow], extra: list[str] | None = None) -> None:
        self._others, self._subject = others, subject
        keep = {p.given_name.casefold() for p in subject} | {p.family_name.casefold() for p in subject}
        terms: set[str] = set()
        for term in extra or ():  # names that only appear inside a record (guardians, a reporter)
            terms.add(term)
            terms.update(w for w in term.split() if w.casefold() not in keep)
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

    def with_terms(self, extra: list[str]) -> Redactor:
        return Redactor(self._others, self._subject, [t for t in extra if t.strip()])

    def __call__(self, value: Any) -> Any:
        value = _value(value)
        if isinstance(value, str) and self._pattern is not None:
            return self._pattern.sub(MASK, value)
        return value


def _person_dict(row: PersonRow) -> dict[str, Any]:
    return {c: _value(getattr(row, c)) for c in PERSON_COLUMNS}


def _pick(row: Any, columns: tuple[str, ...], redact: Redactor) -> dict[str, Any]:
    return {c: redact(getattr(row, c)) for c in columns}


def _redact_tree(value: Any, redact: Redactor) -> Any:
    if isinstance(value, dict):
        return {str(k): _redact_tree(v, redact) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_tree(v, redact) for v in value]
    return redact(value)


def _loads(text_value: str) -> dict[str, Any]:
    try:
        data = json.loads(text_value or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _is_the_child(child: dict[str, Any], subject: PersonRow) -> bool:
    """Whether a report of concern's child is the subject (same personnummer, else the same full name)."""
    own = _digits(subject.personnummer)
    theirs = _digits(child.get("personnummer"))
    if own and theirs:
        return own[-10:] == theirs[-10:]
    name = " ".join(str(child.get("name") or "").casefold().split())
    return bool(name) and name == " ".join(f"{subject.given_name} {subject.family_name}".casefold().split())


def _is_about(person_id: int | None, subject: PersonRow, perpetrator_side: bool) -> bool:
    """A row linked to the subject, or linked to nobody and on the subject's side of the case."""
    if person_id is not None:
        return person_id == subject.id
    return perpetrator_side == (subject.role == "utovare")


def _case_records(s: Session, cid: int, subject: PersonRow, redact: Redactor) -> dict[str, list[dict[str, Any]]]:
    """The allow-listed records of one case that are meant for the subject, other persons redacted."""
    from stodapp.cases.casework_tables import AskingEventRow, NoteRow, SafetyPlanRow
    from stodapp.checklists.tables import AssessmentRow
    from stodapp.concerns.tables import ConcernReportRow

    out: dict[str, list[dict[str, Any]]] = {}
    notes = s.scalars(select(NoteRow).where(NoteRow.case_id == cid).order_by(NoteRow.id))
    out["case_notes"] = [_pick(n, NOTE_COLUMNS, redact) for n in notes]
    events = s.scalars(select(AskingEventRow).where(AskingEventRow.case_id == cid).order_by(AskingEventRow.id))
    out["asking_events"] = [_pick(e, ASKING_COLUMNS, redact) for e in events
                            if _is_about(e.person_id, subject, e.subject == "utovande")]
    plans = s.scalars(select(SafetyPlanRow).where(SafetyPlanRow.case_id == cid).order_by(SafetyPlanRow.id))
    out["safety_plans"] = [{**_pick(p, PLAN_COLUMNS, redact), "plan": _redact_tree(_loads(p.body), redact)}
                           for p in plans if _is_about(p.person_id, subject, False)]
    if subject.role == "barn":
        reports = s.scalars(select(ConcernReportRow).where(ConcernReportRow.case_id == cid)
                            .order_by(ConcernReportRow.id))
        out["concern_reports"] = []
        for r in reports:
            body = _loads(r.report_json)
            child = body.get("child")
            if not isinstance(child, dict) or not _is_the_child(child, subject):
                continue
            concern = body.get("concern") if isinstance(body.get("concern"), dict) else {}
            assert isinstance(concern, dict)
            named = [str(g.get("name") or "") for g in body.get("guardians") or () if isinstance(g, dict)]
            reporter = body.get("reporter") if isinstance(body.get("reporter"), dict) else {}
            assert isinstance(reporter, dict)
            scrub = redact.with_terms([*named, str(reporter.get("name") or ""), str(concern.get("observed_by") or "")])
            out["concern_reports"].append({
                **_pick(r, CONCERN_COLUMNS, scrub),
                "barnet": {k: scrub(child.get(k)) for k in CHILD_KEYS if k in child},
                "oro": {k: scrub(concern.get(k)) for k in CONCERN_KEYS if k in concern},
            })
    assessments = s.scalars(
        select(AssessmentRow).where(AssessmentRow.case_id == cid).order_by(AssessmentRow.created_at)
    )
    out["assessments"] = [{**_pick(a, ASSESSMENT_COLUMNS, redact),
                           "answers": _redact_tree(_loads(a.record_json).get("answers") or {}, redact)}
                          for a in assessments]
    return {k: v for k, v in out.items() if v}


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
        # Only the cases the caseworker may see; whether the person appears in other cases is not revealed.
        included = sorted({p.case_id for p in same
                           if p.case_id == person.case_id or is_assigned(s, p.case_id, ctx.principal.user_id)})
        subject_rows = [p for p in same if p.case_id in included]
        subject_ids = {p.id for p in subject_rows}
        cases_out: list[dict[str, Any]] = []
        for cid in included:
            case = s.get(CaseRow, cid)
            assert case is not None
            persons = list(s.scalars(select(PersonRow).where(PersonRow.case_id == cid).order_by(PersonRow.id)))
            others = [p for p in persons if p.id not in subject_ids]
            redact = Redactor(others, subject_rows)
            subject = next(p for p in persons if p.id in subject_ids)
            cases_out.append({
                "case": {c: _value(getattr(case, c)) for c in CASE_COLUMNS},
                "persons": [_person_dict(p) if p.id in subject_ids else {"roll": p.role, "uppgifter": MASK}
                            for p in persons],
                "records": _case_records(s, cid, subject, redact),
            })
        export = {
            "typ": "registerutdrag",
            "person_id": person_id,
            "personer": [_person_dict(p) for p in subject_rows],
            "arenden": cases_out,
            "anmarkning": NOTE,
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
