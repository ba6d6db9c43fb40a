"""Append-only journal notes: add, correct (a new note linked to the old one), list; edits are refused."""

from __future__ import annotations

from sqlalchemy import select

from stodapp.cases.casework_tables import NoteRow
from stodapp.cases.guard import case_session
from stodapp.cases.models import NoteView
from stodapp.changes import Change
from stodapp.errors import NotFound, UserInputError
from stodapp.i18n import _
from stodapp.labels import person_label
from stodapp.service import ServiceContext
from stodapp.store.tables import UserRow
from stodapp.text_input import clean_text

MAX_NOTE = 20000


def check_note(body: str) -> str:
    """A journal note's text as stored (both store backends), or one UserInputError."""
    if not body.strip():
        raise UserInputError(_("Anteckningen är tom."))
    if len(body.strip()) > MAX_NOTE:
        raise UserInputError(_("Anteckningen är för lång (högst {n} tecken).").format(n=MAX_NOTE))
    return clean_text(body, field=_("Anteckningen"), max_len=MAX_NOTE, multiline=True)


class NoteService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def add(self, case_id: int, body: str, *, corrects_id: int | None = None) -> Change:
        self._ctx.require("case.write")
        text = check_note(body)
        with case_session(self._ctx, case_id, "note.create") as (s, case, _glass):
            if corrects_id is not None:
                old = s.get(NoteRow, corrects_id)
                if old is None or old.case_id != case_id:
                    raise NotFound(_("Anteckningen som ska rättas finns inte i ärendet."))
            now = self._ctx.clock.now()
            row = NoteRow(
                case_id=case_id,
                author_id=self._ctx.principal.user_id,
                created_at=now,
                body=text,
                corrects_id=corrects_id,
            )
            s.add(row)
            case.last_entry_at = now
            s.flush()
            self._ctx.audit(s, "note.correct" if corrects_id else "note.create", "note", str(row.id))
            return self._ctx.published(Change(area="cases", action="note_added", ids=(str(case_id), str(row.id))))

    def edit(self, note_id: int, body: str) -> Change:
        """Always refused: notes are append-only. The attempt is audited; the message offers a correction."""
        self._ctx.require("case.write")
        with self._ctx.session() as s:
            self._ctx.audit(s, "note.edit_refused", "note", str(note_id))
        raise UserInputError(
            _(
                "Journalanteckningar kan inte ändras. Skriv en rättelse: en ny anteckning som "
                "hänvisar till den gamla."
            )
        )

    def list(self, case_id: int) -> list[NoteView]:
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "note.list") as (s, _case, _glass):
            rows = s.execute(
                select(NoteRow, UserRow.username, UserRow.display_name)
                .join(UserRow, UserRow.id == NoteRow.author_id)
                .where(NoteRow.case_id == case_id)
                .order_by(NoteRow.id)
            ).all()
            corrected: dict[int, list[int]] = {}
            for note, _name, _display in rows:
                if note.corrects_id is not None:
                    corrected.setdefault(note.corrects_id, []).append(note.id)
            self._ctx.audit(s, "note.list", "case", str(case_id))
            return [
                NoteView(
                    id=n.id,
                    case_id=n.case_id,
                    author=person_label(display, name),
                    created_at=n.created_at,
                    body=n.body,
                    corrects_id=n.corrects_id,
                    corrected_by=tuple(corrected.get(n.id, ())),
                )
                for n, name, display in rows
            ]
