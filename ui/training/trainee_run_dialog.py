"""TraineeRunDialog: one trainee's turn: name or id, the story, facts on request, the checklist answers."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.errors import StodError
from stodapp.i18n import _, current_language
from stodapp.store.files import save_private
from stodapp.training.ratings import RatingsFile, dump_ratings
from stodapp.training.vignettes import Vignette
from ui.save_location import documents_dir
from ui.training.answers_form import AnswersForm
from ui.training.catalog import MARK_COLOUR, TRAINING_MARK
from ui.training.facts_box import FactsBox
from ui.widgets.banner import Banner


class TraineeRunDialog(QDialog):
    """`submit` records the ratings in the session (one laptop, in turns); None: export to a file only."""

    def __init__(self, vignette: Vignette, definitions: dict[tuple[str, str], ChecklistDefinition],
                 submit: Callable[[RatingsFile], object] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vignette = vignette
        self._submit = submit
        self.submitted: RatingsFile | None = None
        lg = current_language()
        self.setWindowTitle(f"{TRAINING_MARK} – {_('Deltagarens tur')}: {vignette.title.text(lg)}")
        self.setAccessibleName(_("Deltagarens tur"))
        self.resize(1100, 760)
        lay = QVBoxLayout(self)
        lay.addWidget(Banner(TRAINING_MARK, self, background=MARK_COLOUR))
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName(_("Ditt namn eller deltagar-id"))
        self.name_edit.setPlaceholderText(_("t.ex. deltagare-3"))
        self.name_edit.setMaxLength(120)
        name_label = QLabel(_("Ditt &namn eller deltagar-id:"), self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        lay.addLayout(form)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        left_lay = QVBoxLayout(left)
        self.story = QTextBrowser(left)
        self.story.setAccessibleName(_("Fallbeskrivning"))
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in vignette.story.text(lg).split("\n\n") if p.strip())
        self.story.setHtml(f"<h3>{escape(vignette.title.text(lg))}</h3>{paragraphs}")
        left_lay.addWidget(self.story, 2)
        self.facts = FactsBox(vignette, left)
        facts_scroll = QScrollArea(left)
        facts_scroll.setWidgetResizable(True)
        facts_scroll.setWidget(self.facts)
        facts_scroll.setAccessibleName(_("Fakta att fråga om"))
        left_lay.addWidget(facts_scroll, 1)
        self.answers = AnswersForm(vignette, definitions, split)
        answers_scroll = QScrollArea(split)
        answers_scroll.setWidgetResizable(True)
        answers_scroll.setWidget(self.answers)
        answers_scroll.setAccessibleName(_("Checklistor"))
        split.addWidget(left)
        split.addWidget(answers_scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay.addWidget(split, 1)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Meddelande"))
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.submit_button = QPushButton(_("&Lämna in"), self)
        self.submit_button.setAccessibleName(_("Lämna in svaren till övningstillfället"))
        self.submit_button.clicked.connect(self.hand_in)
        self.submit_button.setVisible(submit is not None)
        self.export_button = QPushButton(_("&Spara som fil…"), self)
        self.export_button.setAccessibleName(_("Spara svaren som bedömningsfil"))
        self.export_button.clicked.connect(self.export)
        self.cancel_button = QPushButton(_("Avbryt"), self)
        self.cancel_button.setAccessibleName(_("Avbryt utan att spara"))
        self.cancel_button.clicked.connect(self.reject)
        for b in (self.submit_button, self.export_button, self.cancel_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.name_edit.setFocus()

    def _say(self, message: str, error: bool) -> None:
        self.error.setText(message)
        self.error.setStyleSheet("color: #a00000; font-weight: 600;" if error else "color: #105010;")
        self.error.show()

    def hand_in(self) -> None:
        if self._submit is None:
            return
        try:
            ratings = self.answers.ratings(self.name_edit.text())
            self._submit(ratings)
        except StodError as err:
            self._say(str(err), True)
            return
        self.submitted = ratings
        self.accept()

    def export(self) -> None:
        try:
            ratings = self.answers.ratings(self.name_edit.text())
        except StodError as err:
            self._say(str(err), True)
            return
        safe = re.sub(r"[^A-Za-z0-9_-]+", "-", ratings.trainee).strip("-") or "deltagare"
        path, _filter = QFileDialog.getSaveFileName(self, _("Spara bedömningsfil"),
                                                    str(documents_dir() / f"{self.vignette.id}-{safe}.json"),
                                                    _("Bedömningsfiler (*.json)"))
        if not path:
            return
        try:
            save_private(Path(path), dump_ratings(ratings))
        except OSError as err:
            self._say(_("Kunde inte spara filen ({why}).").format(why=err.strerror or type(err).__name__), True)
            return
        self._say(_("Sparade {name}. Lämna filen till utbildaren.").format(name=Path(path).name), False)
