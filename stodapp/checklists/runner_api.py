"""RunnerService: what the checklist runner needs from a store to save and sign the assessment it shows.

`ChecklistService` (the local store) satisfies it as it is; server mode hands the runner a
`stodapp.server.checklist_runner.ServerRunnerService`, which names the server version it read with each write.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from stodapp.checklists.store_views import AssessmentView


class RunnerService(Protocol):
    def save_draft(self, assessment_id: str, answers: Mapping[str, Any],
                   judgements: Mapping[str, tuple[str | None, str]]) -> AssessmentView:
        """Save the answers and the changed judgements (value, reason) of a draft, all or nothing."""
        ...

    def sign(self, assessment_id: str) -> AssessmentView:
        """Freeze a complete draft; refuses an incomplete one (`ValidationFailed`)."""
        ...
