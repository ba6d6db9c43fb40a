"""PassphraseFlow: the main window's passphrase change (Arkiv → Byt lösenfras…) and the forced one at sign-in.

After an administrator's reset the user must choose her own passphrase before she works: the window asks
`needed(core)` when a session starts and opens the dialog forced; leaving a forced dialog signs her out. A lock
closes the dialog (it opens again at unlock while the flag is still set).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import _

if TYPE_CHECKING:
    from ui.passphrase_change_dialog import PassphraseChangeDialog
    from ui.session_types import SessionCore


class PassphraseFlow:
    def __init__(self, window: QWidget, *, sign_out: Callable[[], None], say: Callable[[str], None]) -> None:
        self._window = window
        self._sign_out = sign_out
        self._say = say  # a line in the status bar
        self.dialog: PassphraseChangeDialog | None = None

    @staticmethod
    def needed(core: SessionCore) -> bool:
        """True when an administrator set this user's passphrase and she has not chosen her own since (read at
        her sign-in; a server session has no such flag yet)."""
        return not core.is_demo and core.users.must_change_passphrase()

    def close(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.close()  # its rejected() finds dialog None and does not sign out

    def _left(self, dialog: PassphraseChangeDialog) -> None:
        if self.dialog is dialog:  # not when the lock or the sign-out itself closed it
            self.dialog = None
            if dialog.forced:
                self._sign_out()

    def _saved(self) -> None:
        self.dialog = None

    def open(self, core: SessionCore, forced: bool = False) -> None:
        """Show the change dialog for `core`'s user; forced after an administrator's reset."""
        from ui.passphrase_change_dialog import PassphraseChangeDialog

        dialog = PassphraseChangeDialog(core, forced=forced, parent=self._window)
        dialog.sig_changed.connect(lambda: self._say(_("Din nya lösenfras är sparad.")))
        dialog.rejected.connect(lambda: self._left(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.accepted.connect(self._saved)
        self.close()
        self.dialog = dialog
        dialog.open()  # window-modal, not exec(): the event loop keeps running (idle lock, tests)
