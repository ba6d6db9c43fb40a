"""`stodapp server import`: copy a laptop store's cases into the unit's server (issue 16, "Moving in").

What moves: cases (status, unit, dates), their persons, case assignments, journal notes (with corrections), the
cases' checklist assessments (drafts and signed; each record carries its own copy of the checklist it was made
with, so one made with a licensed content pack reads the same on the server) and every version of their safety
plans (oldest first, so the laptop's latest is the latest on the server). Organisation and training
assessments, and supervisors' co-signatures, stay in the laptop store, which can be kept as a read-only archive.
The local store is only read (one audit row is added to it after the server committed). The server side runs as
ONE transaction of the owner role (who owns the tables and so passes row-level security), while the unit's
administrator's unlocked session supplies the data key: every identifying field is encrypted on this machine by
the very functions the server's own writes use (`stodapp.server.cases.person_columns`, `person_term_rows`,
`note_ciphertext`), bound to its table, column and new server row, with the same blind indexes.

Local users are matched to server users by login name; if any user a case, assignment or note refers to has no
server counterpart, nothing is imported. Every imported record is remembered in `import_map` under the source
store's id (its key-slot file's store id) and its local id, so importing the same store again writes only what is
new. After the commit the counts are read back from the server and must equal the local ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, cast, delete, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert

from stodapp.calendar_se import local_date
from stodapp.errors import StodError, StoreCorrupt, UserInputError
from stodapp.i18n import _, ngettext
from stodapp.server import schema as t
from stodapp.server.assessments import KIND as ASSESSMENT_KIND
from stodapp.server.notes import note_ciphertext
from stodapp.server.persons import person_columns, person_term_rows
from stodapp.server.safety_plans import KIND as PLAN_KIND
from stodapp.server.safety_plans import plan_ciphertext, plan_record
from stodapp.server.service_base import row_key
from stodapp.server.store import AUDIT_LOCK, ServerStore, db_error, make_engine

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Connection

    from stodapp.service import ServiceContext

IMPORT_LOCK = 0x5707_1309  # pg_advisory_xact_lock key: one import at a time per server
KINDS = ("cases", "persons", "assignments", "notes", "assessments", "safety_plans")


@dataclass(frozen=True)
class Counts:
    cases: int = 0
    persons: int = 0
    assignments: int = 0
    notes: int = 0
    assessments: int = 0
    safety_plans: int = 0

    def as_tuple(self) -> tuple[int, ...]:
        return (self.cases, self.persons, self.assignments, self.notes, self.assessments, self.safety_plans)

    def line(self) -> str:
        return (f"cases={self.cases} persons={self.persons} assignments={self.assignments} notes={self.notes} "
                f"assessments={self.assessments} safety_plans={self.safety_plans}")


@dataclass(frozen=True)
class ImportReport:
    source_store: str
    server: str
    unit_id: str
    local: Counts  # what the local store holds
    written: Counts  # written by this run (0 everywhere on a repeated import of an unchanged store)
    on_server: Counts  # read back from the server after the commit: this store's records found there

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LocalStore:
    """The rows of the local store that move (in memory only, never written anywhere in clear)."""

    store_id: str
    users: dict[int, str]  # local user id -> login name
    cases: list[dict[str, Any]]
    assignments: list[tuple[int, int]]  # (case id, user id)
    persons: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    assessments: list[dict[str, Any]]  # the cases' assessments: id, case_id, updated_at, record_json
    safety_plans: list[dict[str, Any]]  # every version: id, case_id, person_id, body, review_on, created_*

    def counts(self) -> Counts:
        return Counts(len(self.cases), len(self.persons), len(self.assignments), len(self.notes),
                      len(self.assessments), len(self.safety_plans))

    def referenced_users(self) -> set[int]:
        used = {int(c["created_by"]) for c in self.cases} | {u for _c, u in self.assignments}
        return used | {int(n["author_id"]) for n in self.notes}


def _utc(value: datetime | None) -> datetime | None:
    """The local store (SQLite) hands back naive UTC datetimes; the server column is timestamptz."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def read_local(ctx: ServiceContext, store_id: str) -> LocalStore:
    """Read what moves. Administrator only (she reads every case of the store, as a backup does)."""
    from stodapp.cases.casework_tables import NoteRow, SafetyPlanRow
    from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow
    from stodapp.checklists.tables import AssessmentRow
    from stodapp.store.tables import UserRow

    ctx.require("backup.manage")

    def row(obj: Any, *names: str) -> dict[str, Any]:
        return {n: getattr(obj, n) for n in names}

    with ctx.session() as s:
        users = {int(u.id): str(u.username) for u in s.scalars(select(UserRow))}
        cases = [row(c, "id", "case_no", "status", "unit", "opened_at", "opened_month", "closed_at",
                     "last_entry_at", "created_by") for c in s.scalars(select(CaseRow).order_by(CaseRow.id))]
        assignments = [(int(a.case_id), int(a.user_id)) for a in s.scalars(
            select(CaseAssignmentRow).order_by(CaseAssignmentRow.case_id, CaseAssignmentRow.user_id))]
        persons = [row(p, "id", "case_id", "role", "given_name", "family_name", "personnummer", "reserve_number",
                       "birth_date", "sex", "age_band", "protected_identity", "address", "details")
                   for p in s.scalars(select(PersonRow).order_by(PersonRow.id))]
        notes = [row(n, "id", "case_id", "author_id", "created_at", "body", "corrects_id")
                 for n in s.scalars(select(NoteRow).order_by(NoteRow.id))]
        assessments = [row(a, "id", "case_id", "updated_at", "record_json") for a in s.scalars(
            select(AssessmentRow).where(AssessmentRow.audience == "case", AssessmentRow.case_id.is_not(None))
            .order_by(AssessmentRow.created_at, AssessmentRow.id))]
        plans = [row(p, "id", "case_id", "person_id", "body", "review_on", "created_at", "created_by")
                 for p in s.scalars(select(SafetyPlanRow).order_by(SafetyPlanRow.id))]
    return LocalStore(store_id=store_id, users=users, cases=cases, assignments=assignments, persons=persons,
                      notes=notes, assessments=assessments, safety_plans=plans)


