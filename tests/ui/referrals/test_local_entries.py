"""pytest-qt: the administrator's local entries (slots, logo, save, import/export) reach search and handouts."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QWidget,
    QWizard,
)

from stodapp.referrals.local_entries import load_local
from stodapp.referrals.opening_hours import OpeningHours
from stodapp.referrals.search import SearchQuery
from tests.core.referrals.test_local_and_cli import local_doc, tiny_png
from tests.ui.helpers import settled
from ui.admin.admin_area import AdminArea
from ui.referrals.local_entries_panel import LocalEntriesPanel
from ui.referrals.local_entry_dialog import LocalEntryDialog, hours_to_text, parse_hours_text
from ui.referrals.search_panel import ReferralSearchPanel

GROUP_ROW = {"victims": 0, "children_youth": 3}


def fill(dlg: LocalEntryDialog, *, slot: str, name: str, phone: str, hours: str = "",
         groups: tuple[str, ...] = ("victims",)) -> None:
    dlg.slot.setCurrentIndex(dlg.slot.findData(slot))
    dlg.name.setText(name)
    dlg.description.setText("Påhittad lokal kontakt för tester.")
    dlg.phone.setText(phone)
    dlg.hours.setText(hours)
    for i in range(dlg.groups.count()):
        item = dlg.groups.item(i)
        on = item.data(Qt.ItemDataRole.UserRole) in groups
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def with_dialog(action: Callable[[LocalEntryDialog], None]) -> None:
    """Run `action` on the modal entry dialog as soon as it is open, then press OK."""

    def go() -> None:
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, LocalEntryDialog)
        action(dlg)
        dlg.accept()
        if dlg.isVisible():  # invalid: leave it the way a user would
            dlg.reject()

    QTimer.singleShot(0, go)


def add(panel: LocalEntriesPanel, **kw: Any) -> None:
    with_dialog(lambda d: fill(d, **kw))
    panel.add_entry()


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_hours_text_round_trip_and_errors() -> None:
    parsed = parse_hours_text("Mån-fre 8-16:30; lör, sön 10–14")
    hours = OpeningHours.model_validate(parsed)
    assert hours_to_text(hours) == "mån–fre 08:00–16:30; lör–sön 10:00–14:00"
    assert parse_hours_text(hours_to_text(hours)) == parsed
    night = OpeningHours.model_validate(parse_hours_text("fre–lör 22:00–02:00"))
    assert night.spans[0].past_midnight and night.spans[0].days == ("fri", "sat")
    assert parse_hours_text("dygnet runt") == {"always_open": True, "spans": []}
    assert parse_hours_text("  ") is None
    for bad in ("ibland", "mån 08-16 och mer", "fre–mån 08–16"):
        with pytest.raises(ValueError):
            parse_hours_text(bad)


def test_admin_fills_slots_then_search_and_handout_show_them(qtbot: Any, open_core: Any, tmp_path: Path) -> None:
    core = open_core("admin")
    area = AdminArea(core)
    qtbot.addWidget(area)
    settled(qtbot, area)  # the tabs read their screens on the background helper
    panel = area.local_panel
    assert area.tabs.tabText(area.tabs.indexOf(panel)) == "Lokala stödkontakter"
    banner = area.slots_banner.text()
    assert "Socialtjänsten" in banner and "Socialjouren" in banner and "Logotyp" in banner
    area.show_local_entries()
    assert area.tabs.currentWidget() is panel

    panel.add_entry()  # no municipality yet: refused with one line
    assert "Välj kommun" in panel.status.text() and panel.entries() == []
    panel.set_municipality("1447")
    tmp_logo = tmp_path / "logo.png"
    tmp_logo.write_bytes(tiny_png())
    panel.set_logo_file(tmp_logo)
    add(panel, slot="socialtjanst", name="Socialtjänsten i Exempelby", phone="0501-00 00 00",
        hours="mån–fre 08:00–16:30", groups=("victims", "children_youth"))
    add(panel, slot="socialjour", name="Exempelby socialjour", phone="0501-11 11 11",
        hours="mån–fre 16:30–24:00; lör–sön 00:00–24:00")
    assert [r.slot for r in panel.entries()] == ["socialtjanst", "socialjour"]
    assert core.referrals.local_entries() is None  # nothing stored before Spara
    assert panel.missing.isHidden()
    assert panel.save(), panel.status.text()
    settled(qtbot, panel)  # stored on the background helper
    assert panel.status.text() == "De lokala stödkontakterna är sparade (2 poster)."
    assert area.slots_banner.isHidden()

    stored = core.referrals.local_entries()
    assert stored is not None and stored.municipality == "1447" and stored.logo is not None
    jour = next(r for r in stored.resources if r.slot == "socialjour")
    assert jour.provenance.kind == "local" and jour.geography.municipalities == ("1447",)

    hits = core.referrals.search(SearchQuery(text="socialjour", municipality="1447"))
    assert hits[0].resource.id == jour.id and hits[0].local

    search = ReferralSearchPanel(core.referrals, now=core.clock.now)
    qtbot.addWidget(search)
    settled(qtbot, search)  # each search reads off the GUI thread
    search.text.setText("Exempelby socialjour")
    search.run_search()
    settled(qtbot, search)
    row = [str(search.results.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(search.results.count())]
    assert jour.id in row
    search.results.item(row.index(jour.id)).setSelected(True)
    text = pdf_text(search.make_handout())
    assert "Exempelby socialjour" in text and "0501-11 11 11" in text and "Hjälp där du bor" in text

    # a caseworker's directory has the same local entry
    anna = open_core("anna")
    assert jour.id in {h.resource.id for h in anna.referrals.search(SearchQuery(text="socialjour"))}


def test_entry_dialog_refuses_bad_input_with_clear_lines(qtbot: Any) -> None:
    dlg = LocalEntryDialog("1447")
    qtbot.addWidget(dlg)
    cases = {
        "12345": ("", "svenskt telefonnummer"),
        "0501-00 00 00": ("mån 25:00–26:00", "25:00"),
    }
    for phone, (hours, expected) in cases.items():
        fill(dlg, slot="socialjour", name="Jouren", phone=phone, hours=hours)
        dlg.accept()
        assert dlg.result() != LocalEntryDialog.DialogCode.Accepted and expected in dlg.errors.text()
    assert dlg.validate() == ["Öppettider: ogiltig tid '25:00' (00:00–24:00)"]
    fill(dlg, slot="socialjour", name="Jouren", phone="", hours="")
    assert "Kontaktvägar: ange minst telefon, webbplats, e-post eller besöksadress" in dlg.validate()
    fill(dlg, slot="socialjour", name="Jouren", phone="0501-00 00 00", hours="mån 08–12; mån 10–14")
    assert any("överlappande" in line for line in dlg.validate())
    fill(dlg, slot="socialjour", name="Jouren", phone="0501-00 00 00", hours="veckodagar", groups=())
    assert dlg.validate() == ["Öppettiderna går inte att läsa: skriv t.ex. 'mån–fre 08:00–16:30; lör 10–14' "
                              "eller 'dygnet runt'."]
    fill(dlg, slot="socialjour", name="Jouren", phone="0501-00 00 00", groups=())
    assert "Målgrupper: välj minst en målgrupp" in dlg.validate()
    dlg.languages.setText("sv, xx")
    assert any("xx" in line for line in dlg.validate())
    dlg.languages.setText("sv, swl")
    dlg.served.setText("9999")
    assert any("9999" in line for line in dlg.validate())
    dlg.served.setText("1447, 1460")
    fill(dlg, slot="grannkommun", name="Grannby familjecentral", phone="+46 501 22 22 22", hours="dygnet runt")
    assert dlg.validate() == []
    r = dlg.resource()
    assert r.slot == "grannkommun" and r.languages == ("sv", "swl") and r.geography.municipalities == ("1447", "1460")
    assert r.channels[0].hours is not None and r.channels[0].hours.always_open


def test_edit_keeps_fields_the_form_does_not_show(qtbot: Any, open_core: Any, tmp_path: Path) -> None:
    core = open_core("admin")
    panel = LocalEntriesPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)  # the tab reads what is stored on the background helper
    path = tmp_path / "egen.yaml"
    path.write_text(yaml.safe_dump(local_doc(), allow_unicode=True), encoding="utf-8")
    panel.import_path(path)
    settled(qtbot, panel)  # the file is read and checked on the background helper
    assert panel.municipality_code() == "1447" and len(panel.entries()) == 2
    before = panel.entries()[0]
    panel.table.setCurrentCell(0, 0)
    with_dialog(lambda d: d.phone.setText("0501-99 99 99"))
    panel.edit_selected()
    after = panel.entries()[0]
    assert after.channels[0].contact == "0501-99 99 99"
    assert after.description.en == before.description.en and after.channels[1] == before.channels[1]
    assert after.channels[0].hours == before.channels[0].hours
    panel.remove_selected()
    assert [r.slot for r in panel.entries()] == ["socialjour"] and "Socialtjänsten" in panel.missing.text()
    panel.table.setCurrentCell(0, 0)  # the night span past midnight survives an edit unchanged
    night = panel.entries()[0]
    with_dialog(lambda d: None)
    panel.edit_selected()
    assert panel.entries()[0].channels == night.channels


def test_save_validates_whole_document_and_changes_nothing_on_error(qtbot: Any, open_core: Any) -> None:
    core = open_core("admin")
    panel = LocalEntriesPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)  # the tab reads what is stored on the background helper
    assert not panel.save() and "Välj kommun" in panel.status.text()
    panel.set_municipality("1447")
    add(panel, slot="socialjour", name="Jouren", phone="0501-11 11 11")
    first = panel.entries()[0]
    panel._entries.append(first)  # a duplicate id, as a hand-edited import could give  # noqa: SLF001
    assert not panel.save()  # refused before anything is written
    assert "två gånger" in panel.status.text() and core.referrals.local_entries() is None


def test_import_refuses_newer_version_and_adds_a_neighbours_entries(qtbot: Any, open_core: Any,
                                                                    tmp_path: Path) -> None:
    core = open_core("admin")
    panel = LocalEntriesPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)  # the tab reads what is stored on the background helper
    panel.set_municipality("1460")
    add(panel, slot="socialjour", name="Jouren", phone="0501-11 11 11")
    assert panel.save()
    settled(qtbot, panel)
    newer = tmp_path / "nyare.yaml"
    newer.write_text(yaml.safe_dump(local_doc(format_version=2), allow_unicode=True), encoding="utf-8")
    panel.import_path(newer)
    settled(qtbot, panel)
    assert "nyare" in panel.status.text() and len(panel.entries()) == 1 and not panel.is_dirty()
    broken = local_doc()
    broken["resources"][0]["channels"][0]["contact"] = "123"
    bad = tmp_path / "fel.yaml"
    bad.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    panel.import_path(bad)
    settled(qtbot, panel)
    assert "telefonnummer" in panel.status.text() and len(panel.entries()) == 1

    neighbour = tmp_path / "grannen.yaml"
    neighbour.write_text(yaml.safe_dump(local_doc(), allow_unicode=True), encoding="utf-8")
    panel.import_path(neighbour)
    settled(qtbot, panel)
    assert panel.municipality_code() == "1460"
    assert [r.slot for r in panel.entries()] == ["socialjour", "grannkommun", "grannkommun"]
    assert len(core.referrals.local_entries().resources) == 1  # stored only on Spara
    panel.import_path(neighbour)  # same ids again: refused, nothing added
    settled(qtbot, panel)
    assert "finns redan" in panel.status.text() and len(panel.entries()) == 3
    assert panel.save()
    settled(qtbot, panel)
    assert "exempelby_socialtjanst" in {r.id for r in core.referrals.local_entries().resources}


def test_export_only_where_chosen_and_reimportable(qtbot: Any, open_core: Any, tmp_path: Path,
                                                   monkeypatch: Any) -> None:
    core = open_core("admin")
    panel = LocalEntriesPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)  # the tab reads what is stored on the background helper
    out = tmp_path / "ut" / "lokala.yaml"
    out.parent.mkdir()
    panel.export_path(out)
    settled(qtbot, panel)
    assert "inga lokala poster" in panel.status.text() and not out.exists()
    panel.set_municipality("1447")
    add(panel, slot="socialjour", name="Jouren", phone="0501-11 11 11", hours="dygnet runt")
    panel.export_file()
    assert "Spara" in panel.status.text() and not out.exists()  # unsaved changes: refused
    assert panel.save()
    settled(qtbot, panel)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    panel.export_file()
    assert list(out.parent.iterdir()) == []  # cancelled: nothing written
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    panel.export_file()
    settled(qtbot, panel)  # written on the background helper
    assert panel.status.text() == "Exporterat till lokala.yaml."
    assert list(out.parent.iterdir()) == [out]
    doc = load_local(out)
    assert doc.municipality == "1447" and doc.resources[0].name == "Jouren"


def test_accessible_names_and_keyboard(qtbot: Any, open_core: Any) -> None:
    core = open_core("admin")
    panel = LocalEntriesPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)  # the tab reads what is stored on the background helper
    dlg = LocalEntryDialog("1447", parent=panel)
    qtbot.addWidget(dlg)
    for widget in (panel, dlg):
        for child in widget.findChildren(QWidget):
            if not isinstance(child, (QAbstractButton, QLineEdit, QComboBox, QListWidget)):
                continue
            if child.objectName().startswith("qt_") or (
                isinstance(child, QLineEdit) and isinstance(child.parent(), QComboBox)
            ):
                continue
            label = child.text() if isinstance(child, (QAbstractButton, QLineEdit)) else ""
            assert child.accessibleName() or label, child
    # the municipality box is searchable by typing part of the name
    panel.show()
    panel.municipality.setFocus()
    edit = panel.municipality.lineEdit()
    assert edit is not None
    edit.clear()
    qtbot.keyClicks(edit, "vara (1470)")
    assert panel.municipality_code() == "1470"
    # check a target group with the keyboard
    dlg.show()
    dlg.groups.setFocus()
    dlg.groups.setCurrentRow(GROUP_ROW["children_youth"])
    qtbot.keyClick(dlg.groups, Qt.Key.Key_Space)
    assert dlg.groups.item(GROUP_ROW["children_youth"]).checkState() == Qt.CheckState.Checked


def test_first_sign_in_after_wizard_opens_local_entries(qtbot: Any, tmp_path: Path) -> None:
    from stodapp.store.keyslots import KdfParams
    from tests.ui.conftest import PASSPHRASE
    from ui.gate import StoreGate
    from ui.main import Shell

    prefs = QSettings(str(tmp_path / "p.ini"), QSettings.Format.IniFormat)
    gate = StoreGate(tmp_path / "data", kdf=KdfParams.for_tests())
    shell = Shell(QApplication.instance(), gate, prefs)  # type: ignore[arg-type]
    wiz = shell.show_start()
    qtbot.addWidget(wiz)
    wiz.next()  # type: ignore[attr-defined]
    wiz.create_store("admin", PASSPHRASE)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery, timeout=15000)  # type: ignore[attr-defined]
    wiz.recovery.confirm.setChecked(True)  # type: ignore[attr-defined]
    assert isinstance(wiz, QWizard)
    wiz.accept()
    window = shell.main_window
    qtbot.addWidget(window)
    assert window.current_area() == "admin"
    area = window.host.widget_for("admin")
    assert isinstance(area, AdminArea) and area.tabs.currentWidget() is area.local_panel
    assert "Socialjouren" in area.slots_banner.text()
    window.sign_out()
