"""The open case's heading: its number and whether it is open, or that none is chosen or one is on its way."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from stodapp.cases.models import CaseView
from stodapp.i18n import _


class CaseTitle(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Inget ärende valt"), parent)
        self.setStyleSheet("font-size: 15px; font-weight: bold;")

    def show_none(self) -> None:
        self.setText(_("Inget ärende valt"))

    def show_loading(self) -> None:
        self.setText(_("Läser in ärendet…"))

    def show_case(self, case: CaseView) -> None:
        self.setText(
            _("Ärende {no} – {status}").format(
                no=case.case_no, status=_("öppet") if case.status == "open" else _("avslutat")
            )
        )
