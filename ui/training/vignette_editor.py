"""VignetteEditor: a trainer writes or edits a fictional vignette; reference answers are picked, never typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import _, current_language
from stodapp.training.agreement import UnitSpec
from stodapp.training.agreement_io import units_for
from stodapp.training.authoring import check_data
from stodapp.training.vignettes import FORMS, GROUPS, RARITY, Vignette
from ui.training.catalog import MARK_COLOUR, TRAINING_MARK
from ui.training.vignette_view import rarity_text, tag_text
from ui.widgets.banner import Banner

Save = Callable[[Vignette], object]
Entry = tuple[UnitSpec, str, str]  # (unit, code, rationale)


def _labelled(form: QFormLayout, label: str, widget: QWidget, name: str) -> None:
    widget.setAccessibleName(name)
    lab = QLabel(label, widget.parentWidget())
    lab.setBuddy(widget)
    form.addRow(lab, widget)


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move, F2/typing edits
    return table


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


def _loc(sv: str, en: str) -> dict[str, str]:
    return {"sv": sv, "en": en} if en.strip() else {"sv": sv}


class VignetteEditor(QDialog):
    """`save(vignette)` stores it (create or update); a refusal shows its lines and keeps the dialog open."""

    def __init__(self, definitions: dict[tuple[str, str], ChecklistDefinition], save: Save,
                 vignette: Vignette | None = None, *, editing: bool = False,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.definitions = definitions
        self._save = save
        self.editing = editing
        self.saved: Vignette | None = None
        self._version = vignette.version if vignette is not None else 1
        self.entries: dict[str, Entry] = {}  # unit key -> (unit, code, rationale), in insertion order
        title = _("Redigera fallbeskrivning") if editing else _("Ny fallbeskrivning")
        self.setWindowTitle(f"{TRAINING_MARK} – {title}")
        self.setAccessibleName(title)
        self.resize(1000, 720)
        lay = QVBoxLayout(self)
        self.banner = Banner(TRAINING_MARK, self, background=MARK_COLOUR)
        lay.addWidget(self.banner)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(title)
        lay.addWidget(self.tabs, 1)
        self._basics_tab()
        self._facts_tab()
        self._answers_tab()
        self._points_tab()
        self.errors = QListWidget(self)
        self.errors.setAccessibleName(_("Fel som måste rättas"))
        self.errors.setMaximumHeight(110)
        self.errors.setVisible(False)
        lay.addWidget(self.errors)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(_("&Spara"), self)
        self.save_button.setAccessibleName(_("Spara fallbeskrivningen"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.try_save)
        self.cancel_button = QPushButton(_("Avbryt"), self)
        self.cancel_button.setAccessibleName(_("Avbryt utan att spara"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        lay.addLayout(buttons)
        if vignette is not None:
            self.load(vignette)

    # ---- tabs ----------------------------------------------------------------------------------------------
    def _basics_tab(self) -> None:
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.id_edit = QLineEdit(page)
        self.id_edit.setPlaceholderText(_("t.ex. egen-aldre-grannen"))
        self.id_edit.setMaxLength(63)
        self.id_edit.setReadOnly(self.editing)
        _labelled(form, _("&Id (små bokstäver, siffror, bindestreck):"), self.id_edit, _("Id"))
        self.title_sv, self.title_en = QLineEdit(page), QLineEdit(page)
        _labelled(form, _("&Rubrik (svenska):"), self.title_sv, _("Rubrik på svenska"))
        _labelled(form, _("Rubrik (engelska, valfri):"), self.title_en, _("Rubrik på engelska"))
        self.summary_sv, self.summary_en = QLineEdit(page), QLineEdit(page)
        _labelled(form, _("Sa&mmanfattning (svenska):"), self.summary_sv, _("Sammanfattning på svenska"))
        _labelled(form, _("Sammanfattning (engelska, valfri):"), self.summary_en, _("Sammanfattning på engelska"))
        self.story_sv, self.story_en = QPlainTextEdit(page), QPlainTextEdit(page)
        for edit in (self.story_sv, self.story_en):
            edit.setTabChangesFocus(True)
        _labelled(form, _("&Berättelse (svenska):"), self.story_sv, _("Berättelse på svenska"))
        _labelled(form, _("Berättelse (engelska, valfri):"), self.story_en, _("Berättelse på engelska"))
        self.author_edit = QLineEdit(page)
        self.author_edit.setMaxLength(200)
        _labelled(form, _("Förf&attare:"), self.author_edit, _("Författare"))
        self.tabs.addTab(page, _("&Grunduppgifter"))

    def _facts_tab(self) -> None:
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel(_("Fakta som deltagaren kan fråga om (id: små bokstäver, siffror, understreck)."), page))
        heads = [_("Id"), _("Fråga (svenska)"), _("Svar (svenska)"), _("Fråga (engelska)"), _("Svar (engelska)")]
        self.facts = _table(page, heads, _("Fakta att fråga om"))
        lay.addWidget(self.facts, 1)
        lay.addLayout(self._row_buttons(page, self.facts, _("fakta")))
        self.tabs.addTab(page, _("&Fakta"))

    def _points_tab(self) -> None:
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        self.points = _table(page, [_("Lärandemål (svenska)"), _("Lärandemål (engelska)")], _("Lärandemål"))
        lay.addWidget(self.points, 1)
        lay.addLayout(self._row_buttons(page, self.points, _("lärandemål")))
        tags = QHBoxLayout()
        self.forms = self._checklist(page, FORMS, _("Våldsformer"))
        self.groups = self._checklist(page, GROUPS, _("Grupper"))
        for label, widget in ((_("&Våldsformer:"), self.forms), (_("Gr&upper:"), self.groups)):
            col = QVBoxLayout()
            lab = QLabel(label, page)
            lab.setBuddy(widget)
            col.addWidget(lab)
            col.addWidget(widget)
            tags.addLayout(col)
        side = QFormLayout()
        self.rarity = QComboBox(page)
        for code in RARITY:
            self.rarity.addItem(rarity_text(code), code)
        _labelled(side, _("&Ovanlighet:"), self.rarity, _("Ovanlighet"))
        self.difficulty = QComboBox(page)
        for n in (1, 2, 3):
            self.difficulty.addItem(_("{n} av 3").format(n=n), n)
        _labelled(side, _("S&vårighetsgrad:"), self.difficulty, _("Svårighetsgrad"))
        tags.addLayout(side)
        lay.addLayout(tags)
        self.tabs.addTab(page, _("&Lärandemål och taggar"))

    def _checklist(self, parent: QWidget, codes: tuple[str, ...], name: str) -> QListWidget:
        widget = QListWidget(parent)
        widget.setAccessibleName(name)
        for code in codes:
            item = QListWidgetItem(tag_text(code), widget)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        return widget

    def _row_buttons(self, parent: QWidget, table: QTableWidget, what: str) -> QHBoxLayout:
        row = QHBoxLayout()
        add = QPushButton(_("Lägg till rad"), parent)
        add.setAccessibleName(_("Lägg till rad i {what}").format(what=what))
        add.clicked.connect(lambda: self._add_row(table))
        remove = QPushButton(_("Ta bort vald rad"), parent)
        remove.setAccessibleName(_("Ta bort vald rad i {what}").format(what=what))
        remove.clicked.connect(lambda: table.removeRow(table.currentRow()) if table.currentRow() >= 0 else None)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    @staticmethod
    def _add_row(table: QTableWidget, values: list[str] | None = None) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for col in range(table.columnCount()):
            table.setItem(row, col, QTableWidgetItem((values or [])[col] if values and col < len(values) else ""))
        table.setCurrentCell(row, 0)

    def _answers_tab(self) -> None:
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        lay.addWidget(
            QLabel(_("Välj checklista, fråga eller bedömning och svarskod ur checklistans definition."), page)
        )
        form = QFormLayout()
        self.checklist_combo = QComboBox(page)
        lg = current_language()
        for key, definition in sorted(self.definitions.items()):
            self.checklist_combo.addItem(f"{definition.title.text(lg)} ({definition.version})", "|".join(key))
        _labelled(form, _("&Checklista:"), self.checklist_combo, _("Checklista"))
        self.item_combo = QComboBox(page)
        _labelled(form, _("&Fråga eller bedömning:"), self.item_combo, _("Fråga eller bedömning"))
        self.code_combo = QComboBox(page)
        _labelled(form, _("Referens&svar:"), self.code_combo, _("Referenssvar"))
        self.rationale_edit = QLineEdit(page)
        _labelled(form, _("&Motivering:"), self.rationale_edit, _("Motivering"))
        lay.addLayout(form)
        row = QHBoxLayout()
        self.add_answer_button = QPushButton(_("Lägg till eller ä&ndra svar"), page)
        self.add_answer_button.setAccessibleName(_("Lägg till eller ändra referenssvaret"))
        self.add_answer_button.clicked.connect(self.add_answer)
        self.remove_answer_button = QPushButton(_("Ta bort valt svar"), page)
        self.remove_answer_button.setAccessibleName(_("Ta bort valt referenssvar"))
        self.remove_answer_button.clicked.connect(self.remove_answer)
        row.addWidget(self.add_answer_button)
        row.addWidget(self.remove_answer_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.answer_table = _table(page, [_("Checklista"), _("Fråga eller bedömning"), _("Svar"), _("Motivering")],
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
        self.tabs.addTab(page, _("&Referenssvar"))

    # ---- reference answers ---------------------------------------------------------------------------------
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

    # ---- load / build / save -------------------------------------------------------------------------------
    def load(self, vignette: Vignette) -> None:
        self.id_edit.setText(vignette.id)
        for sv, en, loc in ((self.title_sv, self.title_en, vignette.title),
                            (self.summary_sv, self.summary_en, vignette.summary)):  # fmt: skip
            sv.setText(loc.sv)
            en.setText(loc.en or "")
        self.story_sv.setPlainText(vignette.story.sv)
        self.story_en.setPlainText(vignette.story.en or "")
        self.author_edit.setText(vignette.author)
        for f in vignette.facts:
            q, a = f.question, f.answer
            self._add_row(self.facts, [f.id, q.sv, a.sv, q.en or "", a.en or ""])
        for p in vignette.learning_points:
            self._add_row(self.points, [p.sv, p.en or ""])
        for widget, chosen in ((self.forms, vignette.tags.forms), (self.groups, vignette.tags.groups)):
            for i in range(widget.count()):
                item = widget.item(i)
                on = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.rarity.setCurrentIndex(self.rarity.findData(vignette.tags.rarity))
        self.difficulty.setCurrentIndex(self.difficulty.findData(vignette.tags.difficulty))
        for ref in vignette.checklists:
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

    def data(self) -> dict[str, Any]:
        """The form as vignette data (validated by `check_data`, the same rules as a YAML file)."""
        facts = [
            {"id": _cell(self.facts, r, 0), "question": _loc(_cell(self.facts, r, 1), _cell(self.facts, r, 3)),
             "answer": _loc(_cell(self.facts, r, 2), _cell(self.facts, r, 4))}
            for r in range(self.facts.rowCount()) if any(_cell(self.facts, r, c) for c in range(5))
        ]  # fmt: skip
        points = [_loc(_cell(self.points, r, 0), _cell(self.points, r, 1)) for r in range(self.points.rowCount())
                  if _cell(self.points, r, 0) or _cell(self.points, r, 1)]  # fmt: skip
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
        return {
            "id": self.id_edit.text().strip(), "version": self._version, "fictional": True,
            "title": _loc(self.title_sv.text().strip(), self.title_en.text().strip()),
            "summary": _loc(self.summary_sv.text().strip(), self.summary_en.text().strip()),
            "story": _loc(self.story_sv.toPlainText().strip(), self.story_en.toPlainText().strip()),
            "facts": facts, "checklists": list(checklists.values()), "learning_points": points,
            "tags": {"forms": self._checked(self.forms), "groups": self._checked(self.groups),
                     "rarity": self.rarity.currentData(), "difficulty": self.difficulty.currentData()},
            "author": self.author_edit.text().strip(),
        }  # fmt: skip

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [str(widget.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def show_errors(self, lines: list[str]) -> None:
        self.errors.clear()
        self.errors.addItems(lines)
        self.errors.setVisible(bool(lines))
        if lines:
            self.errors.setCurrentRow(0)
            self.errors.setFocus()

    def try_save(self) -> bool:
        """Validate everything, then save once; on any error nothing is stored and every line is listed."""
        try:
            vignette = check_data(self.data(), list(self.definitions.values()))
            self._save(vignette)
        except ValidationFailed as err:
            self.show_errors(list(err.lines) or [str(err)])
            return False
        except StodError as err:
            self.show_errors([str(err)])
            return False
        self.saved = vignette
        self.show_errors([])
        self.accept()
        return True
