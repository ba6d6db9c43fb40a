"""ServerSafetyPlanScreens: what the GUI's server case view reads and writes of a case's safety plan.

The reads return the local store's view models (`SafetyPlanView`, `PromptList`), so the local safety-plan dialog
shows them as they are. A save carries the caller's operation id (a retry after a dropped connection is saved at
most once) and the id of the version she read (`based_on`: a newer one saved by somebody else meanwhile is a
`Conflict`, nothing saved); once committed it is published on the session's change feed. Printing asks for the
passphrase again when the sign-in is older than the step-up window (`ReauthRequired`), as on the local store.
"""

from __future__ import annotations

from collections.abc import Callable

from stodapp.cases.followup_models import SafetyPlanInput, SafetyPlanView
from stodapp.cases.safety_prompts import PromptList
from stodapp.changes import Change
from stodapp.server.safety_plans import ServerSafetyPlans
from stodapp.server.store import new_op_id


class ServerSafetyPlanScreens:
    def __init__(self, plans: ServerSafetyPlans, publish: Callable[[Change], Change]) -> None:
        self._plans = plans
        self._publish = publish

    @staticmethod
    def new_op_id() -> str:
        """An operation id for one write the user asked for; pass the same one again to retry that write."""
        return new_op_id()

    def prompt_list(self) -> PromptList:
        return self._plans.prompt_list()

    def latest(self, case_id: int) -> SafetyPlanView | None:
        """The latest version of the case's plan, or None (one `safety_plan.view` audit row)."""
        return self._plans.latest(case_id)

    def save(self, case_id: int, data: SafetyPlanInput, *, based_on: int | None, op_id: str) -> Change:
        """A new version if the latest is still `based_on`; else `Conflict` ("… — ladda om"), nothing saved."""
        return self._publish(self._plans.save(case_id, data, based_on=based_on, op_id=op_id))

    def file_pdf(self, case_id: int) -> bytes:
        return self._plans.file_pdf(case_id)

    def client_pdf(self, case_id: int, lang: str, large: bool = False) -> bytes:
        return self._plans.client_pdf(case_id, lang, large)
