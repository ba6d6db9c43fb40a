"""TrainerPanel: the trainer's view of the training store: vignettes (story, tags, rarity) and sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stodapp.errors import StodError
from stodapp.i18n import _, current_language
from ui.training.catalog import TrainingCatalog
from ui.training.session_panel import MODE_LABELS, STATUS_LABELS, SessionPanel
from ui.training.vignette_view import VignetteView, rarity_text

if TYPE_CHECKING:
    from stodapp.core import Core


class TrainerPanel(QWidget):
    sig_leave = Signal()
    """Emitted when the trainer closes the training store."""

    def __init__(self, core: Core, catalog: TrainingCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.core = core
        self.catalog = catalog
        self.service = core.training_over(catalog.definitions)
        self.setAccessibleName(_("Utbildarens översikt"))
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        who = core.principal.display_name or core.principal.username
        self.who = QLabel(_("Inloggad i övningsdatabasen som {name}.").format(name=who), self)
        self.who.setAccessibleName(_("Inloggad i övningsdatabasen"))
        top.addWidget(self.who, 1)
        self.leave_button = QPushButton(_("S&täng övningsdatabasen"), self)
        self.leave_button.setAccessibleName(_("Stäng övningsdatabasen"))
        self.leave_button.clicked.connect(self.sig_leave.emit)
        top.addWidget(self.leave_button)
        lay.addLayout(top)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Övning"))
        lay.addWidget(self.tabs, 1)
        self._vignettes_tab()
        self._sessions_tab()
        self.authoring.reload()
        self.refresh_sessions()

    # ---- vignettes -----------------------------------------------------------------------------------------
    def _vignettes_tab(self) -> None:
        page = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget(page)
        left_lay = QVBoxLayout(left)
        label = QLabel(_("&Fallbeskrivningar:"), left)
        self.vignette_list = QListWidget(left)
        self.vignette_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.vignette_list.setWordWrap(True)  # a long title wraps instead of running off the side
        self.vignette_list.setAccessibleName(_("Fallbeskrivningar"))
        label.setBuddy(self.vignette_list)
        self.fill_vignettes()
        left_lay.addWidget(label)
        left_lay.addWidget(self.vignette_list, 1)
        from ui.training.authoring_bar import AuthoringBar

        self.authoring: AuthoringBar = AuthoringBar(self, left)  # trainer-made: new, edit, copy, import, export
        left_lay.addWidget(self.authoring)
        right = QWidget(page)
        right_lay = QVBoxLayout(right)
        self.vignette_view = VignetteView(self.catalog, right)
        right_lay.addWidget(self.vignette_view, 1)
        start = QHBoxLayout()
        self.mode = QComboBox(right)
        for code, label_text in MODE_LABELS.items():
            self.mode.addItem(_(label_text), code)
        self.mode.setAccessibleName(_("Arbetssätt"))
        mode_label = QLabel(_("&Arbetssätt:"), right)
        mode_label.setBuddy(self.mode)
        self.start_button = QPushButton(_("&Starta övningstillfälle"), right)
        self.start_button.setAccessibleName(_("Starta ett övningstillfälle med den valda fallbeskrivningen"))
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(self.start_session)
        start.addWidget(mode_label)
        start.addWidget(self.mode)
        start.addStretch(1)
        start.addWidget(self.start_button)
        right_lay.addLayout(start)
        self.start_message = QLabel(right)
        self.start_message.setWordWrap(True)
        self.start_message.setAccessibleName(_("Meddelande"))
        right_lay.addWidget(self.start_message)
        right_lay.addWidget(self.authoring.message)  # import refusals list their lines: the wide side
        page.addWidget(left)
        page.addWidget(right)
        page.setStretchFactor(1, 2)
        self.vignette_list.currentItemChanged.connect(lambda *_a: self._vignette_selected())
        self.tabs.addTab(page, _("Fallbes&krivningar"))

    def fill_vignettes(self) -> None:
        """The catalog's vignettes in the list; trainer-made ones are marked "egen"."""
        lg = current_language()
        self.vignette_list.clear()
        for v in self.catalog.vignettes:
            label = f"{v.title.text(lg)} – {rarity_text(v.tags.rarity)}"
            if v.id in self.catalog.authored:
                label += " – " + _("egen")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            item.setToolTip(label)
            self.vignette_list.addItem(item)

    def _vignette_selected(self) -> None:
        item = self.vignette_list.currentItem()
        vignette = self.catalog.vignette(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.vignette_view.show_vignette(vignette)
        self.start_button.setEnabled(vignette is not None)

    def select_vignette(self, vignette_id: str) -> bool:
        for row in range(self.vignette_list.count()):
            if self.vignette_list.item(row).data(Qt.ItemDataRole.UserRole) == vignette_id:
                self.vignette_list.setCurrentRow(row)
                return True
        return False

    def start_session(self) -> int | None:
        vignette = self.vignette_view.vignette
        if vignette is None:
            return None
        try:
            change = self.service.start_session(vignette, mode=str(self.mode.currentData()))
        except StodError as err:
            self.start_message.setText(str(err))
            return None
        session_id = int(change.ids[0])
        self.start_message.clear()
        self.refresh_sessions(select=session_id)
        self.tabs.setCurrentIndex(1)
        return session_id

    # ---- sessions ------------------------------------------------------------------------------------------
    def _sessions_tab(self) -> None:
        page = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget(page)
        left_lay = QVBoxLayout(left)
        label = QLabel(_("Öv&ningstillfällen:"), left)
        self.session_list = QListWidget(left)
        self.session_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.session_list.setWordWrap(True)  # a long title wraps instead of running off the side
        self.session_list.setAccessibleName(_("Övningstillfällen"))
        label.setBuddy(self.session_list)
        left_lay.addWidget(label)
        left_lay.addWidget(self.session_list, 1)
        self.session_panel = SessionPanel(self.service, self.catalog, page)
        self.session_panel.sig_changed.connect(lambda: self.refresh_sessions(keep=True))
        page.addWidget(left)
        page.addWidget(self.session_panel)
        page.setStretchFactor(1, 2)
        self.session_list.currentItemChanged.connect(lambda *_a: self._session_selected())
        self.tabs.addTab(page, _("Övningstill&fällen"))

    def refresh_sessions(self, select: int | None = None, keep: bool = False) -> None:
        if keep and self.session_panel.session is not None:
            select = self.session_panel.session.id
        try:
            sessions = self.service.sessions()
        except StodError as err:
            self.start_message.setText(str(err))
            return
        self._sessions = {s.id: s for s in sessions}
        self.session_list.blockSignals(True)
        self.session_list.clear()
        for s in sessions:
            status = _(STATUS_LABELS.get(s.status, s.status))
            label = _("{id}: {title} ({n} deltagare, {status})")
            item = QListWidgetItem(label.format(id=s.id, title=s.title, n=len(s.trainees), status=status))
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(item.text())
            self.session_list.addItem(item)
            if s.id == select:
                self.session_list.setCurrentItem(item)
        self.session_list.blockSignals(False)
        if select is not None and select in self._sessions and not keep:
            self.session_panel.set_session(self._sessions[select])

    def _session_selected(self) -> None:
        item = self.session_list.currentItem()
        session = self._sessions.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.session_panel.set_session(session)

    def close_windows(self) -> None:
        self.session_panel.close_windows()
