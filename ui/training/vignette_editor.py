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

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import _
from stodapp.training.authoring import check_data
from stodapp.training.vignettes import FORMS, GROUPS, RARITY, Vignette
from ui.training.catalog import MARK_COLOUR, TRAINING_MARK
from ui.training.reference_answers_tab import ReferenceAnswersTab
from ui.training.vignette_table import vignette_table
from ui.training.vignette_view import rarity_text, tag_text
from ui.widgets.banner import Banner
from ui.widgets.form_rows import add_field

Save = Callable[[Vignette], object]


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
        self.reference_answers = ReferenceAnswersTab(definitions, self.tabs)
        self.tabs.addTab(self.reference_answers, _("&Referenssvar"))
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
        add_field(form, page, _("&Id (små bokstäver, siffror, bindestreck):"), self.id_edit, _("Id"))
        self.title_sv, self.title_en = QLineEdit(page), QLineEdit(page)
        add_field(form, page, _("&Rubrik (svenska):"), self.title_sv, _("Rubrik på svenska"))
        add_field(form, page, _("Rubrik (engelska, valfri):"), self.title_en, _("Rubrik på engelska"))
        self.summary_sv, self.summary_en = QLineEdit(page), QLineEdit(page)
        add_field(form, page, _("Sa&mmanfattning (svenska):"), self.summary_sv, _("Sammanfattning på svenska"))
        add_field(form, page, _("Sammanfattning (engelska, valfri):"), self.summary_en, _("Sammanfattning på engelska"))
        self.story_sv, self.story_en = QPlainTextEdit(page), QPlainTextEdit(page)
        for edit in (self.story_sv, self.story_en):
            edit.setTabChangesFocus(True)
        add_field(form, page, _("&Berättelse (svenska):"), self.story_sv, _("Berättelse på svenska"))
        add_field(form, page, _("Berättelse (engelska, valfri):"), self.story_en, _("Berättelse på engelska"))
        self.author_edit = QLineEdit(page)
        self.author_edit.setMaxLength(200)
        add_field(form, page, _("Förf&attare:"), self.author_edit, _("Författare"))
        self.tabs.addTab(page, _("&Grunduppgifter"))

    def _facts_tab(self) -> None:
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        lay.addWidget(QLabel(_("Fakta som deltagaren kan fråga om (id: små bokstäver, siffror, understreck)."), page))
        heads = [_("Id"), _("Fråga (svenska)"), _("Svar (svenska)"), _("Fråga (engelska)"), _("Svar (engelska)")]
        self.facts = vignette_table(page, heads, _("Fakta att fråga om"))
        lay.addWidget(self.facts, 1)
        lay.addLayout(self._row_buttons(page, self.facts, _("fakta")))
        self.tabs.addTab(page, _("&Fakta"))

    def _points_tab(self) -> None:
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        self.points = vignette_table(page, [_("Lärandemål (svenska)"), _("Lärandemål (engelska)")], _("Lärandemål"))
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
        add_field(side, page, _("&Ovanlighet:"), self.rarity, _("Ovanlighet"))
        self.difficulty = QComboBox(page)
        for n in (1, 2, 3):
            self.difficulty.addItem(_("{n} av 3").format(n=n), n)
        add_field(side, page, _("S&vårighetsgrad:"), self.difficulty, _("Svårighetsgrad"))
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
        self.reference_answers.load(vignette.checklists)

    def data(self) -> dict[str, Any]:
        """The form as vignette data (validated by `check_data`, the same rules as a YAML file)."""
        facts = [
            {"id": _cell(self.facts, r, 0), "question": _loc(_cell(self.facts, r, 1), _cell(self.facts, r, 3)),
             "answer": _loc(_cell(self.facts, r, 2), _cell(self.facts, r, 4))}
            for r in range(self.facts.rowCount()) if any(_cell(self.facts, r, c) for c in range(5))
        ]  # fmt: skip
        points = [_loc(_cell(self.points, r, 0), _cell(self.points, r, 1)) for r in range(self.points.rowCount())
                  if _cell(self.points, r, 0) or _cell(self.points, r, 1)]  # fmt: skip
        return {
            "id": self.id_edit.text().strip(), "version": self._version, "fictional": True,
            "title": _loc(self.title_sv.text().strip(), self.title_en.text().strip()),
            "summary": _loc(self.summary_sv.text().strip(), self.summary_en.text().strip()),
            "story": _loc(self.story_sv.toPlainText().strip(), self.story_en.toPlainText().strip()),
            "facts": facts, "checklists": self.reference_answers.data(), "learning_points": points,
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
