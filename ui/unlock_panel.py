"""UnlockPanel: user + passphrase form used at start-up and as the lock screen inside the main window."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stodapp.clock import Clock, SystemClock
from stodapp.i18n import _
from ui.tasks import run_op
from ui.widgets.passphrase_edit import PassphraseEdit

TICK_MS = 250


def unlocking_text() -> str:
    """What the unlock form says while the passphrase is checked (key derivation, a few seconds)."""
    return _("Låser upp – kontrollerar lösenfrasen …")


class UnlockPanel(QWidget):
    sig_unlocked = Signal(object)
    """Emitted with the unlocked Core."""
    sig_store_problem = Signal(str, str)
    """Emitted with (kind, message) when the store cannot be opened: "corrupt" or "missing"."""
    sig_sign_out = Signal()
    """Emitted when the user chooses to sign out instead (lock-screen mode only)."""

    def __init__(
        self,
        gate: Any,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
        username: str = "",
        locked_mode: bool = False,
        message: str = "",
        prefs: Any = None,
    ) -> None:
        super().__init__(parent)
        self._gate = gate
        self._prefs = prefs  # QSettings: given on the start-up window, where "Lokal databas / Server" is offered
        self._clock = clock or SystemClock()
        self._locked_mode = locked_mode
        self._wait_until = 0.0
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._setup_ui(username, message)

    def _setup_ui(self, username: str, message: str) -> None:
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget(self)
        box.setMinimumWidth(box.fontMetrics().averageCharWidth() * 48)
        box.setMaximumWidth(box.fontMetrics().averageCharWidth() * 80)
        lay = QVBoxLayout(box)
        self.title = QLabel(_("Låst") if self._locked_mode else _("Logga in i stodapp"), box)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        lay.addWidget(self.title)
        self.message = QLabel(message, box)
        self.message.setWordWrap(True)
        self.message.setVisible(bool(message))
        lay.addWidget(self.message)

        self.store_choice: Any = None
        if not self._locked_mode and self._prefs is not None and hasattr(self._gate, "use_server"):
            from ui.store_choice import StoreChoice

            self.store_choice = StoreChoice(self._prefs, self._gate.server_profiles(), box)
            self.store_choice.sig_mode_changed.connect(self._mode_changed)
            lay.addWidget(self.store_choice)
        form = QFormLayout()
        self.user_edit = QLineEdit(username, box)
        self.user_edit.setAccessibleName(_("Användarnamn"))
        self.user_edit.setReadOnly(self._locked_mode)
        user_label = QLabel(_("&Användarnamn:"), box)
        user_label.setBuddy(self.user_edit)
        form.addRow(user_label, self.user_edit)
        self.pass_edit = PassphraseEdit(box)
        self.pass_edit.setAccessibleName(_("Lösenfras"))
        pass_label = QLabel(_("&Lösenfras:"), box)
        pass_label.setBuddy(self.pass_edit)
        form.addRow(pass_label, self.pass_edit)
        lay.addLayout(form)

        self.caps_label = QLabel(_("Caps Lock verkar vara på."), box)
        self.caps_label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.caps_label.setVisible(False)
        self.pass_edit.sig_caps_lock.connect(self.caps_label.setVisible)
        lay.addWidget(self.caps_label)
        self.error_label = QLabel("", box)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.setAccessibleName(_("Felmeddelande"))
        self.error_label.setVisible(False)
        lay.addWidget(self.error_label)
        self.countdown_label = QLabel("", box)
        self.countdown_label.setVisible(False)
        lay.addWidget(self.countdown_label)
        # Key derivation takes a few seconds on purpose: say what is happening, in place, while it runs.
        self.busy_row = QWidget(box)
        busy = QVBoxLayout(self.busy_row)
        busy.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel(unlocking_text(), self.busy_row)
        self.busy_label.setWordWrap(True)
        busy.addWidget(self.busy_label)
        self.busy_bar = QProgressBar(self.busy_row)
        self.busy_bar.setRange(0, 0)  # no known end: a moving busy indicator
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(self.fontMetrics().height())
        self.busy_bar.setAccessibleName(unlocking_text())
        busy.addWidget(self.busy_bar)
        self.busy_row.setVisible(False)
        lay.addWidget(self.busy_row)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.retry_button = QPushButton(_("&Försök igen"), box)
        self.retry_button.setAccessibleName(_("Försök igen"))
        self.retry_button.clicked.connect(self.submit)
        self.retry_button.setVisible(False)
        buttons.addWidget(self.retry_button)
        self.sign_out_button: QPushButton | None = None
        if self._locked_mode:
            self.sign_out_button = QPushButton(_("Logga &ut"), box)
            self.sign_out_button.setAccessibleName(_("Logga ut"))
            self.sign_out_button.clicked.connect(self.sig_sign_out.emit)
            buttons.addWidget(self.sign_out_button)
        self.unlock_button = QPushButton(_("Lås &upp") if self._locked_mode else _("&Logga in"), box)
        self.unlock_button.setAccessibleName(self.unlock_button.text().replace("&", ""))
        self.unlock_button.setDefault(True)
        self.unlock_button.setAutoDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        buttons.addWidget(self.unlock_button)
        lay.addLayout(buttons)

        self.user_edit.returnPressed.connect(self.pass_edit.setFocus)
        self.pass_edit.returnPressed.connect(self.submit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setTabOrder(self.user_edit, self.pass_edit)
        self.setTabOrder(self.pass_edit, self.unlock_button)

    def focus_first(self) -> None:
        (self.pass_edit if self.user_edit.text() else self.user_edit).setFocus()

    # ---- Submitting
    def submit(self) -> None:
        if self._busy or self.waiting():
            return
        username = self.user_edit.text().strip()
        passphrase = self.pass_edit.text()
        server = str(getattr(self._gate, "server", "")) if self._locked_mode else ""
        if self.store_choice is not None:
            server = self.store_choice.target()
            if self.store_choice.mode() == "server" and not server:
                self.show_error(_("Ange serverns adress (postgresql://värd/databas) eller en sparad profil."))
                self.store_choice.server_edit.setFocus()
                return
            self._gate.use_server(server)
        if not server:
            self.pass_edit.clear()  # server mode keeps it (masked) until the server answered, for "Försök igen"
        self.retry_button.setVisible(False)
        if not username:
            self.show_error(_("Skriv ditt användarnamn."))
            self.user_edit.setFocus()
            return
        if not passphrase:
            self.show_error(_("Skriv din lösenfras."))
            self.pass_edit.setFocus()
            return
        self._set_busy(True)
        self.error_label.setVisible(False)
        run_op(self, lambda: self._gate.unlock(username, passphrase), self._on_unlocked, self._on_error,
               label=unlocking_text(), indicator=self.show_busy)

    def show_busy(self, on: bool) -> None:
        """The in-place indicator run_op shows while the passphrase is checked (instead of a modal window)."""
        self.busy_row.setVisible(on)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.unlock_button.setEnabled(not busy and not self.waiting())
        self.user_edit.setEnabled(not busy)
        self.pass_edit.setEnabled(not busy)

    def _on_unlocked(self, core: object) -> None:
        self.pass_edit.clear()
        self._set_busy(False)
        if self.store_choice is not None:
            self.store_choice.remember()
        self.error_label.setVisible(False)
        self.sig_unlocked.emit(core)

    def _on_error(self, exc: BaseException) -> None:
        from stodapp.errors import AuthError, StoreCorrupt, StoreLocked, StoreMissing, Throttled
        from ui.tasks import error_text

        self._set_busy(False)
        if self._gate_is_server():
            self._on_server_error(exc)
            return
        if isinstance(exc, Throttled):
            self.show_error(_("För många misslyckade försök."))
            self.start_countdown(float(exc.retry_after))
        elif isinstance(exc, AuthError):
            self.show_error(_("Fel användarnamn eller lösenfras. Kontrollera Caps Lock och försök igen."))
            self._check_throttle(self.user_edit.text().strip())
        elif isinstance(exc, StoreLocked):
            self.show_error(_("stodapp är redan öppet mot den här datamappen (i ett annat fönster "
                              "eller av en annan användare). Stäng det först; inget har ändrats."))
        elif isinstance(exc, StoreCorrupt):
            self.sig_store_problem.emit("corrupt", error_text(exc))
        elif isinstance(exc, StoreMissing):
            self.sig_store_problem.emit("missing", error_text(exc))
        else:
            self.show_error(error_text(exc))
        self.pass_edit.setFocus()

    def _mode_changed(self, _mode: str) -> None:
        self.error_label.setVisible(False)
        self.retry_button.setVisible(False)

    def _gate_is_server(self) -> bool:
        return bool(getattr(self._gate, "server", ""))

    def _on_server_error(self, exc: BaseException) -> None:
        """Server mode: one clear line; an unreachable server offers "Försök igen" (the passphrase is kept
        masked in its field for that); anything else clears it. Never a silent switch to a local store."""
        from stodapp.server.connect import ServerUnreachable
        from ui.tasks import error_text

        if isinstance(exc, ServerUnreachable):
            self.show_error(error_text(exc))
            self.retry_button.setVisible(True)
            self.retry_button.setFocus()
            return
        self.pass_edit.clear()
        self.show_error(error_text(exc))  # wrong passphrase, TLS refused, another unit …: the core's own line
        self.pass_edit.setFocus()

    def _check_throttle(self, username: str) -> None:
        if not username:
            return
        try:
            remaining = self._gate.throttle_remaining(username)
        except Exception:  # noqa: BLE001 - the countdown is a courtesy; the core enforces the delay
            return
        if remaining > 0:
            self.start_countdown(remaining)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    # ---- Throttling countdown
    def start_countdown(self, seconds: float) -> None:
        self._wait_until = self._clock.monotonic() + max(0.0, seconds)
        self._timer.start()
        self.tick()

    def remaining(self) -> float:
        return max(0.0, self._wait_until - self._clock.monotonic())

    def waiting(self) -> bool:
        return self.remaining() > 0

    def tick(self) -> None:
        left = self.remaining()
        if left <= 0:
            self._timer.stop()
            self.countdown_label.setVisible(False)
            self.unlock_button.setEnabled(not self._busy)
            return
        secs = int(left + 0.999)
        self.countdown_label.setText(_("Vänta {s} s innan nästa försök.").format(s=secs))
        self.countdown_label.setVisible(True)
        self.unlock_button.setEnabled(False)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def cleanup(self) -> None:
        self._timer.stop()
        self.pass_edit.clear()

    def hideEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self.pass_edit.clear()
        super().hideEvent(event)  # type: ignore[arg-type]
