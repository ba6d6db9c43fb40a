"""OwnerFields: the database owner role and its password, typed by the administrator for one write on the server.

Adding, disabling a user and resetting a passphrase create or change database login roles, which only the owner role
(the one that ran `stodapp server init`, with CREATEROLE) may do. Its password is read from the field for that one
write and never stored; an empty field leaves it to libpq (PGPASSFILE or a service file), as the CLI does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.widgets.form_rows import add_field
from ui.widgets.passphrase_edit import PassphraseEdit


def refusal_line(message: str) -> str:
    """A refusal in one line that says nothing was changed (the server's own refusals already say so)."""
    line = " ".join(message.split())
    return line if "Inget har" in line else line + " " + _("Inget har ändrats.")


class OwnerFields(QWidget):
    def __init__(self, owner: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 10, 0, 0)  # a gap from what the dialog asks above it
        note = QLabel(_("Databasens ägarroll (den som förberedde servern) skapar och ändrar inloggningarna. "
                        "Lösenordet används bara för den här ändringen och sparas inte. Lämna det tomt om det "
                        "finns i PGPASSFILE eller en tjänstefil."), self)
        note.setWordWrap(True)
        note.setAccessibleName(_("Om ägarrollen"))
        lay.addWidget(note)
        form = QFormLayout()
        self.owner_edit = add_field(form, self, _("Ä&garroll:"), QLineEdit(owner, self), _("Databasens ägarroll"))
        self.password_edit = add_field(form, self, _("Ägarrollens lö&senord:"), PassphraseEdit(self),
                                       _("Ägarrollens lösenord"))
        lay.addLayout(form)

    def owner(self) -> str:
        return self.owner_edit.text().strip()

    def password(self) -> str | None:
        """The typed password, or None for libpq's own lookup (the field was left empty)."""
        return self.password_edit.text() or None

    def problems(self) -> list[str]:
        return [] if self.owner() else [_("Skriv databasens ägarroll.")]

    def first_empty(self) -> QLineEdit:
        """Where the cursor goes after a refusal: the owner role if it is empty, else its password."""
        return self.owner_edit if not self.owner() else self.password_edit

    def set_busy(self, busy: bool) -> None:
        for edit in (self.owner_edit, self.password_edit):
            edit.setEnabled(not busy)

    def clear_password(self) -> None:
        self.password_edit.clear()
