"""AnswersForm: the vignette's checklists as one choice per compared unit (item, facet or judgement)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.schema import ChecklistDefinition, Scale
from stodapp.clock import SystemClock
from stodapp.errors import UserInputError
from stodapp.i18n import _, current_language
from stodapp.training.agreement_io import units_for
from stodapp.training.ratings import AnswerValue, ChecklistRatings, RatingsFile
from stodapp.training.vignettes import Vignette


def _scale(index: DefinitionIndex, definition: ChecklistDefinition, item: str, facet: str | None,
           judgement: bool) -> Scale | None:
    if judgement:
        found = next((j for j in definition.judgements if j.id == item), None)
        return index.judgement_scale(found) if found else None
    return index.item_scale(item, facet)


class AnswersForm(QWidget):
    """Only choice items and judgements are compared with the reference, so only those are asked here."""

    def __init__(self, vignette: Vignette, definitions: dict[tuple[str, str], ChecklistDefinition],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vignette = vignette
        self.setAccessibleName(_("Dina svar"))
        self.combos: dict[str, QComboBox] = {}
        self._units: list[tuple[str, str, str, str | None, bool]] = []  # (key, checklist, item, facet, judgement)
        lay = QVBoxLayout(self)
        lg = current_language()
        for ref in vignette.checklists:
            definition = definitions.get((ref.id, ref.version))
            if definition is None:
                raise UserInputError(_("Checklistan {id} {version} finns inte.").format(id=ref.id, version=ref.version))
            index = DefinitionIndex.build(definition)
            box = QGroupBox(f"{definition.title.text(lg)} ({definition.version})", self)
            box.setAccessibleName(definition.title.text(lg))
            form = QFormLayout(box)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
            for unit in units_for(definition, lg):
                judgement = unit.kind == "judgement"
                scale = _scale(index, definition, unit.item, unit.facet, judgement)
                if scale is None:
                    continue
                label_text = _("Bedömning: {label}").format(label=unit.label) if judgement else unit.label
                combo = QComboBox(box)
                combo.addItem(_("– obesvarad –"), None)
                for option in scale.options:
                    shown = option.label.text(lg) if option.label else option.code
                    combo.addItem(shown, option.code)
                combo.setAccessibleName(label_text)
                label = QLabel(label_text, box)
                label.setWordWrap(True)
                label.setBuddy(combo)
                form.addRow(label, combo)
                self.combos[unit.key] = combo
                self._units.append((unit.key, ref.id, unit.item, unit.facet, judgement))
            lay.addWidget(box)
        lay.addStretch(1)

    def answered(self) -> int:
        return sum(1 for c in self.combos.values() if c.currentData() is not None)

    def set_code(self, key: str, code: str | None) -> None:
        combo = self.combos[key]
        index = combo.findData(code)
        if index < 0:
            raise UserInputError(_("Okänd svarskod: {code}").format(code=code))
        combo.setCurrentIndex(index)

    def ratings(self, trainee: str) -> RatingsFile:
        """The answers as a ratings file (unanswered units are null)."""
        trainee = trainee.strip()
        if not trainee or len(trainee) > 120:
            raise UserInputError(_("Skriv ditt namn eller deltagar-id (högst 120 tecken)."))
        if self.answered() == 0:
            raise UserInputError(_("Du har inte svarat på något ännu."))
        per: dict[str, tuple[dict[str, AnswerValue], dict[str, str | None]]] = {
            ref.id: ({}, {}) for ref in self.vignette.checklists
        }
        for key, checklist, item, facet, judgement in self._units:
            code = self.combos[key].currentData()
            answers, judgements = per[checklist]
            if judgement:
                judgements[item] = code
            elif facet is None:
                answers[item] = code
            else:
                faceted = answers.setdefault(item, {})
                assert isinstance(faceted, dict)
                faceted[facet] = code
        checklists = [
            ChecklistRatings(id=ref.id, version=ref.version, answers=per[ref.id][0], judgements=per[ref.id][1])
            for ref in self.vignette.checklists
        ]
        return RatingsFile(format="stodapp-training-ratings", format_version=1, trainee=trainee, role="trainee",
                           vignette=self.vignette.id, completed_at=SystemClock().now().replace(microsecond=0),
                           checklists=checklists)  # fmt: skip
