"""Screenshot maker (run as a subprocess so QT_SCALE_FACTOR applies): python -m tests.ui.shots DIR LANG."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from stodapp.store.keyslots import KdfParams

PASS = "en lång och hemlig mening för bilder"


def settle(app: QApplication, ms: int = 80) -> None:
    # An event loop, not a processEvents() busy loop: PySide6 6.12 leaks a reference to None per
    # processEvents() call and aborts after a few thousand calls ("none_dealloc").
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(app: QApplication, widget: QWidget, path: Path) -> None:
    widget.show()
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not save {path}")


def main(out: Path, lang: str) -> int:
    from stodapp.auth import Role
    from ui.first_run_wizard import FirstRunWizard
    from ui.gate import StoreGate
    from ui.main import apply_language
    from ui.main_window import MainWindow
    from ui.style import register_icons
    from ui.unlock_window import UnlockWindow

    app = QApplication(sys.argv[:1])
    apply_language(app, lang)
    register_icons()
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    tag = f"{lang}_{int(float(scale) * 100)}"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        prefs = QSettings(str(Path(tmp) / "p.ini"), QSettings.Format.IniFormat)
        data = Path(tmp) / "data"
        gate = StoreGate(data, kdf=KdfParams.for_tests())
        wiz = FirstRunWizard(gate)
        wiz.resize(680, 500)
        grab(app, wiz, out / f"wizard1_intro_{tag}.png")
        wiz.next()
        wiz.admin.name_edit.setText("admin")
        wiz.admin.pass_edit.setText("kort")
        grab(app, wiz, out / f"wizard2_admin_{tag}.png")
        core, key = gate.initialize("admin", PASS)
        wiz.core, wiz.recovery_key = core, key
        wiz.next()
        grab(app, wiz, out / f"wizard3_recovery_{tag}.png")
        wiz.recovery.confirm.setChecked(True)
        core.users.add("anna", Role.CASEWORKER, "grön tekopp vid sjön i november", display_name="Anna Testsson")
        wiz.hide()
        unlock = UnlockWindow(gate, username="anna")
        unlock.resize(640, 420)
        grab(app, unlock, out / f"unlock_{tag}.png")
        unlock.panel.show_error(_err())
        unlock.panel.start_countdown(30)
        grab(app, unlock, out / f"unlock_throttled_{tag}.png")
        unlock.hide()
        win = MainWindow(core, gate, prefs)
        win.resize(1000, 640)
        grab(app, win, out / f"main_admin_{tag}.png")
        win.toggle_privacy()
        grab(app, win, out / f"main_privacy_{tag}.png")
        win.toggle_privacy()
        win.lock()
        grab(app, win, out / f"main_locked_{tag}.png")
        win.close()
        from ui.tasks import wait_for_workers

        # As the app does before it ends, and before the store's folder is deleted.
        assert wait_for_workers(), "background work still running after 30 s"
    print("ok", flush=True)
    return 0


def _err() -> str:
    from stodapp.i18n import _

    return _("Fel användarnamn eller lösenfras. Kontrollera Caps Lock och försök igen.")


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2]))
