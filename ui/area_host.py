"""AreaHost: navigation list plus the stacked area widgets; builds areas lazily and destroys them on lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from stodapp.i18n import _
from ui.areas import AreaSpec
from ui.change_bus import ChangeBus
from ui.style import icon

if TYPE_CHECKING:
    from stodapp.core import Core


def scrub(widget: QWidget) -> None:
    """Empty whatever may hold case text before the widget is destroyed (models, search, undo)."""
    hook = getattr(widget, "clear_sensitive", None)
    if callable(hook):
        hook()
    for edit in widget.findChildren(QLineEdit):
        edit.clear()
    for text in widget.findChildren(QTextEdit):
        text.clear()
    for plain in widget.findChildren(QPlainTextEdit):
        plain.clear()
    for combo in widget.findChildren(QComboBox):
        combo.clear()
    for stack in widget.findChildren(QUndoStack):
        stack.clear()
    for view in widget.findChildren(QAbstractItemView):
        if isinstance(view, QListWidget | QTableWidget | QTreeWidget):
            view.clear()  # these own their model; replacing it would crash Qt
            continue
        model = view.model()
        if model is not None and hasattr(model, "clear"):
            model.clear()
        view.setModel(None)


def close_dialogs(window: QWidget) -> None:
    """Dialogs opened from case views are windows of their own: empty, close and delete them too."""
    from PySide6.QtWidgets import QDialog

    for dialog in window.findChildren(QDialog):
        scrub(dialog)
        dialog.reject()
        dialog.deleteLater()


#: Where an area was: plain values only (ids, codes, indices), never case text. See AreaHost.view_states().
ViewState = dict[str, object]


def capture_view(widget: QWidget, keep_text: bool) -> ViewState:
    """What an area shows now: its own `view_state(keep_text)` (ids, filter values) plus its tab pages."""
    hook = getattr(widget, "view_state", None)
    state: ViewState = dict(hook(keep_text)) if callable(hook) else {}
    state["_tabs"] = [tabs.currentIndex() for tabs in widget.findChildren(QTabWidget)]
    return state


def restore_view(widget: QWidget, state: ViewState) -> None:
    """Show what `capture_view` recorded again, as far as it still exists (a case may be gone)."""
    hook = getattr(widget, "restore_view_state", None)
    if callable(hook):
        hook(state)
    tabs = widget.findChildren(QTabWidget)
    indices = state.get("_tabs")
    if isinstance(indices, list) and len(indices) == len(tabs):
        for tab_widget, index in zip(tabs, indices, strict=True):
            if isinstance(index, int) and 0 <= index < tab_widget.count():
                tab_widget.setCurrentIndex(index)


class AreaHost(QWidget):
    sig_area_changed = Signal(str)
    """Emitted with the id of the area now shown."""
    sig_help = Signal(str)
    """Emitted with the id of the area shown when the user asks for its page in the user guide ("?")."""

    def __init__(self, core: Core, specs: list[AreaSpec], parent: QWidget | None = None, *,
                 states: dict[str, ViewState] | None = None, prefs: QSettings | None = None) -> None:
        super().__init__(parent)
        self._prefs = prefs  # splitter positions per area (layout only, never case content)
        self._pages: dict[str, QScrollArea] = {}
        self._core: Core | None = core
        self._states: dict[str, ViewState] = dict(states or {})  # restored when each area is next built
        self.bus = ChangeBus(core, self)  # one per unlocked session; areas subscribe to what they show
        self._specs = specs
        self._widgets: dict[str, QWidget] = {}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.side = QWidget(self)
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        self.nav = QListWidget(self.side)
        self.nav.setAccessibleName(_("Navigering mellan områden"))
        self.nav.setIconSize(QSize(24, 24))
        side.addWidget(self.nav, 1)
        self.help_button = QPushButton(_("? Hjälp"), self.side)
        self.help_button.setObjectName("area_help")
        self.help_button.setAccessibleName(_("Hjälp om området"))
        self.help_button.clicked.connect(lambda: self.sig_help.emit(self.current_id()))
        side.addWidget(self.help_button)
        for spec in specs:
            item = QListWidgetItem(icon(spec.icon), _(spec.label))
            item.setToolTip(_(spec.label))
            self.nav.addItem(item)
        self._fit_nav()
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(_("Det finns inga områden för din roll ännu."), self.stack)
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)
        lay.addWidget(self.side)
        lay.addWidget(self.stack, 1)
        self.nav.setVisible(bool(specs))
        self.nav.currentRowChanged.connect(self._on_row)

    @property
    def specs(self) -> list[AreaSpec]:
        return list(self._specs)

    def current_id(self) -> str:
        row = self.nav.currentRow()
        return self._specs[row].id if 0 <= row < len(self._specs) else ""

    def select(self, area_id: str) -> bool:
        for row, spec in enumerate(self._specs):
            if spec.id == area_id:
                self.nav.setCurrentRow(row)
                return True
        return False

    def select_first(self) -> None:
        if self._specs:
            self.nav.setCurrentRow(0)

    def widget_for(self, area_id: str) -> QWidget | None:
        return self._widgets.get(area_id)

    def _on_row(self, row: int) -> None:
        if not 0 <= row < len(self._specs):
            return
        spec = self._specs[row]
        widget = self._widgets.get(spec.id)
        if widget is None and self._core is not None:
            try:
                widget = spec.factory(self._core, self.stack)
            except Exception as exc:  # noqa: BLE001 - one broken area must not take the whole window down
                widget = self._broken(exc)
            widget.setObjectName(f"area_{spec.id}")
            self._widgets[spec.id] = widget
            self.stack.addWidget(self._page(spec, widget))
            self._remember_splitters(spec.id, widget)
            watch = getattr(widget, "watch_changes", None)
            if callable(watch):
                watch(self.bus)
            changed = getattr(widget, "sig_settings_changed", None)
            if changed is not None:
                changed.connect(self._settings_changed)
            state = self._states.pop(spec.id, None)
            if state:
                try:
                    restore_view(widget, state)
                except Exception:  # noqa: BLE001 - coming back to where one was is a courtesy; the area works
                    pass
        if widget is None:
            return  # the host was cleared (locked): nothing to show until the next unlock
        self.stack.setCurrentWidget(self._pages.get(spec.id, widget))
        label = _(spec.label)
        self.help_button.setToolTip(_("Öppna användarhandledningen om {area} (F1)").format(area=label))
        self.help_button.setAccessibleName(_("Hjälp om {area}").format(area=label))
        self.sig_area_changed.emit(spec.id)

    def _fit_nav(self) -> None:
        """The navigation is as wide as its longest label (in this language): it never clips or scrolls."""
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        frame = 2 * self.nav.frameWidth()
        widest = self.nav.sizeHintForColumn(0) if self.nav.count() else 0
        width = max(widest + frame + 12, self.help_button.sizeHint().width(), 96)
        self.nav.setFixedWidth(width)
        self.side.setFixedWidth(width)

    def _page(self, spec: AreaSpec, widget: QWidget) -> QWidget:
        """The area in a scroll area of its own: on a small or strongly scaled screen the window still fits the
        screen and the area scrolls (the layout audit fails on a horizontal scroll bar at 1280×720)."""
        if isinstance(widget, QLabel):
            return widget  # the message of an area that could not be built
        page = QScrollArea(self.stack)
        page.setObjectName(f"page_{spec.id}")
        page.setAccessibleName(_(spec.label))
        page.setFrameShape(QFrame.Shape.NoFrame)
        page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page.setWidgetResizable(True)
        page.setWidget(widget)
        self._pages[spec.id] = page
        return page

    def _remember_splitters(self, area_id: str, widget: QWidget) -> None:
        """Each splitter of the area comes back where the user left it (QSettings, per area and splitter)."""
        prefs = self._prefs
        if prefs is None:
            return
        for index, splitter in enumerate(widget.findChildren(QSplitter)):
            key = f"splitters/{area_id}/{index}"
            state = prefs.value(key)
            if isinstance(state, QByteArray | bytes) and state:
                splitter.restoreState(QByteArray(state))
            splitter.splitterMoved.connect(
                lambda _pos, _index, s=splitter, k=key: prefs.setValue(k, s.saveState()))

    def _broken(self, exc: Exception) -> QWidget:
        from ui.tasks import error_text

        label = QLabel(_("Området kunde inte öppnas: {error}").format(error=error_text(exc)), self.stack)
        label.setWordWrap(True)
        label.setAccessibleName(_("Felmeddelande"))
        return label

    def _settings_changed(self, *_args: object) -> None:
        window = self.window()
        refresh = getattr(window, "refresh_session_settings", None)
        if callable(refresh):
            refresh()

    def contains(self, widget: QWidget | None) -> bool:
        """Whether `widget` is part of an area's content (used for the clipboard guard)."""
        while widget is not None:
            if widget is self.stack:
                return True
            widget = widget.parentWidget()
        return False

    def view_states(self, keep_text: bool = False) -> dict[str, ViewState]:
        """Where each area was, to show it again after unlock or a language switch. `keep_text` keeps typed
        filter text (a language switch); after a lock only ids, codes and choices come back."""
        states = dict(self._states)  # areas not opened since the last restore keep what they had
        for area_id, widget in self._widgets.items():
            states[area_id] = capture_view(widget, keep_text)
        return states

    def destroy_areas(self) -> None:
        """Scrub and delete every area widget; the host itself stays (its nav holds no case data)."""
        for area_id, widget in self._widgets.items():
            scrub(widget)
            page = self._pages.get(area_id, widget)
            self.stack.removeWidget(page)
            page.hide()
            page.deleteLater()
        self._widgets.clear()
        self._pages.clear()
        self._core = None
        self.bus.close()
