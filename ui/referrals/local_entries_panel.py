"""LocalEntriesPanel: the administrator's "Lokala stödkontakter" (municipality, logo, template slots, file I/O)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_date
from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import _
from stodapp.municipalities import load_municipalities
from stodapp.referrals.loader import error_lines
from stodapp.referrals.local_entries import SLOTS, LocalEntries, Logo, load_local, missing_slots
from stodapp.referrals.schema import Resource
from stodapp.store.files import save_private
from ui.referrals.local_entry_dialog import LocalEntryDialog, hours_to_text
from ui.save_location import documents_dir

if TYPE_CHECKING:
    from stodapp.core import Core

ERROR_STYLE = "color: #b00020;"
MAX_ERROR_LINES = 30
LOGO_LABEL = "logo"


def slot_label(slot: str) -> str:
    return _("Logotyp") if slot == LOGO_LABEL else _(SLOTS.get(slot, slot))


def missing_text(missing: list[str]) -> str:
    """One line naming the template slots the first run asks for and that are still empty ('' when none)."""
    if not missing:
        return ""
    return _("Saknas på stödbladen till klienter: {slots}.").format(slots=", ".join(slot_label(s) for s in missing))


def _one_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class LocalEntriesPanel(QWidget):
    """Edits a draft LocalEntries document; nothing is stored until Spara validates the whole document."""

    sig_saved = Signal()

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._entries: list[Resource] = []
        self._logo: Logo | None = None
        self._dirty = False
        self._saved_missing: list[str] = missing_slots(None)
        self.setAccessibleName(_("Lokala stödkontakter"))
        lay = QVBoxLayout(self)

        self.missing = QLabel("", self)
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName(_("Saknas på stödbladen till klienter"))
        lay.addWidget(self.missing)

        top = QGroupBox(_("Kommun och logotyp"), self)
        form = QFormLayout(top)
        self.municipality = QComboBox(top)
        self.municipality.setEditable(True)
        self.municipality.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.municipality.addItem("", None)
        for m in load_municipalities():
            self.municipality.addItem(m.label(), m.code)
        completer = QCompleter(self.municipality.model(), self.municipality)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.municipality.setCompleter(completer)
        self.municipality.setAccessibleName(_("Kommun (sök på namn eller kod)"))
        self.municipality.currentIndexChanged.connect(self._changed)
        mun_label = QLabel(_("&Kommun:"), top)
        mun_label.setBuddy(self.municipality)
        form.addRow(mun_label, self.municipality)
        logo_row = QHBoxLayout()
        self.logo_view = QLabel(_("Ingen logotyp"), top)
        self.logo_view.setAccessibleName(_("Logotyp"))
        self.logo_view.setMinimumHeight(48)
        logo_row.addWidget(self.logo_view, 1)
        self.logo_button = QPushButton(_("Välj &logotyp…"), top)
        self.logo_button.setAccessibleName(_("Välj logotyp (PNG eller JPEG)"))
        self.logo_button.clicked.connect(self.choose_logo)
        logo_row.addWidget(self.logo_button)
        self.logo_remove = QPushButton(_("Ta bort logotyp"), top)
        self.logo_remove.setAccessibleName(_("Ta bort logotypen"))
        self.logo_remove.clicked.connect(self.remove_logo)
        logo_row.addWidget(self.logo_remove)
        form.addRow(_("Logotyp:"), logo_row)
        lay.addWidget(top)

        box = QGroupBox(_("Lokala poster"), self)
        bl = QVBoxLayout(box)
        self.table = QTableWidget(0, 4, box)
        self.table.setHorizontalHeaderLabels([_("Kontakttyp"), _("Namn"), _("Telefon"), _("Öppettider")])
        self.table.setAccessibleName(_("Lokala poster"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        bl.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = self._button(_("&Lägg till…"), _("Lägg till lokal post"), self.add_entry, row)
        self.edit_button = self._button(_("&Redigera…"), _("Redigera vald post"), self.edit_selected, row)
        self.remove_button = self._button(_("Ta &bort"), _("Ta bort vald post"), self.remove_selected, row)
        row.addStretch(1)
        self.import_button = self._button(_("&Importera…"), _("Importera lokala poster från fil"),
                                          self.import_file, row)
        self.export_button = self._button(_("E&xportera…"), _("Exportera sparade lokala poster till fil"),
                                          self.export_file, row)
        bl.addLayout(row)
        lay.addWidget(box, 1)

        bottom = QHBoxLayout()
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        bottom.addWidget(self.status, 1)
        self.revert_button = self._button(_("Å&ngra ändringar"), _("Läs in de sparade posterna igen"),
                                          self.reload, bottom)
        self.save_button = self._button(_("&Spara"), _("Spara lokala stödkontakter"), self.save, bottom)
        lay.addLayout(bottom)
        self.reload()

    def _button(self, text: str, name: str, slot: Any, row: QHBoxLayout) -> QPushButton:
        b = QPushButton(text, self)
        b.setAccessibleName(name)
        b.clicked.connect(slot)
        row.addWidget(b)
        return b

    # ---- state ---------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the stored document (discarding unsaved changes)."""
        try:
            stored = self._core.referrals.local_entries()
        except StodError as err:
            self._error([_one_line(err)])
            return
        self._show(stored)
        self._saved_missing = missing_slots(stored)
        self._dirty = False
        self.status.setStyleSheet("")
        self.status.setText(_("Inga lokala poster sparade ännu.") if stored is None else "")
        self._refresh_missing()

    def _show(self, doc: LocalEntries | None) -> None:
        self._entries = list(doc.resources) if doc else []
        self._logo = doc.logo if doc else None
        self.municipality.blockSignals(True)
        self.municipality.setCurrentIndex(max(0, self.municipality.findData(doc.municipality)) if doc else 0)
        self.municipality.blockSignals(False)
        self._fill_table()
        self._show_logo()

    def municipality_code(self) -> str | None:
        code = self.municipality.currentData()
        text = self.municipality.currentText().strip()
        if code is not None and self.municipality.itemText(self.municipality.currentIndex()) == text:
            return str(code)
        found = self.municipality.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.municipality.itemData(found)) if found > 0 else None

    def set_municipality(self, code: str) -> None:
        self.municipality.setCurrentIndex(self.municipality.findData(code))

    def saved_missing(self) -> list[str]:
        """Template slots (and 'logo') the stored document still lacks."""
        return list(self._saved_missing)

    def is_dirty(self) -> bool:
        return self._dirty

    def entries(self) -> list[Resource]:
        return list(self._entries)

    def _changed(self, *_args: object) -> None:
        self._dirty = True
        self._refresh_missing()

    def _draft(self) -> LocalEntries | None:
        code = self.municipality_code()
        if code is None:
            return None
        try:
            return LocalEntries(municipality=code, logo=self._logo, resources=tuple(self._entries))
        except ValidationError:
            return None

    def _refresh_missing(self) -> None:
        filled = {r.slot for r in self._entries}
        doc = self._draft()
        missing = missing_slots(doc) if doc else [s for s in ("socialtjanst", "socialjour") if s not in filled] + (
            [] if self._logo else [LOGO_LABEL])
        text = missing_text(missing)
        self.missing.setText(text)
        self.missing.setVisible(bool(text))
        self.missing.setStyleSheet("font-weight: bold;" if text else "")

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self._entries))
        for r, res in enumerate(self._entries):
            phone = next((c for c in res.channels if c.kind == "phone"), None)
            values = [slot_label(res.slot or "annan"), res.name, phone.contact or "" if phone else "",
                      hours_to_text(phone.hours) if phone and phone.hours else _("okänt")]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, res.id)
                self.table.setItem(r, c, item)

    def _show_logo(self) -> None:
        if self._logo is None:
            self.logo_view.setPixmap(QPixmap())
            self.logo_view.setText(_("Ingen logotyp"))
            self.logo_remove.setEnabled(False)
            return
        pix = QPixmap()
        pix.loadFromData(self._logo.raw())
        self.logo_view.setPixmap(pix.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation))
        self.logo_remove.setEnabled(True)

    def _error(self, lines: list[str]) -> None:
        shown = lines[:MAX_ERROR_LINES]
        if len(lines) > MAX_ERROR_LINES:
            shown.append(_("… och {n} fel till").format(n=len(lines) - MAX_ERROR_LINES))
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText("\n".join(shown))

    def _ok(self, text: str) -> None:
        self.status.setStyleSheet("")
        self.status.setText(text)

    # ---- entries -------------------------------------------------------------------------------------------
    def _dialog(self, existing: Resource | None, slot: str | None = None) -> LocalEntryDialog:
        code = self.municipality_code() or ""
        taken = frozenset(r.id for r in self._entries)
        return LocalEntryDialog(code, existing, slot=slot, taken_ids=taken,
                                today=local_date(self._core.clock.now()), parent=self)

    def add_entry(self) -> None:
        if self.municipality_code() is None:
            self._error([_("Välj kommun först.")])
            return
        filled = {r.slot for r in self._entries}
        first_missing = next((s for s in SLOTS if s not in filled), "annan")
        dlg = self._dialog(None, first_missing)
        if dlg.exec() == LocalEntryDialog.DialogCode.Accepted:
            self._entries.append(dlg.resource())
            self._after_edit(_("Posten har lagts till (inte sparad än)."))

    def selected_index(self) -> int:
        return self.table.currentRow() if 0 <= self.table.currentRow() < len(self._entries) else -1

    def edit_selected(self) -> None:
        i = self.selected_index()
        if i < 0:
            self._error([_("Välj en post i listan först.")])
            return
        dlg = self._dialog(self._entries[i])
        if dlg.exec() == LocalEntryDialog.DialogCode.Accepted:
            self._entries[i] = dlg.resource()
            self._after_edit(_("Posten har ändrats (inte sparad än)."))

    def remove_selected(self) -> None:
        i = self.selected_index()
        if i < 0:
            self._error([_("Välj en post i listan först.")])
            return
        del self._entries[i]
        self._after_edit(_("Posten har tagits bort (inte sparad än)."))

    def _after_edit(self, message: str) -> None:
        self._fill_table()
        self._changed()
        self._ok(message)

    # ---- logo ----------------------------------------------------------------------------------------------
    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Välj logotyp"), "", _("Bilder (*.png *.jpg *.jpeg)"))
        if path:
            self.set_logo_file(Path(path))

    def set_logo_file(self, path: Path) -> None:
        try:
            self._logo = Logo.from_file(path)
        except OSError as err:
            self._error([_("{name}: kan inte läsas ({why})").format(name=path.name, why=type(err).__name__)])
            return
        except ValidationError as err:
            msg = str(err.errors()[0]["msg"]).removeprefix("Value error, ")
            self._error([f"{path.name}: {msg}"])
            return
        self._show_logo()
        self._changed()
        self._ok(_("Logotypen är vald (inte sparad än)."))

    def remove_logo(self) -> None:
        self._logo = None
        self._show_logo()
        self._changed()

    # ---- save, import, export ------------------------------------------------------------------------------
    def save(self) -> bool:
        """Validate the whole document with the model; store it in one transaction or change nothing."""
        code = self.municipality_code()
        if code is None:
            self._error([_("Välj kommun (sök på namn eller kommunkod).")])
            return False
        data: dict[str, Any] = {
            "municipality": code,
            "logo": self._logo.model_dump(mode="json") if self._logo else None,
            "resources": [r.model_dump(mode="json") for r in self._entries],
        }
        try:
            doc = LocalEntries.model_validate(data)
        except ValidationError as err:
            self._error([line.split(": ", 1)[1] for line in error_lines("-", err, data, None)])
            return False
        try:
            self._core.referrals.save_local(doc)
        except StodError as err:
            self._error([_one_line(err)])
            return False
        self._dirty = False
        self._saved_missing = missing_slots(doc)
        self._refresh_missing()
        self._ok(_("De lokala stödkontakterna är sparade ({n} poster).").format(n=len(doc.resources)))
        self.sig_saved.emit()
        return True

    def import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Importera lokala poster"), "",
                                                    _("Lokala poster (*.yaml *.yml *.json)"))
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        """Read and validate the whole file; our own file replaces the draft, a neighbour's is added to it.

        Nothing is stored until Spara; a bad file (or a newer format version) changes nothing.
        """
        try:
            national = frozenset(r.id for r in self._core.referrals.directory().national)
            doc = load_local(path, national)
        except StodError as err:
            lines = list(err.lines) if isinstance(err, ValidationFailed) else []
            self._error([_one_line(err), *lines] if len(lines) != 1 else lines)
            return
        except OSError as err:
            self._error([_("{name}: kan inte läsas ({why})").format(name=path.name, why=type(err).__name__)])
            return
        ours = self.municipality_code()
        if ours is None or ours == doc.municipality:
            self._show(doc)
            self._changed()
            self._ok(_("{n} poster importerade från {name} – granska och spara.").format(
                n=len(doc.resources), name=path.name))
            return
        taken = {r.id for r in self._entries}
        clash = sorted(r.id for r in doc.resources if r.id in taken)
        if clash:
            self._error([_("{name}: id finns redan bland de lokala posterna: {ids}. Inget importerades.").format(
                name=path.name, ids=", ".join(clash[:5]))])
            return
        added = [r.model_copy(update={"slot": "grannkommun"}) for r in doc.resources if r.client_facing]
        self._entries.extend(added)
        self._after_edit(_("{n} poster från grannkommunen {code} tillagda – granska och spara.").format(
            n=len(added), code=doc.municipality))

    def export_file(self) -> None:
        if self._dirty:
            self._error([_("Spara ändringarna först: exporten innehåller de sparade posterna.")])
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Exportera lokala poster"),
                                                    str(documents_dir() / "lokala-poster.yaml"),
                                                    _("Lokala poster (*.yaml)"))
        if path:
            self.export_path(Path(path))

    def export_path(self, path: Path) -> None:
        try:
            data = self._core.referrals.export_local()
            save_private(path, data)
        except StodError as err:
            self._error([_one_line(err)])
            return
        except OSError as err:
            QMessageBox.warning(self, _("Export"), _("Filen kunde inte sparas ({why}).").format(
                why=type(err).__name__))
            return
        self._ok(_("Exporterat till {name}.").format(name=path.name))
