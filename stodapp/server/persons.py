"""Persons on the server backend: validated by the local store's `person_values`, every identifying field encrypted
on this machine and bound to `<case id>/<person id>`, with the blind indexes search uses (personnummer, name
terms). A change names the version it read; a stale one is refused whole with `Conflict`."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update

from stodapp.calendar_se import local_date
from stodapp.cases.models import (
    PersonInput,
)
from stodapp.cases.persons import person_values
from stodapp.changes import Change
from stodapp.errors import Conflict, NotFound
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.fieldcrypto import BlindIndex, FieldCipher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

from stodapp.server.service_base import CaseNotVisible, ServerServiceBase, row_key


def person_columns(fields: FieldCipher, index: BlindIndex, values: dict[str, Any], case_id: int,
                   person_id: int) -> dict[str, Any]:
    """A person's server columns from her validated values: every identifying field encrypted here, bound to
    `<case id>/<person id>`, and the personnummer's blind index (also used by `stodapp.server.importer`)."""
    key = row_key(case_id, person_id)
    birth = values["birth_date"]
    return {
        "role": values["role"], "sex": values["sex"], "age_band": values["age_band"],
        "protected_identity": values["protected_identity"],
        "given_ct": fields.encrypt("persons", "given_ct", key, values["given_name"]),
        "family_ct": fields.encrypt("persons", "family_ct", key, values["family_name"]),
        "pnr_ct": fields.encrypt_optional("persons", "pnr_ct", key, values["personnummer"]),
        "reserve_ct": fields.encrypt_optional("persons", "reserve_ct", key, values["reserve_number"]),
        "birth_ct": fields.encrypt_optional("persons", "birth_ct", key, birth.isoformat() if birth else None),
        "address_ct": fields.encrypt("persons", "address_ct", key, values["address"]),
        "details_ct": fields.encrypt("persons", "details_ct", key, values["details"]),
        "pnr_idx": index.personnummer(values["personnummer"]) if values["personnummer"] else None,
    }  # fmt: skip


def person_term_rows(index: BlindIndex, values: dict[str, Any], case_id: int,
                     person_id: int) -> builtins.list[dict[str, Any]]:
    """The `person_terms` rows (name blind indexes) of one person."""
    terms = index.name_terms(values["given_name"], values["family_name"])
    return [{"term": term, "person_id": person_id, "case_id": case_id} for term in sorted(terms)]


class ServerPersons(ServerServiceBase):
    def _encrypted(self, values: dict[str, Any], case_id: int, person_id: int) -> dict[str, Any]:
        return person_columns(self._store.fields, self._store.index, values, case_id, person_id)

    def _terms(self, s: Session, values: dict[str, Any], case_id: int, person_id: int) -> None:
        s.execute(insert(t.person_terms), person_term_rows(self._store.index, values, case_id, person_id))

    def add(self, case_id: int, data: PersonInput, *, op_id: str | None = None) -> Change:
        self._require("case.write")
        values = person_values(data, local_date(self._store.clock.now()))

        def body(s: Session) -> tuple[str, None]:
            self._case(s, case_id)
            person_id = int(s.execute(select(t.person_id_seq.next_value())).scalar_one())
            s.execute(insert(t.persons).values(id=person_id, case_id=case_id, version=1,
                                               **self._encrypted(values, case_id, person_id)))
            self._terms(s, values, case_id, person_id)
            self._touch(s, case_id)
            self._store.audit(s, "person.create", "person", str(person_id))
            return str(person_id), None

        try:
            person_id = self._write(op_id, "person.create", body)
        except CaseNotVisible:
            self._denied("person.create", case_id)
            raise
        return Change(area="cases", action="person_added", ids=(str(case_id), person_id))

    def update(self, person_id: int, data: PersonInput, *, version: int, op_id: str | None = None) -> Change:
        """Replace a person's details if nobody changed her since `version` was read; else `Conflict`."""
        self._require("case.write")
        values = person_values(data, local_date(self._store.clock.now()))
        case_ids: list[int] = []

        def body(s: Session) -> tuple[str, None]:
            found = s.execute(select(t.persons.c.case_id).where(t.persons.c.id == person_id)).first()
            if found is None:
                raise NotFound(_("Personen finns inte."))
            case_id = int(found[0])
            case_ids.append(case_id)
            done = s.execute(
                update(t.persons).where(t.persons.c.id == person_id, t.persons.c.version == version)
                .values(version=t.persons.c.version + 1, **self._encrypted(values, case_id, person_id))
            )
            if done.rowcount != 1:  # type: ignore[attr-defined]
                raise Conflict(
                    _("Någon annan har ändrat personuppgifterna sedan du läste dem — ladda om. Inget har sparats.")
                )
            s.execute(delete(t.person_terms).where(t.person_terms.c.person_id == person_id))
            self._terms(s, values, case_id, person_id)
            self._touch(s, case_id)
            self._store.audit(s, "person.update", "person", str(person_id))
            return str(person_id), None

        self._write(op_id, "person.update", body)
        return Change(area="cases", action="person_updated", ids=(*(str(c) for c in case_ids), str(person_id)))
