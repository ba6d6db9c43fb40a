"""Suggestions for one person: never a service whose stated gender or age leaves her out, never another region's.

Issue 17: a 43-year-old woman was offered a boys' chat and a girls' organisation, and local services of other
regions were mixed with her own.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from stodapp.referrals.audience import YOUTH_MAX_AGE, fits_person, stated_needs
from stodapp.referrals.directory import ReferralDirectory
from stodapp.referrals.loader import load_national
from stodapp.referrals.local_entries import LocalEntries

from .helpers import resource
from .test_local_and_cli import local_doc

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
ADULT_WOMAN = {"sex": "kvinna", "ages": (43, 43)}
YOUTH_OR_BOYS = {"killfragor", "man_mottagning", "tris", "stodlinjen_for_man", "bris", "maskrosbarn",
                 "ivo_barn_unga", "boujt", "ecpat_stodlinje", "mina_rattigheter"}
OTHER_REGIONS = {"origo", "kompott_varmland", "gullspang_vald_och_hot"}


def national() -> ReferralDirectory:
    return ReferralDirectory(load_national().resources)


def ids(directory: ReferralDirectory, groups: tuple[str, ...], **person: object) -> set[str]:
    return {h.resource.id for h in directory.suggest(groups, None, None, NOW, **person)}  # type: ignore[arg-type]


def test_a_43_year_old_woman_gets_no_boys_or_youth_services() -> None:
    got = ids(national(), ("honour", "victims", "women"), **ADULT_WOMAN)
    assert not got & YOUTH_OR_BOYS, got & YOUTH_OR_BOYS
    assert {"kvinnofridslinjen", "sos_112", "ratt_att_valja", "roks", "somaya", "terrafem"} <= got
    assert "stodlinjen_for_transpersoner" not in got and "karleken_ar_fri" not in got
    # the same groups without the person's facts do bring them: the filter is what keeps them out
    assert {"killfragor", "tris"} <= ids(national(), ("honour", "victims", "women"))


def test_a_man_gets_the_mens_line_and_no_womens_shelters() -> None:
    got = ids(national(), ("victims", "men"), sex="man", ages=(50, 59))
    assert "stodlinjen_for_man" in got and "sos_112" in got
    assert not got & {"roks", "somaya", "terrafem", "killfragor"}


def test_a_boy_of_16_gets_the_boys_chat_and_bris() -> None:
    got = ids(national(), ("children_youth", "victims"), sex="man", ages=(16, 16))
    assert {"killfragor", "man_mottagning", "bris"} <= got
    assert "roks" not in got


def test_unknown_or_other_sex_is_never_excluded_by_gender() -> None:
    for sex in ("annat", "okant", None):
        got = ids(national(), ("children_youth", "victims"), sex=sex, ages=(16, 16))
        assert {"killfragor", "somaya"} <= got, sex


def test_without_local_entries_only_national_services_are_suggested() -> None:
    got = ids(national(), ("honour", "victims", "women", "professionals"), **ADULT_WOMAN)
    assert not got & OTHER_REGIONS
    assert {r.resource.id for r in national().search()} >= OTHER_REGIONS  # the plain search still lists them


def test_local_entries_bring_the_own_region_and_keep_others_out() -> None:
    # A Stockholm-county municipality (0180): Origo (county 01) fits; Värmland and Gullspång do not.
    doc = local_doc(municipality="0180")
    for r in doc["resources"]:
        r["geography"] = {"level": "municipality", "municipalities": ["0180"]}
    d = national().with_local(LocalEntries.model_validate(doc))
    got = ids(d, ("honour", "victims", "women"), **ADULT_WOMAN)
    assert "origo" in got and "exempelby_socialtjanst" in got
    assert not got & {"kompott_varmland", "gullspang_vald_och_hot"}
    assert "kvinnofridslinjen" in got  # national ones stay


@pytest.mark.parametrize(
    ("entry", "sex", "ages", "fits"),
    [
        ({"genders": ["men"]}, "kvinna", None, False),
        ({"genders": ["men"]}, "man", None, True),
        ({"genders": ["men"]}, "annat", None, True),
        ({"genders": ["women", "men"]}, "kvinna", None, True),
        ({"age_max": 17}, None, (18, 29), False),
        ({"age_max": 17}, None, (10, 19), True),  # an age band that may still fit
        ({"age_min": 18}, None, (0, 17), False),
        ({"youth_only": True}, None, (YOUTH_MAX_AGE, YOUTH_MAX_AGE), True),
        ({"youth_only": True}, None, (YOUTH_MAX_AGE + 1, YOUTH_MAX_AGE + 1), False),
        ({"youth_only": True}, None, (20, 29), True),
        ({"youth_only": True}, None, None, True),  # unknown age: never excluded
        ({}, "kvinna", (43, 43), True),
    ],
)
def test_fits_person(entry: dict[str, object], sex: str | None, ages: tuple[int, int] | None, fits: bool) -> None:
    assert fits_person(resource(**entry), sex, ages) is fits


SIGN_LANGUAGE_ONLY = {"nkjt_skyddat_boende", "boujt"}


def test_a_hearing_woman_of_43_is_not_offered_the_sign_language_shelter() -> None:
    # Before the fix NKJT's shelter came with the "women" and "victims" groups to every woman.
    got = ids(national(), ("victims", "women", "deaf"), **ADULT_WOMAN)
    assert "nkjt_skyddat_boende" not in got
    assert {"kvinnofridslinjen", "roks"} <= got  # the rest of her suggestions stay


def test_a_woman_who_states_sign_language_is_offered_it() -> None:
    got = ids(national(), ("deaf", "victims", "women"), **ADULT_WOMAN, needs=frozenset({"sign_language"}))
    assert "nkjt_skyddat_boende" in got and "kvinnofridslinjen" in got
    # asking for Swedish Sign Language as the language states the same need
    by_language = {h.resource.id for h in national().suggest(("deaf", "women"), "swl", 43, NOW, sex="kvinna")}
    assert "nkjt_skyddat_boende" in by_language


def test_the_deaf_youth_line_needs_sign_language_too() -> None:
    girl = {"sex": "kvinna", "ages": (15, 15)}
    assert "boujt" not in ids(national(), ("children_youth", "victims"), **girl)
    assert "boujt" in ids(national(), ("children_youth", "deaf"), **girl, needs=frozenset({"sign_language"}))


def test_only_the_sign_language_services_are_limited_by_a_need() -> None:
    limited = {r.id for r in load_national().resources if r.only_for_needs}
    assert limited == SIGN_LANGUAGE_ONLY  # Kvinnofridslinjen offers sign language but is for everyone


@pytest.mark.parametrize(
    ("sign_language", "language", "needs"),
    [
        (True, "", {"sign_language"}),
        (False, "Teckenspråk", {"sign_language"}),
        (False, "  svenskt   teckenspråk ", {"sign_language"}),
        (False, "swl", {"sign_language"}),
        (False, "sgn", {"sign_language"}),
        (False, "arabiska", set()),
        (False, "", set()),
        (False, "hörselslinga", set()),  # hard of hearing without sign language: not a sign-language need
    ],
)
def test_stated_needs(sign_language: bool, language: str, needs: set[str]) -> None:
    assert stated_needs(sign_language, language) == needs


@pytest.mark.parametrize(
    ("needs", "fits"),
    [(frozenset(), False), (frozenset({"sign_language"}), True)],
)
def test_fits_person_with_a_need(needs: frozenset[str], fits: bool) -> None:
    entry = resource(only_for_needs=["sign_language"])
    assert fits_person(entry, "kvinna", (43, 43), needs) is fits
