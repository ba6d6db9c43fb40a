"""DemoStartWindow: `stodapp --demo` asks which role to try, then opens a fresh fictional demo store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from stodapp.i18n import _
from stodapp.roles import ROLE_LABELS, Role
from ui.main_window import DEMO_MARK
from ui.tasks import error_text, run_op
from ui.widgets.banner import Banner

DEMO_ROLES = (Role.CASEWORKER, Role.SUPERVISOR, Role.TRAINER, Role.ADMIN)


class DemoStartWindow(QMainWindow):
    sig_unlocked = Signal(object)
    """Emitted with the Core of the new demo store."""

    def __init__(self, gate: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._gate = gate
        self.setObjectName("DemoStartWindow")
        self.setWindowTitle(f"{DEMO_MARK} – stodapp")
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.addWidget(Banner(DEMO_MARK, central))
        text = QLabel(_("Demoläget öppnar en ny databas med påhittade ärenden. Den raderas när du avslutar. "
                        "Välj vilken roll du vill prova:"), central)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.buttons: list[QPushButton] = []
        for role in DEMO_ROLES:
            value, label = role.value, ROLE_LABELS[role]
            button = QPushButton(_(label), central)
            button.setAccessibleName(_("Öppna demo som {role}").format(role=_(label)))
            button.clicked.connect(lambda _checked=False, v=value: self.open_as(v))
            lay.addWidget(button)
            self.buttons.append(button)
        self.status = QLabel("", central)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        lay.addStretch(1)
        self.setCentralWidget(central)
        self.resize(520, 360)

    def open_as(self, role: str) -> None:
        self._gate.demo_role = role
        for button in self.buttons:
            button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.status.setText(error_text(exc))
            for button in self.buttons:
                button.setEnabled(True)

        run_op(self, self._gate.open_demo, self.sig_unlocked.emit, failed, label=_("Skapar demodatabasen…"))
