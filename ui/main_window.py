"""MainWindow: areas by role, menus and shortcuts, status bar, privacy screen, clipboard guard; starting a session,
locking and unlocking are inherited from `ui.main_session`; the passphrase change is `ui.passphrase_flow`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolBar, QVBoxLayout, QWidget

from stodapp.clock import Clock, SystemClock
from stodapp.i18n import _
from ui import step_up
from ui.area_host import AreaHost, ViewState, close_dialogs
from ui.areas import AreaSpec, discover, for_role
from ui.capture_guard import exclude_from_capture
from ui.clipboard import ClipboardGuard
from ui.dialog_hotkeys import DialogHotkeys
from ui.guide.pages import START, page_for_area
from ui.main_session import MainSession
from ui.passphrase_flow import PassphraseFlow
from ui.privacy_cover import PrivacyCover
from ui.session import SessionGuard
from ui.style import icon
from ui.unlock_panel import UnlockPanel
from ui.widgets.banner import Banner

if TYPE_CHECKING:
    from stodapp.core import Core
    from ui.guide.guide_window import GuideWindow
    from ui.passphrase_change_dialog import PassphraseChangeDialog

DEMO_MARK = "DEMO – fiktiva uppgifter"  # Swedish on purpose in every language: it marks the data, not the UI


class MainWindow(MainSession, QMainWindow):
    sig_signed_out = Signal()
    """Emitted after the user signed out (the composition root shows the sign-in window again)."""

    def __init__(self, core: Core, gate: Any, prefs: QSettings, parent: QWidget | None = None, *,
                 clock: Clock | None = None, areas: list[AreaSpec] | None = None,
                 apply_language: Callable[[str], object] | None = None,
                 apply_palette: Callable[[bool], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self._core: Core | None = core
        self._gate = gate
        self._prefs = prefs
        self._clock = clock or getattr(core, "clock", None) or SystemClock()
        self._all_areas = areas if areas is not None else discover()
        self._apply_language = apply_language
        self._apply_palette = apply_palette
        self.principal = core.principal
        self.is_demo = bool(getattr(core, "is_demo", False))
        self.is_server = bool(getattr(core, "is_server", False))
        self.locked = False
        self.covered = False
        self._covered_at = 0.0
        self._last_area = ""
        self.lock_panel: UnlockPanel | None = None
        self.host: AreaHost | None = None
        self.guide: GuideWindow | None = None
        self._view_states: dict[str, ViewState] = {}  # where each area was, kept over a lock or language switch
        self.guard = SessionGuard(self._clock, self._idle_minutes, self)
        self.guard.sig_idle.connect(lambda: self.lock(_("Låst efter en stund utan aktivitet.")))
        self.guard.sig_expired.connect(
            lambda: self.lock(_("Sessionen har pågått i 12 timmar. Logga in igen med din lösenfras.")))
        self.clipboard = ClipboardGuard(self, in_case_context=self._in_case_context, on_copy=self._audit_copy)
        step_up.install(step_up.passphrase_dialog(core))  # exports and prints ask again after the window
        from ui.os_lock import OsLockWatcher

        self.os_lock = OsLockWatcher(self)  # the OS locking the screen or suspending locks the store too
        self.os_lock.sig_lock.connect(
            lambda _reason: self.lock(_("Låst eftersom datorn låstes eller gick i viloläge.")))
        self.os_lock.start(int(self.winId()) if sys.platform == "win32" else 0)
        self.integrity_banner: Banner | None = None
        self.passphrase_flow = PassphraseFlow(self, sign_out=self.sign_out,
                                              say=lambda text: self.statusBar().showMessage(text, 8000))
        # The full page check runs in a core thread after unlock; its verdict is picked up here on the GUI thread.
        self._integrity_timer = QTimer(self)
        self._integrity_timer.setInterval(500)
        self._integrity_timer.timeout.connect(self.check_integrity)
        self._setup_ui()
        self._start_session()
        self.hotkeys = DialogHotkeys(self, lock=self.lock, privacy=self.toggle_privacy)

    # ---- Building
    def _setup_ui(self) -> None:
        """(Re)build menus, toolbar, pages and status bar in the current language."""
        self.menuBar().clear()
        for bar in self.findChildren(QToolBar):
            self.removeToolBar(bar)
            bar.deleteLater()
        self._make_actions()
        self.pages = QStackedWidget(self)
        self.content = QWidget(self.pages)
        lay = QVBoxLayout(self.content)
        lay.setContentsMargins(0, 0, 0, 0)
        if self.is_demo:
            lay.addWidget(Banner(DEMO_MARK, self.content))
        self.integrity_banner = Banner("", self.content, background="#b00020")
        self.integrity_banner.setStyleSheet(self.integrity_banner.styleSheet().replace("color: #000", "color: #fff"))
        self.integrity_banner.setWordWrap(True)
        self.integrity_banner.hide()
        lay.addWidget(self.integrity_banner)
        self.host_slot = QVBoxLayout()
        lay.addLayout(self.host_slot, 1)
        self.pages.addWidget(self.content)
        self.cover = PrivacyCover(self.pages)
        self.cover.sig_reveal.connect(self.toggle_privacy)
        self.pages.addWidget(self.cover)
        self.setCentralWidget(self.pages)
        old = getattr(self, "user_label", None)
        if old is not None:
            self.statusBar().removeWidget(old)
            old.deleteLater()
        self.user_label = QLabel(self)
        self.user_label.setAccessibleName(_("Inloggad användare"))
        self.statusBar().addPermanentWidget(self.user_label)
        self._update_status()

    def _make_actions(self) -> None:
        def act(text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                icon_name: str = "") -> QAction:
            action = QAction(icon(icon_name), text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False: slot())
            return action

        self.act_lock = act(_("&Lås"), self.lock, "Ctrl+L", "lock")
        self.act_privacy = act(_("&Dölj innehållet"), self.toggle_privacy, "F12", "privacy")
        self.act_privacy.setCheckable(True)

        self.act_sign_out = act(_("Logga &ut"), self.sign_out, "Ctrl+Shift+L", "sign-out")
        self.act_quit = act(_("&Avsluta"), self.close, QKeySequence.StandardKey.Quit)
        if self.act_quit.shortcut().isEmpty():
            self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.act_settings = act(_("&Inställningar…"), self.open_settings,
                                QKeySequence.StandardKey.Preferences)
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_passphrase = act(_("Byt &lösenfras…"), self.change_passphrase)
        self.act_guide = act(_("&Användarhandledning"), self.open_guide, QKeySequence.StandardKey.HelpContents)
        if self.act_guide.shortcut().isEmpty():
            self.act_guide.setShortcut(QKeySequence("F1"))
        self.act_about = act(_("&Om stodapp"), self.open_about)
        self.act_about_qt = act(_("Om &Qt"), self._about_qt)

        file_menu = self.menuBar().addMenu(_("&Arkiv"))
        for action in (self.act_lock, self.act_privacy, self.act_sign_out):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.act_settings)
        file_menu.addAction(self.act_passphrase)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        self.view_menu = self.menuBar().addMenu(_("&Visa"))
        help_menu = self.menuBar().addMenu(_("&Hjälp"))
        help_menu.addAction(self.act_guide)
        help_menu.addSeparator()
        help_menu.addAction(self.act_about)
        help_menu.addAction(self.act_about_qt)

        bar = QToolBar(_("Verktygsfält"), self)
        bar.setObjectName("main_toolbar")
        bar.setAccessibleName(_("Verktygsfält"))
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.act_lock)
        bar.addAction(self.act_privacy)
        self.addToolBar(bar)
        for button in bar.findChildren(QWidget):
            if button.metaObject().className() == "QToolButton":
                tool_action = getattr(button, "defaultAction", lambda: None)()
                if tool_action is not None:
                    button.setAccessibleName(tool_action.text().replace("&", ""))

    def _build_areas(self) -> None:
        specs = for_role(self._all_areas, str(self.principal.role.value))
        if self.is_server:
            from ui.server_areas import for_server

            specs = for_server(specs)
        if self._core is None:
            return  # locked: the areas are built again at unlock
        self.host = AreaHost(self._core, specs, self.content, states=self._view_states, prefs=self._prefs)
        self._view_states = {}
        self.host.sig_area_changed.connect(self._on_area_changed)
        self.host.sig_help.connect(lambda area_id: self.open_guide(page_for_area(area_id)))
        self.host_slot.addWidget(self.host)
        self.view_menu.clear()
        for n, spec in enumerate(specs):
            action = QAction(icon(spec.icon), _(spec.label), self)
            if n < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _checked=False, area_id=spec.id: self.show_area(area_id))
            self.view_menu.addAction(action)
        if not (self._last_area and self.host.select(self._last_area)):
            self.host.select_first()

    def _destroy_areas(self, keep_text: bool = False) -> None:
        self.guide = None  # a dialog of this window: close_dialogs closes and deletes it
        close_dialogs(self)
        if self.host is not None:
            self._last_area = self.host.current_id() or self._last_area
            self._view_states = self.host.view_states(keep_text)
            self.host.destroy_areas()
            self.host_slot.removeWidget(self.host)
            self.host.hide()
            self.host.deleteLater()
            self.host = None
        self.view_menu.clear()

    # ---- Areas, title, status
    def show_area(self, area_id: str) -> bool:
        return self.host.select(area_id) if self.host is not None and not self.locked else False

    def current_area(self) -> str:
        return self.host.current_id() if self.host is not None else ""

    def _on_area_changed(self, area_id: str) -> None:
        self._last_area = area_id
        self._update_title()

    def _update_title(self) -> None:
        parts = ["stodapp"]
        if self.locked:
            parts.append(_("låst"))
        elif self.host is not None and self.host.current_id():
            spec = next(s for s in self.host.specs if s.id == self.host.current_id())
            parts.append(_(spec.label))
        title = " – ".join(parts)
        self.setWindowTitle(f"{DEMO_MARK} – {title}" if self.is_demo else title)

    def _update_status(self) -> None:
        from stodapp.auth import ROLE_LABELS

        name = self.principal.display_name or self.principal.username
        role = _(ROLE_LABELS.get(self.principal.role, str(self.principal.role)))
        if self.locked:
            text = _("Låst: {name} ({role})").format(name=name, role=role)
        else:
            text = _("Inloggad: {name} ({role})").format(name=name, role=role)
        if self.is_server:
            text += " · " + _("ansluten till {where}").format(where=getattr(self._core, "server_display", "")
                                                         or getattr(self._gate, "server", ""))
        self.user_label.setText(text)

    def _set_actions_enabled(self, enabled: bool) -> None:
        for action in (self.act_settings, self.act_passphrase, self.act_about):
            action.setEnabled(enabled)
        self.act_lock.setEnabled(not self.locked)
        self.act_privacy.setEnabled(not self.locked)
        self.view_menu.setEnabled(enabled)

    def _in_case_context(self) -> bool:
        from PySide6.QtWidgets import QApplication

        return self.host is not None and self.host.contains(QApplication.focusWidget())

    # ---- Privacy screen
    def toggle_privacy(self) -> None:
        if self.locked:
            return
        if not self.covered:
            self.covered = True
            self._covered_at = self._clock.monotonic()
            self.guard.ignore_input = True
            self.pages.setCurrentWidget(self.cover)
            self._set_actions_enabled(False)
            self.act_privacy.setEnabled(True)
            self.act_privacy.setChecked(True)
            self.setWindowTitle("stodapp")
            self.cover.reveal_button.setFocus()
            return
        if self._clock.monotonic() - self._covered_at >= self.guard.idle_seconds:
            self.lock(_("Låst eftersom innehållet var dolt längre än tiden för automatisk låsning."))
            return
        self._uncover()
        self.guard.note_activity()
        self.pages.setCurrentWidget(self.content)
        self._set_actions_enabled(True)
        self._update_title()

    def _uncover(self) -> None:
        self.covered = False
        self.guard.ignore_input = False
        self.act_privacy.setChecked(False)

    # ---- Signing out (locking and unlocking: ui.main_session)
    def sign_out(self) -> None:
        self._audit("logout")
        self._shutdown()
        self.sig_signed_out.emit()
        self.close()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        exclude_from_capture(self)  # re-applied on every show/restore (Bitwarden #15184)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.hotkeys.uninstall()
        self._prefs.setValue("main/geometry", self.saveGeometry())
        self._shutdown()
        if self.lock_panel is not None:
            self.lock_panel.cleanup()
        super().closeEvent(event)

    @property
    def core(self) -> Any:
        return self._core

    # ---- Dialogs
    @property
    def passphrase_dialog(self) -> PassphraseChangeDialog | None:
        """The passphrase change dialog while it is open (forced after a reset), else None."""
        return self.passphrase_flow.dialog

    def change_passphrase(self, forced: bool = False) -> None:
        """Arkiv → Byt lösenfras…; forced after an administrator's reset (leaving it signs out)."""
        if self._core is not None:
            self.passphrase_flow.open(self._core, forced)

    def open_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        if self._core is None:
            return
        if self.is_server:
            self._not_on_server()
            return
        dialog = SettingsDialog(self._core, self._prefs, self)
        if dialog.exec():
            self.apply_settings(dialog.language(), dialog.high_contrast())

    def apply_settings(self, lang: str, high_contrast: bool) -> None:
        from stodapp.i18n import current_language

        if self._core is not None:
            self._core.settings.set("ui.high_contrast", bool(high_contrast))
        if self._apply_palette is not None:
            self._apply_palette(high_contrast)
        if lang != current_language():
            self._prefs.setValue("ui/language", lang)
            if self._apply_language is not None:
                self._apply_language(lang)
            self.retranslate()

    def retranslate(self) -> None:
        """Rebuild every widget in the new language; the same area is shown again afterwards."""
        guide_page = self.guide.current_page() if self.guide is not None and self.guide.isVisible() else ""
        self._destroy_areas(keep_text=True)
        self._setup_ui()
        self._build_areas()
        self._set_actions_enabled(True)
        self._update_title()
        self.check_integrity()
        if guide_page:
            self.open_guide(guide_page)

    def open_guide(self, page: str = "") -> GuideWindow:
        """The user guide at `page` (by default the page of the area shown, or "Komma igång" when locked)."""
        from ui.guide.guide_window import GuideWindow

        page = page or (START if self.locked else page_for_area(self.current_area()))
        if self.guide is None:
            self.guide = GuideWindow(self, page)
        else:
            self.guide.show_page(page)
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def open_about(self) -> None:
        from ui.about_dialog import AboutDialog

        if self.is_server:
            self._not_on_server()
        elif self._core is not None:
            AboutDialog.load(self._core, self)

    def _not_on_server(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from ui.server_placeholder import placeholder_text

        QMessageBox.information(self, "stodapp", placeholder_text())

    def _about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.aboutQt(self, _("Om Qt"))
