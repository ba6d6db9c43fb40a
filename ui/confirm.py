"""One confirmation dialog: the button that does what the user asked is the default and says what it does.

Enter runs the action the user asked for; Escape (or "Avbryt") cancels. A destructive action names itself on
its button ("Radera utkastet", "Signera"), never "OK".

An action that cannot be undone and deletes many records at once (gallring) passes `safe_default=True`: then
"Avbryt" is the default and has the focus, so Enter cancels and the action needs an explicit click.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from stodapp.i18n import _


def confirm(parent: QWidget | None, title: str, text: str, action: str, *, warning: bool = False,
            cancel: str = "", safe_default: bool = False) -> bool:
    """Ask; True when the user chose `action` (the default button unless `safe_default`). `action` is a verb
    phrase."""
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("stodapp_confirm")
    box.setAccessibleName(title)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    go.setAccessibleName(action)
    stop = box.addButton(cancel or _("Avbryt"), QMessageBox.ButtonRole.RejectRole)
    stop.setAccessibleName(cancel or _("Avbryt"))
    box.setDefaultButton(stop if safe_default else go)
    box.setEscapeButton(stop)
    (stop if safe_default else go).setFocus()
    box.exec()
    return box.clickedButton() is go
