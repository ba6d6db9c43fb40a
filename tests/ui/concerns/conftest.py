"""A real store with one case per test: a child, a protected mother (sentinel address) and a father."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from stodapp.cases.models import PersonInput
from tests.ui.helpers import settled

CHILD_PNR = "20150315-2389"
MOTHER_PNR = "19850404-1230"
SENTINEL_ADDRESS = "Hemligstigen 77, 999 42 Gömstad"


def make_case(core: Any, *, honour: bool = False, disability: bool = False) -> int:
    from stodapp.cases.service import CaseService

    cases = CaseService(core.ctx)
    case_id = int(cases.create_case(unit="Barn och familj").ids[0])
    cases.persons.add(case_id, PersonInput(
        role="barn", given_name="Åsa", family_name="Övningsdotter", id_kind="personnummer", number=CHILD_PNR,
        groups=("funktionsnedsattning",) if disability else (),
    ))
    cases.persons.add(case_id, PersonInput(
        role="stodsokande", given_name="Märta", family_name="Övningsdotter", id_kind="personnummer",
        number=MOTHER_PNR, protected_identity=True, address=SENTINEL_ADDRESS,
        groups=("heder",) if honour else (),
    ))
    cases.persons.add(case_id, PersonInput(role="utovare", given_name="Örjan", family_name="Fiktivsson"))
    return case_id


@pytest.fixture
def anna(open_core: Callable[[str], Any]) -> Any:
    return open_core("anna")


@pytest.fixture
def panel_for(qtbot: Any, anna: Any) -> Callable[..., Any]:
    """panel_for(honour=…, disability=…) -> the concerns area widget with that case selected."""

    def make(**flags: bool) -> Any:
        from ui.concerns.area import area

        case_id = make_case(anna, **flags)
        panel = area().factory(anna, None)
        qtbot.addWidget(panel)
        panel.resize(1400, 900)
        panel.show()
        settled(qtbot, panel)  # the page reads its screen on the background helper
        panel.case_combo.setCurrentIndex(panel.case_combo.findData(case_id))
        settled(qtbot, panel)
        return panel

    return make
