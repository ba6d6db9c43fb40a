"""Search filters combine (AND), unknown codes are refused, text search folds å/ä/ö."""

from __future__ import annotations

import pytest

from stodapp.errors import NotFound, UserInputError
from stodapp.referrals.directory import ReferralDirectory
from stodapp.referrals.hours import OpenState
from stodapp.referrals.search import SearchQuery, search, sort_key_sv

from .helpers import local, resource

WD = ["mon", "tue", "wed", "thu", "fri"]
NOW = local(2026, 3, 11, 10)  # an ordinary Wednesday morning


def _corpus():  # type: ignore[no-untyped-def]
    return [
        resource(
            "dagjour",
            name="Dagjouren Ängsbacka",
            target_groups=["victims", "women"],
            languages=["sv", "ar"],
            channels=[
                {
                    "kind": "phone",
                    "contact": "020-11 11 11",
                    "hours": {"spans": [{"days": WD, "start": "09:00", "end": "16:00"}]},
                }
            ],
        ),
        resource(
            "nattchatt",
            name="Nattchatten",
            target_groups=["children_youth", "honour"],
            age_min=13,
            age_max=20,
            channels=[
                {
                    "kind": "chat",
                    "hours": {
                        "spans": [{"days": WD, "start": "20:00", "end": "02:00", "past_midnight": True}]
                    },
                }
            ],
        ),
        resource(
            "tolklinjen",
            name="Tolklinjen",
            target_groups=["victims"],
            interpreter_available=True,
            channels=[{"kind": "phone", "contact": "020-22 22 22", "hours": {"always_open": True}}],
        ),
        resource(
            "lund_lokal",
            name="Kriscentrum Öster",
            target_groups=["victims", "men"],
            geography={"level": "municipality", "municipalities": ["1281"]},
            channels=[{"kind": "sms", "contact": "070-000 00 00"}],
        ),
        resource(
            "skane_lan",
            name="Länsjouren",
            target_groups=["uses_violence"],
            geography={"level": "county", "counties": ["12"]},
            client_facing=False,
        ),
        resource("stangd", name="Gamla linjen", status="ended"),
    ]


def ids(q: SearchQuery, at=NOW) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.resource.id for h in search(_corpus(), q, at)]


def test_no_filter_lists_everything_but_ended() -> None:
    assert set(ids(SearchQuery())) == {"dagjour", "nattchatt", "tolklinjen", "lund_lokal", "skane_lan"}
    assert "stangd" in ids(SearchQuery(include_ended=True))


def test_groups_all_must_match() -> None:
    assert ids(SearchQuery(groups=("victims",))) == ["lund_lokal", "dagjour", "tolklinjen"]
    assert ids(SearchQuery(groups=("victims", "women"))) == ["dagjour"]
    assert ids(SearchQuery(groups=("honour", "women"))) == []


def test_language_interpreter_and_swedish_default() -> None:
    assert ids(SearchQuery(language="ar")) == ["dagjour", "tolklinjen"]  # explicit before interpreter
    hits = search(_corpus(), SearchQuery(language="ar"), NOW)
    assert [h.via_interpreter for h in hits] == [False, True]
    assert "nattchatt" in ids(SearchQuery(language="sv"))  # nothing listed: a Swedish entry is in Swedish
    assert ids(SearchQuery(language="swl")) == []  # an interpreter is not a sign-language line


def test_channel_age_region_combinations() -> None:
    assert ids(SearchQuery(channel="chat", age=15)) == ["nattchatt"]
    assert ids(SearchQuery(channel="chat", age=25)) == []
    assert ids(SearchQuery(channel="sms", municipality="1281")) == ["lund_lokal"]
    assert "lund_lokal" not in ids(SearchQuery(municipality="0180"))
    assert "skane_lan" in ids(SearchQuery(municipality="1280"))  # Malmö is in Skåne (12)
    assert "skane_lan" not in ids(SearchQuery(municipality="0180"))
    assert set(ids(SearchQuery(county="12", groups=("victims",)))) == {"lund_lokal", "dagjour", "tolklinjen"}
    assert "skane_lan" not in ids(SearchQuery(client_facing_only=True))


