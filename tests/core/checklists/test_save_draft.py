"""Saving a checklist draft is one transaction: answers and judgements are saved together or not at all."""

from __future__ import annotations

from typing import Any

import pytest

from stodapp.checklists.demo import example_answers
from stodapp.errors import StodError
from tests.core.checklists.test_service import DANGER, audit_rows, new_case


def _first_judgement(svc: Any) -> tuple[str, str]:
    definition = svc.definition(DANGER)
    j = definition.judgements[0]
    scale = j.scale if not isinstance(j.scale, str) else definition.scales[j.scale]
    return j.id, scale.options[0].code


def test_answers_and_judgements_in_one_transaction(open_core: Any) -> None:
    anna = open_core("anna")
    svc = anna.checklists
    view = svc.start(DANGER, new_case(anna))
    answers = example_answers(svc.definition(DANGER), seed=2)
    jid, code = _first_judgement(svc)
    saved = svc.save_draft(view.id, answers, {jid: (code, "Fiktiv motivering: den som utövar våld har flyttat och saknar kontakt sedan ett år.")})
    assert saved.record.answers and saved.record.judgements[jid].value == code
    assert [a[0] for a in audit_rows(anna)].count("assessment.judgement") == 1


def test_a_refused_judgement_saves_no_answer_either(open_core: Any) -> None:
    anna = open_core("anna")
    svc = anna.checklists
    view = svc.start(DANGER, new_case(anna))
    answers = example_answers(svc.definition(DANGER), seed=2)
    saves_before = [a[0] for a in audit_rows(anna)].count("assessment.save")
    with pytest.raises(StodError):
        svc.save_draft(view.id, answers, {"no_such_judgement": ("hog", "")})
    assert svc.get(view.id).record.answers == {}
    assert [a[0] for a in audit_rows(anna)].count("assessment.save") == saves_before
