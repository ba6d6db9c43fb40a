"""Safety plans on the server backend: the local `FollowUpService` plan methods over `case_forms`, encrypted on
this machine before anything is sent.

Each save is a new version (a new row), as on the local store; the latest row is the plan. The whole version —
the risk situations, what she does, who helps, contacts, the children's plan, the prompts gone through with their
answers and which of them go on her copy, whom the plan is for, its review date, who wrote it and when — is one
ciphertext bound to `case_forms.body_ct` and `<case id>/<form id>`; the server sees only `kind = "safety_plan"`,
the case, and when it was written.

A save names the plan version it was based on (`based_on`: the latest id the editor showed, None for the first
plan): when somebody else saved a newer version since, the save is refused whole with `Conflict` ("Någon annan
har ändrat … — ladda om") rather than silently replacing her version. Every write goes through `ServerStore.write`
(idempotent by its operation id, one transaction with its audit row).

The PDFs are the local ones (`stodapp.cases.pdf.safety_plan_pdf`, `stodapp.client_lang.safety_plan`), built here
from the decrypted plan and persons: a protected person's name, number and address are never printed on the file
copy, and the client's copy is refused if a plan text holds the case number, a personnummer or an address of the
case (protected ones included). Printing asks for a recent passphrase (`step_up`) as on the local store.

The local store also adds a "review of the safety plan" reminder on its review date; reviews do not exist on the
server yet, so the review date lives only inside the plan. `stodapp server import` moves a laptop's versions with
`plan_record` and `plan_ciphertext`, as these saves make them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from sqlalchemy import insert, select

from stodapp.calendar_se import local_date
from stodapp.cases.followup_models import SafetyPlanInput, SafetyPlanView
from stodapp.cases.safety_prompts import PromptList
from stodapp.changes import Change
from stodapp.errors import Conflict, NotFound, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.fieldcrypto import FieldCipher
from stodapp.server.service_base import CaseNotVisible, ServerServiceBase, row_key
from stodapp.server.store import ServerStore

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.cases.models import PersonView

KIND = "safety_plan"
StepUp = Callable[[str], None]  # raises ReauthRequired when the passphrase is needed again before a print


def _stale() -> Conflict:
    return Conflict(_("Någon annan har ändrat säkerhetsplanen sedan du läste den — ladda om. Inget har sparats."))


def _no_plan() -> NotFound:
    return NotFound(_("Ärendet har ingen säkerhetsplan."))


def plan_body(data: SafetyPlanInput, prompts: PromptList) -> dict[str, Any]:
    """What a version stores beyond its ids and dates: the local `save_plan`'s body (prompts as answered against
    the list's texts, refused before anything is written when one is unknown)."""
    from stodapp.cases.client_copy import stored_prompts

    stored = stored_prompts(data.prompts, prompts)
    body = {k: v for k, v in data.model_dump(mode="json").items() if k not in ("person_id", "review_on", "prompts")}
    if stored:
        body["prompts"] = [p.model_dump(mode="json") for p in stored]
        body["prompts_version"] = prompts.version
    return body


def plan_record(body: dict[str, Any], *, person_id: int | None, review_on: date, created_at: datetime,
                created_by: str) -> dict[str, Any]:
    """The whole version as it is encrypted (also used by `stodapp.server.importer` for a laptop's plans)."""
    return {**body, "person_id": person_id, "review_on": review_on.isoformat(), "created_at": created_at.isoformat(),
            "created_by": created_by}


def plan_ciphertext(fields: FieldCipher, case_id: int, form_id: int, record: dict[str, Any]) -> bytes:
    return fields.encrypt("case_forms", "body_ct", row_key(case_id, form_id),
                          json.dumps(record, ensure_ascii=False, sort_keys=True))


