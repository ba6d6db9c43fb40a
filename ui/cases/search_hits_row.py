"""Shown over the case table while it holds a search's hits only: "3 träffar för ”öberg”" and the way back to all."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from stodapp.cases.models import CaseFilter
from stodapp.i18n import _, ngettext


class SearchHitsRow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fl = QHBoxLayout(self)
        fl.setContentsMargins(0, 0, 0, 0)
        self.line = QLabel(self)
        self.line.setAccessibleName(_("Sökresultat"))
        self.line.setWordWrap(True)
        self.line.setStyleSheet("font-weight: bold;")
        self.clear = QPushButton(_("Rensa"), self)
        self.clear.setAccessibleName(_("Rensa sökningen"))
        self.clear.setToolTip(_("Visa alla ärenden igen (Esc)"))
        fl.addWidget(self.line, 1)
        fl.addWidget(self.clear)
        self.hide()

    def show_hits(self, found: CaseFilter) -> None:
        """Say how many cases the search found (or that there were more than were listed, or none)."""
        n = len(found.rows)
        if n == 0:
            line = _("Inga träffar för ”{q}” bland dina ärenden.").format(q=found.query)
        elif found.truncated:
            line = _("Visar de första {n} träffarna för ”{q}” – skriv mer för färre träffar.").format(
                n=n, q=found.query
            )
        else:
            line = ngettext("{n} träff för ”{q}”", "{n} träffar för ”{q}”", n).format(n=n, q=found.query)
        self.line.setText(line)
        self.line.setToolTip(line)
        self.show()
