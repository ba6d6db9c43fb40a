"""RecoveryKeyDialog: a new recovery key, shown once; it closes only after the administrator confirms that she
printed or wrote it down (the old key no longer opens the store). The key is selectable, never copied for her."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.widgets.recovery_key_label import RecoveryKeyLabel


class RecoveryKeyDialog(QDialog):
    def __init__(self, key: str, data_dir: str, on_printed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key, self._data_dir, self._on_printed = key, data_dir, on_printed
        self.setWindowTitle(_("Ny återställningsnyckel"))
        self.setAccessibleName(_("Ny återställningsnyckel"))
        lay = QVBoxLayout(self)
        text = QLabel(_("Den nya återställningsnyckeln gäller nu; den gamla öppnar inte längre databasen. Nyckeln "
                        "visas bara den här gången. Skriv ut den eller skriv ned den och förvara den inlåst, "
                        "åtskild från datorn: den som har nyckeln och datorn kan läsa allt."), self)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.key_label = RecoveryKeyLabel(key, self)
        lay.addWidget(self.key_label)
        self.confirm = QCheckBox(_("Jag har skrivit ut eller skrivit ned nyckeln och förvarar den säkert."), self)
        self.confirm.setAccessibleName(_("Bekräfta att återställningsnyckeln är sparad"))
        lay.addWidget(self.confirm)
        row = QHBoxLayout()
        self.print_button = QPushButton(_("&Skriv ut…"), self)
        self.print_button.setAccessibleName(_("Skriv ut återställningsnyckeln"))
        self.print_button.clicked.connect(self.print_key)
        row.addWidget(self.print_button)
        row.addStretch(1)
        self.done_button = QPushButton(_("Klar"), self)
        self.done_button.setAccessibleName(_("Klar, nyckeln är sparad"))
        self.done_button.setEnabled(False)
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        self.confirm.toggled.connect(self.done_button.setEnabled)
        row.addWidget(self.done_button)
        lay.addLayout(row)

    def print_key(self) -> None:
        from ui.recovery_sheet import ask_and_print

        if ask_and_print(self, self._key, self._data_dir):
            self._on_printed()

    def done(self, result: int) -> None:
        if not self.confirm.isChecked():
            return  # Esc or the window's close button: the key must be confirmed first
        self._key = ""
        self.key_label.clear()
        super().done(int(QDialog.DialogCode.Accepted))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and not self.confirm.isChecked():
            event.ignore()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.confirm.isChecked():
            event.ignore()
            return
        super().closeEvent(event)
