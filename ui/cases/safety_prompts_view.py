"""The safety-plan prompt list in the editor: one group per section (where to go, who to call, papers, money,
children, phone and internet, the way to work or school), each prompt a SafetyPromptRow, all in one scroll area."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from stodapp.cases.followup_models import PlanPrompt, PromptAnswer
from stodapp.cases.safety_prompts import PromptList
from stodapp.i18n import _
from ui.cases.safety_prompt_row import SafetyPromptRow


class SafetyPromptsView(QScrollArea):
    def __init__(self, prompts: PromptList, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Frågor att gå igenom"))
        self.setWidgetResizable(True)
        body = QWidget(self)
        lay = QVBoxLayout(body)
        intro = QLabel(_("Bocka i det ni har gått igenom och skriv det ni kom fram till. Klientens kopia visar bara "
                         "det som är markerat för kopian, aldrig adress, personnummer eller ärendenummer. "
                         "({label}, version {version})").format(label=prompts.label.current(),
                                                               version=prompts.version), body)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.rows: list[SafetyPromptRow] = []
        for section in prompts.sections:
            box = QGroupBox(section.title.current(), body)
            box.setAccessibleName(section.title.current())
            box_lay = QVBoxLayout(box)
            for prompt in section.prompts:
                row = SafetyPromptRow(prompt, box)
                box_lay.addWidget(row)
                self.rows.append(row)
            lay.addWidget(box)
        lay.addStretch(1)
        self.setWidget(body)

    def row(self, key: str) -> SafetyPromptRow:
        return next(r for r in self.rows if r.prompt.key == key)

    def values(self) -> tuple[PromptAnswer, ...]:
        return tuple(v for v in (r.value() for r in self.rows) if v is not None)

    def load(self, stored: tuple[PlanPrompt, ...]) -> None:
        """Tick and fill the prompts of a saved plan; a prompt the current list no longer has is left out."""
        keys = {r.prompt.key for r in self.rows}
        for p in stored:
            if p.key in keys:
                self.row(p.key).load(p)
