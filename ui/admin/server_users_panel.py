"""ServerUsersPanel: the Administration area in server mode: the unit's users on its server.

A table of the unit's users (name, role, active or disabled; `list_users`, read off the GUI thread by
`ui.tasks.ScreenLoader`) and three actions for the administrator, each after she confirms her own passphrase
(`ui.step_up.confirm_now`): "Lägg till användare…" (`ServerAddUserDialog`), "Inaktivera…" (a confirmation that says
what it does, then `ServerDisableDialog`) and "Återställ lösenfras…" (`PassphraseResetDialog` with a server saver).
Each write runs as the database owner role, whose password she types in the dialog for that write (never stored;
the role's name is remembered for this session only). The result is said in the status line; the table follows the
session's change feed (area "users").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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

from stodapp.i18n import _
from stodapp.labels import role_label
from ui.admin.owner_fields import OwnerFields, refusal_line
from ui.tasks import ScreenLoader, error_text

if TYPE_CHECKING:
    from stodapp.server.provision import ServerUser
    from ui.admin.server_users_types import ServerUsersAdmin
    from ui.change_bus import ChangeBus


class ServerResetSaver:
    """The server's reset for `PassphraseResetDialog`: a new key slot and login, run as the owner role typed in
    `fields`."""

    def __init__(self, admin: ServerUsersAdmin, fields: OwnerFields) -> None:
        self._admin, self.fields = admin, fields

    def problems(self) -> list[str]:
        found = self.fields.problems()
        if found:
            self.fields.first_empty().setFocus()
        return found

    def job(self, username: str, new: str) -> Callable[[], object]:
        admin = self._admin
        owner, password = self.fields.owner(), self.fields.password()
        return lambda: admin.reset_passphrase(owner, password, username, new)

    def refused(self, exc: BaseException) -> str:
        from stodapp.errors import AuthError

        if isinstance(exc, AuthError):  # the owner role was turned away: its password is typed again
            self.fields.clear_password()
            self.fields.first_empty().setFocus()
        return refusal_line(error_text(exc))


class ServerUsersPanel(QWidget):
    sig_loaded = Signal()
    """Emitted after the table (or its error) is shown."""

    def __init__(self, admin: ServerUsersAdmin, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin = admin
        self._users: list[ServerUser] = []
        self._owner = ""  # the owner role's name as last typed (this session only; its password never kept)
        self._loader = ScreenLoader(self)
        self._loaded = False
        self.setAccessibleName(_("Administration"))
        self._setup_ui()
        self.reload()

    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        intro = QLabel(_("Enhetens användare på servern. Att lägga till, inaktivera och ge en ny lösenfras ändrar "
                         "inloggningarna i databasen: du bekräftar med din lösenfras och skriver databasens "
                         "ägarroll och dess lösenord för varje ändring."), self)
        intro.setWordWrap(True)
        intro.setAccessibleName(_("Om användarna på servern"))
        lay.addWidget(intro)
        row = QHBoxLayout()
        self.reload_button = self._button(row, _("&Uppdatera"), _("Uppdatera listan över användare"), self.reload)
        row.addStretch(1)
        self.add_button = self._button(row, _("&Lägg till användare…"), _("Lägg till en användare på servern"),
                                       self.add_user)
        self.disable_button = self._button(row, _("&Inaktivera…"), _("Inaktivera vald användare"),
                                           self.disable_selected)
        self.reset_button = self._button(row, _("Åte&rställ lösenfras…"),
                                         _("Återställ lösenfras för vald användare"), self.reset_selected)
        lay.addLayout(row)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)
        headers = [_("Användarnamn"), _("Roll"), _("Status")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(_("Användare på servern"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        lay.addWidget(self.table, 1)

    def _button(self, row: QHBoxLayout, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # ---- reading ----------------------------------------------------------------------------------------------
    def watch_changes(self, bus: ChangeBus) -> None:
        """A user added, disabled or given a new passphrase in this session."""
        bus.watch({"users"}, lambda _change: self.reload(), self)

    @property
    def loading(self) -> bool:
        return self._loader.loading

    @property
    def users(self) -> list[ServerUser]:
        """The users shown now ([] until the first read is shown)."""
        return list(self._users)

    def reload(self) -> None:
        self.reload_button.setEnabled(False)
        if not self._loaded:
            self.status.setText(_("Läser in användarna från servern …"))
        self._loader.load(self._admin.list_users, self._show, self._failed_load)

    def _failed_load(self, exc: BaseException) -> None:
        self.reload_button.setEnabled(True)
        self.status.setText(error_text(exc))
        self.sig_loaded.emit()

    def _show(self, users: list[ServerUser]) -> None:
        selected = self.selected_username()
        me = self._admin.principal.username
        self._users = list(users)
        self.table.setRowCount(len(users))
        for r, user in enumerate(users):
            name = _("{name} (du)").format(name=user.username) if user.username == me else user.username
            values = (name, role_label(user.role.value), _("Inaktiverad") if user.disabled else _("Aktiv"))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, user.username)
                self.table.setItem(r, c, item)
            if user.username == selected:
                self.table.selectRow(r)
        if not self._loaded:
            self.status.setText("")
        self._loaded = True
        self.reload_button.setEnabled(True)
        self._selection_changed()
        self.sig_loaded.emit()

    def selected_username(self) -> str:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 and self.table.selectedItems() else None
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _selected(self) -> ServerUser | None:
        name = self.selected_username()
        return next((u for u in self._users if u.username == name), None)

    def _selection_changed(self) -> None:
        user = self._selected()
        usable = user is not None and not user.disabled and user.username != self._admin.principal.username
        self.disable_button.setEnabled(usable)
        self.reset_button.setEnabled(usable)

    # ---- writing ----------------------------------------------------------------------------------------------
    def _step_up(self, message: str, refused: str) -> bool:
        from ui import step_up

        if step_up.confirm_now(self, message):
            return True
        self.status.setText(refused)
        return False

    def _said(self, message: str) -> Callable[[str], None]:
        def done(_username: str) -> None:
            self.status.setText(message)  # the change feed reloads the table

        return done

    def _remember_owner(self, fields: OwnerFields) -> None:
        self._owner = fields.owner() or self._owner

    def add_user(self) -> None:
        from ui.admin.server_add_user_dialog import ServerAddUserDialog

        if not self._step_up(_("Bekräfta med din lösenfras för att lägga till en användare på servern."),
                             _("Ingen användare lades till: din lösenfras bekräftades inte.")):
            return
        dialog = ServerAddUserDialog(self._admin, self._owner, self)
        dialog.sig_added.connect(lambda name: self.status.setText(
            _("Användaren {u} är tillagd på servern och kan logga in.").format(u=name)))
        if dialog.exec() != ServerAddUserDialog.DialogCode.Accepted:
            self.status.setText(_("Ingen användare lades till."))
        self._remember_owner(dialog.owner)
        dialog.deleteLater()

    def _refusal(self, user: ServerUser | None, disabled: str) -> str:
        if user is None:
            return _("Välj en användare i listan först.")
        if user.username == self._admin.principal.username:
            return _("Ditt eget konto kan du inte inaktivera eller återställa här. Din egen lösenfras byter du "
                     "under Arkiv → Byt lösenfras…")
        return disabled.format(u=user.username) if user.disabled else ""

    def disable_selected(self) -> None:
        from ui.admin.server_disable_dialog import ServerDisableDialog, disable_text
        from ui.confirm import confirm

        user = self._selected()
        refusal = self._refusal(user, _("{u} är redan inaktiverad."))
        if refusal or user is None:
            self.status.setText(refusal)
            return
        name = user.username
        if not confirm(self, _("Inaktivera användare"), disable_text(name), _("Inaktivera {u}").format(u=name),
                       warning=True):
            self.status.setText(_("Ingen användare inaktiverades."))
            return
        if not self._step_up(_("Bekräfta med din lösenfras för att inaktivera {u}.").format(u=name),
                             _("Ingen användare inaktiverades: din lösenfras bekräftades inte.")):
            return
        dialog = ServerDisableDialog(self._admin, name, self._owner, self)
        dialog.sig_disabled.connect(self._said(
            _("Användaren {u} är inaktiverad: nyckelplatsen är borttagen och inloggningen stängd.").format(u=name)))
        if dialog.exec() != ServerDisableDialog.DialogCode.Accepted:
            self.status.setText(_("Ingen användare inaktiverades."))
        self._remember_owner(dialog.owner)
        dialog.deleteLater()

    def reset_selected(self) -> None:
        from ui.admin.passphrase_reset_dialog import PassphraseResetDialog

        user = self._selected()
        refusal = self._refusal(user, _("{u} är inaktiverad. Inaktiverade användare kan inte få en ny lösenfras."))
        if refusal or user is None:
            self.status.setText(refusal)
            return
        name = user.username
        if not self._step_up(_("Bekräfta med din lösenfras för att återställa lösenfrasen för {u}.").format(u=name),
                             _("Ingen lösenfras återställdes: din lösenfras bekräftades inte.")):
            return
        fields = OwnerFields(self._owner)
        dialog = PassphraseResetDialog(ServerResetSaver(self._admin, fields), name, "", self, fields)
        dialog.sig_reset.connect(self._said(
            _("Lösenfrasen för {u} är återställd på servern. Användaren måste välja en egen vid nästa inloggning.")
            .format(u=name)))
        if dialog.exec() != PassphraseResetDialog.DialogCode.Accepted:
            self.status.setText(_("Ingen lösenfras återställdes."))
        self._remember_owner(fields)
        dialog.deleteLater()
