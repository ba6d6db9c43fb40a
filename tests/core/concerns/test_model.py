"""Report model: bad input is refused with one clear line; safety rules hold whatever the editor does."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stodapp.concerns import safety
from stodapp.concerns.model import ConcernReport, check_ready_to_finalise, merge_changes, parse_report
from stodapp.concerns.notices import notices
from stodapp.concerns.prefill import prefill_from_case
from stodapp.errors import UserInputError, ValidationFailed

from .helpers import CHILD_PNR, SENTINEL_ADDRESS, SENTINEL_PHONE, TODAY, reporter, snapshot


def base(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "report_date": TODAY,
        "child": {"name": "Åsa Övningsdotter", "personnummer": CHILD_PNR},
        "home_municipality_code": "0180",
        "reporter": reporter().model_dump(),
        "concern": {"description": "Barnet berättar om bråk hemma.", "source": "told_by_child"},
    }
    data.update(extra)
    return data


def test_valid_report_normalises_codes_and_numbers() -> None:
    r = parse_report(
        base(home_municipality_code="180", child={"name": "Åsa", "personnummer": "201503152389"}), today=TODAY
    )
    assert r.home_municipality_code == "0180"
    assert r.child is not None and r.child.personnummer == "20150315-2389"
    check_ready_to_finalise(r)


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"child": None}, "ett barn"),
        ({"home_municipality_code": "0199"}, "Okänd kommunkod"),
        ({"home_municipality_code": "abc"}, "Okänd kommunkod"),
        ({"concern": {"description": "x", "observed_on": TODAY + timedelta(days=1)}}, "framtiden"),
        ({"report_date": TODAY + timedelta(days=1)}, "framtiden"),
        ({"child": {"name": "Åsa", "personnummer": "20150315-2388"}}, "personnummer"),
        ({"child": {"name": "Vuxen", "personnummer": "19850404-1230"}}, "18 år"),
        (
            {
                "child": {
                    "name": "Åsa",
                    "personnummer": CHILD_PNR,
                    "protected_identity": True,
                    "address": "Gata 1",
                }
            },
            "skyddade",
        ),
        ({"reporter": {"name": "", "title": "x", "unit": "y", "phone": "1"}}, "inte anonymt"),
        ({"reporter": {"name": "A", "title": "x", "unit": "y"}}, "telefon eller e-post"),
        ({"honour_context": True, "guardians_informed": True}, "Hederskontext"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_bad_input_is_refused_with_one_line(changes: dict[str, object], needle: str) -> None:
    with pytest.raises(UserInputError) as err:
        parse_report(base(**changes), today=TODAY)
    message = str(err.value)
    assert needle in message and "\n" not in message
    assert "Barnet berättar" not in message  # never content in the error


def test_finalising_needs_description_and_reasons() -> None:
    r = parse_report(base(concern={"description": "   ", "source": "observed"}), today=TODAY)
    with pytest.raises(UserInputError, match="beskrivning"):
        check_ready_to_finalise(r)
    r = parse_report(base(guardians_informed=False), today=TODAY)
    with pytest.raises(UserInputError, match="vårdnadshavarna"):
        check_ready_to_finalise(r)
    r = parse_report(base(interpreter_needed=True), today=TODAY)
    with pytest.raises(UserInputError, match="tolken"):
        check_ready_to_finalise(r)
    r = parse_report(base(home_municipality_code=""), today=TODAY)
    with pytest.raises(UserInputError, match="hemkommun"):
        check_ready_to_finalise(r)


def test_prefill_keeps_protected_data_out_and_flags_safety() -> None:
    result = prefill_from_case(snapshot(honour=True, disability=True), today=TODAY, reporter=reporter())
    r = result.report
    blob = " ".join(text for _f, text in r.texts())
    assert "Hemligstigen" not in blob and "999 88 77" not in blob and "19850404" not in blob
    assert r.guardians[0].address == "" and r.guardians[0].phone == ""
    assert r.guardians[1].address.startswith("Låtsasgatan")
    assert "Beskrivning av registrerat våld" in result.omitted
    assert r.guardians_informed is False and r.honour_context
    assert r.concern.observed_on == date(2025, 12, 20)
    assert r.lives_with_protected_adult
    codes = {n.code for n in notices(r)}
    assert {"honour_no_guardian_contact", "disability_carers", "multiple_risk", "protected_adult"} <= codes


@pytest.mark.parametrize(
    "leak",
    [
        SENTINEL_ADDRESS,
        "hemligstigen 77",
        "HEMLIGSTIGEN77",
        "999 42 Gömstad",
        SENTINEL_PHONE,
        "+46 70 999 88 77",
        "850404-1230",
    ],
)
def test_editor_cannot_add_protected_data(leak: str) -> None:
    r = prefill_from_case(snapshot(), today=TODAY, reporter=reporter()).report
    for change in (
        {"concern": {"description": f"Mamman bor nu på {leak}."}},
        {"guardians_not_informed_reason": f"se {leak}"},
        {"guardians": [{"name": "X", "relation": "mor", "address": leak}]},
    ):
        with pytest.raises(UserInputError, match="Skyddad uppgift"):
            merge_changes(r, change, today=TODAY)
    with pytest.raises(UserInputError):
        merge_changes(r, {"protected_fingerprints": []}, today=TODAY)


@given(st.text(min_size=0, max_size=200))
def test_fingerprint_check_matches_a_plain_search(text: str) -> None:
    fps = safety.fingerprints_for([SENTINEL_ADDRESS, SENTINEL_PHONE])
    norm = safety.normalise(text)
    expected = any(
        v in norm for v in ("hemligstigen77", "99942gömstad", "hemligstigen7799942gömstad", "709998877")
    )
    assert safety.contains_protected(text, fps) == expected
    planted = text + " " + SENTINEL_ADDRESS.upper() + " " + text
    assert safety.contains_protected(planted, fps)


def test_report_without_protected_data_is_not_flagged() -> None:
    r = prefill_from_case(snapshot(protected_mother=False), today=TODAY, reporter=reporter()).report
    assert r.protected_fingerprints == ()
    assert r.guardians[0].address == SENTINEL_ADDRESS  # not protected: copied as recorded
    assert "protected_adult" not in {n.code for n in notices(r)}


def test_content_hash_is_stable_and_changes_with_content() -> None:
    r = parse_report(base(), today=TODAY)
    same = ConcernReport.model_validate(r.model_dump(mode="json"), context={"today": TODAY})
    assert r.content_hash() == same.content_hash()
    other = merge_changes(r, {"concern": {"description": "Annan text."}}, today=TODAY)
    assert other.content_hash() != r.content_hash()


def test_finalising_lists_every_missing_item_at_once() -> None:
    r = parse_report(base(concern={"description": "   "}, home_municipality_code=""), today=TODAY)
    with pytest.raises(ValidationFailed) as err:
        check_ready_to_finalise(r)
    assert "3 saker saknas" in str(err.value)
    joined = " ".join(err.value.lines)
    assert "hemkommun" in joined and "beskrivning" in joined and "känner till" in joined
