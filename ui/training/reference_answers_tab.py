"""The vignette editor's "Referenssvar" tab: the reference answers and judgements of a vignette, each picked from a
shipped checklist's definition (checklist, question or judgement, answer code) with the author's rationale."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.i18n import _, current_language
from stodapp.training.agreement import UnitSpec
from stodapp.training.agreement_io import units_for
from stodapp.training.vignettes import ChecklistReference
from ui.training.vignette_table import vignette_table
from ui.widgets.form_rows import add_field

Entry = tuple[UnitSpec, str, str]  # (unit, code, rationale)


class ReferenceAnswersTab(QWidget):
    def __init__(self, definitions: dict[tuple[str, str], ChecklistDefinition], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.definitions = definitions
        self.entries: dict[str, Entry] = {}  # unit key -> (unit, code, rationale), in insertion order
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(_("Välj checklista, fråga eller bedömning och svarskod ur checklistans definition."), self)
        )
        form = QFormLayout()
        self.checklist_combo = QComboBox(self)
        lg = current_language()
        for key, definition in sorted(self.definitions.items()):
            self.checklist_combo.addItem(f"{definition.title.text(lg)} ({definition.version})", "|".join(key))
        add_field(form, self, _("&Checklista:"), self.checklist_combo, _("Checklista"))
        self.item_combo = QComboBox(self)
        add_field(form, self, _("&Fråga eller bedömning:"), self.item_combo, _("Fråga eller bedömning"))
        self.code_combo = QComboBox(self)
        add_field(form, self, _("Referens&svar:"), self.code_combo, _("Referenssvar"))
        self.rationale_edit = QLineEdit(self)
        add_field(form, self, _("&Motivering:"), self.rationale_edit, _("Motivering"))
        lay.addLayout(form)
        row = QHBoxLayout()
        self.add_answer_button = QPushButton(_("Lägg till eller ä&ndra svar"), self)
        self.add_answer_button.setAccessibleName(_("Lägg till eller ändra referenssvaret"))
        self.add_answer_button.clicked.connect(self.add_answer)
        self.remove_answer_button = QPushButton(_("Ta bort valt svar"), self)
        self.remove_answer_button.setAccessibleName(_("Ta bort valt referenssvar"))
        self.remove_answer_button.clicked.connect(self.remove_answer)
        row.addWidget(self.add_answer_button)
        row.addWidget(self.remove_answer_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.answer_table = vignette_table(
            self, [_("Checklista"), _("Fråga eller bedömning"), _("Svar"), _("Motivering")],
            _("Referenssvar och bedömningar"))  # fmt: skip
        for col in range(3):
            self.answer_table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.answer_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.answer_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.answer_table.cellActivated.connect(lambda r, _c: self._pick_row(r))
        lay.addWidget(self.answer_table, 1)
        self.checklist_combo.currentIndexChanged.connect(lambda _i: self._fill_items())
        self.item_combo.currentIndexChanged.connect(lambda _i: self._fill_codes())
        self._fill_items()

    # ---- picking ----------------------------------------------------------------------------------------------
    def _key(self) -> tuple[str, str] | None:
        data = self.checklist_combo.currentData()
        if not data:
            return None
        cid, version = str(data).split("|", 1)
        return cid, version

    def _units(self, key: tuple[str, str]) -> list[UnitSpec]:
        return units_for(self.definitions[key], current_language())

    def _fill_items(self) -> None:
        self.item_combo.clear()
        key = self._key()
        if key is None:
            return
        for unit in self._units(key):
            prefix = _("Bedömning: ") if unit.kind == "judgement" else ""
            self.item_combo.addItem(prefix + unit.label, unit)

    def _fill_codes(self) -> None:
        self.code_combo.clear()
        unit = self.item_combo.currentData()
        key = self._key()
        if unit is None or key is None:
            return
        definition = self.definitions[key]
        index = DefinitionIndex.build(definition)
        if unit.kind == "judgement":
            found = next(j for j in definition.judgements if j.id == unit.item)
            scale = index.judgement_scale(found)
        else:
            scale = index.item_scale(unit.item, unit.facet)
        labels = {o.code: o.label.text(current_language()) if o.label else "" for o in scale.options} if scale else {}
        for code in unit.codes:
            self.code_combo.addItem(f"{code} – {labels[code]}" if labels.get(code) else code, code)
        entry = self.entries.get(self._entry_key(key, unit))
        if entry is not None:
            self.code_combo.setCurrentIndex(max(0, self.code_combo.findData(entry[1])))
            self.rationale_edit.setText(entry[2])

    @staticmethod
    def _entry_key(key: tuple[str, str], unit: UnitSpec) -> str:
        return f"{key[0]}|{key[1]}|{unit.key}"

    def add_answer(self) -> None:
        key, unit, code = self._key(), self.item_combo.currentData(), self.code_combo.currentData()
        if key is None or unit is None or code is None:
            return
        self.entries[self._entry_key(key, unit)] = (unit, str(code), self.rationale_edit.text().strip())
        self.rationale_edit.clear()
        self._show_entries()

    def remove_answer(self) -> None:
        row = self.answer_table.currentRow()
        if 0 <= row < len(self.entries):
            del self.entries[list(self.entries)[row]]
            self._show_entries()

    def _pick_row(self, row: int) -> None:
        entry_key = list(self.entries)[row]
        cid, version, _k = entry_key.split("|", 2)
        self.checklist_combo.setCurrentIndex(self.checklist_combo.findData(f"{cid}|{version}"))
        unit = self.entries[entry_key][0]
        self.item_combo.setCurrentIndex(next(i for i in range(self.item_combo.count())
                                             if self.item_combo.itemData(i).key == unit.key))  # fmt: skip
        self._fill_codes()

    def _show_entries(self) -> None:
        self.answer_table.setRowCount(0)
        for entry_key, (unit, code, why) in self.entries.items():
            cid, version, _k = entry_key.split("|", 2)
            row = self.answer_table.rowCount()
            self.answer_table.insertRow(row)
            for col, value in enumerate((f"{cid} ({version})", unit.label, code, why)):
                self.answer_table.setItem(row, col, QTableWidgetItem(value))

    # ---- load / build -----------------------------------------------------------------------------------------
    def load(self, references: Iterable[ChecklistReference]) -> None:
        """Show a vignette's references (those on a checklist version not shipped are left out)."""
        for ref in references:
            key = (ref.id, ref.version)
            if key not in self.definitions:
                continue
            for unit in self._units(key):
                if unit.kind == "judgement":
                    code: Any = ref.judgements.get(unit.item)
                else:
                    code = ref.answers.get(unit.item)
                    code = code.get(unit.facet or "") if isinstance(code, dict) else (None if unit.facet else code)
                if code is not None:
                    self.entries[self._entry_key(key, unit)] = (unit, str(code), ref.rationale.get(unit.item, ""))
        self._show_entries()

    def data(self) -> list[dict[str, Any]]:
        """The references as vignette data: one per checklist, with answers, judgements and rationale."""
        checklists: dict[tuple[str, str], dict[str, Any]] = {}
        for entry_key, (unit, code, why) in self.entries.items():
            cid, version, _k = entry_key.split("|", 2)
            ref = checklists.setdefault((cid, version), {"id": cid, "version": version, "answers": {},
                                                         "judgements": {}, "rationale": {}})  # fmt: skip
            if unit.kind == "judgement":
                ref["judgements"][unit.item] = code
            elif unit.facet:
                ref["answers"].setdefault(unit.item, {})[unit.facet] = code
            else:
                ref["answers"][unit.item] = code
            if why:
                ref["rationale"][unit.item] = why
        return list(checklists.values())
