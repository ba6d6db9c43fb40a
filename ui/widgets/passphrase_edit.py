"""PassphraseEdit: a password line edit that notices caps lock (Qt has no portable caps-lock query)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QFocusEvent, QKeyEvent


class PassphraseEdit(QLineEdit):
    sig_caps_lock = Signal(bool)
    """Emitted when the guess about caps lock changes (letter case versus the Shift key)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.caps_lock = False
        self._hardened = False

    def _harden(self) -> None:
        # Done on first focus, not in __init__: touching the Qt namespace costs ~50 ms before the first paint.
        from PySide6.QtCore import Qt

        self._hardened = True
        self.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData
                                 | Qt.InputMethodHint.ImhNoPredictiveText)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copy of the secret

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        if not self._hardened:
            self._harden()
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        if not self._hardened:
            self._harden()
        text = event.text()
        if len(text) == 1 and text.isalpha() and text.upper() != text.lower():
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            caps = text.isupper() != shift
            if caps != self.caps_lock:
                self.caps_lock = caps
                self.sig_caps_lock.emit(caps)
        elif event.key() == Qt.Key.Key_CapsLock:
            self.caps_lock = not self.caps_lock
            self.sig_caps_lock.emit(self.caps_lock)
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(QKeySequence.StandardKey.Cut):
            return  # never put the passphrase on the clipboard
        super().keyPressEvent(event)
