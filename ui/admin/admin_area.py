"""AdminArea: list, add and disable users; set the idle-lock time (1–15 minutes); key slots, content packs,
backups, gallring and the rest in their own tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stodapp.i18n import N_, _
from ui.confirm import confirm
from ui.tasks import ScreenLoader, error_text, run_op
from ui.widgets.passphrase_edit import PassphraseEdit

# The insider limitation, said where users are managed (README "Security model" says the same).
INSIDER_NOTE_LOCAL = N_(
    "Obs: alla som kan låsa upp den här lokala databasen har hela dess datanyckel. Rollerna (vem som ser vilka "
    "ärenden) upprätthålls av programmet, inte av krypteringen: en användare som kopierar filerna kan med sin "
    "nyckel och andra verktyg läsa allt. Behövs ett skydd som inte hänger på programmet, använd serverläget, där "
    "PostgreSQL bara lämnar ut varje databasrolls egna rader (se docs/server-mode.md)."
)

if TYPE_CHECKING:
    from stodapp.core import Core
    from stodapp.users import UsersScreen
    from ui.change_bus import ChangeBus


class AdminArea(QWidget):
    sig_settings_changed = Signal()
    """Emitted after the idle-lock time was changed (the main window re-reads it)."""

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._users_loader = ScreenLoader(self)
        self._loading_text = ""
        self._setup_ui()
        self._add_asking_policy_tab()
        self.reload()

    def _setup_ui(self) -> None:
        from stodapp.auth import ROLE_LABELS, Role

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # The banner above the tabs is made first so Tab reaches it before the tabs (reading order).
        self.slots_banner = QPushButton("", self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Administration"))
        outer.addWidget(self.tabs)
        users_page = QWidget(self.tabs)
        lay = QVBoxLayout(users_page)
        users_box = QGroupBox(_("Användare"), self)
        ul = QVBoxLayout(users_box)
        self.table = QTableWidget(0, 4, users_box)
        self.table.setHorizontalHeaderLabels([_("Användarnamn"), _("Namn"), _("Roll"), _("Status")])
        self.table.setAccessibleName(_("Användare"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        ul.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.disable_button = QPushButton(_("&Inaktivera vald användare"), users_box)
        self.disable_button.setAccessibleName(_("Inaktivera vald användare"))
        self.disable_button.clicked.connect(self.disable_selected)
        row.addWidget(self.disable_button)
        ul.addLayout(row)
        self.insider_note = QLabel(_(INSIDER_NOTE_LOCAL), users_box)
        self.insider_note.setWordWrap(True)
        self.insider_note.setObjectName("insiderNote")
        self.insider_note.setAccessibleName(_("Om rollerna i en lokal databas"))
        ul.addWidget(self.insider_note)
        lay.addWidget(users_box, 1)

        add_box = QGroupBox(_("Lägg till användare"), self)
        form = QFormLayout(add_box)
        self.name_edit = QLineEdit(add_box)
        self.name_edit.setAccessibleName(_("Nytt användarnamn"))
        form.addRow(_("Användarnamn:"), self.name_edit)
        self.display_edit = QLineEdit(add_box)
        self.display_edit.setAccessibleName(_("Visningsnamn"))
        form.addRow(_("Visningsnamn:"), self.display_edit)
        self.role_combo = QComboBox(add_box)
        self.role_combo.setAccessibleName(_("Roll"))
        for role in (Role.CASEWORKER, Role.SUPERVISOR, Role.TRAINER, Role.ADMIN):
            self.role_combo.addItem(_(ROLE_LABELS[role]), role.value)
        form.addRow(_("Roll:"), self.role_combo)
        self.pass_edit = PassphraseEdit(add_box)
        self.pass_edit.setAccessibleName(_("Lösenfras för den nya användaren"))
        form.addRow(_("Lösenfras:"), self.pass_edit)
        self.repeat_edit = PassphraseEdit(add_box)
        self.repeat_edit.setAccessibleName(_("Upprepa lösenfrasen"))
        form.addRow(_("Upprepa:"), self.repeat_edit)
        self.add_button = QPushButton(_("&Lägg till"), add_box)
        self.add_button.setAccessibleName(_("Lägg till användare"))
        self.add_button.clicked.connect(self.add_user)
        form.addRow("", self.add_button)
        lay.addWidget(add_box)

        lock_box = QGroupBox(_("Automatisk låsning"), self)
        ll = QHBoxLayout(lock_box)
        ll.addWidget(QLabel(_("Lås efter (minuter utan aktivitet):"), lock_box))
        self.idle_spin = QSpinBox(lock_box)
        self.idle_spin.setRange(1, 15)
        self.idle_spin.setAccessibleName(_("Minuter till automatisk låsning"))
        ll.addWidget(self.idle_spin)
        self.idle_button = QPushButton(_("&Spara"), lock_box)
        self.idle_button.setAccessibleName(_("Spara tiden för automatisk låsning"))
        self.idle_button.clicked.connect(self.save_idle)
        ll.addWidget(self.idle_button)
        ll.addStretch(1)
        lay.addWidget(lock_box)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)
        self.tabs.addTab(users_page, _("Användare och låsning"))
        from ui.admin.key_slots_panel import KeySlotsPanel

        self.keys_panel = KeySlotsPanel(self._core, self.tabs)
        self.tabs.addTab(self.keys_panel, _("Nycklar och lösenfraser"))
        from ui.admin.content_packs_panel import ContentPacksPanel

        self.packs_panel = ContentPacksPanel(self._core, self.tabs)
        self.tabs.addTab(self.packs_panel, _("Innehållspaket och utbildning"))
        from ui.admin.backup_panel import BackupPanel

        self.backup_panel = BackupPanel(self._core, self.tabs)
        self.tabs.addTab(self.backup_panel, _("Säkerhetskopior"))
        from ui.admin.retention_panel import RetentionPanel

        self.retention_panel = RetentionPanel(self._core, self.tabs)
        self.tabs.addTab(self.retention_panel, _("Gallring"))
        self._add_local_entries_tab(outer)

    def _add_local_entries_tab(self, outer: QVBoxLayout) -> None:
        """Tab "Lokala stödkontakter" and a banner naming the template slots still missing (issue 7)."""
        from ui.referrals.local_entries_panel import LocalEntriesPanel
        from ui.referrals.local_entries_words import missing_text

        self.local_panel = LocalEntriesPanel(self._core, self.tabs)
        self.tabs.addTab(self.local_panel, _("Lokala stödkontakter"))
        self.slots_banner.setAccessibleName(_("Saknas på stödbladen till klienter: öppna Lokala stödkontakter"))
        self.slots_banner.clicked.connect(self.show_local_entries)
        outer.insertWidget(0, self.slots_banner)

        def refresh() -> None:
            text = missing_text(self.local_panel.saved_missing())
            self.slots_banner.setText(text + " " + _("Fyll i under Lokala stödkontakter.") if text else "")
            self.slots_banner.setVisible(bool(text))

        self.local_panel.sig_saved.connect(refresh)
        refresh()

    def show_local_entries(self) -> None:
        """Select the local-entries tab (the first sign-in after the first-run wizard lands here)."""
        self.tabs.setCurrentWidget(self.local_panel)
        self.local_panel.municipality.setFocus()

    def watch_changes(self, bus: ChangeBus) -> None:
        """The user table and the idle-lock setting follow user and setting writes from any window."""
        bus.watch({"users", "settings"}, lambda _change: self.reload(), self)
        self.retention_panel.watch_changes(bus)
        self.keys_panel.watch_changes(bus)
        self.packs_panel.watch_changes(bus)
        self.local_panel.watch_changes(bus)

    @property
    def loading(self) -> bool:
        """True while any tab's screen is being read (tests wait for it: tests.ui.helpers.settled)."""
        return any(loader.loading for loader in self.findChildren(ScreenLoader))

    def reload(self) -> None:
        """The users and the idle-lock time: one screen read off the GUI thread; meanwhile they take no input."""
        users = self._core.users
        self._users_loader.load(users.screen, self._users_loaded, self._users_failed)
        for w in (self.table, self.disable_button, self.idle_spin, self.idle_button):
            w.setEnabled(False)
        if not self.status.text():  # a write's result stays in view while the table is read again
            self._loading_text = _("Läser in användarna…")
            self.status.setText(self._loading_text)

    def _users_ready(self) -> None:
        for w in (self.table, self.disable_button, self.idle_spin, self.idle_button):
            w.setEnabled(True)
        if self._loading_text and self.status.text() == self._loading_text:
            self.status.setText("")
        self._loading_text = ""

    def _users_failed(self, exc: BaseException) -> None:
        self._users_ready()
        self.status.setText(error_text(exc))

    def _users_loaded(self, screen: UsersScreen) -> None:
        from stodapp.auth import ROLE_LABELS

        self._users_ready()
        self.table.setRowCount(len(screen.users))
        for r, user in enumerate(screen.users):
            values = [user.username, user.display_name, _(ROLE_LABELS.get(user.role, str(user.role))),
                      _("Inaktiverad") if user.disabled else _("Aktiv")]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.idle_spin.setValue(screen.idle_lock_minutes)

    def selected_username(self) -> str:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else ""

    def _done(self, message: str) -> Any:
        def done(_change: object) -> None:
            self.status.setText(message)
            self.reload()

        return done

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))

    def add_user(self) -> None:
        name = self.name_edit.text().strip()
        passphrase = self.pass_edit.text()
        if passphrase != self.repeat_edit.text():
            self.status.setText(_("Lösenfraserna är inte lika."))
            return
        role = str(self.role_combo.currentData())
        display = self.display_edit.text().strip()
        self.pass_edit.clear()
        self.repeat_edit.clear()
        run_op(self, lambda: self._core.users.add(name, role, passphrase, display_name=display),
               self._done(_("Användaren {u} har lagts till.").format(u=name)), self._failed,
               label=_("Lägger till användaren…"))

    def disable_selected(self) -> None:
        name = self.selected_username()
        if not name:
            self.status.setText(_("Välj en användare i listan först."))
            return
        if not confirm(self, _("Inaktivera användare"),
                       _("{u} kan inte logga in efter detta. Uppgifter som användaren har skrivit finns kvar.")
                       .format(u=name), _("Inaktivera {u}").format(u=name), warning=True):
            return
        run_op(self, lambda: self._core.users.disable(name),
               self._done(_("Användaren {u} är inaktiverad.").format(u=name)), self._failed)

    def save_idle(self) -> None:
        minutes = self.idle_spin.value()

        def done(_change: object) -> None:
            self.status.setText(_("Automatisk låsning efter {n} minuter.").format(n=minutes))
            self.sig_settings_changed.emit()

        run_op(self, lambda: self._core.set_idle_lock_minutes(minutes), done, self._failed)

    def _add_asking_policy_tab(self) -> None:
        """Tab "Frågor om våld": the unit's question policy (issue 5)."""
        from ui.admin.asking_policy_panel import AskingPolicyPanel

        self.asking_policy_panel = AskingPolicyPanel(self._core, self.tabs)
        self.tabs.addTab(self.asking_policy_panel, _("Frågor om våld"))