class ServerSafetyPlans(ServerServiceBase):
    """Save a new version, read the latest, and print it (file copy, client copy) on the server."""

    def __init__(self, store: ServerStore, step_up: StepUp | None = None) -> None:
        super().__init__(store)
        self._step_up = step_up

    def prompt_list(self) -> PromptList:
        """The prompt list the editor shows (shipped data, no case content: no audit row)."""
        from stodapp.cases.safety_prompts import default_prompts

        return default_prompts()

    # ---- ciphertext ------------------------------------------------------------------------------------------
    def _view(self, row: Any) -> SafetyPlanView:
        plain = self._store.fields.decrypt("case_forms", "body_ct", row_key(row.case_id, row.id), row.body_ct)
        try:
            record = json.loads(plain)
            record.pop("created_by", None)
            return SafetyPlanView.model_validate({"id": row.id, "case_id": row.case_id, **record})
        except (ValueError, ValidationError):
            raise StoreCorrupt(_("Säkerhetsplanen {id} kan inte läsas (skadad post).").format(id=row.id)) from None

    def _latest_row(self, s: Session, case_id: int) -> Any:
        f = t.case_forms
        return s.execute(select(f).where(f.c.case_id == case_id, f.c.kind == KIND)
                         .order_by(f.c.id.desc()).limit(1)).first()

    # ---- writes --------------------------------------------------------------------------------------------
    def save(self, case_id: int, data: SafetyPlanInput, *, based_on: int | None,
             op_id: str | None = None) -> Change:
        """A new version of the case's safety plan, if the latest is still `based_on` (the id she read, None when
        there was none); else `Conflict` and nothing saved. Checked as the local `save_plan` checks it."""
        self._require("case.write")
        now = self._store.clock.now()
        if data.review_on <= local_date(now):
            raise UserInputError(_("Omprövningsdatumet för säkerhetsplanen ska ligga framåt i tiden."))
        if not any(x.strip() for x in data.risk_situations):
            raise UserInputError(_("Beskriv minst en risksituation."))
        body = plan_body(data, self.prompt_list())

        def write(s: Session) -> tuple[str, None]:
            self._case(s, case_id)
            self._touch(s, case_id)  # locks the case row: a second writer of this case waits here, then sees ours
            latest = self._latest_row(s, case_id)
            if (latest.id if latest is not None else None) != based_on:
                raise _stale()
            if data.person_id is not None:
                found = s.execute(select(t.persons.c.case_id).where(t.persons.c.id == data.person_id)).first()
                if found is None or found[0] != case_id:
                    raise NotFound(_("Personen finns inte i ärendet."))
            form_id = int(s.execute(select(t.form_id_seq.next_value())).scalar_one())
            record = plan_record(body, person_id=data.person_id, review_on=data.review_on, created_at=now,
                                 created_by=self._store.principal.username)
            s.execute(insert(t.case_forms).values(id=form_id, case_id=case_id, kind=KIND, version=1, updated_at=now,
                                                  body_ct=plan_ciphertext(self._store.fields, case_id, form_id,
                                                                          record)))
            self._store.audit(s, "safety_plan.save", "safety_plan", str(form_id))
            return str(form_id), None

        try:
            form_id = self._write(op_id, "safety_plan.save", write)
        except CaseNotVisible:
            self._denied("safety_plan.save", case_id)
            raise
        return Change(area="cases", action="safety_plan_saved", ids=(str(case_id), form_id))

    # ---- reads ---------------------------------------------------------------------------------------------
    def latest(self, case_id: int) -> SafetyPlanView | None:
        """The case's latest plan version, None when it has none (one `safety_plan.view` audit row)."""
        self._require("case.read")
        try:
            with self._store.session() as s:
                return self.read_latest(s, case_id)
        except CaseNotVisible:
            self._denied("safety_plan.view", case_id)
            raise

    def read_latest(self, s: Session, case_id: int) -> SafetyPlanView | None:
        """`latest` inside the caller's transaction; CaseNotVisible for a case RLS hides."""
        self._case(s, case_id)
        row = self._latest_row(s, case_id)
        self._store.audit(s, "safety_plan.view", "case", str(case_id))
        return None if row is None else self._view(row)

    def _printable(self, case_id: int, what: str) -> SafetyPlanView:
        plan = self.latest(case_id)
        if plan is None:
            raise _no_plan()
        if self._step_up is not None:
            self._step_up(what)
        return plan

    def file_pdf(self, case_id: int) -> bytes:
        """The latest plan as the local file copy's PDF (secrecy header; a protected person is never named and
        her number and address are not printed)."""
        from stodapp.cases.pdf import safety_plan_pdf

        plan = self._printable(case_id, _("skriva ut säkerhetsplanen"))
        try:
            with self._store.session() as s:
                case = self._case(s, case_id)
                persons = self._person_views(s, [case_id]).get(case_id, [])
                self._store.audit(s, "safety_plan.print", "safety_plan", str(plan.id))
        except CaseNotVisible:
            self._denied("safety_plan.print", case_id)
            raise
        return safety_plan_pdf(case.case_no, plan, plan_person(plan, persons))

    def client_pdf(self, case_id: int, lang: str, large: bool = False) -> bytes:
        """Her own copy in `lang`, as the local `client_plan_pdf`: refused (nothing printed or audited) when a
        text would print the case number, a personnummer or an address of the case."""
        from stodapp.cases.client_copy import check_client_copy
        from stodapp.client_lang.safety_plan import client_safety_plan_pdf

        plan = self._printable(case_id, _("skriva ut klientens kopia av säkerhetsplanen"))
        try:
            with self._store.session() as s:
                case_no = self._case(s, case_id).case_no
                addresses, numbers = self._identifiers(s, case_id)
        except CaseNotVisible:
            self._denied("safety_plan.print_client", case_id)
            raise
        check_client_copy(plan, case_no=case_no, addresses=addresses, numbers=numbers)
        data = client_safety_plan_pdf(plan, lang, large=large)  # builds (and may refuse) before the audit row
        with self._store.session() as s:
            self._case(s, case_id)
            self._store.audit(s, "safety_plan.print_client", "safety_plan", str(plan.id), purpose=lang)
        return data

    def _identifiers(self, s: Session, case_id: int) -> tuple[list[str], list[str]]:
        """The case's stored addresses (protected ones too: the guard must know them) and numbers, decrypted here."""
        f = self._store.fields
        addresses: list[str] = []
        numbers: list[str] = []
        p = t.persons
        for row in s.execute(select(p.c.id, p.c.case_id, p.c.address_ct, p.c.pnr_ct, p.c.reserve_ct)
                             .where(p.c.case_id == case_id)):
            key = row_key(row.case_id, row.id)
            addresses.append(f.decrypt("persons", "address_ct", key, row.address_ct))
            numbers += [n for n in (f.decrypt_optional("persons", "pnr_ct", key, row.pnr_ct),
                                    f.decrypt_optional("persons", "reserve_ct", key, row.reserve_ct)) if n]
        return addresses, numbers


def plan_person(plan: SafetyPlanView, persons: list[PersonView]) -> PersonView | None:
    """Whom the file copy names, as the local `plan_pdf`: the plan's own person; a plan for the case as a whole
    names the case's main person (the stödsökande first, else the first person)."""
    person = next((p for p in persons if p.id == plan.person_id), None)
    if person is None and plan.person_id is None:
        person = next((p for p in persons if p.role == "stodsokande"), persons[0] if persons else None)
    return person
