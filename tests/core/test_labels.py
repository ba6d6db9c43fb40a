"""Words for codes: every audit action the code writes has a label; roles, statuses, outcomes, records and
municipalities read as words in Swedish and in English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from stodapp import i18n
from stodapp.auth import Role
from stodapp.concerns.tracking import ConcernStatus, Outcome
from stodapp.labels import (
    ACTION_LABELS,
    action_label,
    concern_outcome_label,
    concern_status_label,
    municipality_label,
    person_label,
    record_label,
    role_label,
)
from stodapp.summary.audit_review_models import ReviewEvent, event_cells

ROOT = Path(__file__).resolve().parents[2]
AUDIT_CALLS = {"audit": 1, "audit_shown": 1, "audit_event": 0}


def _audited_actions() -> set[str]:
    """The action literals of every audit call in stodapp/ and ui/ (the action argument, by position)."""
    found: set[str] = set()
    for path in [*ROOT.joinpath("stodapp").rglob("*.py"), *ROOT.joinpath("ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            pos = AUDIT_CALLS.get(node.func.attr)
            if pos is None or len(node.args) <= pos:
                continue
            arg = node.args[pos]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                found.add(arg.value)
            elif isinstance(arg, ast.IfExp):
                found.update(a.value for a in (arg.body, arg.orelse)
                             if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return found


def test_every_audited_action_has_a_label() -> None:
    actions = _audited_actions()
    assert len(actions) > 60  # the scan finds the calls (not an empty walk)
    assert {"case.view", "note.list", "case.view_glass", "case.list"} <= actions
    unlabelled = sorted(actions - ACTION_LABELS.keys())
    assert unlabelled == []  # a new audited action gets its words (sv and en) in stodapp/labels.py


def test_every_action_status_and_outcome_label_has_english() -> None:
    def labels() -> list[str]:
        return ([action_label(a) for a in sorted(ACTION_LABELS)] + [concern_status_label(s.value) for s in ConcernStatus]
                + [concern_outcome_label(o.value) for o in Outcome] + [role_label(r.value) for r in Role])

    i18n.set_language("sv")
    swedish = labels()
    try:
        i18n.set_language("en")
        english = labels()
    finally:
        i18n.set_language("sv")
    same = [sv for sv, en in zip(swedish, english, strict=True) if sv == en]
    assert same == []  # every label has an English msgstr in resources/translations/en


@pytest.fixture(params=["sv", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("sv")


def test_codes_read_as_words(lang: str) -> None:
    codes = [c.value for c in (*Role, *ConcernStatus, *Outcome)] + list(ACTION_LABELS)
    labels = [role_label(r.value) for r in Role] + [concern_status_label(s.value) for s in ConcernStatus]
    labels += [concern_outcome_label(o.value) for o in Outcome] + [action_label(a) for a in ACTION_LABELS]
    assert not set(labels) & set(codes)  # no label is a bare code
    assert all("_" not in label for label in labels)
    if lang == "sv":
        assert role_label("handlaggare") == "Handläggare"
        assert action_label("case.view") == "Öppnade ett ärende"
        assert concern_status_label("outcome_recorded") == "Utfall registrerat"
        assert concern_outcome_label("no_investigation") == "Ingen utredning"
        assert record_label("case", "40") == "Ärende 40"
        assert record_label("case", "3-5,9") == "Ärenden 3-5, 9"
    else:
        assert role_label("handlaggare") == "Caseworker"
        assert action_label("note.list") == "Listed journal notes"
        assert record_label("case", "40") == "Case 40"


def test_unknown_codes_stay_visible_not_blank() -> None:
    assert action_label("x.new_thing") == "[x.new_thing]"
    assert action_label("case.new_thing") == "Ärende [case.new_thing]"
    assert role_label("gast") == "gast"
    assert record_label("widget", "7") == "widget 7"
    assert municipality_label("") == "" and municipality_label("abc") == "abc"
    assert municipality_label("136") == "Haninge (0136)"
    assert person_label("  ", "handlaggare") == "handlaggare" and person_label("Anna Ek", "anna") == "Anna Ek"


def test_audit_review_row_shows_words_and_swedish_time() -> None:
    i18n.set_language("sv")
    event = ReviewEvent(id=7, at="2026-01-15T09:30:00.000000Z", username="anna", display_name="Anna Testsson",
                        role="handlaggare", action="case.view", record_type="case", record_id="40")
    cells = event_cells(event, with_note=False)
    assert cells == ["7", "2026-01-15 10:30", "Anna Testsson", "Handläggare", "Öppnade ett ärende", "Ärende 40"]
