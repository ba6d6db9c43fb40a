"""SessionGuard: idle lock through an application-wide event filter, plus the absolute 12-hour limit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from stodapp.clock import Clock

ABSOLUTE_LIMIT_S = 12 * 3600
DEFAULT_IDLE_MINUTES = 5
CHECK_MS = 1000

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


class SessionGuard(QObject):
    """Watches user input across the whole application and fires when the session must lock."""

    sig_idle = Signal()
    """Emitted once when no input arrived for the idle-lock time."""
    sig_expired = Signal()
    """Emitted once when the session reached the absolute limit (12 h since sign-in)."""

    def __init__(self, clock: Clock, idle_minutes: Callable[[], int], parent: QObject | None = None,
                 *, check_ms: int = CHECK_MS, absolute_limit_s: float = ABSOLUTE_LIMIT_S) -> None:
        super().__init__(parent)
        self._clock = clock
        self._idle_minutes_source = idle_minutes
        self._idle_minutes = DEFAULT_IDLE_MINUTES
        self._absolute_limit = absolute_limit_s
        self._started = clock.monotonic()
        self._last_input = self._started
        self._active = False
        self.ignore_input = False  # while the privacy screen is up, input does not keep the session alive
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)

    # ---- Life cycle
    def start(self) -> None:
        """A new session begins (sign-in or unlock): both clocks restart."""
        self.refresh_settings()
        self._started = self._last_input = self._clock.monotonic()
        self._active = True
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    def stop(self) -> None:
        self._active = False
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    @property
    def active(self) -> bool:
        return self._active

    def refresh_settings(self) -> None:
        try:
            minutes = int(self._idle_minutes_source())
        except Exception:  # noqa: BLE001 - unreadable setting: keep the safe default
            minutes = DEFAULT_IDLE_MINUTES
        self._idle_minutes = min(15, max(1, minutes))  # cannot be disabled or stretched past 15 minutes

    @property
    def idle_seconds(self) -> int:
        return self._idle_minutes * 60

    def idle_for(self) -> float:
        return self._clock.monotonic() - self._last_input

    def note_activity(self) -> None:
        if not self.ignore_input:
            self._last_input = self._clock.monotonic()

    # ---- Qt
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._active and event.type() in _ACTIVITY:
            self.note_activity()
        return False

    def check(self) -> None:
        """Fire sig_expired / sig_idle when due (called by the timer, and by tests after moving the clock)."""
        if not self._active:
            return
        now = self._clock.monotonic()
        if now - self._started >= self._absolute_limit:
            self.stop()
            self.sig_expired.emit()
        elif now - self._last_input >= self.idle_seconds:
            self.stop()
            self.sig_idle.emit()
