"""The composition root: builds the QApplication, the StoreGate (the only way to a Core) and the windows.

Start-up order matters: only PySide6 and import-light stodapp modules are loaded before the first window
is painted; SQLAlchemy, pydantic and the store are imported on a background thread right after it
(perf.md §1), while the user types the passphrase.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from stodapp.i18n import set_language
from stodapp.roles import Role
from ui import wheel_guard
from ui.style import apply_font_hinting, apply_palette, install_qt_translator, register_icons

if TYPE_CHECKING:
    from stodapp.core import Core

EXIT_AFTER_PAINT_ENV = "STODAPP_EXIT_AFTER_FIRST_PAINT"
SETTINGS_FILE_ENV = "STODAPP_QSETTINGS"  # tests and benchmarks: an ini file instead of the user's settings


def harden_process() -> None:
    """No core dumps (they could hold the data key or case text); the CLI already did this, run_gui repeats it."""
    from stodapp.hardening import disable_core_dumps

    try:
        disable_core_dumps()
    except (OSError, ValueError):
        pass
    from stodapp.store.files import restrict_umask

    restrict_umask()


def open_prefs() -> QSettings:
    """Plain QSettings hold only language and window geometry; everything else lives in the store."""
    path = os.environ.get(SETTINGS_FILE_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "stodapp", "stodapp")


def fit_to_screen(window: QWidget) -> None:
    """Never larger than the screen it opens on (a remembered or default size on a small or strongly scaled
    screen, e.g. 1366×768 at 200 %): shrink to the available area and move inside it; the areas scroll."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    avail = screen.availableGeometry()
    window.resize(window.size().boundedTo(avail.size()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), avail.x()), avail.right() - frame.width() + 1)
    y = min(max(frame.y(), avail.y()), avail.bottom() - frame.height() + 1)
    window.move(max(x, avail.x()), max(y, avail.y()))


def apply_language(app: QApplication, lang: str) -> str:
    """gettext for our strings (a broken catalog falls back to Swedish) and qtbase for Qt's own strings."""
    try:
        active = set_language(lang)
    except Exception:  # noqa: BLE001 - a damaged catalog must never stop the app: Swedish source strings
        active = set_language("sv")
    install_qt_translator(app, active)
    return active


class FirstPaintProbe(QObject):
    """Calls `on_painted(ms_since_start)` once, after the first paint of `window`."""

    def __init__(self, window: QWidget, started: float, on_painted: Any) -> None:
        super().__init__(window)
        self._window = window
        self._started = started
        self._on_painted = on_painted
        self._fired = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (not self._fired and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            self._fired = True
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self._on_painted((time.perf_counter() - self._started) * 1000))
        return False


