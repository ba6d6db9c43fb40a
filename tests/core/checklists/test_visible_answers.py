"""Hidden-answer dropping is one domain rule: the service applies it, so the GUI and the CLI cannot differ."""

from __future__ import annotations

from typing import Any

from stodapp.checklists.runtime import visible_answers
from tests.core.checklists.test_service import new_case

SCREENING = "se.stodapp.vinr.screening"


def test_rule_drops_answers_of_items_hidden_by_earlier_answers(open_core: Any) -> None:
    definition = open_core("anna").checklists.definition(SCREENING)
    alone = {"ensam": "ja", "heder": "ja", "nar": "pagar"}
    assert visible_answers(definition, alone) == alone
    # Not alone with the client: the violence questions are not asked, so old answers to them must not count.
    assert visible_answers(definition, {**alone, "ensam": "nej"}) == {"ensam": "nej"}


def test_service_save_keeps_only_visible_answers(open_core: Any) -> None:
    anna = open_core("anna")
    svc = anna.checklists
    view = svc.start(SCREENING, new_case(anna))
    saved = svc.save_answers(view.id, {"ensam": "ja", "heder": "ja", "nar": "pagar"})
    assert saved.record.answers["nar"] == "pagar"
    saved = svc.save_answers(view.id, {"ensam": "nej", "heder": "ja", "nar": "pagar"})
    assert svc.get(view.id).record.answers == {"ensam": "nej"} == saved.record.answers
