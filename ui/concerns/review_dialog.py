"""The review step before signing: the whole report as text, the safety notices, an explicit confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stodapp.i18n import _


class ReviewDialog(QDialog):
    """Shows `summary`; "Slutför och signera" is enabled only after the caseworker confirms the review."""

    def __init__(self, summary: str, warnings: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Granska orosanmälan"))
        self.setAccessibleName(_("Granska orosanmälan"))
        self.resize(640, 620)
        intro = QLabel(
            _("Läs igenom anmälan. När den är slutförd signeras den och kan inte ändras; "
              "fel rättas genom en ny anmälan som länkas till den här.")
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for text in warnings:
            label = QLabel(text)
            label.setWordWrap(True)
            label.setStyleSheet("background:#fde7e9; color:#5c0011; padding:6px; border-radius:4px;")
            layout.addWidget(label)
        self.text = QPlainTextEdit(summary)
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Anmälan att granska"))
        layout.addWidget(self.text, 1)
        self.confirm = QCheckBox(_("Jag har granskat anmälan och uppgifterna stämmer"))
        self.confirm.setAccessibleName(_("Bekräfta granskning"))
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign = self.buttons.addButton(_("Slutför och signera"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign.setAccessibleName(_("Slutför och signera anmälan"))
        self.sign.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Avbryt"))
        cancel.setAccessibleName(_("Avbryt"))
        layout.addWidget(self.buttons)
        self.confirm.toggled.connect(self.sign.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm.setFocus()
