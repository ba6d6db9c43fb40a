"""Language switch at run time, Qt's own strings, and the fallback to Swedish for a broken catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

import stodapp.i18n as i18n
from stodapp.i18n import _, current_language
from tests.ui.conftest import sentinel_areas
from tests.ui.fakes import FakeGate
from ui.main import apply_language
from ui.main_window import MainWindow


def menu_titles(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def test_language_switch_rebuilds_in_english_and_back(qtbot, prefs, clock) -> None:
    app = QApplication.instance()
    gate = FakeGate(clock)
    core = gate.unlock("anna", gate.passphrase)
    win = MainWindow(core, gate, prefs, clock=clock, areas=sentinel_areas(),
                     apply_language=lambda lang: apply_language(app, lang))  # type: ignore[arg-type]
    qtbot.addWidget(win)
    win.show_area("other")
    assert menu_titles(win) == ["&Arkiv", "&Visa", "&Hjälp"]
    assert "Handläggare" in win.user_label.text()
    win.apply_settings("en", high_contrast=False)
    assert current_language() == "en" and prefs.value("ui/language") == "en"
    assert menu_titles(win) == ["&File", "&View", "&Help"]
    assert "Signed in" in win.user_label.text() and "Caseworker" in win.user_label.text()
    assert win.current_area() == "other"  # same area after the rebuild
    assert win.act_lock.text() == "&Lock"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    win.apply_settings("sv", high_contrast=True)
    assert menu_titles(win) == ["&Arkiv", "&Visa", "&Hjälp"]
    assert core.settings.get("ui.high_contrast") is True
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"  # qtbase_sv.qm


def test_every_ui_string_has_an_english_translation() -> None:
    from babel.messages.extract import extract_from_file

    root = Path(__file__).resolve().parents[2]
    i18n.set_language("en")
    missing = []
    features = {"cases", "checklists", "concerns", "referrals", "training", "summary"}  # own catalogs
    for path in sorted((root / "ui").rglob("*.py")):
        if features & set(path.relative_to(root / "ui").parts):
            continue
        for _line, msg, _c, _ctx in extract_from_file("python", str(path), keywords={"_": None, "N_": None}):
            if isinstance(msg, str) and _(msg) == msg and msg not in {"OK", "Status", "Administration"}:
                missing.append(f"{path.name}: {msg}")
    assert missing == []


@pytest.mark.parametrize("content", [b"\x00\x01garbage", b'msgid "x"\nmsgstr "unterminated'])
def test_broken_catalog_falls_back_to_swedish(tmp_path: Path, monkeypatch, content: bytes) -> None:
    base = tmp_path / "en" / "LC_MESSAGES"
    base.mkdir(parents=True)
    (base / "stodapp.mo").write_bytes(content)
    (base / "stodapp.po").write_bytes(content)
    monkeypatch.setattr(i18n, "_catalog_dir", lambda: tmp_path)
    apply_language(QApplication.instance(), "en")  # type: ignore[arg-type]
    assert _("&Lås") == "&Lås"


def test_missing_catalog_falls_back_to_swedish(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "_catalog_dir", lambda: tmp_path / "nothing")
    apply_language(QApplication.instance(), "en")  # type: ignore[arg-type]
    assert _("Logga ut") == "Logga ut"
