"""MainSession: how the main window starts a signed-in session, locks, unlocks and shuts down.

Starting builds the areas, starts the idle guard and the integrity watch, applies the user's palette and, after
an administrator's reset, opens the forced passphrase change. Locking destroys every area, clears the clipboard,
closes the database and drops the key, then shows the lock screen; unlocking (same user only) starts again where
she was. `MainWindow` inherits these; they use only the window state it declares below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStackedWidget, QStatusBar, QWidget

from stodapp.clock import Clock
from stodapp.i18n import _
from ui import step_up
from ui.clipboard import ClipboardGuard
from ui.passphrase_flow import PassphraseFlow
from ui.session import SessionGuard
from ui.unlock_panel import UnlockPanel
from ui.widgets.banner import Banner

if TYPE_CHECKING:
    from stodapp.auth import Principal
    from stodapp.core import Core
    from ui.area_host import ViewState


class MainSession:
    # Provided by MainWindow.
    _core: Core | None
    _gate: Any
    _clock: Clock
    _apply_palette: Callable[[bool], None] | None
    _view_states: dict[str, ViewState]
    _integrity_timer: QTimer
    principal: Principal
    locked: bool
    guard: SessionGuard
    clipboard: ClipboardGuard
    pages: QStackedWidget
    content: QWidget
    lock_panel: UnlockPanel | None
    integrity_banner: Banner | None
    passphrase_flow: PassphraseFlow

    if TYPE_CHECKING:

        def _build_areas(self) -> None: ...

        def _destroy_areas(self, keep_text: bool = False) -> None: ...

        def _set_actions_enabled(self, enabled: bool) -> None: ...

        def _update_title(self) -> None: ...

        def _update_status(self) -> None: ...

        def _uncover(self) -> None: ...

        def change_passphrase(self, forced: bool = False) -> None: ...

        def sign_out(self) -> None: ...

        def statusBar(self) -> QStatusBar: ...  # noqa: N802 - QMainWindow's

    def _start_session(self) -> None:
        self._build_areas()
        self.pages.setCurrentWidget(self.content)
        self._set_actions_enabled(True)
        self.guard.start()
        self._apply_user_palette()
        self._update_title()
        self._integrity_timer.start()
        self.check_integrity()
        if self._core is not None and PassphraseFlow.needed(self._core):
            self.change_passphrase(forced=True)

    def check_integrity(self) -> bool:
        """Show the background check's failure (writes are refused in the core) once it is known; True if shown."""
        problem = getattr(self._core, "integrity_problem", None) if self._core is not None else None
        if not problem or self.integrity_banner is None:
            return False
        self._integrity_timer.stop()
        text = _("Databasen är skadad och inget mer kan sparas. Stäng stodapp, kör \"stodapp doctor\" och "
                 "återställ från den senaste säkerhetskopian. Kontakta din administratör.")
        self.integrity_banner.setText(text)
        self.integrity_banner.setAccessibleName(text)
        self.integrity_banner.setToolTip(str(problem))
        self.integrity_banner.show()
        self.statusBar().showMessage(text)
        return True

    def _audit_copy(self) -> None:
        self._audit("copy")

    def _audit(self, action: str, purpose: str = "") -> None:
        if self._core is not None:
            try:
                self._core.audit_event(action, purpose)
            except Exception:  # noqa: BLE001 - auditing a UI event must never block locking or copying
                pass

    def _idle_minutes(self) -> int:
        return int(self._core.idle_lock_minutes()) if self._core is not None else 5

    def refresh_session_settings(self) -> None:
        self.guard.refresh_settings()

    def _apply_user_palette(self) -> None:
        if self._apply_palette is None or self._core is None:
            return
        try:
            high = bool(self._core.settings.get("ui.high_contrast", False))
        except Exception:  # noqa: BLE001 - a missing setting means the normal palette
            high = False
        self._apply_palette(high)

    # ---- Locking and signing out
    def lock(self, message: str = "") -> None:
        """Destroy every area, clear the clipboard, close the database, drop the key; show the lock screen."""
        if self.locked:
            return
        self.locked = True
        self.passphrase_flow.close()  # reopened at unlock while the reset flag is still set
        self.guard.stop()
        self._integrity_timer.stop()
        self._uncover()
        self.clipboard.clear_if_ours()
        self._destroy_areas()
        core, self._core = self._core, None
        step_up.install(None)
        if core is not None:
            if getattr(core, "is_demo", False):
                self._view_states = {}  # its cases are gone with it
                core.close()  # a demo store is thrown away; unlocking opens a fresh one
                message = (message + " " if message else "") + _(
                    "Demo: lås upp med valfri lösenfras; en ny demodatabas skapas.")
            else:
                core.lock()
        self.lock_panel = UnlockPanel(self._gate, self.pages, clock=self._clock,
                                      username=self.principal.username, locked_mode=True, message=message)
        self.lock_panel.sig_unlocked.connect(self._on_unlocked)
        self.lock_panel.sig_sign_out.connect(self.sign_out)
        self.pages.addWidget(self.lock_panel)
        self.pages.setCurrentWidget(self.lock_panel)
        self.lock_panel.focus_first()
        self._set_actions_enabled(False)
        self._update_title()
        self._update_status()

    def _on_unlocked(self, core: Core) -> None:
        if core.principal.username != self.principal.username:
            core.close()  # the lock screen only unlocks the same user
            return
        self._core = core
        self.principal = core.principal
        self.locked = False
        step_up.install(step_up.passphrase_dialog(core))
        if self.lock_panel is not None:
            self.lock_panel.cleanup()
            self.pages.removeWidget(self.lock_panel)
            self.lock_panel.deleteLater()
            self.lock_panel = None
        self._start_session()
        self._update_status()

    def _shutdown(self) -> None:
        self.guard.stop()
        self.clipboard.clear_if_ours()
        self._destroy_areas()
        self._view_states = {}
        core, self._core = self._core, None
        if core is not None:
            core.close()
