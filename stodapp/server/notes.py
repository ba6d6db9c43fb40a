"""Journal notes on the server backend: checked by the local store's `check_note`, encrypted here and bound to
`<case id>/<note id>`; append-only (a correction is a new note pointing at the one it corrects)."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from stodapp.cases.models import (
    NoteView,
)
from stodapp.cases.notes import check_note
from stodapp.changes import Change
from stodapp.errors import NotFound
from stodapp.i18n import _
from stodapp.server import schema as t
from stodapp.server.fieldcrypto import FieldCipher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

from stodapp.server.service_base import CaseNotVisible, ServerServiceBase, row_key


def note_ciphertext(fields: FieldCipher, case_id: int, note_id: int, text: str) -> bytes:
    return fields.encrypt("case_notes", "body_ct", row_key(case_id, note_id), text)


class ServerNotes(ServerServiceBase):
    def add(self, case_id: int, body: str, *, corrects_id: int | None = None, op_id: str | None = None) -> Change:
        self._require("case.write")
        text = check_note(body)
        action = "note.correct" if corrects_id else "note.create"

        def write(s: Session) -> tuple[str, None]:
            self._case(s, case_id)
            if corrects_id is not None:
                old = s.execute(select(t.case_notes.c.id).where(t.case_notes.c.id == corrects_id,
                                                                 t.case_notes.c.case_id == case_id)).first()
                if old is None:
                    raise NotFound(_("Anteckningen som ska rättas finns inte i ärendet."))
            note_id = int(s.execute(select(t.note_id_seq.next_value())).scalar_one())
            s.execute(insert(t.case_notes).values(
                id=note_id, case_id=case_id, author_id=self._store.principal.user_id,
                created_at=self._store.clock.now(), corrects_id=corrects_id,
                body_ct=note_ciphertext(self._store.fields, case_id, note_id, text)))
            self._touch(s, case_id)
            self._store.audit(s, action, "note", str(note_id))
            return str(note_id), None

        try:
            note_id = self._write(op_id, action, write)
        except CaseNotVisible:
            self._denied(action, case_id)
            raise
        return Change(area="cases", action="note_added", ids=(str(case_id), note_id))

    def list(self, case_id: int) -> list[NoteView]:
        self._require("case.read")
        try:
            with self._store.session() as s:
                notes = self.read(s, case_id)
                self._store.audit(s, "note.list", "case", str(case_id))
                return notes
        except CaseNotVisible:
            self._denied("note.list", case_id)
            raise

    def read(self, s: Session, case_id: int) -> builtins.list[NoteView]:
        self._case(s, case_id)
        rows = s.execute(
            select(t.case_notes, t.users.c.username).join(t.users, t.users.c.id == t.case_notes.c.author_id)
            .where(t.case_notes.c.case_id == case_id).order_by(t.case_notes.c.id)
        ).all()
        corrected: dict[int, list[int]] = {}
        for r in rows:
            if r.corrects_id is not None:
                corrected.setdefault(r.corrects_id, []).append(r.id)
        f = self._store.fields
        return [
            NoteView(id=r.id, case_id=r.case_id, author=r.username, created_at=r.created_at,
                     body=f.decrypt("case_notes", "body_ct", row_key(r.case_id, r.id), r.body_ct),
                     corrects_id=r.corrects_id, corrected_by=tuple(corrected.get(r.id, ())))
            for r in rows
        ]  # fmt: skip
