"""Safety notices above the form: acute guidance (112/socialjour), honour context, disability, protection."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stodapp.concerns.notices import Notice
from stodapp.i18n import _

_STYLES = {
    "acute": "background:#b00020; color:white; font-weight:bold; font-size:14pt; padding:10px; border-radius:4px;",
    "warning": "background:#fde7e9; color:#5c0011; border:1px solid #b00020; padding:8px; border-radius:4px;",
    "info": "background:#e8f1fb; color:#0b2a4a; border:1px solid #2b6cb0; padding:8px; border-radius:4px;",
}


class NoticesBox(QWidget):
    """One label per notice; `codes()` lists what is shown (tests and screen readers read the text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Säkerhetsvarningar"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, QLabel] = {}

    def show_notices(self, notices: tuple[Notice, ...], extra: tuple[str, ...] = ()) -> None:
        for label in self.labels.values():
            self._layout.removeWidget(label)
            label.deleteLater()
        self.labels = {}
        for n in notices:
            style = "acute" if n.code == "acute" else n.level
            self._add(n.code, n.text, _STYLES.get(style, _STYLES["info"]))
        for i, text in enumerate(extra):
            self._add(f"extra{i}", text, _STYLES["info"])
        self.setVisible(bool(self.labels))

    def _add(self, code: str, text: str, style: str) -> None:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        label.setAccessibleName(text)
        label.setAccessibleDescription(_("Varning") if "b00020" in style else _("Information"))
        self._layout.addWidget(label)
        self.labels[code] = label

    def codes(self) -> list[str]:
        return list(self.labels)

    def text_of(self, code: str) -> str:
        label = self.labels.get(code)
        return label.text() if label is not None else ""
