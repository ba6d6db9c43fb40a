"""LocalEntriesPanel: the administrator's "Lokala stödkontakter" (municipality, logo, template slots, file I/O).

What is stored is one screen read (`core.referrals.local_screen()`), off the GUI thread through
`ui.tasks.ScreenLoader`; meanwhile the tab takes no input. Spara, import and export run on the background helper
(`ui.tasks.run_op`) too: the tab takes no input and says in place what it does; a refused one is said and the draft
stays as it was. After Spara nothing is read again: what is stored is the document just written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_date
from stodapp.errors import StodError
from stodapp.i18n import _
from stodapp.referrals.local_entries import SLOTS, LocalEntries, Logo, load_local, missing_slots
from stodapp.referrals.schema import Resource
from stodapp.store.files import save_private
from ui.referrals.local_entries_io import draft_document, file_error_lines, join_import
from ui.referrals.local_entries_table import LocalEntriesTable
from ui.referrals.local_entries_words import ERROR_STYLE, LOGO_LABEL, MAX_ERROR_LINES, missing_text, one_line
from ui.referrals.local_entry_dialog import LocalEntryDialog
from ui.referrals.logo_picker import LogoPicker
from ui.referrals.municipality_picker import MunicipalityPicker
from ui.save_location import documents_dir
from ui.tasks import ScreenLoader, error_text, run_op

if TYPE_CHECKING:
    from stodapp.changes import Change
    from stodapp.core import Core
    from stodapp.referrals.screen import LocalEntriesScreen
    from ui.change_bus import ChangeBus

T = TypeVar("T")


class LocalEntriesPanel(QWidget):
    """Edits a draft LocalEntries document; nothing is stored until Spara validates the whole document."""

    sig_saved = Signal()
    """Emitted when what is stored is known anew: after Spara and after each read (`saved_missing` changed)."""

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._entries: list[Resource] = []
        self._logo: Logo | None = None
        self._dirty = False
        self._saved_missing: list[str] = missing_slots(None)
        self._national_ids: frozenset[str] = frozenset()  # from the screen read (import checks ids against it)
        self._loader = ScreenLoader(self)
        self._writing = False  # Spara, an import or an export is running on the background helper
        self._loading_text = ""
        self.setAccessibleName(_("Lokala stödkontakter"))
        lay = QVBoxLayout(self)

        self.missing = QLabel("", self)
        self.missing.setWordWrap(True)
        self.missing.setAccessibleName(_("Saknas på stödbladen till klienter"))
        lay.addWidget(self.missing)

        top = QGroupBox(_("Kommun och logotyp"), self)
        form = QFormLayout(top)
        self.municipality = MunicipalityPicker(top)
        self.municipality.currentIndexChanged.connect(self._changed)
        mun_label = QLabel(_("&Kommun:"), top)
        mun_label.setBuddy(self.municipality)
        form.addRow(mun_label, self.municipality)
        self.logo = LogoPicker(top)
        self.logo.sig_choose.connect(self.choose_logo)
        self.logo.sig_remove.connect(self.remove_logo)
        form.addRow(_("Logotyp:"), self.logo)
        lay.addWidget(top)

        box = QGroupBox(_("Lokala poster"), self)
        bl = QVBoxLayout(box)
        self.table = LocalEntriesTable(box)
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

    # ---- reading -----------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """True while what is stored is read, or Spara, an import or an export runs (tests.ui.helpers.settled)."""
        return self._loader.loading or self._writing

    def watch_changes(self, bus: ChangeBus) -> None:
        """The local entries saved in another window: read again, unless this tab holds unsaved changes."""
        bus.watch({"referrals"}, self._referrals_changed, self)

    def _referrals_changed(self, change: Change) -> None:
        if change.action == "local_updated" and not self._dirty and not self._writing:
            self._load()

    def reload(self) -> None:
        """Show the stored document (discarding unsaved changes)."""
        self._ok("")
        self._load()

    def _load(self) -> None:
        """One screen read off the GUI thread; a write's or an import's result stays in view meanwhile."""
        self._loader.load(self._core.referrals.local_screen, self._loaded, self._load_failed)
        self._set_input(False)
        if not self.status.text():
            self._loading_text = _("Läser in de lokala stödkontakterna…")
            self._ok(self._loading_text)

    def _set_input(self, on: bool) -> None:
        for w in (self.municipality, self.logo, self.table, self.add_button, self.edit_button, self.remove_button,
                  self.import_button, self.export_button, self.revert_button, self.save_button):
            w.setEnabled(on)

    def _load_done(self) -> bool:
        """Input back on; True when the loading line is still what the status says."""
        self._set_input(True)
        shown, self._loading_text = self.status.text() == self._loading_text, ""
        return shown

    def _load_failed(self, exc: BaseException) -> None:
        self._load_done()
        self._error([error_text(exc)])

    def _loaded(self, screen: LocalEntriesScreen) -> None:
        if self._load_done():
            self._ok(_("Inga lokala poster sparade ännu.") if screen.stored is None else "")
        self._national_ids = screen.national_ids
        self._show(screen.stored)
        self._saved_missing = list(screen.missing)
        self._dirty = False
        self._refresh_missing()
        self.sig_saved.emit()

    def _show(self, doc: LocalEntries | None) -> None:
        self._entries = list(doc.resources) if doc else []
        self._logo = doc.logo if doc else None
        self.municipality.set_code(doc.municipality if doc else None)
        self.table.show_entries(self._entries)
        self.logo.show_logo(self._logo)

    def municipality_code(self) -> str | None:
        return self.municipality.code()

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
        return self.table.selected_row()

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
        self.table.show_entries(self._entries)
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
        self.logo.show_logo(self._logo)
        self._changed()
        self._ok(_("Logotypen är vald (inte sparad än)."))

    def remove_logo(self) -> None:
        self._logo = None
        self.logo.show_logo(self._logo)
        self._changed()

    # ---- save, import, export (on the background helper) ---------------------------------------------------
    def _run(self, op: Callable[[], T], busy: str, done: Callable[[T], None],
             failed: Callable[[BaseException], None]) -> None:  # fmt: skip
        """Run `op` off the GUI thread, the tab taking no input and saying `busy`; on an error the draft stays."""
        self._writing = True
        self._set_input(False)
        self._ok("")

        def finished(result: T) -> None:
            self._writing = False
            self._set_input(True)
            done(result)

        def refused(exc: BaseException) -> None:
            self._writing = False
            self._set_input(True)
            failed(exc)

        run_op(self, op, finished, refused, indicator=lambda on: self._ok(busy if on else ""))

    def save(self) -> bool:
        """Validate the whole document with the model, then store it in one transaction off the GUI thread, or
        change nothing. True when the write started (the status line says how it ended)."""
        code = self.municipality_code()
        if code is None:
            self._error([_("Välj kommun (sök på namn eller kommunkod).")])
            return False
        if self.loading:
            return False
        doc = draft_document(code, self._logo, self._entries)
        if isinstance(doc, list):
            self._error(doc)
            return False
        referrals = self._core.referrals
        self._run(lambda: referrals.save_local(doc), _("Sparar…"), lambda _change: self._saved(doc),
                  lambda exc: self._error([error_text(exc) + " " + _("Inget har ändrats.")]))
        return True

    def _saved(self, doc: LocalEntries) -> None:
        """What is stored is the document just written: no read needed to know it."""
        self._dirty = False
        self._saved_missing = missing_slots(doc)
        self._refresh_missing()
        self._ok(_("De lokala stödkontakterna är sparade ({n} poster).").format(n=len(doc.resources)))
        self.sig_saved.emit()

    def import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Importera lokala poster"), "",
                                                    _("Lokala poster (*.yaml *.yml *.json)"))
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        """Read and validate the whole file off the GUI thread; our own file replaces the draft, a neighbour's is
        added to it. Nothing is stored until Spara; a bad file (or a newer format version) changes nothing."""
        if self.loading:
            return
        national = self._national_ids
        self._run(lambda: load_local(path, national), _("Läser in filen…"), lambda doc: self._imported(path, doc),
                  lambda exc: self._error(file_error_lines(path, exc)))  # fmt: skip

    def _imported(self, path: Path, doc: LocalEntries) -> None:
        joined = join_import(doc, self.municipality_code(), self._entries, path)
        if joined.error:
            self._error([joined.error])
        elif joined.replace is not None:
            self._show(joined.replace)
            self._changed()
            self._ok(joined.message)
        else:
            self._entries.extend(joined.added)
            self._after_edit(joined.message)

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
        """The stored document, written off the GUI thread only where the administrator chose."""
        if self.loading:
            return
        referrals = self._core.referrals
        self._run(lambda: save_private(path, referrals.export_local()), _("Exporterar…"),
                  lambda _none: self._ok(_("Exporterat till {name}.").format(name=path.name)), self._export_failed)

    def _export_failed(self, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            QMessageBox.warning(self, _("Export"), _("Filen kunde inte sparas ({why}).").format(
                why=type(exc).__name__))
        else:
            self._error([one_line(exc) if isinstance(exc, StodError) else error_text(exc)])
