"""Persons in a case: roles, validated identity numbers, groups, interpreter need, protected identity."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.cases import identity
from stodapp.cases.casework_tables import AccessGrantRow
from stodapp.cases.guard import case_session, check_case, check_reason, deny_as_missing
from stodapp.cases.models import GROUPS, MASK, Interpreter, PersonInput, PersonView
from stodapp.cases.tables import CaseRow, PersonRow, search_key
from stodapp.changes import Change
from stodapp.errors import AccessDenied, NotFound, StoreError, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.text_input import clean_text


def person_view(row: PersonRow, *, reveal: bool = False) -> PersonView:
    details = json.loads(row.details or "{}")
    masked = row.protected_identity and not reveal
    return PersonView(
        id=row.id,
        case_id=row.case_id,
        role=row.role,
        given_name=row.given_name,
        family_name=row.family_name,
        personnummer=row.personnummer,
        reserve_number=row.reserve_number,
        birth_date=row.birth_date,
        sex=row.sex,
        age_band=row.age_band,
        protected_identity=row.protected_identity,
        address=MASK if masked else row.address,
        interpreter=Interpreter(**details.get("interpreter", {})),
        groups=tuple(details.get("groups", ())),
        revealed=row.protected_identity and reveal,
    )


def persons_of(s: Session, case_id: int) -> list[PersonView]:
    rows = s.scalars(select(PersonRow).where(PersonRow.case_id == case_id).order_by(PersonRow.id))
    return [person_view(r) for r in rows]


def person_values(data: PersonInput, today: date) -> dict[str, object]:
    """A person's validated, normalised column values (both store backends): one UserInputError per problem."""
    unknown = sorted(set(data.groups) - set(GROUPS))
    if unknown:
        raise UserInputError(_("Okänd grupp: {g}.").format(g=", ".join(unknown)))
    pnr: str | None = None
    reserve: str | None = None
    birth = data.birth_date
    if data.id_kind in ("personnummer", "samordningsnummer"):
        if data.birth_date is not None:
            raise UserInputError(_("Ange inte födelsedatum separat när personnumret finns."))
        pnr, birth = identity.normalise_number(
            data.number, coordination=data.id_kind == "samordningsnummer", today=today
        )
    else:
        if data.id_kind == "reservnummer":
            reserve = identity.check_reserve_number(data.number)
        elif data.number.strip():
            raise UserInputError(
                _("Välj typ av nummer (personnummer, samordningsnummer eller reservnummer).")
            )
        identity.check_birth_date(birth, today)
    if birth is not None:
        band = identity.age_band(birth, today)
    elif data.age_band:
        if data.age_band not in identity.AGE_BANDS:
            raise UserInputError(_("Okänt åldersintervall: {b}.").format(b=data.age_band))
        band = data.age_band
    else:
        band = ""
    if data.role == "barn" and band and band != "0-17":
        raise UserInputError(_("Ett barn i hushållet måste vara under 18 år."))
    details = {"interpreter": data.interpreter.model_dump(), "groups": sorted(set(data.groups))}
    given = clean_text(data.given_name, field=_("Förnamn"), max_len=80)
    family = clean_text(data.family_name, field=_("Efternamn"), max_len=80)
    clean_text(data.address, field=_("Adress"), max_len=300, multiline=True, required=False)
    clean_text(data.interpreter.language, field=_("Tolkspråk"), max_len=60, required=False)
    return {
        "role": data.role,
        "given_name": given,
        "family_name": family,
        "search_name": search_key(f"{family} {given}"),
        "personnummer": pnr,
        "reserve_number": reserve,
        "birth_date": birth,
        "sex": data.sex,
        "age_band": band,
        "protected_identity": data.protected_identity,
        "address": data.address.strip(),
        "details": json.dumps(details, ensure_ascii=False),
    }


class PersonService:
    def __init__(self, ctx: ServiceContext, reauth: Callable[[str], None] | None = None) -> None:
        self._ctx = ctx
        self._reauth = reauth

    def _row_values(self, data: PersonInput, case_id: int) -> dict[str, object]:
        return {"case_id": case_id, **person_values(data, self._ctx.today())}

    def add(self, case_id: int, data: PersonInput) -> Change:
        self._ctx.require("case.write")
        with case_session(self._ctx, case_id, "person.create") as (s, case, _glass):
            row = PersonRow(**self._row_values(data, case_id))
            s.add(row)
            case.last_entry_at = self._ctx.clock.now()
            s.flush()
            self._ctx.audit(s, "person.create", "person", str(row.id))
            return self._ctx.published(Change(area="cases", action="person_added", ids=(str(case_id), str(row.id))))

    def get(self, person_id: int) -> PersonView:
        self._ctx.require("case.read")
        case_id = self._case_of(person_id, "person.view")
        try:
            with self._ctx.session() as s:
                check_case(self._ctx, s, case_id)
                row = s.get(PersonRow, person_id)
                assert row is not None
                self._ctx.audit(s, "person.view", "person", str(person_id))
                return person_view(row)
        except AccessDenied:
            raise deny_as_missing(self._ctx, "person.view", case_id, _("Personen finns inte.")) from None

    def reveal(self, person_id: int, passphrase: str, reason: str) -> PersonView:
        """The unmasked person after re-authentication and a typed reason (stored and audited)."""
        self._ctx.require("person.reveal_protected")
        text = check_reason(reason)
        if self._reauth is None:
            raise StoreError(_("Omautentisering är inte tillgänglig."))
        case_id = self._case_of(person_id, "person.reveal_protected")  # before re-auth: no existence oracle
        self._reauth(passphrase)  # AuthError on a wrong passphrase; nothing recorded
        try:
            with self._ctx.session() as s:
                check_case(self._ctx, s, case_id)
                row = s.get(PersonRow, person_id)
                assert row is not None
                if not row.protected_identity:
                    raise UserInputError(_("Personen har ingen skyddad identitet."))
                s.add(
                    AccessGrantRow(
                        kind="reveal",
                        case_id=case_id,
                        person_id=person_id,
                        user_id=self._ctx.principal.user_id,
                        at=self._ctx.clock.now(),
                        reason=text,
                    )
                )
                self._ctx.audit(s, "person.reveal_protected", "person", str(person_id))
                return person_view(row, reveal=True)
        except AccessDenied:
            raise deny_as_missing(
                self._ctx, "person.reveal_protected", case_id, _("Personen finns inte.")
            ) from None

    def _case_of(self, person_id: int, action: str) -> int:
        """The person's case id if the user may open that case. A person in a case the user may not open is
        reported exactly like a missing one (the refusal is audited), so person ids reveal nothing."""
        missing = _("Personen finns inte.")
        with self._ctx.session() as s:
            case_id = s.scalar(select(PersonRow.case_id).where(PersonRow.id == person_id))
            if case_id is None or s.get(CaseRow, case_id) is None:
                raise NotFound(missing)
        try:
            with self._ctx.session() as s:
                check_case(self._ctx, s, int(case_id))
        except AccessDenied:
            raise deny_as_missing(self._ctx, action, int(case_id), missing) from None
        return int(case_id)
