"""pytest-qt: search -> select -> handout on the shipped directory, filters, errors, accessible names."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QListWidget, QSpinBox

from stodapp.referrals.directory import ReferralDirectory
from tests.ui.helpers import settled
from tests.ui.paper.drive import print_through, same_pages, save_through
from ui.referrals.search_panel import ReferralSearchPanel

THREE_AM = datetime(2026, 3, 11, 3, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def panel(qtbot: Any) -> ReferralSearchPanel:
    w = ReferralSearchPanel(ReferralDirectory.load(), now=lambda: THREE_AM)
    qtbot.addWidget(w)
    settled(qtbot, w)  # each search reads off the GUI thread
    return w


def search(w: ReferralSearchPanel, qtbot: Any) -> None:
    w.run_search()
    settled(qtbot, w)


def ids(w: ReferralSearchPanel) -> list[str]:
    return [str(w.results.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(w.results.count())]


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_search_select_handout(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    w = panel(qtbot)
    assert w.results.count() > 20 and not w.handout_button.isEnabled()
    w.open_now.setChecked(True)
    w.channel.setCurrentIndex(w.channel.findData("phone"))
    qtbot.mouseClick(w.search_button, Qt.MouseButton.LeftButton)
    settled(qtbot, w)
    assert "kvinnofridslinjen" in ids(w) and "ud_jouren" in ids(w) and "terrafem" not in ids(w)
    first = w.results.item(ids(w).index("kvinnofridslinjen"))
    assert (
        "Öppet nu" in first.text()
        and "020-50 50 50 · syns inte på telefonräkningen" in first.text()
        and "Obs: Texttelefoni syns på telefonräkningen" in first.text()
        and "kontrollerad 2026-12-06" in first.text()
    )
    assert "ej kontrollerad" in w.results.item(ids(w).index("ud_jouren")).text()

    with qtbot.waitSignal(w.sig_selection_changed) as sel:
        first.setSelected(True)
    assert sel.args == [["kvinnofridslinjen"]]
    assert w.handout_button.isEnabled()
    w.handout_lang.setCurrentIndex(w.handout_lang.findData("en"))
    out = save_through(qtbot, w.handout_button, tmp_path / "stodblad.pdf", warned=False)
    assert out.read_bytes().startswith(b"%PDF") and "sparades" in w.status.text()
    text = pdf_text(out.read_bytes())
    assert "Where you can get support" in text and "020-50 50 50" in text and "UD-jouren" not in text
    # "Skriv ut…" opens the print dialog and prints that same handout (not a file dialog).
    printed = tmp_path / "printed.pdf"
    pages = print_through(qtbot, w.handout_button, printed)
    assert pages == len(PdfReader(io.BytesIO(out.read_bytes())).pages) == len(PdfReader(printed).pages)
    assert same_pages(printed.read_bytes(), out.read_bytes()) and "skrivaren" in w.status.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["printed.pdf", "stodblad.pdf"]  # no stray copy


def test_filters_and_bad_input(qtbot: Any) -> None:
    w = panel(qtbot)
    w.group.setCurrentIndex(w.group.findData("children_youth"))
    w.age.setValue(25)
    search(w, qtbot)
    assert "bris" not in ids(w) and "man_mottagning" in ids(w)
    w.age.setValue(-1)
    w.language.setCurrentIndex(w.language.findData("swl"))
    search(w, qtbot)
    assert ids(w) == ["boujt"]
    before = ids(w)
    w.kommun.setText("9999")
    search(w, qtbot)
    assert "Okänd kommunkod" in w.status.text() and ids(w) == before  # nothing changed
    w.kommun.setText("")
    w.text.setText("KÄRLEKEN")
    w.language.setCurrentIndex(0)
    w.group.setCurrentIndex(0)
    search(w, qtbot)
    assert ids(w) == ["karleken_ar_fri"]


def test_every_control_has_an_accessible_name(qtbot: Any) -> None:
    w = panel(qtbot)
    kinds = (QAbstractButton, QComboBox, QLineEdit, QListWidget, QSpinBox)
    controls = [c for kind in kinds for c in w.findChildren(kind) if not c.objectName().startswith("qt_")]
    assert len(controls) >= 10
    assert [c for c in controls if not c.accessibleName().strip()] == []


def test_area_builds_the_panel_from_a_real_store(qtbot: Any, open_core: Any) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.referrals.area import area

    spec = area()
    assert spec.visible_for("handlaggare") and spec.visible_for("administrator")
    parent = QWidget()
    qtbot.addWidget(parent)
    w = spec.factory(open_core("anna"), parent)
    assert isinstance(w, ReferralSearchPanel)
    settled(qtbot, w)
    assert w.results.count() > 20
