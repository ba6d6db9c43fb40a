"""SettingsDialog: language (QSettings, needed before sign-in) and high contrast (per user, in the store)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from stodapp.i18n import _, current_language

if TYPE_CHECKING:
    from stodapp.core import Core


class SettingsDialog(QDialog):
    def __init__(self, core: Core, prefs: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Inställningar"))
        form = QFormLayout(self)
        self.lang_combo = QComboBox(self)
        self.lang_combo.setAccessibleName(_("Språk"))
        self.lang_combo.addItem("Svenska", "sv")
        self.lang_combo.addItem("English", "en")
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(current_language())))
        label = QLabel(_("&Språk:"), self)
        label.setBuddy(self.lang_combo)
        form.addRow(label, self.lang_combo)
        self.contrast_check = QCheckBox(_("&Hög kontrast"), self)
        self.contrast_check.setAccessibleName(_("Hög kontrast"))
        try:
            self.contrast_check.setChecked(bool(core.settings.get("ui.high_contrast", False)))
        except Exception:  # noqa: BLE001 - unreadable setting: unchecked
            self.contrast_check.setChecked(False)
        form.addRow("", self.contrast_check)
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Avbryt"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def language(self) -> str:
        return str(self.lang_combo.currentData())

    def high_contrast(self) -> bool:
        return self.contrast_check.isChecked()
