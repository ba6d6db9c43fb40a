"""UI fixtures: isolated QSettings, a fake clock, the real store with fast key derivation, a sentinel area."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QStandardItem, QStandardItemModel, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit, QTableView, QTextEdit, QVBoxLayout, QWidget

from stodapp.clock import FakeClock
from stodapp.i18n import set_language
from ui.areas import AreaSpec

SENTINEL = "SENTINEL-Fiktiva-Åsa-7731"
PASSPHRASE = "en lång och hemlig mening för test"
ANNA_PASSPHRASE = "grön tekopp vid sjön i november"


@pytest.fixture(autouse=True)
def _app_font(qapp: Any) -> None:
    """The same font hinting as the real app (ui.main.run_gui), so screenshots show what users see."""
    from ui.style import apply_font_hinting

    apply_font_hinting(qapp)


@pytest.fixture(autouse=True)
def _gc_on_the_gui_thread(qapp: Any) -> Iterator[None]:
    """As the real app (ui.gc_guard): no collection starts in a background worker; garbage is collected after
    each test, on this thread."""
    import gc

    from ui import gc_guard

    gc_guard.install(qapp)
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _swedish() -> Iterator[None]:
    set_language("sv")
    yield
    set_language("sv")


@pytest.fixture
def prefs(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class SentinelArea(QWidget):
    """Case-like content: a search box, a table model, a text view and an undo stack all holding SENTINEL."""

    def __init__(self, core: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.search = QLineEdit(SENTINEL, self)
        self.search.setAccessibleName("Sök")
        lay.addWidget(self.search)
        self.model = QStandardItemModel(0, 1, self)
        self.model.appendRow(QStandardItem(SENTINEL))
        self.view = QTableView(self)
        self.view.setAccessibleName("Ärenden")
        self.view.setModel(self.model)
        lay.addWidget(self.view)
        self.notes = QTextEdit(self)
        self.notes.setPlainText(SENTINEL)
        self.notes.setAccessibleName("Anteckning")
        lay.addWidget(self.notes)
        self.undo = QUndoStack(self)
        cmd = QUndoCommand(SENTINEL)
        self.undo.push(cmd)


def sentinel_areas() -> list[AreaSpec]:
    return [
        AreaSpec("cases", "Ärenden", frozenset({"handlaggare"}),
                 lambda core, parent: SentinelArea(core, parent)),
        AreaSpec("other", "Hänvisningar", frozenset({"handlaggare", "administrator"}),
                 lambda core, parent: SentinelArea(core, parent)),
        AreaSpec("admin_only", "Administration", frozenset({"administrator"}),
                 lambda core, parent: QWidget(parent)),
    ]


@pytest.fixture
def real_store(tmp_path: Path) -> tuple[Path, str]:
    """A real encrypted store with an administrator `admin` and a caseworker `anna` (fast test KDF)."""
    from stodapp.auth import Role
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    data = tmp_path / "data"
    core, _key = Core.initialize(data, "admin", PASSPHRASE, kdf=KdfParams.for_tests())
    core.users.add("anna", Role.CASEWORKER, ANNA_PASSPHRASE)
    core.close()
    return data, PASSPHRASE
