"""The tour's main window for each role: every area, every tab, and the dialogs each area opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from stodapp.roles import Role
from ui.dev.tour import Tour, fit_to_screen, main_window, settle, wait_until

Extra = Callable[[Tour, Any, QWidget], None]


def _loaded(widget: Any) -> None:
    """A screen that reads off the GUI thread (ui.tasks.ScreenLoader): its newest load is shown before a picture."""
    if hasattr(widget, "loading") and not wait_until(lambda: not widget.loading):
        raise RuntimeError(f"tour: {type(widget).__name__} did not load within 20 s")
    settle()


def _areas(tour: Tour, win: Any, extras: dict[str, Extra]) -> None:
    for spec in win.host.specs:
        win.show_area(spec.id)
        settle()
        widget = win.host.widget_for(spec.id)
        _loaded(widget)
        tour.visit(spec.id, win)
        tour.tabs(spec.id, win, widget)
        extra = extras.get(spec.id)
        if extra is not None:
            extra(tour, win, widget)


def _close(win: Any) -> None:
    win.close()
    win.deleteLater()
    settle()


# ---- caseworker ------------------------------------------------------------------------------------------------
def _cases(tour: Tour, win: Any, area: Any) -> None:
    area.table.selectRow(0)
    detail = area.detail
    # The case screen loads off the GUI thread: on a busy machine it lands later than one settle().
    if not wait_until(lambda: detail.case is not None and not detail.loading):
        raise RuntimeError("tour: the first case did not load within 20 s")
    settle()
    tour.visit("cases/open", win)
    for make in (detail.person_dialog, detail.asking_dialog, detail.plan_dialog, detail.referral_dialog,
                 detail.sharing_dialog, detail.housing_dialog, detail.interpreter_view):
        dialog = make()
        tour.dialog(f"cases/{type(dialog).__name__}", dialog)
    for row, person in enumerate(detail.case.persons if detail.case else ()):
        if person.protected_identity:
            detail.persons.selectRow(row)
            tour.dialog("cases/RevealDialog", detail.reveal_dialog())
            break
    area.search.setText("Testa")
    area.run_search()
    settle()
    tour.visit("cases/search", win)
    area.search.clear()


def _checklists(tour: Tour, win: Any, page: Any) -> None:
    from ui.checklists.runner import _ask

    # The checklist page loads off the GUI thread, like the case screen.
    if not wait_until(lambda: not page.loading and page.subjects.count() > 0):
        raise RuntimeError("tour: the checklist page did not load within 20 s")
    page.subjects.setCurrentRow(0)
    for index in range(page.checklist.count()):
        page.checklist.setCurrentIndex(index)
        if page.start() is not None:
            settle()
            tour.visit(f"checklists/runner{index}", win)
    with tour.modal_dialogs("checklists"):
        from stodapp.i18n import _

        _ask(win, _("När bedömningen är signerad kan den inte ändras. Signera nu?"))


def _concerns(tour: Tour, win: Any, panel: Any) -> None:
    from ui.concerns.review_dialog import ReviewDialog
    from ui.concerns.review_text import summary_text
    from ui.concerns.sent_dialog import SentDialog
    from ui.concerns.track_dialog import TrackDialog

    editor = panel.editor
    with tour.modal_dialogs("concerns", accept=True):
        for index in range(panel.case_combo.count()):
            panel.case_combo.setCurrentIndex(index)
            _loaded(panel)  # the page reads the case's reports off the GUI thread
            panel.new_report()
            _loaded(panel)  # and the new draft
            if editor.view is not None:
                break
    _loaded(panel)
    tour.visit("concerns/editor", win)
    if editor.view is None:
        return
    today = editor._today()
    report = editor.view.report
    for dialog in (ReviewDialog(summary_text(report, editor.duty.explanation), ["Kontrollera barnets adress."],
                                editor),
                   SentDialog(today, report.home_municipality_code, editor),
                   TrackDialog("Utfall", today, with_outcome=True, parent=editor)):
        tour.dialog(f"concerns/{type(dialog).__name__}", dialog)
    with tour.modal_dialogs("concerns"):
        editor.pdf_button.confirm_save()


def _referrals(tour: Tour, win: Any, panel: Any) -> None:
    run = getattr(panel, "run_search", None)
    if callable(run):
        run()
        _loaded(panel)  # each search reads off the GUI thread
        tour.visit("referrals/search", win)


def _common_dialogs(tour: Tour, win: Any, prefs: QSettings) -> None:
    from ui.about_dialog import AboutDialog
    from ui.settings_dialog import SettingsDialog

    tour.dialog("SettingsDialog", SettingsDialog(win.core, prefs, win))
    from ui.passphrase_change_dialog import PassphraseChangeDialog

    change = PassphraseChangeDialog(win.core, parent=win)
    change.current_edit.setText("demo")
    change.new_edit.setText("en ny fras")  # too short: the live policy feedback lists what is missing
    tour.dialog("PassphraseChangeDialog", change)
    open_guide = getattr(win, "open_guide", None)
    if callable(open_guide):  # the user guide, at the page of each area
        for spec in win.host.specs:
            win.show_area(spec.id)
            guide = open_guide()
            fit_to_screen(guide)
            tour.visit(f"guide/{spec.id}", guide)
        guide.close()
    tour.dialog("AboutDialog", AboutDialog({"stodapp": "0.1.0", "integrity": "ok"}, win))


def caseworker(tour: Tour, prefs: QSettings, _tmp: Path) -> None:
    win = main_window(tour, Role.CASEWORKER, prefs)
    _areas(tour, win, {"cases": _cases, "checklists": _checklists, "concerns": _concerns,
                       "referrals": _referrals})
    _common_dialogs(tour, win, prefs)
    _close(win)


# ---- supervisor ------------------------------------------------------------------------------------------------
def _summary(tour: Tour, win: Any, area: Any) -> None:

    panel = area.summary_panel
    if panel is not None:
        area.tabs.setCurrentWidget(panel)
        panel.generate()
        wait_until(panel.generate_button.isEnabled)
        settle(100)
        tour.visit("summary/generated", win)
    audit = area.audit_panel
    if audit is not None:
        area.tabs.setCurrentWidget(audit)
        audit.generate()
        wait_until(audit.generate_button.isEnabled)
        settle(100)
        tour.visit("summary/audit_generated", win)
    with tour.modal_dialogs("summary"):
        owner = panel or audit
        if owner is not None:
            owner.paper.confirm_save()


def supervisor(tour: Tour, prefs: QSettings, _tmp: Path) -> None:
    win = main_window(tour, Role.SUPERVISOR, prefs)
    _areas(tour, win, {"summary": _summary, "referrals": _referrals})
    _close(win)


# ---- trainer ---------------------------------------------------------------------------------------------------
def _training(tour: Tour, win: Any, area: Any) -> None:
    from stodapp.bench.dev_store import fast_kdf

    area._kdf = fast_kdf()
    area._open(str(win.principal.username), "övningens lösenfras för visningen", True)
    if not wait_until(lambda: area.panel is not None):
        return
    settle()
    box = getattr(area, "recovery_box", None)
    if box is not None:
        tour.dialog("training/recovery", box)
    panel = area.panel
    tour.visit("training/trainer", win)
    tour.tabs("training/trainer", win, panel)
    editor = panel.authoring.new() if hasattr(panel, "authoring") else None
    if editor is not None:
        tour.dialog("training/VignetteEditor", editor)
    if panel.vignette_list.count():
        panel.vignette_list.setCurrentRow(0)
        if panel.start_session() is not None:
            settle()
            tour.visit("training/session", win)
            dialog = panel.session_panel.next_trainee()
            if dialog is not None:
                tour.dialog("training/TraineeRunDialog", dialog)
    area.leave()


def trainer(tour: Tour, prefs: QSettings, _tmp: Path) -> None:
    win = main_window(tour, Role.TRAINER, prefs)
    _areas(tour, win, {"training": _training, "referrals": _referrals})
    _close(win)


# ---- administrator ---------------------------------------------------------------------------------------------
def _admin(tour: Tour, win: Any, area: Any) -> None:
    from ui.admin.content_packs_panel import _ask as ask_import

    area.show_local_entries()
    panel = area.local_panel
    tour.dialog("admin/LocalEntryDialog", panel._dialog(None))
    from stodapp.demo import DEMO_USERS
    from ui.admin.passphrase_reset_dialog import PassphraseResetDialog, UsersResetSaver

    reset = PassphraseResetDialog(UsersResetSaver(area.keys_panel._core.users), DEMO_USERS[Role.CASEWORKER],
                                  "Demo Handläggare", win)
    reset.new_edit.setText("kort")
    reset.submit()  # shows the policy problem in the error line, as a mistyped passphrase would
    tour.dialog("admin/PassphraseResetDialog", reset)
    from ui.admin.recovery_key_dialog import RecoveryKeyDialog

    fictional_key = "DEMO-0000-1111-2222-3333-4444-5555-6666"  # not a key of any store
    tour.dialog("admin/RecoveryKeyDialog", RecoveryKeyDialog(fictional_key, str(win.core.files.data_dir), lambda: None,
                                                                   win))
    area.tabs.setCurrentIndex(0)
    with tour.modal_dialogs("admin"):
        area.table.selectRow(0)
        area.disable_selected()
        ask_import(win, "Paketet ersätter inget som finns. Importera?")


def admin(tour: Tour, prefs: QSettings, _tmp: Path) -> None:
    win = main_window(tour, Role.ADMIN, prefs)
    _areas(tour, win, {"admin": _admin, "summary": _summary, "referrals": _referrals})
    _close(win)


ROLE_TOURS: tuple[tuple[str, Callable[[Tour, QSettings, Path], None]], ...] = (
    ("caseworker", caseworker),
    ("supervisor", supervisor),
    ("trainer", trainer),
    ("admin", admin),
)
