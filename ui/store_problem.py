"""StoreProblemPanel: shown when the store fails its integrity check; it never opens the store writable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stodapp.i18n import _


class StoreProblemPanel(QWidget):
    sig_retry = Signal()
    """Emitted when the user wants to go back to the sign-in form (e.g. after a restore)."""
    sig_quit = Signal()
    """Emitted when the user closes the program from this screen."""

    def __init__(self, gate: Any, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gate = gate
        lay = QVBoxLayout(self)
        title = QLabel(_("Databasen kunde inte öppnas säkert"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        lay.addWidget(title)
        text = QLabel(
            _("Integritetskontrollen av den krypterade databasen misslyckades. Det kan bero på ett diskfel, "
              "en avbruten kopiering eller att filen har ändrats utanför stodapp. Databasen har inte öppnats "
              "och ingenting har skrivits till den.\n\nVad du kan göra: kontakta systemförvaltaren och "
              "återställ den senaste verifierade säkerhetskopian. Behåll den skadade filen orörd tills "
              "systemförvaltaren har tittat på den."), self)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.detail = QLabel(_("Teknisk uppgift: {detail}").format(detail=detail), self)
        self.detail.setWordWrap(True)
        lay.addWidget(self.detail)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.restore_button: QPushButton | None = None
        self.restore_dialog: Any = None
        if self._restore_available():
            self.restore_button = QPushButton(_("Återställ från säkerhetskopia…"), self)
            self.restore_button.setAccessibleName(_("Återställ från säkerhetskopia"))
            self.restore_button.clicked.connect(self._choose_backup)
            buttons.addWidget(self.restore_button)
        self.retry_button = QPushButton(_("Försök igen"), self)
        self.retry_button.setAccessibleName(_("Försök igen"))
        self.retry_button.clicked.connect(self.sig_retry.emit)
        buttons.addWidget(self.retry_button)
        self.quit_button = QPushButton(_("Avsluta"), self)
        self.quit_button.setAccessibleName(_("Avsluta"))
        self.quit_button.clicked.connect(self.sig_quit.emit)
        buttons.addWidget(self.quit_button)
        lay.addLayout(buttons)
        lay.addStretch(1)

    def _restore_available(self) -> bool:
        try:
            return bool(self._gate.restore_available())
        except Exception:  # noqa: BLE001 - no restore function: the button is absent, not dead
            return False

    def _choose_backup(self) -> None:
        self.open_restore_dialog()

    def open_restore_dialog(self) -> Any:
        """Open the restore dialog (window-modal); the damaged store itself is never touched."""
        from ui.restore_dialog import RestoreDialog

        gate = self._gate

        def restore(target: Path, folder: Path, secret: str, admin: str, new_passphrase: str) -> str:
            from stodapp.core import Core

            return str(Core.restore_backup(target, folder, secret, admin, new_passphrase, clock=gate.clock))

        self.restore_dialog = RestoreDialog(Path(gate.data_dir), restore, self)
        self.restore_dialog.finished.connect(self._restore_finished)
        self.restore_dialog.open()
        return self.restore_dialog

    def _restore_finished(self, _result: int) -> None:
        dialog = self.restore_dialog
        target = dialog.restored_dir
        if target is None:
            return
        if dialog.open_requested:
            # The gate opens stores in its data dir: point it at the restored copy for this session.
            self._gate.data_dir = target
            self.status.setText(_("Säkerhetskopian är återställd till {d}. Logga in med den nya lösenfrasen.")
                                .format(d=target))
            self.sig_retry.emit()
        else:
            self.status.setText(_("Säkerhetskopian är återställd till {d}. Starta stodapp med den mappen som "
                                  "datamapp för att använda den.").format(d=target))
