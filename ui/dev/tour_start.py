"""The tour's windows before sign-in: first-run wizard pages, unlock (plain and throttled), demo chooser, store
problem screen and its restore dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ui.dev.tour import SECRET, Tour, fit_to_screen


def start_windows(tour: Tour, _prefs: QSettings, tmp: Path) -> None:
    from stodapp.bench.dev_store import fast_kdf
    from stodapp.i18n import _
    from ui.demo_start import DemoStartWindow
    from ui.first_run_wizard import FirstRunWizard
    from ui.gate import StoreGate
    from ui.store_problem import StoreProblemPanel
    from ui.unlock_window import UnlockWindow

    fresh = tmp / f"fresh-{tour.lang}"
    gate = StoreGate(fresh, kdf=fast_kdf())
    wizard = FirstRunWizard(gate)
    fit_to_screen(wizard)
    tour.visit("wizard_intro", wizard)
    wizard.next()
    wizard.admin.name_edit.setText("admin")
    wizard.admin.pass_edit.setText("kort")
    tour.visit("wizard_admin", wizard)
    core, key = gate.initialize("admin", SECRET)
    wizard.core, wizard.recovery_key = core, key
    wizard.next()
    tour.visit("wizard_recovery", wizard)
    wizard.recovery.confirm.setChecked(True)
    wizard.hide()
    wizard.deleteLater()
    core.close()

    from stodapp.demo import DEMO_USERS
    from stodapp.roles import Role

    unlock = UnlockWindow(StoreGate(tour.data), username=DEMO_USERS[Role.CASEWORKER])
    fit_to_screen(unlock)
    tour.visit("unlock", unlock)
    unlock.panel.show_error(_("Fel användarnamn eller lösenfras. Kontrollera Caps Lock och försök igen."))
    unlock.panel.start_countdown(30)
    tour.visit("unlock_throttled", unlock)
    unlock.panel.cleanup()
    unlock.close()
    unlock.deleteLater()

    demo = DemoStartWindow(StoreGate(tour.data))
    fit_to_screen(demo)
    tour.visit("demo_start", demo)
    demo.close()
    demo.deleteLater()

    problem = StoreProblemPanel(StoreGate(tour.data), "integritetskontroll misslyckades (sida 12)")
    fit_to_screen(problem)
    tour.visit("store_problem", problem)
    from ui.restore_dialog import RestoreDialog

    restore = RestoreDialog(tour.data, lambda *_a: "", problem)
    tour.dialog("store_problem/RestoreDialog", restore)
    problem.close()
    problem.deleteLater()