class _Run:
    """One import inside the owner's transaction `conn`."""

    def __init__(self, conn: Connection, admin: ServerStore, local: LocalStore) -> None:
        self.conn = conn
        self.admin = admin
        self.local = local
        self.now = admin.clock.now()
        self.known: dict[tuple[str, str], str] = {}
        self.written = {k: 0 for k in KINDS}
        self.user_map: dict[int, int] = {}
        self.case_map: dict[int, int] = {}
        self.note_map: dict[int, int] = {}

    # ---- the steps ---------------------------------------------------------------------------------------
    def map_users(self) -> None:
        server = {str(name).casefold(): int(uid) for uid, name in self.conn.execute(
            select(t.users.c.id, t.users.c.username))}
        missing = sorted(name for uid, name in self.local.users.items()
                         if uid in self.local.referenced_users() and name.casefold() not in server)
        if missing:
            raise UserInputError(ngettext(
                "{count} lokal användare finns inte på servern ({names}): lägg till den på servern med samma "
                "användarnamn först; inget har importerats",
                "{count} lokala användare finns inte på servern ({names}): lägg till dem på servern med samma "
                "användarnamn först; inget har importerats", len(missing)).format(count=len(missing),
                                                                               names=", ".join(missing)))
        self.user_map = {uid: server[name.casefold()] for uid, name in self.local.users.items()
                         if name.casefold() in server}

    def load_map(self) -> None:
        m = t.import_map
        for kind, local_id, server_key in self.conn.execute(
                select(m.c.kind, m.c.local_id, m.c.server_key).where(m.c.source_store == self.local.store_id)):
            self.known[(str(kind), str(local_id))] = str(server_key)
        self.case_map = {int(k[1]): int(v) for k, v in self.known.items() if k[0] == "case"}
        self.note_map = {int(k[1]): int(v) for k, v in self.known.items() if k[0] == "note"}

    def _remember(self, kind: str, local_id: str, server_key: str, local_ref: str = "") -> None:
        self.conn.execute(insert(t.import_map).values(source_store=self.local.store_id, kind=kind,
                                                      local_id=local_id, server_key=server_key,
                                                      local_ref=local_ref, imported_at=self.now))
        self.known[(kind, local_id)] = server_key

    def _next(self, seq: Any) -> int:
        return int(self.conn.execute(select(seq.next_value())).scalar_one())

    def cases(self) -> set[int]:
        new: set[int] = set()
        for c in self.local.cases:
            if c["id"] in self.case_map:
                continue
            case_id = self._next(t.case_id_seq)
            opened = _utc(c["opened_at"])
            assert opened is not None
            self.conn.execute(insert(t.cases).values(
                id=case_id, case_no=f"VNR-{local_date(opened).year}-{case_id:06d}", status=c["status"],
                unit=c["unit"], opened_at=opened, opened_month=c["opened_month"], closed_at=_utc(c["closed_at"]),
                last_entry_at=_utc(c["last_entry_at"]), created_by=self.user_map[int(c["created_by"])], version=1))
            self._remember("case", str(c["id"]), str(case_id), str(c["case_no"])[:32])
            self.case_map[int(c["id"])] = case_id
            new.add(case_id)
            self.written["cases"] += 1
        return new

    def assignments(self, new_cases: set[int]) -> None:
        keep: dict[int, set[int]] = {}
        for case_id, user_id in self.local.assignments:
            server_case, server_user = self.case_map[case_id], self.user_map[user_id]
            keep.setdefault(server_case, set()).add(server_user)
            local_key = f"{case_id}/{user_id}"
            if ("assignment", local_key) in self.known:
                continue
            self.conn.execute(pg_insert(t.case_assignments).values(case_id=server_case, user_id=server_user)
                              .on_conflict_do_nothing())
            self._remember("assignment", local_key, f"{server_case}/{server_user}")
            self.written["assignments"] += 1
        # The server's trigger assigns a new case's creator; locally she may have handed the case on.
        a = t.case_assignments
        for case_id in new_cases:
            self.conn.execute(delete(a).where(a.c.case_id == case_id, a.c.user_id.not_in(keep.get(case_id, set()))))

    def persons(self) -> None:
        for p in self.local.persons:
            if ("person", str(p["id"])) in self.known:
                continue
            case_id = self.case_map[int(p["case_id"])]
            person_id = self._next(t.person_id_seq)
            values = {k: p[k] for k in ("role", "given_name", "family_name", "personnummer", "reserve_number",
                                        "birth_date", "sex", "age_band", "protected_identity", "address",
                                        "details")}
            values["address"] = values["address"] or ""
            values["details"] = values["details"] or "{}"
            cols = person_columns(self.admin.fields, self.admin.index, values, case_id, person_id)
            self.conn.execute(insert(t.persons).values(id=person_id, case_id=case_id, version=1, **cols))
            terms = person_term_rows(self.admin.index, values, case_id, person_id)
            if terms:
                self.conn.execute(insert(t.person_terms), terms)
            self._remember("person", str(p["id"]), str(person_id))
            self.written["persons"] += 1

    def notes(self) -> None:
        for n in self.local.notes:
            if n["id"] in self.note_map:
                continue
            self.note(n)

    def note(self, n: dict[str, Any]) -> None:
        case_id = self.case_map[int(n["case_id"])]
        note_id = self._next(t.note_id_seq)
        corrects = self.note_map[int(n["corrects_id"])] if n["corrects_id"] is not None else None
        self.conn.execute(insert(t.case_notes).values(
            id=note_id, case_id=case_id, author_id=self.user_map[int(n["author_id"])],
            created_at=_utc(n["created_at"]), corrects_id=corrects,
            body_ct=note_ciphertext(self.admin.fields, case_id, note_id, str(n["body"]))))
        self._remember("note", str(n["id"]), str(note_id))
        self.note_map[int(n["id"])] = note_id
        self.written["notes"] += 1

    def assessments(self) -> None:
        """Each new assessment as the server keeps one: the whole record one ciphertext in case_forms, bound to its
        new row; its subject is the case's server id."""
        from stodapp.checklists.record import AssessmentRecord

        for a in self.local.assessments:
            if ("assessment", str(a["id"])) in self.known:
                continue
            case_id = self.case_map[int(a["case_id"])]
            form_id = self._next(t.form_id_seq)
            try:
                record = AssessmentRecord.model_validate_json(str(a["record_json"]))
            except ValueError:
                raise StoreCorrupt(_("en bedömning i den lokala databasen kan inte läsas; inget har importerats"))\
                    from None
            record = record.model_copy(update={"subject_ref": f"case:{case_id}"})
            body = self.admin.fields.encrypt("case_forms", "body_ct", row_key(case_id, form_id),
                                             record.model_dump_json())
            self.conn.execute(insert(t.case_forms).values(id=form_id, case_id=case_id, kind=ASSESSMENT_KIND,
                                                          version=1, updated_at=_utc(a["updated_at"]), body_ct=body))
            self._remember("assessment", str(a["id"]), str(form_id))
            self.written["assessments"] += 1

    def safety_plans(self) -> None:
        """Each new plan version as the server keeps one (stodapp.server.safety_plans): one ciphertext in
        case_forms bound to its new row, naming the person's server id; its writer by login name."""
        import json

        for p in self.local.safety_plans:
            if ("safety_plan", str(p["id"])) in self.known:
                continue
            case_id = self.case_map[int(p["case_id"])]
            form_id = self._next(t.form_id_seq)
            person = self.known.get(("person", str(p["person_id"]))) if p["person_id"] is not None else None
            created = _utc(p["created_at"])
            assert created is not None
            try:
                body = json.loads(str(p["body"]))
            except ValueError:
                raise StoreCorrupt(_("en säkerhetsplan i den lokala databasen kan inte läsas; inget har importerats"))\
                    from None
            record = plan_record(body, person_id=int(person) if person else None, review_on=p["review_on"],
                                 created_at=created, created_by=self.local.users.get(int(p["created_by"]), ""))
            self.conn.execute(insert(t.case_forms).values(
                id=form_id, case_id=case_id, kind=PLAN_KIND, version=1, updated_at=created,
                body_ct=plan_ciphertext(self.admin.fields, case_id, form_id, record)))
            self._remember("safety_plan", str(p["id"]), str(form_id))
            self.written["safety_plans"] += 1

    def audit(self) -> None:
        """One row on the server's chain, as the administrator: the counts, never content."""
        from sqlalchemy.orm import Session

        from stodapp.audit import append

        self.conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK})
        p = self.admin.principal
        with Session(bind=self.conn) as s:
            append(s, key=self.admin.audit_key, at=self.now, user_id=p.user_id, username=p.username,
                   role=p.role.value, action="server.import", record_type="store", record_id=self.local.store_id,
                   purpose=Counts(**self.written).line())
            s.flush()


