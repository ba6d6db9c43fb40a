"""Bad input is refused with a clear message: hours, codes, ids, phone numbers, file errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from stodapp.errors import ValidationFailed
from stodapp.referrals.codes import normalise_phone
from stodapp.referrals.loader import load_resource_file

from .helpers import hours, resource

WD = ["mon", "tue", "wed", "thu", "fri"]


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([{"days": WD, "start": "09:00", "end": "25:00"}], "ogiltig tid '25:00'"),
        ([{"days": WD, "start": "9", "end": "12:00"}], "TT:MM"),
        ([{"days": WD, "start": "09:60", "end": "12:00"}], "ogiltig tid"),
        ([{"days": WD, "start": "16:00", "end": "09:00"}], "omvänt pass"),
        ([{"days": WD, "start": "09:00", "end": "09:00"}], "omvänt pass"),
        (
            [
                {"days": WD, "start": "09:00", "end": "12:00"},
                {"days": ["fri"], "start": "11:00", "end": "14:00"},
            ],
            "överlappande",
        ),
        (
            [
                {"days": ["fri"], "start": "22:00", "end": "03:00", "past_midnight": True},
                {"days": ["sat"], "start": "02:00", "end": "05:00"},
            ],
            "överlappande pass på sat",
        ),
        (
            [
                {"days": ["sun"], "start": "22:00", "end": "03:00", "past_midnight": True},
                {"days": ["mon"], "start": "01:00", "end": "05:00"},
            ],
            "överlappande pass på mon",
        ),
        ([{"days": ["fri"], "start": "09:00", "end": "12:00", "past_midnight": True}], "över midnatt"),
        ([{"days": ["fri", "fri"], "start": "09:00", "end": "12:00"}], "två gånger"),
        ([{"days": ["fre"], "start": "09:00", "end": "12:00"}], "Input should be"),
    ],
)
def test_bad_hours(spans: list[dict], message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError, match=message):
        hours(spans=spans)


def test_adjacent_spans_are_fine() -> None:
    h = hours(
        spans=[
            {"days": ["fri"], "start": "09:00", "end": "12:00"},
            {"days": ["fri"], "start": "12:00", "end": "24:00"},
        ]
    )
    assert len(h.spans) == 2


def test_hours_need_content_and_exceptions_make_sense() -> None:
    with pytest.raises(ValidationError, match="utelämna hours"):
        hours()
    with pytest.raises(ValidationError, match="välj det ena"):
        hours(always_open=True, spans=[{"days": WD, "start": "09:00", "end": "12:00"}])
    with pytest.raises(ValidationError, match="omvänt undantag"):
        hours(always_open=True, exceptions=[{"on": "2026-01-02", "open_from": "12:00", "open_to": "10:00"}])
    with pytest.raises(ValidationError, match="samma datum"):
        hours(always_open=True, exceptions=[{"on": "2026-01-02"}, {"on": "2026-01-02"}])


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"languages": ["xx"]}, "okänd språkkod 'xx'"),
        ({"languages": ["svenska"]}, "okänd språkkod"),
        ({"target_groups": ["aliens"]}, "okänd målgrupp 'aliens'"),
        ({"geography": {"level": "municipality", "municipalities": ["9999"]}}, "okänd kommunkod '9999'"),
        ({"geography": {"level": "county", "counties": ["99"]}}, "okänd länskod '99'"),
        ({"geography": {"level": "national", "counties": ["01"]}}, "nationell"),
        ({"channels": [{"kind": "phone", "contact": "+47 22 33 44 55"}]}, "inte ett svenskt telefonnummer"),
        ({"channels": [{"kind": "phone", "contact": "020-ABC"}]}, "inte ett svenskt telefonnummer"),
        ({"channels": [{"kind": "sms", "contact": "12345"}]}, "inte ett svenskt telefonnummer"),
        ({"channels": [{"kind": "email", "contact": "not-an-address"}]}, "ingen e-postadress"),
        ({"channels": [{"kind": "pigeon"}]}, "okänd kanal"),
        ({"age_min": 18, "age_max": 12}, "age_min"),
        ({"id": "Bad Id"}, "ogiltigt id"),
        ({"uncertain_fields": ["colour"]}, "okänt fält"),
        ({"provenance": {"kind": "seed", "confidence": "high"}}, "källrader"),
        (
            {"provenance": {"kind": "seed", "confidence": "high", "sources": ["seed.txt:9-3"]}},
            "omvänt radintervall",
        ),
    ],
)
def test_bad_resource_fields(kw: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError, match=message):
        resource(**kw)


@pytest.mark.parametrize(
    "number",
    [
        "020-50 50 50",
        "08-405 50 05",
        "116 006",
        "010-255 9191",
        "+46 8 405 50 05",
        "070-123 45 67",
        "112",
        "114 14",
    ],
)
def test_swedish_numbers_accepted(number: str) -> None:
    assert normalise_phone(number) == number


@pytest.mark.parametrize(
    "number", ["+47 22 33 44 55", "0044 20 7946 0000", "12345", "020-50 50 50 ext 3", "", "08-1"]
)
def test_non_swedish_numbers_refused(number: str) -> None:
    assert normalise_phone(number) is None


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "katalog.yaml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """format: stodapp-referrals
format_version: 1
data_date: 2026-01-01
resources:
  - id: testlinjen
    name: Testlinjen
    description: {sv: Påhittad.}
    channels:
      - kind: phone
        contact: 020-00 00 00
    target_groups: [victims]
    geography: {level: national}
    provenance: {kind: local, confidence: high}
"""


def test_file_errors_name_file_line_and_field(tmp_path: Path) -> None:
    bad = GOOD.replace("020-00 00 00", "+47 22 33 44 55").replace("[victims]", "[victims, aliens]")
    with pytest.raises(ValidationFailed) as err:
        load_resource_file(_write(tmp_path, bad))
    lines = err.value.lines
    assert any(
        line.startswith("katalog.yaml:9: resources[0](testlinjen).channels[0]")
        and "svenskt telefonnummer" in line
        for line in lines
    ), lines
    assert any(
        line.startswith("katalog.yaml:11: resources[0](testlinjen).target_groups") for line in lines
    ), lines


def test_duplicate_id_and_newer_version_and_syntax(tmp_path: Path) -> None:
    entry = GOOD.split("resources:\n", 1)[1]
    with pytest.raises(ValidationFailed) as err:
        load_resource_file(_write(tmp_path, GOOD + entry))
    assert any("'testlinjen' förekommer två gånger" in line for line in err.value.lines)
    with pytest.raises(ValidationFailed, match="nyare"):
        load_resource_file(_write(tmp_path, GOOD.replace("format_version: 1", "format_version: 7")))
    with pytest.raises(ValidationFailed) as err:
        load_resource_file(_write(tmp_path, GOOD + "  - [unclosed\n"))
    assert err.value.lines and err.value.lines[0].startswith("katalog.yaml:")
    assert load_resource_file(_write(tmp_path, GOOD)).resources[0].id == "testlinjen"
