"""SessionPanel: one exercise session: its trainees, a trainee's turn, importing result files, results, closing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_stamp
from stodapp.errors import StodError
from stodapp.i18n import N_, _
from stodapp.training.ratings import MAX_BYTES, RatingsFile
from stodapp.training.service import SessionView
from ui.training.catalog import TrainingCatalog

if TYPE_CHECKING:
    from stodapp.training.service import TrainingService

MODE_LABELS = {"turns": N_("turas om på en dator"), "files": N_("flera datorer, resultat som filer")}
STATUS_LABELS = {"open": N_("pågår"), "closed": N_("avslutat")}


class SessionPanel(QWidget):
    sig_changed = Signal()
    """Emitted after a result was recorded or the session closed (the session list refreshes)."""

    def __init__(self, service: TrainingService, catalog: TrainingCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.catalog = catalog
        self.session: SessionView | None = None
        self.windows: list[QWidget] = []
        self.setAccessibleName(_("Övningstillfälle"))
        lay = QVBoxLayout(self)
        self.heading = QLabel(_("Välj ett övningstillfälle."), self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 120%; font-weight: 700;")
        self.heading.setAccessibleName(_("Valt övningstillfälle"))
        lay.addWidget(self.heading)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        lay.addWidget(self.details)
        trainees_label = QLabel(_("&Deltagare med resultat:"), self)
        self.trainees = QListWidget(self)
        self.trainees.setAccessibleName(_("Deltagare med resultat"))
        trainees_label.setBuddy(self.trainees)
        lay.addWidget(trainees_label)
        lay.addWidget(self.trainees, 1)
        grid = QGridLayout()
        self.turn_button = QPushButton(_("&Nästa deltagares tur…"), self)
        self.turn_button.setAccessibleName(_("Låt nästa deltagare svara på den här datorn"))
        self.turn_button.clicked.connect(self.next_trainee)
        self.import_button = QPushButton(_("&Importera resultatfiler…"), self)
        self.import_button.setAccessibleName(_("Importera deltagarnas bedömningsfiler"))
        self.import_button.clicked.connect(self.import_files)
        self.results_button = QPushButton(_("&Resultat och rapport…"), self)
        self.results_button.setAccessibleName(_("Visa resultat och spara rapport"))
        self.results_button.clicked.connect(self.show_results)
        self.close_button = QPushButton(_("A&vsluta tillfället"), self)
        self.close_button.setAccessibleName(_("Avsluta övningstillfället"))
        self.close_button.clicked.connect(self.close_session)
        for n, b in enumerate((self.turn_button, self.import_button, self.results_button, self.close_button)):
            grid.addWidget(b, n // 2, n % 2)
        lay.addLayout(grid)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meddelande"))
        lay.addWidget(self.message)
        self.set_session(None)

    # ---- state ---------------------------------------------------------------------------------------------
    def set_session(self, session: SessionView | None) -> None:
        self.session = session
        self.trainees.clear()
        self.message.clear()
        is_open = session is not None and session.status == "open"
        for b in (self.turn_button, self.import_button, self.close_button):
            b.setEnabled(is_open)
        self.results_button.setEnabled(session is not None and bool(session.trainees))
        if session is None:
            self.heading.setText(_("Välj ett övningstillfälle."))
            self.details.clear()
            return
        self.heading.setText(_("Tillfälle {id}: {title}").format(id=session.id, title=session.title))
        self.details.setText(_("Startat {when}. Arbetssätt: {mode}. Status: {status}.").format(
            when=local_stamp(session.created_at), mode=_(MODE_LABELS.get(session.mode, session.mode)),
            status=_(STATUS_LABELS.get(session.status, session.status))))  # fmt: skip
        self.trainees.addItems(list(session.trainees))

    def _reload(self) -> None:
        if self.session is not None:
            self.set_session(self.service.session(self.session.id))
        self.sig_changed.emit()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #a00000; font-weight: 600;" if error else "color: #105010;")
        self.message.setText(text)

    # ---- actions -------------------------------------------------------------------------------------------
    def next_trainee(self) -> QWidget | None:
        from ui.training.trainee_run_dialog import TraineeRunDialog

        if self.session is None:
            return None
        vignette = self.catalog.vignette(self.session.vignette_id)
        if vignette is None:
            self._say(_("Fallbeskrivningen {id} finns inte längre.").format(id=self.session.vignette_id), True)
            return None
        session_id = self.session.id

        def submit(ratings: RatingsFile) -> None:
            self.service.submit(session_id, ratings)

        dialog = TraineeRunDialog(vignette, self.catalog.definitions, submit, self)
        dialog.accepted.connect(lambda: self._handed_in(dialog))
        self.windows.append(dialog)
        dialog.open()
        return dialog

    def _handed_in(self, dialog: Any) -> None:
        name = dialog.submitted.trainee if dialog.submitted is not None else ""
        self._reload()
        self._say(_("Svaren från {name} är inlämnade. Nästa deltagare kan börja.").format(name=name))

    def import_files(self) -> None:
        if self.session is None:
            return
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Importera bedömningsfiler"), "",
                                                      _("Bedömningsfiler (*.json)"))  # fmt: skip
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        """Each file on its own: a bad file is refused with its one-line reason and the others still count."""
        assert self.session is not None
        done, errors = [], []
        for path in paths:
            try:
                if path.stat().st_size > MAX_BYTES:
                    raise StodError(_("{name}: filen är för stor").format(name=path.name))
                self.service.import_file(self.session.id, path.read_bytes(), path.name)
                done.append(path.name)
            except StodError as err:
                errors.append(str(err))
            except OSError as err:
                errors.append(_("{name}: kan inte läsas ({why})").format(name=path.name,
                                                                          why=err.strerror or type(err).__name__))
        self._reload()
        lines = [_("Importerade: {names}").format(names=", ".join(done))] if done else []
        self._say("\n".join(lines + errors), bool(errors))

    def show_results(self) -> QWidget | None:
        from ui.training.results_dialog import ResultsDialog

        if self.session is None:
            return None
        try:
            results = self.service.results(self.session.id)
        except StodError as err:
            self._say(str(err), True)
            return None
        dialog = ResultsDialog(results, self)
        self.windows.append(dialog)
        dialog.open()
        return dialog

    def close_session(self) -> None:
        if self.session is None:
            return
        try:
            self.service.close_session(self.session.id)
        except StodError as err:
            self._say(str(err), True)
            return
        self._reload()
        self._say(_("Tillfället är avslutat; inga fler resultat kan läggas till."))

    def close_windows(self) -> None:
        for window in self.windows:
            try:
                window.close()
                window.deleteLater()
            except RuntimeError:  # already deleted by Qt
                pass
        self.windows.clear()
