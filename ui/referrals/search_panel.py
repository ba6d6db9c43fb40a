"""Referral search panel: filters, results with open state and warnings, a handout of chosen resources."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stodapp import municipalities
from stodapp.clock import SystemClock
from stodapp.errors import StodError
from stodapp.i18n import _, ngettext
from stodapp.referrals.codes import CHANNEL_KINDS, TARGET_GROUPS, language_name
from stodapp.referrals.hours import STATE_LABELS, OpenState
from stodapp.referrals.search import SearchHit, SearchQuery
from ui.tasks import ScreenLoader, error_text
from ui.widgets.client_language import client_language_combo
from ui.widgets.municipality_completer import MunicipalityCompleter
from ui.widgets.paper_actions import PaperActions, PdfJob

if TYPE_CHECKING:
    from stodapp.referrals.local_entries import LocalEntries
    from stodapp.referrals.screen import ReferralSearchScreen

LANGUAGE_CHOICES = ("sv", "swl", "en", "ar", "fa", "prs", "so", "ti", "ku", "tr", "fi", "es", "fr")
STATE_MARK = {OpenState.OPEN: "●", OpenState.CLOSES_SOON: "◐", OpenState.CLOSED: "○", OpenState.UNKNOWN: "?"}


class SearchSource(Protocol):
    """What the panel searches: the core's ReferralService, or a ReferralDirectory (tools, tests)."""

    def search_screen(self, query: SearchQuery | None, now: datetime) -> ReferralSearchScreen: ...


