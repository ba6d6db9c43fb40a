"""GuideWindow: the built-in user guide (bundled HTML in a QTextBrowser; links between pages, never the network)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from stodapp.i18n import _
from ui.guide.pages import INDEX, PAGES, guide_dir, guide_language, guide_root, page_of, page_path

_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)

STYLE = """
h1 { font-size: x-large; margin-bottom: 6px; }
h2 { font-size: large; margin-top: 14px; }
p, li { line-height: 130%; }
.area { color: #444; }
.tip { background: #eef4fb; padding: 6px; }
"""


def page_title(path: Path) -> str:
    """The <title> of a guide file (its name when it has none)."""
    try:
        match = _TITLE.search(path.read_text(encoding="utf-8"))
    except OSError:
        return path.stem
    return match.group(1).strip() if match else path.stem


class GuideBrowser(QTextBrowser):
    """A QTextBrowser that shows guide files only: any other address is refused and noted, never fetched."""

    sig_refused = Signal(str)
    """Emitted with an address the guide did not open (outside the bundled pages)."""
    sig_shown = Signal()
    """Emitted after a guide page was shown (a link, back/forward, or a page chosen in the contents)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(True)
        self.refused: list[str] = []
        self.document().setDefaultStyleSheet(STYLE)

    @staticmethod
    def allowed(url: QUrl) -> bool:
        """Only local files inside the bundled guide folder."""
        if not url.isLocalFile():
            return False
        root = guide_root().resolve()
        try:
            path = Path(url.toLocalFile()).resolve()
        except OSError:
            return False
        return path.is_file() and path.is_relative_to(root)

    def doSetSource(self, url: QUrl | str,  # noqa: N802 - Qt override
                    type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource,  # noqa: A002
                    ) -> None:
        name = QUrl(url) if isinstance(url, str) else url
        target = self.source().resolved(name) if name.isRelative() else name
        if target.isRelative() and not self.source().isValid():
            target = QUrl.fromLocalFile(str(guide_dir() / name.toString()))
        if not self.allowed(target):  # toLocalFile() drops the #fragment
            self.refused.append(name.toString())
            self.sig_refused.emit(name.toString())
            return
        super().doSetSource(target, type)
        self.sig_shown.emit()

    def loadResource(self, type: int, url: QUrl | str) -> object:  # noqa: A002, N802 - Qt override
        """Images and style sheets come from the guide folder too; anything else is refused."""
        name = QUrl(url) if isinstance(url, str) else url
        target = self.source().resolved(name) if name.isRelative() else name
        if not self.allowed(target):
            self.refused.append(name.toString())
            return None
        return super().loadResource(type, target)


class GuideWindow(QDialog):
    """Non-modal help window: contents on the left, the page on the right, back/forward/contents buttons."""

    def __init__(self, parent: QWidget | None = None, page: str = INDEX) -> None:
        super().__init__(parent)
        self.setObjectName("GuideWindow")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.back = QPushButton(self)
        self.forward = QPushButton(self)
        self.home = QPushButton(self)
        self.close_button = QPushButton(self)
        for button in (self.back, self.forward, self.home):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.close_button)
        lay.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.contents = QListWidget(split)
        self.browser = GuideBrowser(split)
        split.addWidget(self.contents)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 3)
        split.setSizes([220, 680])
        lay.addWidget(split, 1)
        self.note = QLabel("", self)
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        lay.addWidget(self.note)
        self.back.clicked.connect(self.browser.backward)
        self.forward.clicked.connect(self.browser.forward)
        self.home.clicked.connect(lambda: self.show_page(INDEX))
        self.close_button.clicked.connect(self.close)
        self.browser.backwardAvailable.connect(self.back.setEnabled)
        self.browser.forwardAvailable.connect(self.forward.setEnabled)
        self.browser.sig_shown.connect(self._on_source)
        self.contents.currentRowChanged.connect(self._on_row)
        self.browser.sig_refused.connect(self._on_refused)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self, self.browser.backward)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Forward), self, self.browser.forward)
        self.back.setEnabled(False)
        self.forward.setEnabled(False)
        self.resize(920, 640)
        self._lang = ""
        self.retranslate(page)

    # ---- Language
    def retranslate(self, page: str | None = None) -> None:
        """Texts and pages in the current UI language; shows `page` (or the page shown now) again."""
        page = page or self.current_page() or INDEX
        self._lang = guide_language()
        self.setWindowTitle(_("Användarhandledning – stodapp"))
        self.setAccessibleName(_("Användarhandledning"))
        for button, text, name in ((self.back, _("◀ &Bakåt"), _("Bakåt")),
                                   (self.forward, _("Fra&måt ▶"), _("Framåt")),
                                   (self.home, _("&Innehåll"), _("Innehåll")),
                                   (self.close_button, _("&Stäng"), _("Stäng handledningen"))):
            button.setText(text)
            button.setAccessibleName(name)
        self.contents.setAccessibleName(_("Handledningens sidor"))
        self.browser.setAccessibleName(_("Sidan i handledningen"))
        self.contents.blockSignals(True)
        self.contents.clear()
        for name in PAGES:
            item = QListWidgetItem(page_title(page_path(name, self._lang)), self.contents)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(item.text())
        self.contents.blockSignals(False)
        self.browser.clearHistory()
        self.show_page(page)

    @property
    def language(self) -> str:
        return self._lang

    # ---- Pages
    def show_page(self, page: str) -> None:
        """Show a page by name (the contents page when the name is unknown)."""
        name = page if page in PAGES else INDEX
        self.browser.setSource(QUrl.fromLocalFile(str(page_path(name, self._lang))))

    def current_page(self) -> str:
        source = self.browser.source()
        return page_of(Path(source.toLocalFile())) if source.isLocalFile() else ""

    def current_path(self) -> Path | None:
        source = self.browser.source()
        return Path(source.toLocalFile()) if source.isLocalFile() else None

    def _on_refused(self, _address: str) -> None:
        self.note.setText(_("Handledningen visar bara sina egna sidor. Länken öppnades inte."))
        self.note.setVisible(True)

    def _on_source(self) -> None:
        self.note.setVisible(False)
        page = self.current_page()
        self.contents.blockSignals(True)
        for row in range(self.contents.count()):
            if self.contents.item(row).data(Qt.ItemDataRole.UserRole) == page:
                self.contents.setCurrentRow(row)
        self.contents.blockSignals(False)
        title = self.browser.documentTitle()
        if title:
            self.setWindowTitle(_("{page} – Användarhandledning").format(page=title))

    def _on_row(self, row: int) -> None:
        item = self.contents.item(row)
        if item is not None:
            self.show_page(str(item.data(Qt.ItemDataRole.UserRole)))
