"""Who an entry is for: a person's sex and age against the genders, ages and youth focus the entry states."""

from __future__ import annotations

from stodapp.referrals.schema import Gender, Resource

#: Entries that speak to young people ("tjejer", "killar", "unga") without printing an age limit are not
#: offered to a person known to be older than this (youth services in the seeds stop at 19–25, e.g. MÄN 15–25).
YOUTH_MAX_AGE = 25
#: Case person sex -> the gender an entry may be limited to ("annat" and "okant" are never excluded).
SEX_TO_GENDER: dict[str, Gender] = {"kvinna": "women", "man": "men"}


def fits_person(resource: Resource, sex: str | None, ages: tuple[int, int] | None) -> bool:
    """False only when the entry states a gender or an age (range or youth focus) that the person is outside.

    `ages` is (youngest, oldest) the person can be (exact age: both the same); None when unknown.
    """
    gender = SEX_TO_GENDER.get(sex or "")
    if gender is not None and resource.genders and gender not in resource.genders:
        return False
    if ages is None:
        return True
    youngest, oldest = ages
    if resource.age_max is not None and resource.age_max < youngest:
        return False
    if resource.age_min is not None and resource.age_min > oldest:
        return False
    return not (resource.youth_only and youngest > YOUTH_MAX_AGE)
