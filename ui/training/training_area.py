"""TrainingArea: the Övning area. Signs the trainer in to the separate training store, then the trainer panel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.tasks import error_text, run_op
from ui.training.catalog import MARK_COLOUR, TRAINING_MARK, TrainingCatalog, load_catalog
from ui.training.sign_in_panel import TrainingSignInPanel
from ui.widgets.banner import Banner

if TYPE_CHECKING:
    from stodapp.core import Core


class TrainingArea(QWidget):
    """`core` is the signed-in case-store Core; only its data dir and user name are used here."""

    def __init__(self, core: Core, parent: QWidget | None = None, *, catalog: TrainingCatalog | None = None,
                 kdf: Any = None, clock: Any = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Övning"))
        self._case_dir = Path(core.files.data_dir)
        self._username = str(core.principal.username)
        self._catalog = catalog
        self._kdf = kdf
        self._clock = clock
        self.training_core: Any = None
        self.panel: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.banner = Banner(TRAINING_MARK, self, background=MARK_COLOUR)
        lay.addWidget(self.banner)
        self.stack = QStackedWidget(self)
        lay.addWidget(self.stack, 1)
        self.sign_in: TrainingSignInPanel | None = None
        self.show_sign_in()

    # ---- signing in ----------------------------------------------------------------------------------------
    def show_sign_in(self) -> None:
        from stodapp.training_store import training_store_exists

        panel = TrainingSignInPanel(self._username, training_store_exists(self._case_dir), self.stack)
        panel.sig_submit.connect(self._open)
        self.stack.addWidget(panel)
        self.stack.setCurrentWidget(panel)
        old, self.sign_in = self.sign_in, panel
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()

    def _open(self, username: str, passphrase: str, create: bool) -> None:
        case_dir, catalog, kdf, clock = self._case_dir, self._catalog, self._kdf, self._clock

        def work() -> tuple[Any, str, TrainingCatalog]:
            from stodapp.training_store import create_training_store, open_training_store

            cat = catalog or load_catalog()
            if create:
                core, recovery = create_training_store(case_dir, username, passphrase, kdf=kdf, clock=clock)
            else:
                core, recovery = open_training_store(case_dir, username, passphrase, clock=clock), ""
            return core, recovery, cat

        def failed(exc: BaseException) -> None:
            if self.sign_in is not None:
                self.sign_in.show_error(error_text(exc))

        run_op(self, work, self._opened, failed, label=_("Öppnar övningsdatabasen…"))

    def _opened(self, result: tuple[Any, str, TrainingCatalog]) -> None:
        core, recovery, catalog = result
        if self.sign_in is None:  # the area was scrubbed meanwhile (locked): never keep the store open
            core.close()
            return
        from ui.training.trainer_panel import TrainerPanel

        self.training_core, self._catalog = core, catalog
        self.panel = TrainerPanel(core, catalog, self.stack)
        self.panel.sig_leave.connect(self.leave)
        self.stack.addWidget(self.panel)
        self.stack.setCurrentWidget(self.panel)
        self.panel.setFocus()
        if recovery:
            box = QMessageBox(QMessageBox.Icon.Information, _("Återställningsnyckel för övningsdatabasen"),
                              _("Skriv ner återställningsnyckeln för övningsdatabasen (den visas bara nu):\n\n{key}")
                              .format(key=recovery), QMessageBox.StandardButton.Ok, self)  # fmt: skip
            box.setWindowTitle(f"{TRAINING_MARK} – {box.windowTitle()}")
            box.setAccessibleName(_("Återställningsnyckel"))
            self.recovery_box = box
            box.open()

    # ---- leaving -------------------------------------------------------------------------------------------
    def leave(self) -> None:
        """Close the training store and return to its sign-in."""
        self._close_store()
        self.show_sign_in()

    def _close_store(self) -> None:
        if self.panel is not None:
            self.panel.close_windows()
            self.stack.removeWidget(self.panel)
            self.panel.deleteLater()
            self.panel = None
        core, self.training_core = self.training_core, None
        if core is not None:
            core.close()

    def clear_sensitive(self) -> None:
        """Called before the area is destroyed (lock, sign-out): the training store never stays open."""
        self._close_store()
        self.sign_in = None
