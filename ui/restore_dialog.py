"""RestoreDialog: verify a backup, restore it into a NEW data dir, show the new recovery key once, offer to open it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_stamp, local_today
from stodapp.i18n import _
from ui.tasks import error_text, run_op
from ui.widgets.passphrase_edit import PassphraseEdit

ERROR_STYLE = "color: #b00020;"
RestoreFn = Callable[[Path, Path, str, str, str], str]  # (target, backup folder, secret, admin, new) -> recovery


def _local(iso: str) -> str:
    return local_stamp(datetime.fromisoformat(iso))


def resolve_backup_folder(folder: Path) -> Path:
    """The folder itself when it holds a manifest, else the newest complete `stodapp-backup-*` inside it."""
    from stodapp.backup import list_backups
    from stodapp.backup.manifest import MANIFEST_FILE
    from stodapp.errors import UserInputError

    if (folder / MANIFEST_FILE).is_file():
        return folder
    complete = [e for e in list_backups(folder) if e.complete]
    if not complete:
        raise UserInputError(_("Mappen {f} innehåller ingen hel säkerhetskopia.").format(f=folder))
    return complete[-1].path


def suggest_target(damaged: Path, today: date) -> Path:
    """A new sibling folder next to the damaged data dir (never the damaged one)."""
    base = damaged.parent / f"{damaged.name}-aterstalld-{today:%Y%m%d}"
    candidate, n = base, 2
    while candidate.exists():
        candidate, n = base.with_name(f"{base.name}-{n}"), n + 1
    return candidate


def target_problem(target: Path, damaged: Path) -> str:
    """Why `target` cannot receive the restore, or '' when it can (the restore itself checks again)."""
    try:
        t, d = target.resolve(), damaged.resolve()
    except OSError:
        return _("Mappen {f} kan inte användas.").format(f=target)
    if t == d or d in t.parents:
        return _("Välj en ny mapp utanför den skadade datamappen; den skadade databasen lämnas orörd.")
    if t.exists() and (not t.is_dir() or any(t.iterdir())):
        return _("Mappen {f} är inte tom; återställningen görs bara till en ny, tom mapp.").format(f=target)
    return ""


def verify_then_restore(folder: Path, secret: str, target: Path, admin: str, new_passphrase: str,
                        restore: RestoreFn) -> tuple[Any, str]:
    """Worker: check the new passphrase, verify the backup, then restore. Returns (BackupReport, recovery key)."""
    from stodapp import passphrase as policy
    from stodapp.backup import verify_backup

    policy.check(new_passphrase, admin)
    folder = resolve_backup_folder(folder)
    report = verify_backup(folder, secret)  # nothing is written before this succeeds
    return report, restore(target, folder, secret, admin, new_passphrase)


class RestoreDialog(QDialog):
    """Two pages: the form, then the new recovery key. `restored_dir` / `open_requested` tell the caller the outcome."""

    def __init__(self, damaged_dir: Path, restore: RestoreFn, parent: QWidget | None = None, *,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._damaged = Path(damaged_dir)
        self._restore = restore
        self.restored_dir: Path | None = None
        self.open_requested = False
        self.busy = False
        self.setWindowTitle(_("Återställ från säkerhetskopia"))
        self.setAccessibleName(_("Återställ från säkerhetskopia"))
        lay = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        lay.addWidget(self.pages)
        self._form_page(today or local_today())
        self._key_page()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)

    def _browse_row(self, parent: QWidget, edit: QLineEdit, button_text: str, name: str,
                    pick: Callable[[], None]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        button = QPushButton(button_text, parent)
        button.setAccessibleName(name)
        button.clicked.connect(pick)
        row.addWidget(button)
        return row

    def _form_page(self, today: date) -> None:
        page = QWidget(self.pages)
        lay = QVBoxLayout(page)
        intro = QLabel(_(
            "Säkerhetskopian kontrolleras först (nyckel, integritet, antal rader och granskningslogg) och "
            "återställs sedan till en NY, tom datamapp. Den skadade databasen i {d} lämnas orörd, så att "
            "systemförvaltaren kan undersöka den. Bara administratören du anger kan logga in i den återställda "
            "databasen; övriga användare får nya lösenfraser av administratören.").format(d=self._damaged), page)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.folder_edit = QLineEdit(page)
        self.folder_edit.setAccessibleName(_("Mapp med säkerhetskopian"))
        folder_label = QLabel(_("&Säkerhetskopia:"), page)
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, self._browse_row(page, self.folder_edit, _("&Bläddra…"),
                                                   _("Välj mapp med säkerhetskopian"), self._pick_folder))
        self.secret_edit = PassphraseEdit(page)
        self.secret_edit.setAccessibleName(_("Lösenfras för säkerhetskopian"))
        secret_label = QLabel(_("&Lösenfras för kopian:"), page)
        secret_label.setBuddy(self.secret_edit)
        form.addRow(secret_label, self.secret_edit)
        self.target_edit = QLineEdit(str(suggest_target(self._damaged, today)), page)
        self.target_edit.setAccessibleName(_("Ny datamapp"))
        target_label = QLabel(_("N&y datamapp:"), page)
        target_label.setBuddy(self.target_edit)
        form.addRow(target_label, self._browse_row(page, self.target_edit, _("Bl&äddra…"),
                                                   _("Välj ny datamapp"), self._pick_target))
        self.admin_edit = QLineEdit("admin", page)
        self.admin_edit.setAccessibleName(_("Administratörens användarnamn"))
        admin_label = QLabel(_("&Administratör:"), page)
        admin_label.setBuddy(self.admin_edit)
        form.addRow(admin_label, self.admin_edit)
        self.new_edit = PassphraseEdit(page)
        self.new_edit.setAccessibleName(_("Ny lösenfras för administratören"))
        new_label = QLabel(_("Ny &lösenfras:"), page)
        new_label.setBuddy(self.new_edit)
        form.addRow(new_label, self.new_edit)
        self.repeat_edit = PassphraseEdit(page)
        self.repeat_edit.setAccessibleName(_("Upprepa den nya lösenfrasen"))
        repeat_label = QLabel(_("&Upprepa:"), page)
        repeat_label.setBuddy(self.repeat_edit)
        form.addRow(repeat_label, self.repeat_edit)
        lay.addLayout(form)
        self.error_label = QLabel("", page)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setAccessibleName(_("Felmeddelande"))
        lay.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.restore_button = QPushButton(_("&Kontrollera och återställ"), page)
        self.restore_button.setAccessibleName(_("Kontrollera och återställ"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.submit)
        buttons.addWidget(self.restore_button)
        cancel = QPushButton(_("Avbryt"), page)
        cancel.setAccessibleName(_("Avbryt"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        lay.addLayout(buttons)
        self.pages.addWidget(page)

    def _key_page(self) -> None:
        page = QWidget(self.pages)
        lay = QVBoxLayout(page)
        self.done_label = QLabel("", page)
        self.done_label.setWordWrap(True)
        lay.addWidget(self.done_label)
        self.key_view = QPlainTextEdit(page)
        self.key_view.setReadOnly(True)
        self.key_view.setAccessibleName(_("Ny återställningsnyckel"))
        self.key_view.setMaximumHeight(self.fontMetrics().height() * 4)
        lay.addWidget(self.key_view)
        self.saved_check = QCheckBox(_("Jag har skrivit ned nyckeln och förvarar den förseglad"), page)
        self.saved_check.setAccessibleName(_("Jag har skrivit ned nyckeln"))
        lay.addWidget(self.saved_check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton(_("Ö&ppna den återställda databasen"), page)
        self.open_button.setAccessibleName(_("Öppna den återställda databasen"))
        self.open_button.setEnabled(False)
        self.saved_check.toggled.connect(self.open_button.setEnabled)
        self.open_button.clicked.connect(self._open)
        buttons.addWidget(self.open_button)
        self.close_button = QPushButton(_("&Stäng"), page)
        self.close_button.setAccessibleName(_("Stäng"))
        self.close_button.setEnabled(False)
        self.saved_check.toggled.connect(self.close_button.setEnabled)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)
        lay.addStretch(1)
        self.pages.addWidget(page)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Välj mapp med säkerhetskopian"), self.folder_edit.text())
        if path:
            self.folder_edit.setText(path)

    def _pick_target(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _("Välj ny, tom datamapp"), str(self._damaged.parent))
        if path:
            self.target_edit.setText(path)

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)

    def submit(self) -> None:
        if self.busy:
            return
        folder, target = self.folder_edit.text().strip(), self.target_edit.text().strip()
        secret, admin, new = self.secret_edit.text(), self.admin_edit.text().strip(), self.new_edit.text()
        if not folder or not target or not secret or not admin or not new:
            self._fail(_("Fyll i alla fält."))
            return
        if new != self.repeat_edit.text():
            self._fail(_("De nya lösenfraserna är inte lika."))
            return
        problem = target_problem(Path(target), self._damaged)
        if problem:
            self._fail(problem)
            return
        self._fail("")
        self.busy = True
        self.restore_button.setEnabled(False)

        def done(result: tuple[Any, str]) -> None:
            self.busy = False
            report, recovery = result
            self.restored_dir = Path(target)
            self.secret_edit.clear()
            self.new_edit.clear()
            self.repeat_edit.clear()
            self.done_label.setText(_(
                "Säkerhetskopian från {t} var hel ({r} rader, granskningskedjan obruten) och är återställd till "
                "{d}. Bara {u} kan logga in. Ny återställningsnyckel – den visas bara nu, skriv ned den och "
                "förvara den förseglad:").format(t=_local(report.created_at), r=report.rows, d=target, u=admin))
            self.key_view.setPlainText(recovery)
            self.pages.setCurrentIndex(1)
            self.saved_check.setFocus()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.restore_button.setEnabled(True)
            self._fail(_("Återställningen gjordes inte: {e}").format(e=error_text(exc)))

        run_op(self, lambda: verify_then_restore(Path(folder), secret, Path(target), admin, new, self._restore),
               done, failed, label=_("Kontrollerar och återställer…"))

    def _open(self) -> None:
        self.open_requested = True
        self.accept()

    def reject(self) -> None:
        if self.busy or (self.pages.currentIndex() == 1 and not self.saved_check.isChecked()):
            return  # never lose the only view of the new recovery key by a stray Escape
        super().reject()

    def done(self, result: int) -> None:  # noqa: D102 - the key leaves the widget whichever way the dialog closes
        self.key_view.clear()
        super().done(result)
