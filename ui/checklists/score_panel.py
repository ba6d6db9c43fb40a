"""Live scores, always labelled as support for the professional's judgement, never as the judgement."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.scoring import ScoreResult
from stodapp.i18n import _
from ui.checklists.text import loc, score_text


class ScorePanel(QGroupBox):
    def __init__(self, definition: ChecklistDefinition, parent: QWidget | None = None) -> None:
        super().__init__(_("Poäng – stöd för bedömning"), parent)
        self.definition = definition
        self.setAccessibleName(_("Poäng – stöd för bedömning"))
        lay = QVBoxLayout(self)
        note = QLabel(_("Poängen räknas om medan du svarar. De är ett stöd för bedömning, inte en bedömning: "
                        "\"vet ej\" räknas aldrig som \"nej\"."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #444;")
        lay.addWidget(note)
        self.labels: dict[str, QLabel] = {}
        for score in definition.scores:
            label = QLabel()
            label.setWordWrap(True)
            label.setObjectName(f"score_{score.id}")
            lay.addWidget(label)
            self.labels[score.id] = label
        if not definition.scores:
            lay.addWidget(QLabel(_("Checklistan räknar inga poäng.")))

    def update_scores(self, scores: Mapping[str, ScoreResult]) -> None:
        for score in self.definition.scores:
            result = scores.get(score.id)
            value = score_text(self.definition, result) if result is not None else "–"
            text = f"{loc(score.label)}: {value}"
            self.labels[score.id].setText(text)
            self.labels[score.id].setAccessibleName(text)

    def text_of(self, score_id: str) -> str:
        return self.labels[score_id].text()
