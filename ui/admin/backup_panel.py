"""BackupPanel: the administrator's backups tab: folder, session-only passphrase, keep-N, backup now, daily schedule.

The backup passphrase is never stored: it lives only in this panel's memory while the administrator is signed in
and is forgotten on lock or sign-out (the panel is destroyed with the areas). The daily schedule therefore runs
only while an administrator is signed in and has entered the passphrase once in the session: a timer checks
every CHECK_MS whether a backup is due (stodapp.backup.schedule.backup_due: none yet on this Swedish day) and,
if so, takes one and rotates (keep N, expire after MAX_AGE_DAYS). Unattended backups use
`stodapp backup schedule` (docs/installer.md).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
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
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_stamp
from stodapp.i18n import _
from ui.tasks import error_text, run_op
from ui.widgets.passphrase_edit import PassphraseEdit

if TYPE_CHECKING:
    from stodapp.core import Core

FOLDER_KEY = "backup.folder"  # store-wide settings (encrypted in the store); never the passphrase
KEEP_KEY = "backup.keep"
KEEP_DEFAULT = 7
MAX_AGE_DAYS = 90
CHECK_MS = 10 * 60 * 1000


def newest_complete(root: Path) -> Any:
    from stodapp.backup import list_backups

    complete = [e for e in list_backups(root) if e.complete]
    return complete[-1] if complete else None


def take_backup(core: Core, root: Path, secret: str, keep: int) -> Any:
    """Worker: one verified backup in a dated sub-folder of `root`, then rotation. Returns the manifest."""
    from stodapp.backup import create_backup, rotate
    from stodapp.backup.create import stamp
    from stodapp.backup.schedule import PREFIX, clean_killed_runs

    now = core.clock.now().astimezone(UTC)
    clean_killed_runs(root)  # a run killed last time (power cut, closed laptop) left a .partial copy
    manifest = create_backup(core, root / f"{PREFIX}{stamp(now)}", secret)
    rotate(root, keep, max_age_days=MAX_AGE_DAYS, now=now)
    return manifest


def backup_if_due(core: Core, root: Path, secret: str, keep: int) -> Any:
    """Worker: take_backup when the domain's rule says one is due (none yet on this Swedish day); else None."""
    from stodapp.backup import list_backups
    from stodapp.backup.schedule import backup_due, clean_killed_runs

    clean_killed_runs(root)
    if not backup_due(list_backups(root), core.clock.now()):
        return None
    return take_backup(core, root, secret, keep)


def check_secret(root: Path, secret: str) -> None:
    """Worker: a folder with backups must open with this secret (one key per folder); else the policy applies."""
    from stodapp import passphrase as policy
    from stodapp.backup import verify_backup

    newest = newest_complete(root)
    if newest is None:
        policy.check(secret)
    else:
        verify_backup(newest.path, secret)


def local_time(when: datetime) -> str:
    return local_stamp(when)


