"""Administrator tab "Frågor om våld": the question policy per unit (store-wide setting read by the case view)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.asking_models import POLICY_MODES, QuestionPolicy
from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine
from ui.tasks import ScreenLoader, error_text

if TYPE_CHECKING:
    from stodapp.core import Core


def unit_label(unit: str) -> str:
    return unit or _("(standard för enheter utan egen rutin)")


def mode_text(policy: QuestionPolicy) -> str:
    if policy.mode == "rutin_intervall":
        return _("Rutinmässigt var {n}:e månad").format(n=policy.months)
    return _(POLICY_MODES[policy.mode])


class AskingPolicyPanel(QWidget):
    """The policies are read off the GUI thread (`ui.tasks.ScreenLoader`); meanwhile the panel says so and its
    form takes no input. Saving is one write, then the table is read again."""

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._asking = core.cases.asking
        self._loader = ScreenLoader(self)
        self.setAccessibleName(_("Frågor om våld"))
        lay = QVBoxLayout(self)
        intro = QLabel(_("Här anger ni enhetens rutin för att fråga om våld. Handläggaren ser i varje ärende "
                         "vad rutinen säger. Enheter utan egen rutin följer standardrutinen."), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(_("Rutiner per enhet"))
        self.table.setHorizontalHeaderLabels([_("Enhet"), _("Rutin")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)
        box = QGroupBox(_("Ändra rutin"), self)
        form = QFormLayout(box)
        self.unit = QComboBox(box)
        self.unit.setEditable(True)
        self.unit.setAccessibleName(_("Enhet"))
        self.unit.setToolTip(_("Skriv enhetens namn som det står i ärendet; lämna tomt för standardrutinen."))
        self.mode = QComboBox(box)
        self.mode.setAccessibleName(_("Rutin"))
        for key, label in POLICY_MODES.items():
            self.mode.addItem(_(label), key)
        self.months = QSpinBox(box)
        self.months.setRange(1, 60)
        self.months.setValue(12)
        self.months.setSuffix(_(" mån"))
        self.months.setAccessibleName(_("Antal månader mellan rutinfrågorna"))
        self.save_button = QPushButton(_("&Spara rutinen"), box)
        self.save_button.setAccessibleName(_("Spara rutinen"))
        form.addRow(_("Enhet"), self.unit)
        form.addRow(_("Rutin"), self.mode)
        form.addRow(_("Intervall"), self.months)
        form.addRow("", self.save_button)
        lay.addWidget(box)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        self.status = QLabel("", self)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)
        self.mode.currentIndexChanged.connect(self._sync)
        self.table.itemSelectionChanged.connect(self._pick)
        self.save_button.clicked.connect(self.save)
        self.policies: dict[str, QuestionPolicy] = {}
        self.reload()

    def _sync(self) -> None:
        self.months.setEnabled(self.mode.currentData() == "rutin_intervall")

    @property
    def loading(self) -> bool:
        """True while the policies are being read (tests wait for it: tests.ui.helpers.settled)."""
        return self._loader.loading

    def reload(self) -> None:
        """Read the policies again, off the GUI thread."""
        self._loader.load(self._asking.policies, self._loaded, self._failed)
        self.table.setEnabled(False)
        self.save_button.setEnabled(False)
        if not self.policies:
            self.status.setText(_("Läser in rutinerna…"))

    def _failed(self, err: BaseException) -> None:
        self.table.setEnabled(True)
        self.save_button.setEnabled(True)
        self.status.clear()
        self.error.show_error(error_text(err))

    def _loaded(self, policies: dict[str, QuestionPolicy]) -> None:
        self.table.setEnabled(True)
        self.save_button.setEnabled(True)
        if self.status.text() == _("Läser in rutinerna…"):
            self.status.clear()
        self.policies = policies if "" in policies else {"": QuestionPolicy(), **policies}
        self.table.setRowCount(len(self.policies))
        current = self.unit.currentText()
        self.unit.clear()
        for r, (unit, pol) in enumerate(self.policies.items()):
            self.table.setItem(r, 0, QTableWidgetItem(unit_label(unit)))
            self.table.setItem(r, 1, QTableWidgetItem(mode_text(pol)))
            if unit:
                self.unit.addItem(unit)
        self.unit.setEditText(current)
        self._sync()

    def _pick(self) -> None:
        row = self.table.currentRow()
        units = list(self.policies)
        if not 0 <= row < len(units):
            return
        unit = units[row]
        pol = self.policies[unit]
        self.unit.setEditText(unit)
        self.mode.setCurrentIndex(self.mode.findData(pol.mode))
        if pol.months:
            self.months.setValue(pol.months)

    def save(self) -> None:
        self.error.clear_error()
        self.status.clear()
        unit = self.unit.currentText().strip()
        mode = self.mode.currentData()
        try:
            policy = QuestionPolicy(mode=mode, months=self.months.value() if mode == "rutin_intervall" else None)
            self._asking.set_policy(unit, policy)
        except ValidationError:
            self.error.show_error(_("Antalet månader ska vara 1–60."))
            return
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.status.setText(_("Rutinen för {unit} är sparad: {mode}.").format(
            unit=unit_label(unit), mode=mode_text(policy)))
        self.reload()
