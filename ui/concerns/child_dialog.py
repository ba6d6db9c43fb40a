"""Choose which child of the case a new report is about (one child per report)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from stodapp.cases.models import PersonView
from stodapp.i18n import _


class ChildDialog(QDialog):
    def __init__(self, children: list[PersonView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Ny orosanmälan"))
        self.setAccessibleName(_("Välj barn för ny orosanmälan"))
        info = QLabel(_("En orosanmälan gäller ett barn. Gör en anmälan för varje barn du är orolig för."))
        info.setWordWrap(True)
        self.child = QComboBox()
        self.child.setAccessibleName(_("Barn"))
        for p in children:
            self.child.addItem(f"{p.name} ({p.personnummer or _('personnummer saknas')})", p.id)
        form = QFormLayout(self)
        form.addRow(info)
        form.addRow(_("Barn"), self.child)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for b, text in ((QDialogButtonBox.StandardButton.Ok, _("Skapa utkast")),
                        (QDialogButtonBox.StandardButton.Cancel, _("Avbryt"))):
            buttons.button(b).setText(text)
            buttons.button(b).setAccessibleName(text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def child_id(self) -> int:
        return int(self.child.currentData())
