"""What every server-side service shares: the store, the role policy, the case row RLS lets through, the row key
ciphertexts are bound to (`<case id>/<row id>`), and reading a person's encrypted row into the local view model."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from stodapp.access import require
from stodapp.cases.models import (
    MASK,
    Interpreter,
    PersonView,
)
from stodapp.errors import NotFound
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.store import ServerStore, new_op_id

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

class CaseNotVisible(NotFound):
    """No such case, or one the server's row-level security does not show this user (the client cannot tell)."""


def _missing() -> CaseNotVisible:
    return CaseNotVisible(_("Ärendet finns inte eller så har du inte tillgång till det."))


def row_key(case_id: int, row_id: int) -> str:
    return f"{case_id}/{row_id}"


class ServerServiceBase:
    """What every server-side service shares: the store, the role policy, the case row RLS lets through."""

    def __init__(self, store: ServerStore) -> None:
        self._store = store

    def _require(self, action: str) -> None:
        require(self._store.principal, action)

    def _case(self, s: Session, case_id: int) -> Any:
        """The case row if the server lets this user see it (RLS), else CaseNotVisible; nothing tells which."""
        row = s.execute(select(t.cases).where(t.cases.c.id == case_id)).first()
        if row is None:
            raise _missing()
        return row

    def _denied(self, action: str, case_id: int) -> None:
        """Audit a refused or missing case in its own transaction (the failing one rolled back)."""
        with self._store.session() as s:
            self._store.audit(s, "case.denied", "case", str(case_id), purpose=action)

    def _write(self, op_id: str | None, kind: str, body: Callable[[Session], tuple[str, Any]]) -> str:
        """Run one write; returns the record id it made or changed (also when a retry finds it already saved)."""
        _value, result = self._store.write(op_id or new_op_id(), kind, body)
        return result.record_id

    def _touch(self, s: Session, case_id: int) -> None:
        s.execute(update(t.cases).where(t.cases.c.id == case_id).values(last_entry_at=self._store.clock.now()))

    def _person_views(self, s: Session, case_ids: list[int]) -> dict[int, list[PersonView]]:
        out: dict[int, list[PersonView]] = {}
        if not case_ids:
            return out
        rows = s.execute(select(t.persons).where(t.persons.c.case_id.in_(case_ids)).order_by(t.persons.c.id))
        for row in rows:
            out.setdefault(row.case_id, []).append(self._person_view(row))
        return out

    def _person_view(self, row: Any) -> PersonView:
        f, key = self._store.fields, row_key(row.case_id, row.id)
        details = json.loads(f.decrypt("persons", "details_ct", key, row.details_ct))
        birth = f.decrypt_optional("persons", "birth_ct", key, row.birth_ct)
        address = f.decrypt("persons", "address_ct", key, row.address_ct)
        return PersonView(
            id=row.id, case_id=row.case_id, role=row.role,
            given_name=f.decrypt("persons", "given_ct", key, row.given_ct),
            family_name=f.decrypt("persons", "family_ct", key, row.family_ct),
            personnummer=f.decrypt_optional("persons", "pnr_ct", key, row.pnr_ct),
            reserve_number=f.decrypt_optional("persons", "reserve_ct", key, row.reserve_ct),
            birth_date=date.fromisoformat(birth) if birth else None,
            sex=row.sex, age_band=row.age_band, protected_identity=row.protected_identity,
            address=MASK if row.protected_identity else address,
            interpreter=Interpreter(**details.get("interpreter", {})), groups=tuple(details.get("groups", ())),
            version=row.version,
        )  # fmt: skip

    def _names(self, row: Any) -> str:
        f, key = self._store.fields, row_key(row.case_id, row.id)
        given = f.decrypt("persons", "given_ct", key, row.given_ct)
        return f"{given} {f.decrypt('persons', 'family_ct', key, row.family_ct)}"
