"""The case view's latest asking events: date, who asked, whom about what, the answer, the safety check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from stodapp.cases.asking_models import ANSWERS, CHANNELS, AskingHistory, AskingSummary
from stodapp.i18n import N_, _, ngettext

SUBJECTS = {"utsatt": N_("utsatt för våld"), "utovande": N_("utövar våld")}
SAFETY = {"kan_tala": N_("Ja, kunde tala fritt"), "kan_inte_tala": N_("Nej – frågan ställdes inte"),
          "": N_("Personligt möte")}


def answer_text(answer: str) -> str:
    return _(ANSWERS.get(answer, answer))


class AskingHistoryView(QWidget):
    """Read-only; filled from the case's screen read (`CaseScreen.asking`), so it costs no read of its own."""

    ROWS = 3  # rows visible without scrolling (the case view keeps room for the journal at 1280×720)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.title = QLabel(_("Frågor om våld"), self)
        self.title.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.title)
        self.empty = QLabel(_("Ingen har frågat om våld i ärendet ännu."), self)
        self.empty.setWordWrap(True)
        lay.addWidget(self.empty)
        self.table = QTableWidget(0, 5, self)
        self.table.setAccessibleName(_("Senaste frågor om våld"))
        self.table.setHorizontalHeaderLabels([_("Datum"), _("Frågade"), _("Vem och vad"), _("Svar"),
                                              _("Kunde tala ostört")])
        check = self.table.horizontalHeaderItem(4)
        assert check is not None
        check.setToolTip(_("Säkerhetskollen vid telefon, video och skriftlig kontakt: kunde personen prata fritt "
                           "och ostört?"))
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row_h = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + self.ROWS * row_h + 4)
        lay.addWidget(self.table)
        self.show_history(AskingHistory())

    def show_history(self, history: AskingHistory) -> None:
        shown, total = len(history.latest), history.total
        if total > shown:
            self.title.setText(_("Frågor om våld – de {n} senaste av {total}").format(n=shown, total=total))
        else:
            self.title.setText(_("Frågor om våld"))
        self.empty.setVisible(total == 0)
        self.table.setVisible(total > 0)
        self.table.setRowCount(shown)
        for r, event in enumerate(history.latest):
            for c, text in enumerate(self._cells(event)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.setAccessibleDescription(
            ngettext("{n} frågetillfälle", "{n} frågetillfällen", total).format(n=total))

    @staticmethod
    def _cells(event: AskingSummary) -> tuple[str, str, str, str, str]:
        about = _(SUBJECTS.get(event.subject, event.subject))
        what = _("{person}, {about} ({channel})").format(person=event.person, about=about,
                                                        channel=_(CHANNELS.get(event.channel, event.channel)))
        if not event.person:
            what = _("{about} ({channel})").format(about=about.capitalize(),
                                                  channel=_(CHANNELS.get(event.channel, event.channel)))
        return (event.asked_on.isoformat(), event.asked_by, what, answer_text(event.answer),
                _(SAFETY.get(event.safety_check, event.safety_check)))
