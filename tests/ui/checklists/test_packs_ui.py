"""pytest-qt: the administrator's content-pack panel (import, refusal list, training) and the training gate."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
)

from stodapp.auth import Role
from stodapp.core import Core
from stodapp.store.keyslots import KdfParams
from tests.core.checklists.helpers import FIXTURES
from tests.ui.helpers import settled
from ui.admin.admin_area import AdminArea
from ui.admin.content_packs_panel import ContentPacksPanel
from ui.checklists.checklist_page import ChecklistPage

PASS = "en lång och hemlig fras för test"
PACK = FIXTURES / "pack_licensed.yaml"
PACK_ID = "se.testkommun.licensierad.exempel"
COPYRIGHT = "© Testförlaget AB. Licens: Licensavtal TK-2026-01 (Testkommunen)"
WAIT = 15000


@pytest.fixture
def cores(tmp_path: Path) -> Iterator[dict[str, Any]]:
    from stodapp.cases.service import CaseService

    data = tmp_path / "data"
    admin, _key = Core.initialize(data, "admin", PASS, kdf=KdfParams.for_tests())
    admin.users.add("anna", Role.CASEWORKER, PASS)
    anna = Core.unlock(data, "anna", PASS)
    case_id = int(CaseService(anna.ctx).create_case("Fiktiv enhet").ids[0])
    yield {"admin": admin, "anna": anna, "case_id": case_id}
    anna.close()
    admin.close()


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), "")))


def _rows(table: QTableWidget) -> list[list[str]]:
    return [[(table.item(r, c) or QTableWidgetItem()).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_admin_imports_pack_and_records_training(qtbot: Any, cores: dict[str, Any], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def confirm(_parent: object, text: str) -> bool:
        asked.append(text)
        return True

    panel = ContentPacksPanel(cores["admin"], confirm=confirm)
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()  # first show loads the lists
    qtbot.waitUntil(lambda: panel.data is not None and panel.user_combo.count() == 2, timeout=WAIT)
    assert panel.packs_table.rowCount() == 0 and not panel.record_button.isEnabled()
    for kind in (QAbstractButton, QComboBox, QDateEdit, QListWidget, QTableWidget):
        for w in panel.findChildren(kind):
            assert w.accessibleName() or w.objectName().startswith("qt_"), w

    # an invalid file: refused, its file:line errors listed, nothing imported
    bad = tmp_path / "trasigt.yaml"
    bad.write_text(PACK.read_text("utf-8").replace("scale: jn", "scale: saknas").replace("code: nej", "code: ja"),
                   "utf-8")
    _choose(monkeypatch, bad)
    panel.import_button.setFocus()
    QTest.keyClick(panel.import_button, Qt.Key.Key_Space)  # keyboard-only
    qtbot.waitUntil(lambda: panel.errors.count() > 0, timeout=WAIT)
    lines = [panel.errors.item(i).text() for i in range(panel.errors.count())]
    assert all(line.startswith(f"{bad}:") for line in lines) and len(lines) >= 2
    assert any("okänd skala 'saknas'" in line and line.split(":")[1].isdigit() for line in lines)
    assert panel.errors.isVisibleTo(panel) and panel.status.text() and asked == []
    if os.environ.get("STODAPP_SHOTS"):
        panel.grab().save(os.environ["STODAPP_SHOTS"] + "-refused.png")
    assert cores["admin"].checklists.list_definitions().definitions == tuple(
        d for d in cores["admin"].checklists.list_definitions().definitions if d.source != "pack")

    # the valid pack: the confirmation shows the copyright line; the table lists it afterwards
    _choose(monkeypatch, PACK)
    panel.import_pack()
    qtbot.waitUntil(lambda: panel.packs_table.rowCount() == 1, timeout=WAIT)
    assert COPYRIGHT in asked[0] and "testutbildning_steg1" in asked[0]
    assert not panel.errors.isVisibleTo(panel)
    assert _rows(panel.packs_table) == [[PACK_ID, "2.1.0", f"Licensierat innehåll. {COPYRIGHT}", "Testkommunen",
                                         "testutbildning_steg1"]]
    assert "importerat" in panel.status.text()
    # importing the same id+version again is refused with a one-line message
    panel.import_pack()
    qtbot.waitUntil(lambda: "redan importerat" in panel.status.text(), timeout=WAIT)
    assert panel.packs_table.rowCount() == 1

    # record anna's training with the keyboard-reachable controls
    qtbot.waitUntil(lambda: panel.training_combo.count() == 1, timeout=WAIT)
    panel.user_combo.setCurrentIndex(panel.user_combo.findText("anna"))
    assert panel.record_button.isEnabled()
    panel.record_button.setFocus()
    QTest.keyClick(panel.record_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: panel.trainings_table.rowCount() == 1, timeout=WAIT)
    row = _rows(panel.trainings_table)[0]
    assert row[:3] == ["anna", "testutbildning_steg1", PACK_ID]
    assert [t.training_id for t in cores["anna"].checklists.trainings()] == ["testutbildning_steg1"]
    if os.environ.get("STODAPP_SHOTS"):
        panel.grab().save(os.environ["STODAPP_SHOTS"] + "-imported.png")


def test_admin_area_has_pack_tab(qtbot: Any, cores: dict[str, Any]) -> None:
    area = AdminArea(cores["admin"])
    qtbot.addWidget(area)
    titles = [area.tabs.tabText(i) for i in range(area.tabs.count())]
    assert "Innehållspaket och utbildning" in titles
    area.show()
    area.tabs.setCurrentWidget(area.packs_panel)
    qtbot.waitUntil(lambda: area.packs_panel.data is not None, timeout=WAIT)


def test_caseworker_without_training_is_refused_then_allowed(qtbot: Any, cores: dict[str, Any]) -> None:
    from datetime import date

    cores["admin"].checklists.import_pack(PACK)
    page = ChecklistPage(cores["anna"], confirm=lambda *_a: True)
    qtbot.addWidget(page)
    settled(qtbot, page)
    index = page.checklist.findData(f"{PACK_ID}@2.1.0")
    assert index >= 0 and "kräver utbildning" in page.checklist.itemText(index)
    assert COPYRIGHT in page.checklist.itemData(index, Qt.ItemDataRole.ToolTipRole)
    page.checklist.setCurrentIndex(index)
    assert page.start() is None
    assert "testutbildning_steg1" in page.message.text() and "utbildning" in page.message.text()
    assert page.history.count() == 0  # nothing started

    cores["admin"].checklists.record_training("anna", "testutbildning_steg1", date(2026, 1, 2), pack_id=PACK_ID)
    page._load_definitions()
    index = page.checklist.findData(f"{PACK_ID}@2.1.0")
    assert "kräver utbildning" not in page.checklist.itemText(index)
    page.checklist.setCurrentIndex(index)
    runner = page.start()
    settled(qtbot, page)
    assert runner is not None and page.history.count() == 1
    assert COPYRIGHT in runner.provenance.text() and runner.provenance.isVisibleTo(page)


def test_panel_in_english(qtbot: Any, cores: dict[str, Any]) -> None:
    from stodapp.i18n import set_language

    set_language("en")
    panel = ContentPacksPanel(cores["admin"])
    qtbot.addWidget(panel)
    assert panel.import_button.text() == "&Import content pack…"
    table = panel.packs_table
    headers = [(table.horizontalHeaderItem(c) or QTableWidgetItem()).text() for c in range(table.columnCount())]
    assert headers == ["Checklist id", "Version number", "Copyright and licence", "Licensee", "Requires training"]
