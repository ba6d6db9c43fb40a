"""ServerRunnerService: the checklist runner's `RunnerService` over the unit's server, for one open assessment.

It remembers the server version of what the runner shows and names it with each save and signature, so a stale
write is refused whole (`Conflict`, "Någon annan har ändrat … — ladda om") and the runner keeps her answers on
screen. Each write carries an operation id; when the outcome of a write is unknown (the connection dropped), the
same write tried again — the same answers and judgements — reuses that id, so it is saved at most once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Protocol

from stodapp.checklists.store_views import AssessmentView
from stodapp.server.assessment_models import ServerAssessmentScreen
from stodapp.server.store import WriteOutcomeUnknown


class AssessmentWrites(Protocol):
    """The writes of `stodapp.server.checklist_screens.ServerChecklistScreens` this needs (no import circle)."""

    def new_op_id(self) -> str: ...

    def save_draft(self, form_id: int, answers: Mapping[str, Any], judgements: Mapping[str, tuple[str | None, str]],
                   *, version: int, op_id: str) -> ServerAssessmentScreen: ...

    def sign(self, form_id: int, *, version: int, op_id: str) -> ServerAssessmentScreen: ...


class ServerRunnerService:
    def __init__(self, screens: AssessmentWrites, screen: ServerAssessmentScreen) -> None:
        self._screens = screens
        self.form_id = int(screen.view.id)
        self.version = screen.version
        self._unknown: tuple[str, str] | None = None  # (what was sent, its op id) of a write with unknown outcome

    def _op_id(self, sent: str) -> str:
        if self._unknown is not None and self._unknown[0] == sent:
            return self._unknown[1]
        return self._screens.new_op_id()

    def _check(self, assessment_id: str) -> None:
        if int(assessment_id) != self.form_id:
            raise ValueError("the runner asked about another assessment")

    def _done(self, screen: ServerAssessmentScreen) -> AssessmentView:
        self.version = screen.version
        self._unknown = None
        return screen.view

    def save_draft(self, assessment_id: str, answers: Mapping[str, Any],
                   judgements: Mapping[str, tuple[str | None, str]]) -> AssessmentView:
        self._check(assessment_id)
        sent = json.dumps(["save", self.version, dict(answers), dict(judgements)], sort_keys=True, default=str)
        op_id = self._op_id(sent)
        try:
            screen = self._screens.save_draft(self.form_id, answers, judgements, version=self.version, op_id=op_id)
        except WriteOutcomeUnknown:
            self._unknown = (sent, op_id)
            raise
        return self._done(screen)

    def sign(self, assessment_id: str) -> AssessmentView:
        self._check(assessment_id)
        sent = json.dumps(["sign", self.version])
        op_id = self._op_id(sent)
        try:
            screen = self._screens.sign(self.form_id, version=self.version, op_id=op_id)
        except WriteOutcomeUnknown:
            self._unknown = (sent, op_id)
            raise
        return self._done(screen)
