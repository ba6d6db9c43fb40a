"""StoreChoice: "Lokal databas / Server" on the sign-in window, with the server's saved profile or URL.

The choice and the server field are remembered in QSettings (`start/mode`, `start/server`); no credential is
ever stored or shown here — the user's own name and passphrase are asked by the sign-in form, and the database
role's secret derives from the passphrase in the core.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QButtonGroup, QComboBox, QFormLayout, QHBoxLayout, QLabel, QRadioButton, QWidget

from stodapp.i18n import _

MODE_KEY = "start/mode"
SERVER_KEY = "start/server"
LOCAL = "local"
SERVER = "server"


class StoreChoice(QWidget):
    sig_mode_changed = Signal(str)
    """Emitted with "local" or "server" when the user switches."""

    def __init__(self, prefs: QSettings | None, profiles: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.local_radio = QRadioButton(_("L&okal databas"), self)
        self.server_radio = QRadioButton(_("&Server – gemensam databas"), self)
        self.local_radio.setAccessibleName(_("Lokal databas"))
        self.server_radio.setAccessibleName(_("Server – gemensam databas"))
        group = QButtonGroup(self)
        group.addButton(self.local_radio)
        group.addButton(self.server_radio)
        row.addWidget(self.local_radio)
        row.addWidget(self.server_radio)
        row.addStretch(1)
        form.addRow(QLabel(_("Databas:"), self), row)
        self.server_edit = QComboBox(self)
        self.server_edit.setEditable(True)
        self.server_edit.addItems(profiles)
        self.server_edit.setAccessibleName(_("Serveradress"))
        self.server_edit.setToolTip(_("En sparad serverprofil eller en adress: postgresql://värd/databas"))
        line = self.server_edit.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("profil eller postgresql://värd/databas"))
        self.server_label = QLabel(_("Se&rveradress:"), self)
        self.server_label.setBuddy(self.server_edit)
        form.addRow(self.server_label, self.server_edit)
        mode = str(prefs.value(MODE_KEY, LOCAL) or LOCAL) if prefs is not None else LOCAL
        saved = str(prefs.value(SERVER_KEY, "") or "") if prefs is not None else ""
        self.server_edit.setCurrentText(saved)
        (self.server_radio if mode == SERVER else self.local_radio).setChecked(True)
        self._show_server(mode == SERVER)
        self.server_radio.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self._show_server(on)
        self.sig_mode_changed.emit(self.mode())

    def _show_server(self, on: bool) -> None:
        self.server_label.setVisible(on)
        self.server_edit.setVisible(on)

    def mode(self) -> str:
        return SERVER if self.server_radio.isChecked() else LOCAL

    def target(self) -> str:
        """The server profile or URL as typed ("" in local mode)."""
        return self.server_edit.currentText().strip() if self.mode() == SERVER else ""

    def remember(self) -> None:
        """Keep the choice for the next start (after a successful sign-in); never a passphrase."""
        if self._prefs is None:
            return
        self._prefs.setValue(MODE_KEY, self.mode())
        if self.mode() == SERVER:
            self._prefs.setValue(SERVER_KEY, self.target())
        self._prefs.sync()


def remembered_mode(prefs: QSettings) -> str:
    return SERVER if str(prefs.value(MODE_KEY, LOCAL) or LOCAL) == SERVER else LOCAL
