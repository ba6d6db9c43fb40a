"""Look and feel: icon search path, the normal and high-contrast palettes, Qt's own translations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from stodapp.paths import resource_dir

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon, QPalette

# QtGui classes are imported inside the functions: creating PySide6's lazily built type objects (QPalette,
# QDir, the Qt namespace) costs tens of milliseconds that must not delay the first paint (perf.md §1).

_state: dict[str, object] = {}


def register_icons() -> None:
    """Icons are plain SVG files, also reachable as QIcon("icons:<name>.svg")."""
    from PySide6.QtCore import QDir

    QDir.addSearchPath("icons", str(resource_dir() / "icons"))


def icon(name: str) -> QIcon:
    """QIcon for resources/icons/<name>.svg, or an empty icon (never a warning) when there is none."""
    from PySide6.QtGui import QIcon

    path = resource_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if name and path.is_file() else QIcon()


def high_contrast_palette() -> QPalette:
    """Black on white with strong blue selection and clearly visible disabled text (WCAG AAA contrast)."""
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    black, white = QColor("#000000"), QColor("#ffffff")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        pal.setColor(group, QPalette.ColorRole.Window, white)
        pal.setColor(group, QPalette.ColorRole.WindowText, black)
        pal.setColor(group, QPalette.ColorRole.Base, white)
        pal.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#eeeeee"))
        pal.setColor(group, QPalette.ColorRole.Text, black)
        pal.setColor(group, QPalette.ColorRole.Button, white)
        pal.setColor(group, QPalette.ColorRole.ButtonText, black)
        pal.setColor(group, QPalette.ColorRole.Highlight, QColor("#0000b0"))
        pal.setColor(group, QPalette.ColorRole.HighlightedText, white)
        pal.setColor(group, QPalette.ColorRole.ToolTipBase, white)
        pal.setColor(group, QPalette.ColorRole.ToolTipText, black)
        pal.setColor(group, QPalette.ColorRole.Link, QColor("#0000b0"))
        pal.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#404040"))
    disabled = QColor("#5a5a5a")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def apply_font_hinting(app: QApplication) -> None:
    """Full hinting on FreeType platforms: with the default (slight) hinting DejaVu Sans draws the dots of a capital
    Ö/Å/Ä above the font ascent, and tightly laid-out labels and list items clip them ("Oppet nu")."""
    import sys

    from PySide6.QtGui import QFont

    if sys.platform in ("win32", "darwin"):
        return  # DirectWrite/CoreText metrics include the diacritics
    font = app.font()
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    app.setFont(font)


def apply_palette(app: QApplication, high_contrast: bool) -> None:
    """Switch between the platform palette (remembered once) and the high-contrast one."""
    from PySide6.QtGui import QPalette

    if "default" not in _state:
        _state["default"] = QPalette(app.palette())
    default = _state["default"]
    assert isinstance(default, QPalette)
    app.setPalette(high_contrast_palette() if high_contrast else default)
    app.setProperty("stodapp_high_contrast", high_contrast)


def install_qt_translator(app: QApplication, lang: str) -> bool:
    """Qt's own strings (standard buttons, dialogs) come from qtbase_<lang>.qm; English needs none."""
    old = _state.pop("qt_translator", None)
    if isinstance(old, QTranslator):
        app.removeTranslator(old)
    QLocale.setDefault(QLocale(QLocale.Language.Swedish if lang == "sv" else QLocale.Language.English,
                               QLocale.Country.Sweden if lang == "sv" else QLocale.Country.UnitedKingdom))
    if lang == "en":
        return True
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{lang}", path):
        return False  # no Qt catalog: standard buttons stay in English, nothing breaks
    app.installTranslator(translator)
    _state["qt_translator"] = translator
    return True
