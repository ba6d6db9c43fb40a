"""Code lists for the referral directory: target groups, channel kinds, languages, Swedish phone numbers."""

from __future__ import annotations

import re
from functools import lru_cache

from stodapp.i18n import N_

TARGET_GROUPS: dict[str, str] = {
    "victims": N_("Våldsutsatta"),
    "women": N_("Kvinnor"),
    "men": N_("Män"),
    "children_youth": N_("Barn och unga"),
    "elderly": N_("Äldre"),
    "disability": N_("Personer med funktionsnedsättning"),
    "deaf": N_("Döva och hörselskadade"),
    "lgbtqi": N_("Hbtqi-personer"),
    "honour": N_("Hedersrelaterat våld och förtryck"),
    "sexual_violence": N_("Sexuellt våld"),
    "prostitution_trafficking": N_("Prostitution och människohandel"),
    "uses_violence": N_("Personer som utövar våld"),
    "substance_use": N_("Skadligt bruk och beroende"),
    "homelessness": N_("Hemlöshet"),
    "migration": N_("Migration och nyanlända"),
    "suicide": N_("Självmordstankar och kris"),
    "emergency": N_("Akut fara"),
    "relatives": N_("Anhöriga"),
    "professionals": N_("Yrkesverksamma"),
}

CHANNEL_KINDS: dict[str, str] = {
    "phone": N_("Telefon"),
    "sms": N_("Sms"),
    "chat": N_("Chatt"),
    "email": N_("E-post"),
    "eservice": N_("E-tjänst"),
    "visit": N_("Besök"),
    "web": N_("Webbplats"),
    "text_relay": N_("Texttelefoni"),
}

# Channels whose contact is a phone number and therefore must be a Swedish number.
PHONE_CHANNELS = frozenset({"phone", "sms"})

# ISO 639-3 codes that babel's CLDR list lacks but that we need (Swedish Sign Language, Dari, Sami, ...).
_EXTRA_LANGUAGES: dict[str, str] = {
    "swl": "svenskt teckenspråk",
    "prs": "dari",
    "smi": "samiska",
    "sgn": "teckenspråk",
    "rmu": "romani (tavringer)",
    "rmf": "romani (kalo, finsk)",
}


@lru_cache(maxsize=1)
def _languages() -> dict[str, str]:
    from babel import Locale

    names = {code: name for code, name in Locale("sv").languages.items() if "_" not in code}
    names.update(_EXTRA_LANGUAGES)
    return names


def is_language(code: str) -> bool:
    """True for an ISO 639 code we know (two-letter 639-1 or three-letter 639-2/3, incl. `swl`)."""
    return bool(re.fullmatch(r"[a-z]{2,3}", code)) and code in _languages()


def language_name(code: str) -> str:
    """Swedish name of a language code ("swl" -> "svenskt teckenspråk"); the code itself if unknown."""
    return _languages().get(code, code)


# Swedish numbers after removing spaces, dashes and a "(0)": national 0+7..9 digits, +46 form, short numbers.
_NATIONAL = re.compile(r"0[1-9]\d{5,8}")
_INTERNATIONAL = re.compile(r"\+46[1-9]\d{5,8}")
_SHORT = re.compile(r"112|11313|11414|1177|116\d{3}|90000|90101")
_ALLOWED_CHARS = re.compile(r"[0-9+\s\-–()]+")


def phone_digits(text: str) -> str:
    """The dialable form: digits (and a leading +) only, "(0)" dropped."""
    cleaned = text.replace("(0)", "")
    return re.sub(r"[^\d+]", "", cleaned)


def normalise_phone(text: str) -> str | None:
    """The number as printed if it is a Swedish number format, else None."""
    text = text.strip()
    if not text or not _ALLOWED_CHARS.fullmatch(text):
        return None
    digits = phone_digits(text)
    if "+" in digits[1:]:
        return None
    if _NATIONAL.fullmatch(digits) or _INTERNATIONAL.fullmatch(digits) or _SHORT.fullmatch(digits):
        return text
    return None
