"""Duty-to-report rules chosen by date (switch on 2025-07-01), the explanation, and reminders."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from stodapp.concerns.model import ReporterKind
from stodapp.concerns.rules import explain_duty, reminders, rule_set_for
from stodapp.errors import NotFound

OLD_LAST = date(2025, 6, 30)
NEW_FIRST = date(2025, 7, 1)


def test_rule_set_switches_on_2025_07_01() -> None:
    assert rule_set_for(OLD_LAST) == "SoL (2001:453)"
    assert rule_set_for(NEW_FIRST) == "SoL (2025:400)"
    old = explain_duty(ReporterKind.SOCIAL_SERVICES, OLD_LAST)
    new = explain_duty(ReporterKind.SOCIAL_SERVICES, NEW_FIRST)
    assert old.citation == "14 kap. 1 § SoL (2001:453)" and old.provision_confirmed
    assert new.statute == "SoL (2025:400)" and not new.provision_confirmed
    assert any("jurist" in r for r in new.reasons) and not any("jurist" in r for r in old.reasons)
    assert old.mandatory and new.mandatory and old.immediately and new.obligation == "ska anmäla genast"


def test_widening_sourced_only_to_the_bill_is_shown_as_a_proposal_never_applied() -> None:
    before = explain_duty(ReporterKind.AUTHORITY_STAFF_CHILDREN, OLD_LAST)
    after = explain_duty(ReporterKind.AUTHORITY_STAFF_CHILDREN, NEW_FIRST)
    assert not before.mandatory and before.obligation == "bör anmäla"
    assert before.citation == "14 kap. 1 c § SoL (2001:453)" and before.proposals == ()
    # The bill's widening is not verified against the act: the reporter is told "bör" and what was proposed.
    assert not after.mandatory and after.obligation == "bör anmäla"
    assert len(after.proposals) == 1 and "Förslag, inte kontrollerat" in after.proposals[0]
    assert "Prop. 2024/25:89" in after.proposals[0]
    other = explain_duty(ReporterKind.OTHER_PROFESSIONAL, NEW_FIRST)
    assert not other.mandatory and other.anonymous_allowed and other.proposals == ()


@pytest.mark.parametrize("on", [OLD_LAST, NEW_FIRST, date(2030, 1, 1)])
@pytest.mark.parametrize("kind", [ReporterKind.KRIMINALVARDEN, ReporterKind.PRIVATE_PROVIDER_CARE])
def test_new_reporter_kinds_are_mandatory_with_info_duty(kind: ReporterKind, on: date) -> None:
    e = explain_duty(kind, on)
    assert e.mandatory and e.immediately and e.info_duty
    joined = " ".join(e.principles)
    assert "personlig" in joined and "Uppgiftsskyldighet" in joined


def test_family_counselling_has_a_narrower_duty_and_no_info_duty() -> None:
    old = explain_duty(ReporterKind.FAMILY_COUNSELLING, OLD_LAST)
    assert old.mandatory and old.citation == "14 kap. 1 § andra stycket SoL (2001:453)" and old.verified
    assert any("snävare" in r for r in old.reasons) and not old.info_duty
    assert not any("Uppgiftsskyldighet" in p for p in old.principles)
    new = explain_duty(ReporterKind.FAMILY_COUNSELLING, NEW_FIRST)
    assert new.mandatory and not new.verified and not new.provision_confirmed
    assert any("inte kontrollerat mot lagtexten" in r for r in new.reasons)


def test_verification_is_reported_per_rule() -> None:
    old = explain_duty(ReporterKind.SCHOOL, OLD_LAST)
    new = explain_duty(ReporterKind.SCHOOL, NEW_FIRST)
    assert old.verified and old.source and not any("inte kontrollerat" in r for r in old.reasons)
    assert not new.verified and any("inte kontrollerat mot lagtexten" in r for r in new.reasons)


def test_explanation_lists_principles_and_target() -> None:
    e = explain_duty(ReporterKind.SCHOOL, date(2026, 1, 15), "Malmö (1280)")
    joined = " ".join(e.principles)
    assert "Inga bevis" in joined and "Malmö (1280)" in joined
    assert "ny anmälan" in joined and "den nya kommunen" in joined and "anonyma" in joined
    assert e.review_after_days == 30


def test_no_rule_before_the_act(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        explain_duty(ReporterKind.SCHOOL, date(1999, 1, 1))


def test_reminders() -> None:
    today = date(2026, 3, 1)
    sent = today - timedelta(days=31)
    kinds = {r.kind for r in reminders(status="sent", today=today, sent_on=sent, sent_to_code="1280")}
    assert kinds == {"concern_remains"}
    assert (
        reminders(status="outcome_recorded", today=today, sent_on=sent, outcome="investigation_opened") == ()
    )
    assert reminders(status="sent", today=today, sent_on=today - timedelta(days=5)) == ()
    moved = reminders(
        status="acknowledged", today=today, sent_on=today, sent_to_code="1280", current_home_code="0180"
    )
    assert [r.kind for r in moved] == ["child_moved"]
    late = reminders(status="final", today=today, finalised_on=today - timedelta(days=1))
    assert [r.kind for r in late] == ["not_sent"]
    assert reminders(status="draft", today=today) == ()
