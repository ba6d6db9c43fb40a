"""ServerRunnerService (the runner's saves and signatures in server mode), without a server: it names the version
it read, follows the version each write returns, and retries a write whose outcome is unknown under the same
operation id only when it sends the very same thing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from stodapp.checklists.record import new_assessment
from stodapp.checklists.store_views import AssessmentView
from stodapp.clock import FakeClock
from stodapp.server.assessment_models import ServerAssessmentScreen
from stodapp.server.assessments import shipped_definition
from stodapp.server.checklist_runner import ServerRunnerService
from stodapp.server.store import WriteOutcomeUnknown


def _screen(version: int, answers: Mapping[str, Any] | None = None) -> ServerAssessmentScreen:
    record = new_assessment(shipped_definition("se.stodapp.vinr.screening"), subject_ref="case:7", by="anna",
                            at=FakeClock().now())
    record = record.model_copy(update={"answers": dict(answers or {})})
    view = AssessmentView(id="42", case_id=7, audience="case", status="draft", record=record, copyright_line="",
                          created_by="anna")
    return ServerAssessmentScreen(view=view, version=version)


class FakeWrites:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, str]] = []  # (what, version named, op id)
        self.fail_next: Exception | None = None
        self._n = 0

    def new_op_id(self) -> str:
        self._n += 1
        return f"{self._n:032d}"

    def save_draft(self, form_id: int, answers: Mapping[str, Any], judgements: Mapping[str, tuple[str | None, str]],
                   *, version: int, op_id: str) -> ServerAssessmentScreen:
        assert form_id == 42
        self.calls.append(("save", version, op_id))
        if self.fail_next is not None:
            err, self.fail_next = self.fail_next, None
            raise err
        return _screen(version + 1, answers)

    def sign(self, form_id: int, *, version: int, op_id: str) -> ServerAssessmentScreen:
        self.calls.append(("sign", version, op_id))
        return _screen(version + 1)


def test_each_write_names_the_version_the_last_one_returned() -> None:
    writes = FakeWrites()
    service = ServerRunnerService(writes, _screen(3))
    view = service.save_draft("42", {"kanal": "besok"}, {})
    assert view.record.answers == {"kanal": "besok"} and service.version == 4
    service.sign("42")
    assert [(what, version) for what, version, _op in writes.calls] == [("save", 3), ("sign", 4)]
    assert len({op for *_x, op in writes.calls}) == 2  # one operation id per write
    with pytest.raises(ValueError):
        service.save_draft("43", {}, {})  # a runner never asks about another assessment


def test_an_unknown_outcome_is_retried_once_under_the_same_id_only_for_the_same_write() -> None:
    writes = FakeWrites()
    service = ServerRunnerService(writes, _screen(1))
    writes.fail_next = WriteOutcomeUnknown("okänt")
    with pytest.raises(WriteOutcomeUnknown):
        service.save_draft("42", {"kanal": "besok"}, {})
    service.save_draft("42", {"kanal": "besok"}, {})  # the same answers: the same id (saved at most once)
    writes.fail_next = WriteOutcomeUnknown("okänt")
    with pytest.raises(WriteOutcomeUnknown):
        service.save_draft("42", {"kanal": "besok"}, {})
    service.save_draft("42", {"kanal": "telefon"}, {})  # she changed an answer: a new write, a new id
    ops = [op for *_x, op in writes.calls]
    assert ops[0] == ops[1] and ops[2] != ops[3] and ops[1] != ops[2]
    assert service.version == 3