def server_counts(conn: Connection, store_id: str) -> Counts:
    """This store's imported records as the server holds them now (joined through import_map)."""
    m = t.import_map

    def keys(kind: str) -> Any:
        return select(m.c.server_key).where(m.c.source_store == store_id, m.c.kind == kind)

    def count(table: Any, key: Any, kind: str) -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(key.in_(keys(kind)))).scalar_one())

    a = t.case_assignments
    return Counts(
        cases=count(t.cases, cast(t.cases.c.id, String), "case"),
        persons=count(t.persons, cast(t.persons.c.id, String), "person"),
        assignments=count(a, func.concat(a.c.case_id, "/", a.c.user_id), "assignment"),
        notes=count(t.case_notes, cast(t.case_notes.c.id, String), "note"),
        assessments=count(t.case_forms, cast(t.case_forms.c.id, String), "assessment"),
        safety_plans=count(t.case_forms, cast(t.case_forms.c.id, String), "safety_plan"),
    )


def import_store(local: LocalStore, admin: ServerStore, owner: str, owner_password: str | None,
                 audit_local: Callable[[str, str], None]) -> ImportReport:
    """Copy the local store's rows `local` into the server `admin` is signed in to (see the module docstring);
    `audit_local(unit id, counts)` adds the local store's audit row once the server has committed."""
    from sqlalchemy.exc import SQLAlchemyError

    from stodapp.access import require

    require(admin.principal, "users.manage")  # the server's administrator (holds the data key for the unit)
    engine = make_engine(admin.address, owner, owner_password)
    try:
        try:
            with engine.begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": IMPORT_LOCK})
                run = _Run(conn, admin, local)
                run.map_users()
                run.load_map()
                new_cases = run.cases()
                run.assignments(new_cases)
                run.persons()
                run.notes()
                run.assessments()
                run.safety_plans()
                run.audit()
            with engine.connect() as conn:
                on_server = server_counts(conn, local.store_id)
        except StodError:
            raise
        except SQLAlchemyError as err:
            raise db_error(err, admin.address) from None
    finally:
        engine.dispose()
    report = ImportReport(source_store=local.store_id, server=admin.address.display(), unit_id=admin.unit_id,
                          local=local.counts(), written=Counts(**run.written), on_server=on_server)
    if on_server != report.local:
        raise StoreCorrupt(_("importen sparades men servern visar andra antal än den lokala databasen "
                             "(lokalt {local}; på servern {server})").format(local=report.local.line(),
                                                                           server=on_server.line()))
    audit_local(admin.unit_id, report.written.line())
    return report