class Shell(QObject):
    """Moves between the start window (wizard, sign-in or demo chooser) and the main window."""

    def __init__(self, app: QApplication, gate: Any, prefs: QSettings, *, clock: Any = None) -> None:
        super().__init__(app)
        self.app = app
        self.gate = gate
        self.prefs = prefs
        self.clock = clock
        self.start_window: QWidget | None = None
        self.main_window: Any = None
        self._last_user = str(prefs.value("ui/last_user", "") or "")

    def show_start(self, message: str = "") -> QWidget:
        window: QWidget
        if self.gate.is_demo:
            from ui.demo_start import DemoStartWindow

            window = DemoStartWindow(self.gate)
            window.sig_unlocked.connect(self.open_main)
        elif self.gate.store_exists() or self._server_remembered():
            from ui.unlock_window import UnlockWindow

            window = UnlockWindow(self.gate, clock=self.clock, username=self._last_user, message=message,
                                  prefs=self.prefs)
            window.sig_unlocked.connect(self.open_main)
            window.sig_store_missing.connect(self._store_missing)
        else:
            from ui.first_run_wizard import FirstRunWizard

            window = FirstRunWizard(self.gate, prefs=self.prefs)
            window.sig_created.connect(self._open_after_first_run)
            window.sig_connected.connect(self.open_main)
        geometry = self.prefs.value("start/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        self.start_window = window
        window.show()
        return window

    def _server_remembered(self) -> bool:
        """The last sign-in chose "Server": start on the sign-in window even without a local store."""
        from ui.store_choice import remembered_mode

        return hasattr(self.gate, "use_server") and remembered_mode(self.prefs) == "server"

    def _store_missing(self) -> None:
        old = self.start_window
        self.show_start()
        if old is not None:
            old.close()
            old.deleteLater()

    def open_main(self, core: Core) -> None:
        from ui.main_window import MainWindow

        register_icons()
        self.prefs.setValue("ui/last_user", "" if core.is_demo else core.principal.username)
        self._last_user = "" if core.is_demo else core.principal.username
        window = MainWindow(core, self.gate, self.prefs, clock=self.clock,
                            apply_language=lambda lang: apply_language(self.app, lang),
                            apply_palette=lambda high: apply_palette(self.app, high))
        window.sig_signed_out.connect(self._signed_out)
        geometry = self.prefs.value("main/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            window.resize(1100, 720)
        fit_to_screen(window)
        self.main_window = window
        window.show()
        old, self.start_window = self.start_window, None
        if old is not None:
            self.prefs.setValue("start/geometry", old.saveGeometry())
            old.hide()
            old.deleteLater()

    def _open_after_first_run(self, core: Core) -> None:
        """The first sign-in after the wizard opens on the local entries the first run asks for (issue 7)."""
        self.open_main(core)
        window = self.main_window
        if window is not None and window.show_area("admin"):
            show = getattr(window.host.widget_for("admin"), "show_local_entries", None)
            if callable(show):
                show()

    def _signed_out(self) -> None:
        self.show_start()
        window, self.main_window = self.main_window, None
        if window is not None:
            window.deleteLater()


def _quiet_excepthook(exc_type: type[BaseException], exc: BaseException, tb: object) -> None:
    """An unexpected error in a Qt slot prints its type and place only: its message may quote case content."""
    import traceback

    frames = traceback.extract_tb(tb)  # type: ignore[arg-type]
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    print(f"stodapp: internt fel ({exc_type.__name__}) vid {where}", file=sys.stderr)


def run_gui(data_dir: str | None, demo: bool, lang: str | None, *, argv: list[str] | None = None) -> int:
    """Open the desktop app; returns the process exit code."""
    started = time.perf_counter()
    harden_process()
    if not os.environ.get("STODAPP_DEBUG"):
        sys.excepthook = _quiet_excepthook
    from stodapp.paths import default_data_dir
    from ui.gate import StoreGate

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("stodapp")
    app.setOrganizationName("stodapp")
    app.setApplicationDisplayName("stodapp")
    apply_font_hinting(app)
    wheel_guard.install(app)  # a scrolled-past combo, spin or date field never changes (issue 19)
    from ui import gc_guard

    gc_guard.install(app)  # cyclic garbage (dead Qt objects included) is freed on the GUI thread only
    prefs = open_prefs()
    apply_language(app, lang or str(prefs.value("ui/language", "sv") or "sv"))
    gate = StoreGate(Path(data_dir) if data_dir else default_data_dir(),
                     demo_role=Role.CASEWORKER if demo else None)
    shell = Shell(app, gate, prefs)
    window = shell.show_start()
    exit_after_paint = os.environ.get(EXIT_AFTER_PAINT_ENV) == "1"

    def painted(ms: float) -> None:
        if exit_after_paint:
            print(f"first_paint {ms:.1f}", flush=True)
            app.quit()
        else:
            gate.preload_in_background()

    FirstPaintProbe(window, started, painted)
    code = app.exec()
    if shell.main_window is not None:
        shell.main_window.close()
    from ui.tasks import wait_for_workers

    wait_for_workers()  # a save under way ends whole; no worker is cut off inside Qt while Python shuts down
    return int(code)
