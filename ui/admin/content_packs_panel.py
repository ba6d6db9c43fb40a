"""ContentPacksPanel: imported licensed definitions (import with validation errors listed) and required training.

What it shows is one screen read (`core.packs_screen()`), off the GUI thread through `ui.tasks.ScreenLoader`:
whenever the tab comes into view and after a pack or a training is written (on the change bus when there is one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_date
from stodapp.errors import ValidationFailed
from stodapp.i18n import _
from ui.confirm import confirm
from ui.tasks import ScreenLoader, error_text, run_op

if TYPE_CHECKING:
    from stodapp.checklists.packs_screen import PacksScreen
    from stodapp.core import Core
    from ui.change_bus import ChangeBus

MAX_ERROR_LINES = 50
ERROR_STYLE = "color: #b00020;"


def _ask(parent: QWidget, text: str) -> bool:
    return confirm(parent, _("Importera innehållspaket"), text, _("Importera paketet"))


def _table(parent: QWidget, headers: list[str], name: str, stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)  # the long column wraps
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class ContentPacksPanel(QWidget):
    """Administrator: list and import content packs; record a user's completed required training."""

    sig_changed = Signal()
    """Emitted after a pack was imported or a training recorded (and the lists re-read)."""

    def __init__(self, core: Core, parent: QWidget | None = None,
                 confirm: Callable[[QWidget, str], bool] = _ask) -> None:
        super().__init__(parent)
        self._core = core
        self.confirm = confirm
        self.data: PacksScreen | None = None
        self._loader = ScreenLoader(self)
        self._loading_text = ""
        self._watched = False  # True once a change bus drives the reloads (see watch_changes)
        self._setup_ui()

    # ---- layout ----------------------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        packs_box = QGroupBox(_("Importerade innehållspaket"), self)
        pl = QVBoxLayout(packs_box)
        intro = QLabel(_("Ett innehållspaket är en licensierad checklista som kommunen själv har licens för. "
                         "Det kontrolleras på samma sätt som de medföljande checklistorna innan det importeras."),
                       packs_box)
        intro.setWordWrap(True)
        pl.addWidget(intro)
        headers = [_("Checklistans id"), _("Versionsnummer"), _("Upphovsrätt och licens"), _("Licenstagare"),
                   _("Kräver utbildning")]
        self.packs_table = _table(packs_box, headers, _("Importerade innehållspaket"), 2)
        pl.addWidget(self.packs_table, 1)
        self.broken_label = QLabel("", packs_box)
        self.broken_label.setWordWrap(True)
        self.broken_label.setStyleSheet(ERROR_STYLE)
        self.broken_label.setAccessibleName(_("Innehållspaket som inte kan läsas"))
        self.broken_label.hide()
        pl.addWidget(self.broken_label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.import_button = QPushButton(_("&Importera innehållspaket…"), packs_box)
        self.import_button.setAccessibleName(_("Importera innehållspaket"))
        self.import_button.clicked.connect(self.import_pack)
        row.addWidget(self.import_button)
        pl.addLayout(row)
        self.errors_title = QLabel(_("Paketet importerades inte. Fel i filen:"), packs_box)
        self.errors_title.setStyleSheet(ERROR_STYLE)
        self.errors = QListWidget(packs_box)
        self.errors.setAccessibleName(_("Fel i innehållspaketet"))
        self.errors.setWordWrap(True)
        self.errors.setMaximumHeight(140)
        self.errors_title.setBuddy(self.errors)
        for w in (self.errors_title, self.errors):
            w.hide()
            pl.addWidget(w)
        lay.addWidget(packs_box, 2)

        train_box = QGroupBox(_("Utbildning som paketen kräver"), self)
        tl = QVBoxLayout(train_box)
        form = QFormLayout()
        self.user_combo = QComboBox(train_box)
        self.user_combo.setAccessibleName(_("Användare som genomfört utbildningen"))
        self.pack_combo = QComboBox(train_box)
        self.pack_combo.setAccessibleName(_("Innehållspaket"))
        self.pack_combo.currentIndexChanged.connect(self._pack_chosen)
        self.training_combo = QComboBox(train_box)
        self.training_combo.setAccessibleName(_("Utbildning"))
        self.user_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.training_combo.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.date_edit = QDateEdit(train_box)
        self.date_edit.setAccessibleName(_("Datum då utbildningen genomfördes"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = self._today()
        self.date_edit.setMaximumDate(today)
        self.date_edit.setDate(today)
        for label, widget in ((_("&Användare:"), self.user_combo), (_("&Paket:"), self.pack_combo),
                              (_("&Utbildning:"), self.training_combo), (_("&Genomförd:"), self.date_edit)):
            buddy = QLabel(label, train_box)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
        self.record_button = QPushButton(_("&Registrera genomförd utbildning"), train_box)
        self.record_button.setAccessibleName(_("Registrera genomförd utbildning"))
        self.record_button.clicked.connect(self.record_training)
        form.addRow("", self.record_button)
        tl.addLayout(form)
        self.trainings_table = _table(train_box, [_("Användare"), _("Utbildning"), _("Paket"), _("Genomförd")],
                                      _("Registrerade utbildningar"), 2)
        tl.addWidget(self.trainings_table, 1)
        lay.addWidget(train_box, 2)

        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status för innehållspaket"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.status)
        self.setTabOrder(self.packs_table, self.import_button)
        self.setTabOrder(self.import_button, self.errors)
        self.setTabOrder(self.errors, self.user_combo)
        self.setTabOrder(self.user_combo, self.pack_combo)
        self.setTabOrder(self.pack_combo, self.training_combo)
        self.setTabOrder(self.training_combo, self.date_edit)
        self.setTabOrder(self.date_edit, self.record_button)
        self.setTabOrder(self.record_button, self.trainings_table)
        self._update_buttons()

    def _today(self) -> QDate:
        day = local_date(self._core.clock.now())
        return QDate(day.year, day.month, day.day)

    # ---- data ------------------------------------------------------------------------------------------------
    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Re-read whenever the tab comes into view (users may have been added on the other tab)."""
        super().showEvent(event)
        if not event.spontaneous():
            self.reload()

    def watch_changes(self, bus: ChangeBus) -> None:
        """A pack imported, a training recorded or a user added, here or in any other window."""
        self._watched = True
        bus.watch({"checklists", "users"}, lambda _change: self.reload(), self)

    @property
    def loading(self) -> bool:
        return self._loader.loading

    def reload(self) -> None:
        """Read packs, users and trainings (one screen read, off the GUI thread); meanwhile the training form
        takes no input."""
        core = self._core
        self._loader.load(core.packs_screen, self._show, self._load_failed)
        for w in self._data_widgets():
            w.setEnabled(False)
        if not self.status.text():  # a write's result stays in view while the lists are read again
            self._loading_text = _("Läser innehållspaket…")
            self.status.setText(self._loading_text)

    def _data_widgets(self) -> tuple[QWidget, ...]:
        return (self.user_combo, self.pack_combo, self.training_combo, self.date_edit, self.record_button)

    def _loaded(self) -> None:
        for w in self._data_widgets():
            w.setEnabled(True)
        if self._loading_text and self.status.text() == self._loading_text:
            self._say("")
        self._loading_text = ""

    def _load_failed(self, exc: BaseException) -> None:
        self._loaded()
        self._failed(exc)
        self._update_buttons()

    def _written(self) -> None:
        """After an import or a recorded training: read again (the change bus does it when there is one)."""
        if not self._watched:
            self.reload()
        self.sig_changed.emit()

    def _show(self, data: PacksScreen) -> None:
        self._loaded()
        self.data = data
        _fill(self.packs_table, [[p.definition_id, p.version, p.copyright_line, p.licensee or "–",
                                  ", ".join(p.requires_training) or _("ingen")] for p in data.packs])
        self.broken_label.setVisible(bool(data.broken))
        self.broken_label.setText("\n".join(data.broken))
        _fill(self.trainings_table, [[t.username, t.training_id, t.pack_id, t.completed_on.isoformat()]
                                     for t in data.trainings])
        user, pack = self.user_combo.currentText(), self.pack_combo.currentData()
        self.user_combo.clear()
        self.user_combo.addItems(list(data.users))
        if user:
            self.user_combo.setCurrentIndex(max(0, self.user_combo.findText(user)))
        self.pack_combo.blockSignals(True)
        self.pack_combo.clear()
        for p in data.packs:
            if p.requires_training:
                self.pack_combo.addItem(f"{p.title.current()} ({p.definition_id} {p.version})", p.definition_id)
        if pack is not None:
            self.pack_combo.setCurrentIndex(max(0, self.pack_combo.findData(pack)))
        self.pack_combo.blockSignals(False)
        self._pack_chosen()

    def _pack_chosen(self, _index: int = -1) -> None:
        self.training_combo.clear()
        pack_id = self.pack_combo.currentData()
        if self.data is not None and pack_id is not None:
            self.training_combo.addItems(list(self.data.trainings_for(str(pack_id))))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = not self.loading and bool(self.user_combo.currentText() and self.training_combo.currentText())
        self.record_button.setEnabled(ready)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._say(error_text(exc), error=True)

    def _show_errors(self, lines: tuple[str, ...] | list[str]) -> None:
        self.errors.clear()
        shown = list(lines)[:MAX_ERROR_LINES]
        self.errors.addItems(shown)
        if len(lines) > MAX_ERROR_LINES:
            self.errors.addItem(_("… och {n} fel till").format(n=len(lines) - MAX_ERROR_LINES))
        self.errors_title.setVisible(bool(shown))
        self.errors.setVisible(bool(shown))

    # ---- actions ---------------------------------------------------------------------------------------------
    def import_pack(self) -> None:
        """Choose a file, validate it, show what it is (copyright line, training), import after a yes."""
        path, _filter = QFileDialog.getOpenFileName(self, _("Välj innehållspaket"), "",
                                                    _("Checklistor (*.yaml *.yml)"))
        if not path:
            return
        self._show_errors([])
        self._say(_("Kontrollerar {name}…").format(name=Path(path).name))
        svc = self._core.checklists
        run_op(self, lambda: svc.check_pack(Path(path)), lambda info: self._checked(Path(path), info),
               self._import_failed, label=_("Kontrollerar innehållspaketet…"))

    def _checked(self, path: Path, info: Any) -> None:
        training = ", ".join(info.requires_training) or _("ingen")
        text = _("Importera {id} version {version}?\n\n{copyright}\nLicenstagare: {licensee}\n"
                 "Kräver utbildning: {training}").format(id=info.definition_id, version=info.version,
                                                        copyright=info.copyright_line,
                                                        licensee=info.licensee or "–", training=training)
        if not self.confirm(self, text):
            self._say(_("Inget importerades."))
            return
        svc = self._core.checklists

        def done(_change: object) -> None:
            self._say(_("Innehållspaketet {id} {version} är importerat. {copyright}").format(
                id=info.definition_id, version=info.version, copyright=info.copyright_line))
            self._written()

        run_op(self, lambda: svc.import_pack(path), done, self._import_failed,
               label=_("Importerar innehållspaketet…"))

    def _import_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        if isinstance(exc, ValidationFailed) and exc.lines:
            self._show_errors(exc.lines)
            self.errors.setFocus()

    def record_training(self) -> None:
        user, training = self.user_combo.currentText(), self.training_combo.currentText()
        pack_id = str(self.pack_combo.currentData() or "")
        if not user or not training:
            self._say(_("Välj användare, paket och utbildning först."), error=True)
            return
        qdate = self.date_edit.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        svc = self._core.checklists

        def done(_change: object) -> None:
            self._say(_("{user} har genomfört {training} ({date}).").format(user=user, training=training,
                                                                          date=day.isoformat()))
            self._written()

        run_op(self, lambda: svc.record_training(user, training, day, pack_id=pack_id), done, self._failed,
               label=_("Registrerar utbildningen…"))
