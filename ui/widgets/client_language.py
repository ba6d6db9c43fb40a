"""A picker for the client's language: every client language, named in Swedish with its own name beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from stodapp.client_lang.languages import LANGUAGES


def language_label(code: str) -> str:
    lang = LANGUAGES[code]
    name = lang.swedish_name.capitalize()
    return name if lang.endonym.casefold() == lang.swedish_name.casefold() else f"{name} ({lang.endonym})"


def client_language_combo(parent: QWidget | None = None, default: str | None = None,
                          allow_unset: bool = False, unset_text: str = "") -> QComboBox:
    """A combo box of the client languages; `default` preselected; `allow_unset` adds "Inte angivet" (None), or
    `unset_text` where no label beside the box says what it is for."""
    from stodapp.i18n import _

    combo = QComboBox(parent)
    if allow_unset:
        combo.addItem(unset_text or _("Inte angivet"), None)
    for code in LANGUAGES:
        combo.addItem(language_label(code), code)
    if default is not None:
        combo.setCurrentIndex(max(combo.findData(default), 0))
    return combo
