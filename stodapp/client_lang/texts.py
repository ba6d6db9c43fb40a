"""Which Swedish texts a client-language catalog must cover, computed from the shipped data at run time.

Referral descriptions and channel labels come from the national directory as it is now, so a description
added or reworded later shows up here (and, until translated, prints in Swedish, marked).
"""

from __future__ import annotations

from stodapp.client_lang.languages import NOT_REVIEWED, ONLY_SWEDISH


def handout_texts(lang: str) -> dict[str, str]:
    """msgid -> where it is used, for the handout in `lang`."""
    from stodapp.referrals.handout_pdf import _T, LANGS
    from stodapp.referrals.hours_text import client_words
    from stodapp.referrals.loader import load_national

    out: dict[str, str] = {NOT_REVIEWED: "notice", ONLY_SWEDISH: "notice"}
    if lang not in LANGS:  # sv_easy and en have their own fixed texts in the handout module
        out.update({text: f"handout:{key}" for key, text in _T["sv"].items()})
        out.update({word: "hours" for word in client_words()})
    for r in load_national().resources:
        if not (lang in LANGS and getattr(r.description, lang, None)):  # else the directory carries it itself
            out[r.description.sv] = f"description:{r.id}"
        if lang not in LANGS or lang == "en":  # English takes the directory's Swedish labels from its catalog
            out.update({c.label: f"label:{r.id}" for c in r.channels if c.label})
    return out


def safety_plan_texts() -> dict[str, str]:
    from stodapp.cases.safety_prompts import default_prompts
    from stodapp.client_lang.info import INFO_TEXTS, INFO_TITLE
    from stodapp.client_lang.safety_plan import SAFETY_PLAN_TEXTS

    # The prompt list is data (resources/safety_plan_prompts.yaml): a line added later prints in Swedish, marked.
    out = {text: f"prompt:{default_prompts().id}" for text in default_prompts().client_texts()}
    out |= {text: "safety_plan" for text in SAFETY_PLAN_TEXTS}
    out[INFO_TITLE] = "info"
    out.update({info.sv: "info" for info in INFO_TEXTS})
    return out


def screening_texts(lang: str) -> dict[str, str]:
    """The screening questions, unless the checklist itself carries `lang` (English)."""
    from stodapp.cases.asking_models import SCREENING_ID
    from stodapp.cases.interpreter import _definitions, screening_texts

    if lang in [str(loc) for loc in _definitions()[SCREENING_ID].locales]:
        return {}
    return {text: "screening" for text in screening_texts()}


def required_texts(lang: str) -> dict[str, str]:
    """Every msgid the shipped catalog for `lang` should translate."""
    return handout_texts(lang) | safety_plan_texts() | screening_texts(lang)
