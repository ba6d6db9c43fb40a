"""AboutDialog: program and component versions plus the store health from core.doctor()."""

from __future__ import annotations

import json
import platform
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.tasks import run_op

if TYPE_CHECKING:
    from stodapp.core import Core


class AboutDialog(QDialog):
    def __init__(self, info: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Om stodapp"))
        lay = QVBoxLayout(self)
        head = QLabel(_("<b>stodapp {v}</b><br>Stöd i ärenden om våld i nära relation, hedersrelaterat "
                        "våld och "
                        "förtryck samt barn som upplevt våld.").format(v=info.get("stodapp", "?")), self)
        head.setWordWrap(True)
        lay.addWidget(head)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Versioner och databasens status"))
        self.details.setPlainText(self.format_info(info))
        lay.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(_("Stäng"))
        lay.addWidget(buttons)
        self.resize(560, 420)

    @staticmethod
    def format_info(info: dict[str, Any]) -> str:
        lines = [f"Python: {platform.python_version()}"]
        for key, value in info.items():
            shown = value if isinstance(value, str | int | float) or value is None else json.dumps(
                value, ensure_ascii=False, default=str)
            lines.append(f"{key}: {shown}")
        return "\n".join(lines)

    @classmethod
    def load(cls, core: Core, parent: QWidget) -> None:
        """Run doctor() off the GUI thread (it checks integrity), then show the dialog."""

        def show(info: dict[str, Any]) -> None:
            dialog = cls(info, parent)
            dialog.open()

        run_op(parent, core.doctor, show, label=_("Kontrollerar databasen…"))
