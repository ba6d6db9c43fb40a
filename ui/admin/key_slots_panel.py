"""KeySlotsPanel: the administrator's "Nycklar och lösenfraser" tab.

A table of every user and her key slot (one facade view, `core.users.key_slots()`, read off the GUI thread by
`ui.tasks.ScreenLoader`) and "Återställ lösenfras…" for the selected user: the administrator confirms her own
passphrase first (`ui.step_up.confirm_now`), then types the temporary one twice (`PassphraseResetDialog`); the core
writes it atomically and publishes a Change, which reloads this table and the user table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_stamp
from stodapp.i18n import _
from stodapp.labels import person_label, role_label, time_zone_note
from ui.tasks import ScreenLoader, error_text, run_op

if TYPE_CHECKING:
    from stodapp.core import Core
    from stodapp.users import KeySlotRow, KeySlotsView
    from ui.change_bus import ChangeBus


def slot_words(row: KeySlotRow) -> str:
    if row.has_slot:
        return _("Finns")
    return _("Borttagen (inaktiverad)") if row.disabled else _("Saknas – kan inte logga in")


class KeySlotsPanel(QWidget):
    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._view: KeySlotsView | None = None
        self._loader = ScreenLoader(self)
        self._setup_ui()
        self.reload()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        intro = QLabel(_("Varje användare har en egen nyckelplats: hennes lösenfras låser upp databasens nyckel. "
                         "Glömmer någon sin lösenfras, eller saknar användaren nyckelplats efter en återställning från "
                         "säkerhetskopia, ger du användaren en ny, tillfällig lösenfras här."), self)
        intro.setWordWrap(True)
        intro.setAccessibleName(_("Om nycklar och lösenfraser"))
        lay.addWidget(intro)
        # Said above the table: the admin tabs share one height, so a line below a long table is below the fold.
        self.recovery_label = QLabel("", self)
        self.recovery_label.setWordWrap(True)
        self.recovery_label.setAccessibleName(_("Återställningsnyckel"))
        lay.addWidget(self.recovery_label)
        row = QHBoxLayout()
        self.reload_button = QPushButton(_("&Uppdatera"), self)
        self.reload_button.setAccessibleName(_("Uppdatera listan över nyckelplatser"))
        self.reload_button.clicked.connect(self.reload)
        row.addWidget(self.reload_button)
        row.addStretch(1)
        self.reset_button = QPushButton(_("&Återställ lösenfras…"), self)
        self.reset_button.setAccessibleName(_("Återställ lösenfras för vald användare"))
        self.reset_button.clicked.connect(self.reset_selected)
        row.addWidget(self.reset_button)
        self.recovery_button = QPushButton(_("&Ny återställningsnyckel…"), self)
        self.recovery_button.setAccessibleName(_("Skapa en ny återställningsnyckel"))
        self.recovery_button.clicked.connect(self.replace_recovery_key)
        row.addWidget(self.recovery_button)
        lay.addLayout(row)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)
        headers = [_("Namn"), _("Användarnamn"), _("Roll"), _("Nyckelplats"), _("Lösenfras satt"),
                   _("Måste byta")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        for c, text in enumerate(headers):
            header = self.table.horizontalHeaderItem(c)
            if header is not None:
                header.setToolTip(text)
        self.table.setAccessibleName(_("Användare och nyckelplatser"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)

    # ---- reading ----------------------------------------------------------------------------------------------
    def watch_changes(self, bus: ChangeBus) -> None:
        """A user added, disabled or given a new passphrase, here or anywhere else."""
        bus.watch({"users", "keys"}, lambda _change: self.reload(), self)

    def reload(self) -> None:
        users = self._core.users
        self.reload_button.setEnabled(False)
        self._loader.load(users.key_slots, self._show, self._failed_load)

    def _failed_load(self, exc: BaseException) -> None:
        self.reload_button.setEnabled(True)
        self.status.setText(error_text(exc))

    def _show(self, view: KeySlotsView) -> None:
        selected = self.selected_username()
        self._view = view
        self.table.setRowCount(len(view.rows))
        for r, slot in enumerate(view.rows):
            name = person_label(slot.display_name, slot.username)
            if slot.is_self:
                name = _("{name} (du)").format(name=name)
            when = local_stamp(slot.passphrase_set_at) if slot.passphrase_set_at else _("inte sparat")
            values = (name, slot.username, role_label(slot.role.value), slot_words(slot),
                      when if slot.has_slot else "–", _("Ja") if slot.must_change else _("Nej"))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
            if slot.username == selected:
                self.table.selectRow(r)
        recovery = (_("Återställningsnyckeln öppnar databasen.") if view.recovery_slot else
                    _("Databasen har ingen återställningsnyckel: bara användarnas lösenfraser öppnar den."))
        self.recovery_label.setText(recovery + " " + time_zone_note())
        self.reload_button.setEnabled(True)

    def selected_username(self) -> str:
        row = self.table.currentRow()
        item = self.table.item(row, 1) if row >= 0 and self.table.selectedItems() else None
        return item.text() if item is not None else ""

    def _selected(self) -> KeySlotRow | None:
        name = self.selected_username()
        rows = self._view.rows if self._view is not None else ()
        return next((r for r in rows if r.username == name), None)

    # ---- resetting --------------------------------------------------------------------------------------------
    def reset_selected(self) -> None:
        """Step up, then ask for the temporary passphrase twice; the dialog writes it and this says the result."""
        from ui import step_up
        from ui.admin.passphrase_reset_dialog import PassphraseResetDialog, UsersResetSaver

        slot = self._selected()
        if slot is None:
            self.status.setText(_("Välj en användare i listan först."))
            return
        if slot.is_self:
            self.status.setText(_("Din egen lösenfras byter du under Arkiv → Byt lösenfras…"))
            return
        if slot.disabled:
            self.status.setText(_("{u} är inaktiverad. Inaktiverade användare kan inte få en ny lösenfras.")
                                .format(u=slot.username))
            return
        if not step_up.confirm_now(self, _("Bekräfta med din lösenfras för att återställa lösenfrasen för {u}.")
                                   .format(u=slot.username)):
            self.status.setText(_("Ingen lösenfras återställdes: din lösenfras bekräftades inte."))
            return
        dialog = PassphraseResetDialog(UsersResetSaver(self._core.users), slot.username, slot.display_name, self)
        dialog.sig_reset.connect(self._done)
        if dialog.exec() != PassphraseResetDialog.DialogCode.Accepted:
            self.status.setText(_("Ingen lösenfras återställdes."))
        dialog.deleteLater()

    def _done(self, username: str) -> None:
        rows = self._view.rows if self._view is not None else ()
        display = next((r.display_name for r in rows if r.username == username), "")
        self.status.setText(_("Lösenfrasen för {u} är återställd. Användaren måste byta lösenfras vid nästa "
                              "inloggning.").format(u=person_label(display, username)))
        self.reload()

    # ---- the recovery key -------------------------------------------------------------------------------------
    def replace_recovery_key(self) -> None:
        """Confirm, step up, make the new key (the old one stops working) and show it once until she confirms."""
        from ui import step_up
        from ui.confirm import confirm

        if not confirm(self, _("Ny återställningsnyckel"),
                       _("En ny återställningsnyckel ersätter den gamla, som då inte längre öppnar databasen. "
                         "Den nya visas en gång; ha skrivare eller papper redo. Säkerhetskopior som gjorts med den "
                         "gamla "
                         "nyckeln öppnas bara med den: spara den gamla så länge de finns kvar."),
                       _("Skapa ny nyckel"), warning=True):
            return
        if not step_up.confirm_now(self, _("Bekräfta med din lösenfras för att skapa en ny återställningsnyckel.")):
            self.status.setText(_("Ingen ny nyckel skapades: din lösenfras bekräftades inte."))
            return
        self.recovery_button.setEnabled(False)
        run_op(self, self._core.new_recovery_key, self._show_new_key, self._recovery_failed,
               label=_("Skapar ny återställningsnyckel…"))

    def _show_new_key(self, key: str) -> None:
        from ui.admin.recovery_key_dialog import RecoveryKeyDialog

        self.recovery_button.setEnabled(True)
        core = self._core

        def printed() -> None:
            try:
                core.audit_event("print", "recovery_key")
            except Exception:  # noqa: BLE001 - printing must not fail because of the audit call
                pass

        dialog = RecoveryKeyDialog(key, str(core.files.data_dir), printed, self)
        del key
        dialog.exec()
        dialog.deleteLater()
        self.status.setText(_("En ny återställningsnyckel gäller. Den gamla öppnar inte längre databasen."))
        self.reload()

    def _recovery_failed(self, exc: BaseException) -> None:
        self.recovery_button.setEnabled(True)
        self.status.setText(error_text(exc))

    @property
    def view(self) -> KeySlotsView | None:
        """The view shown now (None while the first load runs)."""
        return self._view