class BackupPanel(QWidget):
    def __init__(self, core: Core, parent: QWidget | None = None, *, check_ms: int = CHECK_MS) -> None:
        """`check_ms`: how often the schedule looks at the folder; time itself comes from the core's clock."""
        super().__init__(parent)
        self._core = core
        self._secret = ""  # memory only, for this signed-in session
        self._folder: Path | None = None
        self.busy = False
        self.last_result = ""
        self._setup_ui()
        self.timer = QTimer(self)
        self.timer.setInterval(check_ms)
        self.timer.timeout.connect(self.check_schedule)
        self.timer.start()
        self.load_settings()

    # ---- layout -----------------------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        where = QGroupBox(_("Mapp och rotation"), self)
        form = QFormLayout(where)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(where)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setAccessibleName(_("Mapp för säkerhetskopior"))
        row.addWidget(self.folder_edit, 1)
        self.folder_button = QPushButton(_("&Välj mapp…"), where)
        self.folder_button.setAccessibleName(_("Välj mapp för säkerhetskopior"))
        self.folder_button.clicked.connect(self._pick_folder)
        row.addWidget(self.folder_button)
        form.addRow(_("Mapp:"), row)
        keep_row = QHBoxLayout()
        self.keep_spin = QSpinBox(where)
        self.keep_spin.setRange(1, 60)
        self.keep_spin.setValue(KEEP_DEFAULT)
        self.keep_spin.setAccessibleName(_("Antal säkerhetskopior att behålla"))
        keep_row.addWidget(self.keep_spin)
        self.keep_button = QPushButton(_("Spara &antal"), where)
        self.keep_button.setAccessibleName(_("Spara antal säkerhetskopior att behålla"))
        self.keep_button.clicked.connect(self.save_keep)
        keep_row.addWidget(self.keep_button)
        keep_row.addStretch(1)
        form.addRow(_("Behåll:"), keep_row)
        lay.addWidget(where)

        key_box = QGroupBox(_("Lösenfras för säkerhetskopiorna"), self)
        kl = QFormLayout(key_box)
        note = QLabel(_("Lösenfrasen sparas aldrig. Den finns bara i minnet medan du är inloggad och glöms när "
                        "appen låses. Daglig säkerhetskopia tas när en administratör är inloggad och har angett "
                        "lösenfrasen: om den senaste kopian i mappen är äldre än ett dygn."), key_box)
        note.setWordWrap(True)
        kl.addRow(note)
        self.secret_edit = PassphraseEdit(key_box)
        self.secret_edit.setAccessibleName(_("Lösenfras för säkerhetskopiorna"))
        kl.addRow(_("&Lösenfras:"), self.secret_edit)
        self.repeat_edit = PassphraseEdit(key_box)
        self.repeat_edit.setAccessibleName(_("Upprepa lösenfrasen (första gången)"))
        kl.addRow(_("Upprepa (första gången):"), self.repeat_edit)
        secret_row = QHBoxLayout()
        self.secret_button = QPushButton(_("A&nvänd lösenfrasen"), key_box)
        self.secret_button.setAccessibleName(_("Använd lösenfrasen"))
        self.secret_button.clicked.connect(self.set_secret)
        secret_row.addWidget(self.secret_button)
        self.secret_state = QLabel(_("Ingen lösenfras angiven i den här sessionen."), key_box)
        secret_row.addWidget(self.secret_state, 1)
        kl.addRow(secret_row)
        lay.addWidget(key_box)

        list_box = QGroupBox(_("Säkerhetskopior i mappen"), self)
        ll = QVBoxLayout(list_box)
        now_row = QHBoxLayout()
        self.now_button = QPushButton(_("&Ta säkerhetskopia nu"), list_box)
        self.now_button.setAccessibleName(_("Ta säkerhetskopia nu"))
        self.now_button.clicked.connect(self.backup_now)
        now_row.addWidget(self.now_button)
        self.last_label = QLabel(_("Senaste säkerhetskopia: ingen."), list_box)
        self.last_label.setWordWrap(True)
        now_row.addWidget(self.last_label, 1)
        ll.addLayout(now_row)
        self.table = QTableWidget(0, 3, list_box)
        self.table.setHorizontalHeaderLabels([_("Tagen"), _("Status"), _("Kontroll")])
        self.table.setAccessibleName(_("Säkerhetskopior"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        ll.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.verify_button = QPushButton(_("&Kontrollera vald"), list_box)
        self.verify_button.setAccessibleName(_("Kontrollera vald säkerhetskopia"))
        self.verify_button.clicked.connect(self.verify_selected)
        buttons.addWidget(self.verify_button)
        self.refresh_button = QPushButton(_("&Uppdatera listan"), list_box)
        self.refresh_button.setAccessibleName(_("Uppdatera listan över säkerhetskopior"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.refresh_button)
        ll.addLayout(buttons)
        lay.addWidget(list_box, 1)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)
        self._entries: list[Any] = []

    # ---- helpers ----------------------------------------------------------------------------------------------
    def _run(self, op: Callable[[], Any], done: Callable[[Any], None], label: str,
             fail: Callable[[str], None] | None = None) -> bool:
        """One operation at a time; callbacks are dropped when the panel was destroyed meanwhile (lock)."""
        if self.busy:
            self.status.setText(_("Vänta tills den pågående åtgärden är klar."))
            return False
        self._set_busy(True)

        def ok(result: Any) -> None:
            try:
                self._set_busy(False)
                done(result)
            except RuntimeError:  # the panel was deleted (locked or signed out) while the work ran
                pass

        def failed(exc: BaseException) -> None:
            try:
                self._set_busy(False)
                self.status.setText(error_text(exc))
                if fail is not None:
                    fail(error_text(exc))
            except RuntimeError:
                pass

        run_op(self, op, ok, failed, label=label)
        return True

    def _set_busy(self, busy: bool) -> None:
        """While anything runs, "Ta säkerhetskopia nu" is disabled: one click is one backup."""
        self.busy = busy
        self.now_button.setEnabled(not busy)

    def _need_folder(self) -> Path | None:
        if self._folder is None:
            self.status.setText(_("Välj först en mapp för säkerhetskopiorna."))
        return self._folder

    # ---- settings ---------------------------------------------------------------------------------------------
    def load_settings(self) -> None:
        core = self._core

        def done(values: tuple[Any, Any]) -> None:
            folder, keep = values
            if folder:
                self._folder = Path(str(folder))
                self.folder_edit.setText(str(folder))
            self.keep_spin.setValue(int(keep or KEEP_DEFAULT))
            self.refresh()

        self._run(lambda: (core.settings.store_wide(FOLDER_KEY, ""),
                           core.settings.store_wide(KEEP_KEY, KEEP_DEFAULT)),
                  done, _("Läser inställningar…"))

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Välj mapp för säkerhetskopior"), self.folder_edit.text())
        if path:
            self.set_folder(Path(path))

    def set_folder(self, folder: Path) -> None:
        settings = self._core.settings

        def done(_change: object) -> None:
            self._folder = folder
            self._secret = ""  # one key per folder: a new folder asks again
            self.secret_state.setText(_("Ingen lösenfras angiven i den här sessionen."))
            self.folder_edit.setText(str(folder))
            self.status.setText(_("Mappen för säkerhetskopior är sparad."))
            self.refresh()

        self._run(lambda: settings.set_store_wide(FOLDER_KEY, str(folder)), done, _("Sparar…"))

    def save_keep(self) -> None:
        keep = self.keep_spin.value()
        settings = self._core.settings
        self._run(lambda: settings.set_store_wide(KEEP_KEY, keep),
                  lambda _c: self.status.setText(_("{n} säkerhetskopior behålls.").format(n=keep)), _("Sparar…"))

    def set_secret(self) -> None:
        folder = self._need_folder()
        if folder is None:
            return
        secret, repeat = self.secret_edit.text(), self.repeat_edit.text()
        if not secret:
            self.status.setText(_("Skriv lösenfrasen för säkerhetskopiorna."))
            return
        first_time = not any(e.complete for e in self._entries)
        if first_time and secret != repeat:
            self.status.setText(_("Första gången skrivs lösenfrasen två gånger, och de är inte lika."))
            return
        self.secret_edit.clear()
        self.repeat_edit.clear()

        def done(_none: object) -> None:
            self._secret = secret
            self.secret_state.setText(_("Lösenfrasen är angiven för den här sessionen."))
            self.status.setText(_("Lösenfrasen används tills appen låses."))
            self.check_schedule()

        self._run(lambda: check_secret(folder, secret), done, _("Kontrollerar lösenfrasen…"))

    # ---- backups ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        folder = self._folder
        if folder is None:
            return
        from stodapp.backup import list_backups

        def done(entries: list[Any]) -> None:
            self._entries = list(reversed(entries))  # newest first
            self.table.setRowCount(len(self._entries))
            for r, e in enumerate(self._entries):
                self.table.setItem(r, 0, QTableWidgetItem(local_time(e.taken_at)))
                self.table.setItem(r, 1, QTableWidgetItem(_("Hel") if e.complete else _("Ofullständig")))
                self.table.setItem(r, 2, QTableWidgetItem(""))
            newest = next((e for e in self._entries if e.complete), None)
            if newest is not None and not self.last_result:
                self.last_label.setText(_("Senaste säkerhetskopia: {t}.").format(t=local_time(newest.taken_at)))
            if self._entries:
                self.table.selectRow(0)

        self._run(lambda: list_backups(folder), done, _("Läser mappen…"))

    def _backup(self, op: Callable[[], Any], scheduled: bool) -> None:
        folder = self._need_folder()
        if folder is None:
            return
        if not self._secret:
            self.status.setText(_("Ange lösenfrasen för säkerhetskopiorna först."))
            return

        def done(manifest: Any) -> None:
            if manifest is None:
                return  # the schedule found a fresh enough backup
            when = local_time(datetime.fromisoformat(manifest.created_at))
            self.last_result = _("Senaste säkerhetskopia: {t}, {how}, kontrollerad ({r} rader).").format(
                t=when, how=_("schemalagd") if scheduled else _("manuell"), r=sum(manifest.row_counts.values()))
            self.last_label.setText(self.last_result)
            self.status.setText(_("Säkerhetskopian är skapad och kontrollerad."))
            self.refresh_after_busy()

        def failed(message: str) -> None:
            self.last_result = _("Senaste försöket misslyckades: {e}").format(e=message)
            self.last_label.setText(self.last_result)

        if self._run(op, done, _("Tar säkerhetskopia…"), failed):
            self.last_label.setText(_("Tar säkerhetskopia…"))

    def refresh_after_busy(self) -> None:
        QTimer.singleShot(0, self.refresh)

    def backup_now(self) -> None:
        folder, keep, secret, core = self._folder, self.keep_spin.value(), self._secret, self._core
        self._backup(lambda: take_backup(core, folder, secret, keep), scheduled=False)  # type: ignore[arg-type]

    def check_schedule(self) -> None:
        """Timer slot: a backup when the newest one is older than 24 h (only with folder and passphrase)."""
        if self.busy or self._folder is None or not self._secret:
            return
        folder, keep, secret, core = self._folder, self.keep_spin.value(), self._secret, self._core
        self._backup(lambda: backup_if_due(core, folder, secret, keep), scheduled=True)

    def verify_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._entries):
            self.status.setText(_("Välj en säkerhetskopia i listan först."))
            return
        if not self._secret:
            self.status.setText(_("Ange lösenfrasen för säkerhetskopiorna först."))
            return
        from stodapp.backup import verify_backup

        path, secret = self._entries[row].path, self._secret

        def done(report: Any) -> None:
            text = _("Hel: {r} rader, granskningskedjan obruten").format(r=report.rows)
            self.table.setItem(row, 2, QTableWidgetItem(text))
            self.status.setText(_("Säkerhetskopian från {t} är kontrollerad och hel.").format(
                t=local_time(self._entries[row].taken_at)))

        def failed(message: str) -> None:
            self.table.setItem(row, 2, QTableWidgetItem(_("Fel: {e}").format(e=message)))

        self._run(lambda: verify_backup(path, secret), done, _("Kontrollerar säkerhetskopian…"), failed)

    def forget_secret(self) -> None:
        self._secret = ""
