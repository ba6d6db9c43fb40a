"""The safety-plan dialog's `PlanSaver` in server mode: each save off the GUI thread (`run_op`), naming the version
the dialog was opened with (a newer one saved by somebody else is a `Conflict`, nothing saved, her text kept), and
with one operation id per plan as typed: pressing Spara again after a dropped connection retries that very write,
so the version is saved at most once. "Ladda om" after a conflict reads the latest version, and the next save is
based on that one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from stodapp.cases.followup_models import SafetyPlanInput, SafetyPlanView
from ui.tasks import run_op

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from stodapp.changes import Change
    from stodapp.server.safety_plan_screens import ServerSafetyPlanScreens


class ServerPlanSaver:
    def __init__(self, parent: QWidget, plans: ServerSafetyPlanScreens, case_id: int, based_on: int | None,
                 on_saved: Callable[[Change], object]) -> None:
        self._parent = parent
        self._plans = plans
        self._case_id = case_id
        self._based_on = based_on
        self._on_saved = on_saved
        self._op: tuple[SafetyPlanInput, str] | None = None  # the plan as typed and its operation id

    def start_save(self, data: SafetyPlanInput, done: Callable[[], None],
                   failed: Callable[[BaseException], None]) -> None:
        if self._op is None or self._op[0] != data:
            self._op = (data, self._plans.new_op_id())
        plans, case_id, based_on, op_id = self._plans, self._case_id, self._based_on, self._op[1]

        def saved(change: Change) -> None:
            self._op = None
            done()
            self._on_saved(change)

        run_op(self._parent, lambda: plans.save(case_id, data, based_on=based_on, op_id=op_id), saved, failed,
               indicator=lambda _on: None)  # the dialog says "Sparar…" and its buttons are off meanwhile

    def start_reload(self, done: Callable[[SafetyPlanView | None], None],
                     failed: Callable[[BaseException], None]) -> None:
        plans, case_id = self._plans, self._case_id

        def read(plan: SafetyPlanView | None) -> None:
            self._based_on = plan.id if plan is not None else None
            done(plan)

        run_op(self._parent, lambda: plans.latest(case_id), read, failed, indicator=lambda _on: None)