class ReferralSearchPanel(QWidget):
    """Each search is one screen read (`search_screen`) off the GUI thread (`ui.tasks.ScreenLoader`): the first
    also loads the directory. Meanwhile the panel says so and the hits cannot be chosen; a slower search that a
    newer one overtook is dropped. "Open now" is judged by `now`, the core's clock in the GUI."""

    sig_selection_changed = Signal(list)  # resource ids
    sig_loaded = Signal()  # a search's hits (or its error) are shown

    def __init__(self, source: SearchSource, parent: QWidget | None = None, now: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._now = now or SystemClock().now  # the GUI passes the core's clock
        self._loader = ScreenLoader(self)
        self._hits: list[SearchHit] = []
        self._local: LocalEntries | None = None
        self._searched = False  # True once a search's hits are shown
        self._want_selected: list[str] | None = None  # resources to choose again once the hits are read
        self._loading_text = ""
        self.setAccessibleName(_("Stödkatalog"))

        self.group = QComboBox()
        self.group.addItem(_("Alla målgrupper"), None)
        for code, label in TARGET_GROUPS.items():
            self.group.addItem(_(label), code)
        self.group.setAccessibleName(_("Målgrupp"))
        self.language = QComboBox()
        self.language.addItem(_("Alla språk"), None)
        for code in LANGUAGE_CHOICES:
            self.language.addItem(f"{language_name(code)} ({code})", code)
        self.language.setAccessibleName(_("Språk"))
        self.channel = QComboBox()
        self.channel.addItem(_("Alla kanaler"), None)
        for code, label in CHANNEL_KINDS.items():
            self.channel.addItem(_(label), code)
        self.channel.setAccessibleName(_("Kanal"))
        self.age = QSpinBox()
        self.age.setRange(-1, 120)
        self.age.setValue(-1)
        self.age.setSpecialValueText(_("Alla åldrar"))
        self.age.setAccessibleName(_("Ålder"))
        self.kommun = QLineEdit()
        self.kommun.setPlaceholderText(_("Namn eller kod, t.ex. Haninge eller 0136"))
        self.kommun.setAccessibleName(_("Kommun (namn eller kommunkod)"))
        self.kommun.setCompleter(MunicipalityCompleter(self.kommun))
        self.kommun.returnPressed.connect(self.run_search)
        self.open_now = QCheckBox(_("Bara öppna nu"))
        self.open_now.setAccessibleName(_("Bara öppna nu"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(_("Fritext"))
        self.text.setAccessibleName(_("Fritext"))
        self.search_button = QPushButton(_("Sök"))
        self.search_button.setAccessibleName(_("Sök i stödkatalogen"))
        self.search_button.setDefault(True)

        form = QFormLayout()
        form.addRow(_("Målgrupp"), self.group)
        form.addRow(_("Språk"), self.language)
        form.addRow(_("Kanal"), self.channel)
        form.addRow(_("Ålder"), self.age)
        form.addRow(_("Kommun"), self.kommun)
        form.addRow(_("Fritext"), self.text)
        form.addRow("", self.open_now)

        self.results = QListWidget()
        self.results.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.results.setAccessibleName(_("Träffar"))
        self.status = QLabel("")
        self.status.setAccessibleName(_("Sökstatus"))
        self.status.setWordWrap(True)

        self.handout_lang = client_language_combo(None, "sv")
        self.handout_lang.setAccessibleName(_("Språk på stödbladet"))
        self.large = QCheckBox(_("Stor text"))
        self.large.setAccessibleName(_("Stor text på stödbladet"))
        self.handout_button = PaperActions(self._handout_job, lambda: "stodblad.pdf", what=_("stödbladet"),
                                           menu_text=_("Stödblad…"))
        self.handout_button.setEnabled(False)
        self.handout_button.sig_failed.connect(lambda text: QMessageBox.warning(self, _("Stödblad"), text))
        self.handout_button.sig_saved.connect(lambda _path: self.status.setText(_("Stödbladet sparades.")))
        self.handout_button.sig_printed.connect(
            lambda _n: self.status.setText(_("Stödbladet skickades till skrivaren.")))

        row = QHBoxLayout()
        row.addWidget(self.handout_lang)
        row.addWidget(self.large)
        row.addStretch(1)
        row.addWidget(self.handout_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.search_button)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addLayout(row)

        self.search_button.clicked.connect(self.run_search)
        self.text.returnPressed.connect(self.run_search)
        self.results.itemSelectionChanged.connect(self._selection_changed)
        self.run_search()

    # ---- search --------------------------------------------------------------------------------------------
    def query(self) -> SearchQuery:
        age = self.age.value()
        group = self.group.currentData()
        typed = self.kommun.text().strip()
        code = municipalities.resolve(typed).code if typed else None
        return SearchQuery(
            groups=(group,) if group else (),
            language=self.language.currentData(),
            channel=self.channel.currentData(),
            age=None if age < 0 else age,
            municipality=code,
            open_at=self._now() if self.open_now.isChecked() else None,
            text=self.text.text(),
        )

    @property
    def loading(self) -> bool:
        """True while a search is being read (tests wait for it: tests.ui.helpers.settled)."""
        return self._loader.loading

    def run_search(self) -> None:
        """Search with the filters as they are now, off the GUI thread; a filter that cannot be read is said in
        the status line and changes nothing."""
        try:
            query, now = self.query(), self._now()
        except (StodError, ValueError) as err:
            self.status.setText(str(err).splitlines()[0])
            return
        source = self._source
        self._loader.load(lambda: source.search_screen(query, now), self._shown, self._failed)
        self._loading_text = _("Söker i stödkatalogen…") if self._searched else _("Läser in stödkatalogen…")
        self.status.setText(self._loading_text)
        self.results.setEnabled(False)
        self.handout_button.setEnabled(False)

    def _shown(self, screen: ReferralSearchScreen) -> None:
        self._searched = True
        self._hits, self._local = list(screen.hits), screen.local
        wanted, self._want_selected = self._want_selected, None
        self.results.blockSignals(True)
        self.results.clear()
        for hit in self._hits:
            item = QListWidgetItem(self._label(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.resource.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self._label(hit))
            self.results.addItem(item)
            item.setSelected(wanted is not None and hit.resource.id in wanted)
        self.results.blockSignals(False)
        self.results.setEnabled(True)
        self.status.setText(ngettext("{n} träff", "{n} träffar", len(self._hits)).format(n=len(self._hits)))
        self._selection_changed()
        self.sig_loaded.emit()

    def _failed(self, err: BaseException) -> None:
        self._want_selected = None
        self.results.setEnabled(True)
        self.status.setText(str(err).splitlines()[0] if isinstance(err, StodError | ValueError) else error_text(err))
        self._selection_changed()
        self.sig_loaded.emit()

    # ---- Coming back after a language switch or a lock ----------------------------------------------------
    def view_state(self, keep_text: bool = False) -> dict[str, object]:
        """The filters and the chosen resources; typed text (kommun, fritext) only when `keep_text`."""
        state: dict[str, object] = {
            "group": self.group.currentData(), "language": self.language.currentData(),
            "channel": self.channel.currentData(), "age": self.age.value(), "open_now": self.open_now.isChecked(),
            "handout_lang": self.handout_lang.currentData(), "large": self.large.isChecked(),
            "selected": self.selected_ids(),
        }
        if keep_text:
            state.update(kommun=self.kommun.text(), text=self.text.text())
        return state

    def restore_view_state(self, state: dict[str, object]) -> None:
        for combo, key in ((self.group, "group"), (self.language, "language"), (self.channel, "channel"),
                           (self.handout_lang, "handout_lang")):
            index = combo.findData(state.get(key))
            if index >= 0:
                combo.setCurrentIndex(index)
        age = state.get("age")
        if isinstance(age, int):
            self.age.setValue(age)
        self.open_now.setChecked(bool(state.get("open_now")))
        self.large.setChecked(bool(state.get("large")))
        self.kommun.setText(str(state.get("kommun") or ""))
        self.text.setText(str(state.get("text") or ""))
        chosen = state.get("selected")
        self.run_search()
        if self.loading:  # chosen again once the hits are read
            self._want_selected = [str(c) for c in chosen] if isinstance(chosen, list) else None

    def _label(self, hit: SearchHit) -> str:
        r = hit.resource
        parts = [f"{STATE_MARK[hit.state]} {_(STATE_LABELS[hit.state])} – {r.name}"]
        phone = next((c for c in r.channels if c.kind == "phone" and c.contact), None)
        if phone is not None and phone.contact:
            parts.append(phone.contact)
            if phone.shows_on_phone_bill is False:
                parts.append(_("syns inte på telefonräkningen"))
        for kind in r.phone_bill_channels:
            parts.append(_("Obs: {channel} syns på telefonräkningen").format(channel=_(CHANNEL_KINDS[kind])))
        if hit.via_interpreter:
            parts.append(_("via tolk"))
        checked = r.provenance.last_checked
        if hit.review == "never_checked" or checked is None:
            parts.append(_("ej kontrollerad"))
        elif hit.review == "overdue":
            parts.append(_("kontrollerad {day} – dags att kontrollera igen").format(day=checked.isoformat()))
        else:
            parts.append(_("kontrollerad {day}").format(day=checked.isoformat()))
        return " · ".join(parts)

    def selected_ids(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.results.selectedItems()]

    def _selection_changed(self) -> None:
        ids = self.selected_ids()
        self.handout_button.setEnabled(bool(ids) and not self.loading)
        self.sig_selection_changed.emit(ids)

    # ---- handout -------------------------------------------------------------------------------------------
    def _handout_job(self) -> PdfJob | None:
        """Public directory facts only (the chosen resources, language, text size), read here on the GUI thread."""
        from stodapp.referrals.handout_pdf import render_handout

        chosen = [h.resource for h in self._hits if h.resource.id in set(self.selected_ids())]
        if not chosen:
            return None
        lang, large = str(self.handout_lang.currentData()), self.large.isChecked()
        local = self._local
        return lambda: render_handout(chosen, lang=lang, large=large, local=local)

    def make_handout(self) -> bytes:
        job = self._handout_job()
        return job() if job is not None else b""
