""""Nytt ärende…" asks who the case is about first; the case and the person are saved together or not at all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from stodapp.cases.models import MASK
from tests.ui.helpers import settled
from ui.cases.cases_area import CasesArea
from ui.cases.new_case_dialog import NewCaseDialog


def _area(open_core, qtbot):  # type: ignore[no-untyped-def]
    core = open_core("anna")
    area = CasesArea(core.cases, referrals=core.referrals)
    qtbot.addWidget(area)
    return core, area


def test_button_opens_the_dialog_and_creates_nothing_until_asked(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    _core, area = _area(open_core, qtbot)
    before = area.model.total
    area.new_case.click()
    dialog = area.findChild(NewCaseDialog)
    assert dialog is not None and dialog.isVisible()
    assert area.model.total == before  # nothing created by the click itself
    dialog.reject()
    area.model.reload()
    assert area.model.total == before == 0 and area.detail.case is None


def test_enter_creates_the_case_with_person_protected_identity_and_language(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    _core, area = _area(open_core, qtbot)
    dialog = area.new_case_dialog()
    dialog.given.setText("Fiktiva")
    dialog.family.setText("Testdotter")
    dialog.protected.setChecked(True)
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    assert dialog.create_button.isDefault()
    qtbot.keyClick(dialog.family, Qt.Key.Key_Return)  # Enter runs the action asked for
    assert dialog.result() == QDialog.DialogCode.Accepted
    settled(qtbot, area.detail)
    case = area.detail.case
    assert case is not None and case.preferred_language == "ar"
    (person,) = case.persons
    assert (person.given_name, person.family_name, person.role) == ("Fiktiva", "Testdotter", "stodsokande")
    assert person.protected_identity and person.address in ("", MASK)
    assert area.model.total == 1


def test_missing_name_or_bad_number_gives_one_message_and_saves_nothing(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    _core, area = _area(open_core, qtbot)
    dialog = area.new_case_dialog()
    dialog.given.setText("Fiktiva")
    dialog.save()
    assert dialog.isVisible() and dialog.error.text() == "Fyll i förnamn och efternamn."
    dialog.family.setText("Testdotter")
    dialog.id_kind.setCurrentIndex(dialog.id_kind.findData("personnummer"))
    dialog.number.setText("19121212-1213")  # fails the check digit
    dialog.save()
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text()
    assert "\n" not in dialog.error.text()
    area.model.reload()
    assert area.model.total == 0  # the case was rolled back with the refused person
    dialog.number.setText("19121212-1212")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    settled(qtbot, area.detail)
    assert area.detail.case is not None and area.detail.case.persons[0].personnummer
    assert area.detail.case.case_no.endswith("000001")  # the refused attempt used no number