def test_open_at_filter_and_state() -> None:
    night = local(2026, 3, 11, 23)
    assert ids(SearchQuery(open_at=night)) == ["nattchatt", "tolklinjen"]  # same state: by name
    assert ids(SearchQuery(open_at=night, groups=("honour",), age=14)) == ["nattchatt"]
    assert ids(SearchQuery(open_at=local(2026, 3, 11, 15, 45), groups=("women",))) == ["dagjour"]
    hit = search(_corpus(), SearchQuery(open_at=local(2026, 3, 11, 15, 45), groups=("women",)), NOW)[0]
    assert hit.state is OpenState.CLOSES_SOON
    # unknown hours are never listed as open
    assert "lund_lokal" not in ids(SearchQuery(open_at=night))


def test_free_text_is_case_insensitive_for_swedish_letters() -> None:
    assert ids(SearchQuery(text="ÄNGSBACKA")) == ["dagjour"]
    assert ids(SearchQuery(text="kriscentrum öster")) == ["lund_lokal"]
    assert ids(SearchQuery(text="a\u0308ngsbacka")) == ["dagjour"]  # decomposed ä
    assert ids(SearchQuery(text="heder")) == ["nattchatt"]  # target-group label
    assert ids(SearchQuery(text="ängsbacka natt")) == []


@pytest.mark.parametrize(
    ("q", "err", "msg"),
    [
        ({"groups": ("aliens",)}, UserInputError, "Okänd målgrupp"),
        ({"language": "zz"}, UserInputError, "Okänd språkkod"),
        ({"channel": "pigeon"}, UserInputError, "Okänd kanal"),
        ({"municipality": "9999"}, NotFound, "Okänd kommunkod"),
        ({"municipality": "abc"}, UserInputError, "Ogiltig kommunkod"),
        ({"county": "99"}, UserInputError, "Okänd länskod"),
    ],
)
def test_unknown_codes_are_refused(q: dict, err: type[Exception], msg: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(err, match=msg):
        search(_corpus(), SearchQuery(**q), NOW)


def test_swedish_sort_order() -> None:
    assert sorted(["Örebro", "Ängby", "Åby", "Zeta"], key=sort_key_sv) == ["Zeta", "Åby", "Ängby", "Örebro"]


def test_shipped_directory_answers_the_issue_examples() -> None:
    d = ReferralDirectory.load()
    three_am = local(2026, 3, 11, 3)
    open_ids = [h.resource.id for h in d.search(SearchQuery(open_at=three_am, channel="phone"), three_am)]
    assert "kvinnofridslinjen" in open_ids and "ud_jouren" in open_ids
    thursday = local(2026, 3, 12, 19, 30)
    chat = [
        h.resource.id
        for h in d.search(SearchQuery(groups=("honour", "children_youth"), channel="chat", open_at=thursday))
    ]
    assert "tris" in chat
    assert "kvinnofridslinjen" in [h.resource.id for h in d.search(SearchQuery(language="swl"))]
    assert "valj_att_sluta" in [h.resource.id for h in d.search(SearchQuery(groups=("uses_violence",)))]
    hit = d.search(SearchQuery(text="kvinnofridslinjen"), local(2027, 1, 10, 12))[0]
    assert hit.review == "ok" and not hit.overdue and hit.days_since_check == 35  # checked 2026-12-06
    assert d.search(SearchQuery(text="kvinnofridslinjen"), local(2027, 7, 1, 12))[0].review == "overdue"
    assert d.search(SearchQuery(text="ud-jouren"), local(2027, 1, 10, 12))[0].review == "never_checked"
    assert hit.resource.phone_bill_channels == ("text_relay",)
