"""Who an entry is for: a person's sex, age and stated needs against the genders, ages, youth focus and needs
the entry states."""

from __future__ import annotations

from stodapp.referrals.schema import Gender, Need, Resource

#: Entries that speak to young people ("tjejer", "killar", "unga") without printing an age limit are not
#: offered to a person known to be older than this (youth services in the seeds stop at 19–25, e.g. MÄN 15–25).
YOUTH_MAX_AGE = 25
#: Case person sex -> the gender an entry may be limited to ("annat" and "okant" are never excluded).
SEX_TO_GENDER: dict[str, Gender] = {"kvinna": "women", "man": "men"}
#: Language codes that are sign languages (ISO 639-3: Swedish Sign Language, sign languages in general).
SIGN_LANGUAGE_CODES = frozenset({"swl", "sgn"})
#: What a caseworker may type as the interpreter language when she means sign language (lower case).
_SIGN_LANGUAGE_WORDS = frozenset({
    "teckenspråk", "svenskt teckenspråk", "teckenspråkstolk", "tsp", "sign language", "swedish sign language",
})


def is_sign_language(language: str) -> bool:
    """True for a sign-language code ("swl", "sgn") or its Swedish or English name as typed in a form."""
    text = " ".join(language.strip().lower().split())
    return text in SIGN_LANGUAGE_CODES or text in _SIGN_LANGUAGE_WORDS


def stated_needs(sign_language: bool, interpreter_language: str = "") -> frozenset[Need]:
    """The needs a case person states: sign language when the interpreter is a sign-language interpreter.

    The person record has no separate hearing field; the sign-language box (or a sign language typed as the
    interpreter language) is the only place a caseworker records it. Being hard of hearing without sign
    language is not a need for a sign-language service, so nothing else counts.
    """
    return frozenset({"sign_language"}) if sign_language or is_sign_language(interpreter_language) else frozenset()


def fits_person(
    resource: Resource, sex: str | None, ages: tuple[int, int] | None, needs: frozenset[str] = frozenset()
) -> bool:
    """False when the entry states a gender, an age (range or youth focus) or a need that the person is outside.

    `ages` is (youngest, oldest) the person can be (exact age: both the same); None when unknown. `needs` are
    the needs the person states (`stated_needs`); an entry with `only_for_needs` fits only a person who states
    one of them (a sign-language shelter is not a suggestion for a hearing woman).
    """
    if resource.only_for_needs and not needs.intersection(resource.only_for_needs):
        return False
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
