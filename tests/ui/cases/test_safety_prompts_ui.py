"""The safety-plan editor's prompt tab: tick, write, choose what goes on her copy; reopened from the saved plan."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from stodapp.cases.followup_models import SafetyPlanInput, SafetyPlanView
from stodapp.cases.safety_prompts import default_prompts
from stodapp.changes import Change
from ui.cases.safety_plan_dialog import SafetyPlanDialog

SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots" / "cases"


def test_prompts_are_ticked_filled_and_chosen_for_her_copy(qtbot) -> None:  # type: ignore[no-untyped-def]
    saved: list[SafetyPlanInput] = []

    def submit(data: SafetyPlanInput) -> Change:
        saved.append(data)
        return Change(area="cases", action="safety_plan_saved", ids=("1", "1"))

    dlg = SafetyPlanDialog(submit, None, date(2026, 1, 15), prompts=default_prompts())
    qtbot.addWidget(dlg)
    dlg.resize(760, 720)
    dlg.show()
    assert dlg.prompts is not None and len(dlg.prompts.rows) == len(default_prompts().keys())
    leave, call = dlg.prompts.row("lamna_snabbt"), dlg.prompts.row("stodlinjer")
    assert not leave.answer.isEnabled()  # nothing to write until the prompt is ticked
    leave.taken.setChecked(True)
    call.taken.setChecked(True)
    assert leave.answer.isEnabled()
    assert not leave.on_copy.isChecked() and call.on_copy.isChecked()  # where she goes is off her copy by default
    leave.answer.setText("Hos syster")
    call.answer.setText("Kvinnofridslinjen")
    dlg.risks.setPlainText("Sena kvällar")
    dlg.save()
    assert len(saved) == 1
    answers = {a.key: (a.answer, a.on_client_copy) for a in saved[0].prompts}
    assert answers == {"lamna_snabbt": ("Hos syster", False), "stodlinjer": ("Kvinnofridslinjen", True)}
    from tests.ui.test_accessibility import unnamed

    assert unnamed(dlg) == []
    dlg.tabs.setCurrentIndex(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dlg.grab().save(str(SHOTS / "safety_plan_prompts.png"))


def test_the_editor_opens_with_the_latest_plan(qtbot) -> None:  # type: ignore[no-untyped-def]
    from stodapp.cases.client_copy import stored_prompts
    from stodapp.cases.followup_models import PromptAnswer

    stored = stored_prompts((PromptAnswer(key="hamta", answer="Bara mormor", on_client_copy=True),), default_prompts())
    latest = SafetyPlanView(id=3, case_id=1, person_id=None, risk_situations=("A", "B"), own_actions=(),
                            helpers=("Syster",), contacts=(), children_plan="Förskolan vet", review_on=date(2026, 3, 1),
                            created_at=datetime(2026, 1, 10, 9, 0, tzinfo=UTC), prompts=stored)
    dlg = SafetyPlanDialog(lambda d: Change(area="cases", action="x", ids=()), None, date(2026, 1, 15),
                           prompts=default_prompts(), latest=latest)
    qtbot.addWidget(dlg)
    assert dlg.risks.toPlainText() == "A\nB" and dlg.children_plan.toPlainText() == "Förskolan vet"
    assert dlg.prompts is not None
    row = dlg.prompts.row("hamta")
    assert row.taken.isChecked() and row.answer.text() == "Bara mormor" and row.on_copy.isChecked()
    assert not dlg.prompts.row("bevis").taken.isChecked()
