"""First-run wizard end to end on a real encrypted store (fast test KDF), including printing the key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWizard

from stodapp.core import Core
from stodapp.store.keyslots import KdfParams
from tests.ui.conftest import PASSPHRASE
from ui.first_run_wizard import FirstRunWizard
from ui.gate import StoreGate
from ui.main import Shell
from ui.main_window import MainWindow


def test_wizard_creates_store_and_shows_key_once(qtbot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    gate = StoreGate(data, kdf=KdfParams.for_tests())
    wiz = FirstRunWizard(gate)
    qtbot.addWidget(wiz)
    wiz.show()
    created: list[object] = []
    wiz.sig_created.connect(created.append)
    wiz.next()
    page = wiz.admin
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    page.name_edit.setText("admin")
    page.pass_edit.setText("kort")
    page.repeat_edit.setText("kort")
    assert not next_button.isEnabled()
    assert "minst" in page.feedback.text()
    page.pass_edit.setText(PASSPHRASE)
    page.repeat_edit.setText(PASSPHRASE + "x")
    assert not next_button.isEnabled() and "inte lika" in page.feedback.text()
    page.repeat_edit.setText(PASSPHRASE)
    assert next_button.isEnabled()
    assert not Core.store_exists(data)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery, timeout=15000)
    assert Core.store_exists(data)
    key = wiz.recovery.key_label.text()
    assert len(key) >= 20 and page.pass_edit.text() == ""
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    assert not finish.isEnabled()
    wiz.reject()  # cannot close before confirming the key is stored
    assert wiz.isVisible() and not created

    pdf = tmp_path / "key.pdf"
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    wiz.print_to(printer)
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages).replace("\n", "").replace(" ", "")
    assert key.replace(" ", "") in text

    wiz.recovery.confirm.setChecked(True)
    assert finish.isEnabled()
    finish.click()
    assert len(created) == 1 and wiz.recovery.key_label.text() == ""
    core = created[0]
    assert core.principal.username == "admin"  # type: ignore[attr-defined]
    core.close()  # type: ignore[attr-defined]
    # the recovery key really opens the store
    rec = Core.unlock(data, "", key, recovery=True)
    rec.close()


def test_wizard_reports_policy_error_from_core(qtbot, tmp_path: Path) -> None:
    gate = StoreGate(tmp_path / "d", kdf=KdfParams.for_tests())
    wiz = FirstRunWizard(gate)
    qtbot.addWidget(wiz)
    wiz.create_store("Ogiltigt Namn!", PASSPHRASE)
    qtbot.waitUntil(lambda: bool(wiz.admin.error_label.text()), timeout=5000)
    assert wiz.core is None and not Core.store_exists(tmp_path / "d")


def test_shell_first_run_then_main_window(qtbot, tmp_path: Path) -> None:
    prefs = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    gate = StoreGate(tmp_path / "data", kdf=KdfParams.for_tests())
    app = QApplication.instance()
    shell = Shell(app, gate, prefs)  # type: ignore[arg-type]
    wiz = shell.show_start()
    assert isinstance(wiz, FirstRunWizard)
    qtbot.addWidget(wiz)
    wiz.next()
    wiz.create_store("admin", PASSPHRASE)
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery, timeout=15000)
    wiz.recovery.confirm.setChecked(True)
    wiz.accept()
    assert isinstance(shell.main_window, MainWindow)
    qtbot.addWidget(shell.main_window)
    assert "admin" in [s.id for s in shell.main_window.host.specs]
    assert prefs.value("ui/last_user") == "admin"
    core = shell.main_window.core
    shell.main_window.sign_out()
    assert not core.is_open and shell.main_window is None
    from ui.unlock_window import UnlockWindow

    assert isinstance(shell.start_window, UnlockWindow)
    qtbot.addWidget(shell.start_window)
    assert shell.start_window.panel.user_edit.text() == "admin"


def test_creating_the_store_shows_progress_on_the_page_not_a_modal(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import threading

    from PySide6.QtWidgets import QApplication, QDialog

    from ui.first_run_wizard import FirstRunWizard
    from ui.gate import StoreGate

    release = threading.Event()

    class SlowGate(StoreGate):
        def initialize(self, admin_name: str, passphrase: str):  # type: ignore[no-untyped-def]
            release.wait(10)
            raise RuntimeError("stopped on purpose")

    wizard = FirstRunWizard(SlowGate(tmp_path / "data"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.create_store("admin", "en lång och hemlig fras för test")
    qtbot.waitUntil(lambda: wizard.admin.busy_label.isVisible(), timeout=5000)
    qtbot.wait(1500)  # past the modal indicator's delay
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible() and w is not wizard]
    release.set()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=5000)
    assert not wizard.admin.busy_label.isVisible()
    assert wizard.admin.error_label.text()
