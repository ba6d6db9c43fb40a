"""FactsBox: the facts a trainee can "ask" about; each answer is revealed only when asked."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from stodapp.i18n import _, current_language
from stodapp.training.vignettes import Vignette


class FactsBox(QGroupBox):
    def __init__(self, vignette: Vignette, parent: QWidget | None = None) -> None:
        super().__init__(_("Fråga om mer"), parent)
        self.setAccessibleName(_("Fakta att fråga om"))
        self.asked: list[str] = []
        self.buttons: dict[str, QPushButton] = {}
        self.answers: dict[str, QLabel] = {}
        lay = QVBoxLayout(self)
        if not vignette.facts:
            lay.addWidget(QLabel(_("Den här fallbeskrivningen har inga fakta att fråga om."), self))
        lg = current_language()
        for fact in vignette.facts:
            question = fact.question.text(lg)
            button = QPushButton(_("Fråga: {question}").format(question=question), self)
            button.setAccessibleName(_("Fråga: {question}").format(question=question))
            button.clicked.connect(lambda _checked=False, fid=fact.id: self.ask(fid))
            answer = QLabel(fact.answer.text(lg), self)
            answer.setWordWrap(True)
            answer.setAccessibleName(_("Svar: {question}").format(question=question))
            answer.setStyleSheet("margin-left: 16px; color: #103060;")
            answer.hide()
            lay.addWidget(button)
            lay.addWidget(answer)
            self.buttons[fact.id], self.answers[fact.id] = button, answer

    def ask(self, fact_id: str) -> None:
        if fact_id in self.asked:
            return
        self.asked.append(fact_id)
        self.answers[fact_id].show()
        self.buttons[fact_id].setEnabled(False)
        self.answers[fact_id].setFocus()
