"""After the idle lock and unlock the user is where she was; after a language switch the filters keep their values."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.auth import Role
from stodapp.cases.models import PersonInput
from stodapp.i18n import set_language
from stodapp.referrals.directory import ReferralDirectory
from tests.ui.conftest import ANNA_PASSPHRASE
from tests.ui.fakes import FakeGate
from tests.ui.helpers import contains_text, flush_deletes, settled
from ui.areas import AreaSpec
from ui.gate import StoreGate
from ui.main_window import MainWindow
from ui.referrals.search_panel import ReferralSearchPanel


def _unlock(qtbot: Any, win: MainWindow, passphrase: str) -> None:
    panel = win.lock_panel
    assert panel is not None
    panel.pass_edit.setText(passphrase)
    panel.submit()
    qtbot.waitUntil(lambda: not win.locked, timeout=15000)


def test_idle_lock_and_unlock_come_back_to_the_same_case(qtbot: Any, prefs: Any, clock: Any, real_store: Any) -> None:
    data, _admin_pass = real_store
    gate = StoreGate(data, clock=clock)
    core = gate.unlock("anna", ANNA_PASSPHRASE)
    ids = [int(core.cases.create_with_person(PersonInput(role="stodsokande", given_name=f"Fiktiva{n}",
                                                        family_name="Låsdotter")).ids[0]) for n in range(3)]
    win = MainWindow(core, gate, prefs, clock=clock)
    qtbot.addWidget(win)
    win.show()
    assert win.current_area() == "cases"
    area = win.host.widget_for("cases") if win.host is not None else None
    row = next(r for r in range(area.model.rowCount()) if area.model.case_id(r) == ids[1])
    area.table.selectRow(row)
    settled(qtbot, area.detail)  # the case screen is read on the background helper
    assert area.detail.case is not None and area.detail.case.id == ids[1]
    assert contains_text("Fiktiva1 Låsdotter")

    clock.advance(5 * 60 + 1)  # the idle lock, on the fake clock
    win.guard.check()
    assert win.locked
    flush_deletes()
    assert not contains_text("Fiktiva1 Låsdotter")  # the state kept over the lock holds ids, never names
    assert all(isinstance(v, int | type(None)) for v in win._view_states["cases"].values() if not isinstance(v, list))

    _unlock(qtbot, win, ANNA_PASSPHRASE)
    assert win.current_area() == "cases"
    again = win.host.widget_for("cases") if win.host is not None else None
    assert again is not None and again is not area
    settled(qtbot, again.detail)
    assert again.detail.case is not None and again.detail.case.id == ids[1]
    assert again.model.case_id(again.table.currentIndex().row()) == ids[1]
    assert "Fiktiva1 Låsdotter" in {p.name for p in again.detail.case.persons}
    win.close()


def _referral_areas() -> list[AreaSpec]:
    directory = ReferralDirectory.load()
    roles = frozenset(Role)
    return [AreaSpec("other", "Ärenden", roles, lambda core, parent: QWidget(parent)),
            AreaSpec("referrals", "Stödkatalog", roles,
                     lambda core, parent: ReferralSearchPanel(directory, parent, now=core.clock.now))]


def _fill_filters(qtbot: Any, panel: ReferralSearchPanel) -> None:
    panel.group.setCurrentIndex(panel.group.findData("children_youth"))
    panel.channel.setCurrentIndex(panel.channel.findData("phone"))
    panel.age.setValue(15)
    panel.kommun.setText("Haninge")
    panel.text.setText("stöd")
    panel.open_now.setChecked(True)
    panel.run_search()
    settled(qtbot, panel)
    assert panel.results.count() > 0
    panel.results.item(0).setSelected(True)


def _filters(panel: ReferralSearchPanel) -> tuple[object, ...]:
    return (panel.group.currentData(), panel.channel.currentData(), panel.age.value(), panel.open_now.isChecked(),
            panel.selected_ids())


def test_language_switch_keeps_the_referral_filters(qtbot: Any, prefs: Any, clock: Any) -> None:
    gate = FakeGate(clock)
    win = MainWindow(gate.unlock("anna", gate.passphrase), gate, prefs, clock=clock, areas=_referral_areas(),
                     apply_language=set_language)
    qtbot.addWidget(win)
    win.show()
    win.show_area("referrals")
    panel = win.host.widget_for("referrals") if win.host is not None else None
    assert isinstance(panel, ReferralSearchPanel)
    _fill_filters(qtbot, panel)
    before, hits = _filters(panel), [panel.results.item(i).data(256) for i in range(panel.results.count())]

    win.apply_settings("en", high_contrast=False)
    after = win.host.widget_for("referrals") if win.host is not None else None
    assert isinstance(after, ReferralSearchPanel) and after is not panel
    settled(qtbot, after)  # the restored search reads off the GUI thread
    assert win.current_area() == "referrals"
    assert after.search_button.text() == "Search"  # rebuilt in English
    assert _filters(after) == before
    assert after.kommun.text() == "Haninge" and after.text.text() == "stöd"
    assert [after.results.item(i).data(256) for i in range(after.results.count())] == hits
    set_language("sv")


def test_lock_keeps_the_filter_choices_but_not_the_typed_text(qtbot: Any, prefs: Any, clock: Any) -> None:
    gate = FakeGate(clock)
    win = MainWindow(gate.unlock("anna", gate.passphrase), gate, prefs, clock=clock, areas=_referral_areas())
    qtbot.addWidget(win)
    win.show()
    win.show_area("referrals")
    panel = win.host.widget_for("referrals") if win.host is not None else None
    assert isinstance(panel, ReferralSearchPanel)
    _fill_filters(qtbot, panel)
    choices = _filters(panel)[:4]
    win.lock()
    assert "Haninge" not in str(win._view_states) and "stöd" not in str(win._view_states)
    _unlock(qtbot, win, gate.passphrase)
    after = win.host.widget_for("referrals") if win.host is not None else None
    assert isinstance(after, ReferralSearchPanel)
    settled(qtbot, after)
    assert _filters(after)[:4] == choices
    assert after.kommun.text() == "" and after.text.text() == ""


def test_sign_out_forgets_where_the_user_was(qtbot: Any, prefs: Any, clock: Any) -> None:
    gate = FakeGate(clock)
    win = MainWindow(gate.unlock("anna", gate.passphrase), gate, prefs, clock=clock, areas=_referral_areas())
    qtbot.addWidget(win)
    win.show_area("referrals")
    win.sign_out()
    assert win._view_states == {}


def _rebuilt(qtbot: Any, module: str, core: Any, widget: QWidget) -> Any:
    """Capture the area as the host does before a lock, build it again and restore it."""
    import importlib

    from ui.area_host import capture_view, restore_view

    state = capture_view(widget, keep_text=False)
    assert "Övningsdotter" not in str(state) and "Fiktiv" not in str(state)
    again = importlib.import_module(module).area().factory(core, None)
    qtbot.addWidget(again)
    restore_view(again, state)
    if hasattr(again, "loading"):  # a page that reads its screen off the GUI thread applies the state once loaded
        settled(qtbot, again)
    return again


def test_checklists_come_back_to_the_same_case_and_open_assessment(qtbot: Any, open_core: Any) -> None:
    from tests.ui.concerns.conftest import make_case
    from ui.checklists.area import area

    anna = open_core("anna")
    first, second = make_case(anna), make_case(anna)
    page = area().factory(anna, None)
    qtbot.addWidget(page)
    settled(qtbot, page)  # the checklist page reads its screen on the background helper
    row = next(r for r in range(page.subjects.count()) if page.subjects.item(r).data(256) == second)
    page.subjects.setCurrentRow(row)
    runner = page.start()
    assert runner is not None and first != second
    again = _rebuilt(qtbot, "ui.checklists.area", anna, page)
    assert again.subject() == second
    assert again.runner is not None and again.runner.view.id == runner.view.id
    assert again.selected() is not None and again.selected().id == runner.view.id


def test_concerns_come_back_to_the_same_case_and_report(qtbot: Any, open_core: Any) -> None:
    from tests.ui.concerns.conftest import make_case
    from ui.concerns.area import area

    anna = open_core("anna")
    make_case(anna)
    second = make_case(anna)
    panel = area().factory(anna, None)
    qtbot.addWidget(panel)
    settled(qtbot, panel)  # the concerns page reads its screen on the background helper
    panel.case_combo.setCurrentIndex(panel.case_combo.findData(second))
    settled(qtbot, panel)
    panel.new_report()
    settled(qtbot, panel)  # the new draft is read on the background helper
    report = panel.editor.view
    assert report is not None
    again = _rebuilt(qtbot, "ui.concerns.area", anna, panel)
    assert again.case_id() == second
    assert again.editor.view is not None and again.editor.view.id == report.id
    assert again.list.current_id() == report.id
