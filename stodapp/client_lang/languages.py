"""The languages a client can get her papers in: code, names, writing direction and script font."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ClientLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str  # gettext folder name under resources/translations/
    name_sv: str  # what the worker sees in pickers
    endonym: str  # what the client sees: the language's own name
    rtl: bool = False
    script: str | None = None  # key of stodapp.pdf.shaping.SCRIPT_FONTS; None = the Latin/Cyrillic font


# "fa" is written Persian (farsi). Dari is written with the same script and largely the same written standard;
# vocabulary differs, so the picker says "persiska (dari)" and a municipality can import a reviewed Dari text
# as a pack for "fa" when that serves its clients better.
LANGUAGES: dict[str, ClientLanguage] = {
    lang.code: lang
    for lang in (
        ClientLanguage(code="sv", name_sv="svenska", endonym="svenska"),
        ClientLanguage(code="sv_easy", name_sv="lättläst svenska", endonym="lättläst svenska"),
        ClientLanguage(code="en", name_sv="engelska", endonym="English"),
        ClientLanguage(code="ar", name_sv="arabiska", endonym="العربية", rtl=True, script="arabic"),
        ClientLanguage(code="fa", name_sv="persiska (dari)", endonym="فارسی", rtl=True, script="arabic"),
        ClientLanguage(code="so", name_sv="somaliska", endonym="Soomaali"),
        ClientLanguage(code="ti", name_sv="tigrinja", endonym="ትግርኛ", script="ethiopic"),
        ClientLanguage(code="pl", name_sv="polska", endonym="polski"),
        ClientLanguage(code="uk", name_sv="ukrainska", endonym="українська"),
    )
}
TRANSLATED = tuple(code for code in LANGUAGES if code != "sv")
NOT_REVIEWED = "Översättningen är inte granskad"
ONLY_SWEDISH = "Texten finns bara på svenska"


def language(code: str) -> ClientLanguage:
    """The language for `code`; KeyError for a code we do not know."""
    return LANGUAGES[code]
