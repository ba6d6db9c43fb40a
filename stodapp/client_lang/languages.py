"""The languages a client can get her papers in: code, names, writing direction and script font."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class ClientLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str  # gettext folder name under resources/translations/
    swedish_name: str  # what the worker sees in pickers
    endonym: str  # what the client sees: the language's own name
    rtl: bool = False
    script: str | None = None  # key of stodapp.pdf.shaping.SCRIPT_FONTS; None = the Latin/Cyrillic font


# "fa" is written Persian (farsi). Dari is written with the same script and largely the same written standard;
# vocabulary differs, so the picker says "persiska (dari)" and a municipality can import a reviewed Dari text
# as a pack for "fa" when that serves its clients better.
LANGUAGES: dict[str, ClientLanguage] = {
    lang.code: lang
    for lang in (
        ClientLanguage(code="sv", swedish_name="svenska", endonym="svenska"),
        ClientLanguage(code="sv_easy", swedish_name="lättläst svenska", endonym="lättläst svenska"),
        ClientLanguage(code="en", swedish_name="engelska", endonym="English"),
        ClientLanguage(code="ar", swedish_name="arabiska", endonym="العربية", rtl=True, script="arabic"),
        ClientLanguage(code="fa", swedish_name="persiska (dari)", endonym="فارسی", rtl=True, script="arabic"),
        ClientLanguage(code="so", swedish_name="somaliska", endonym="Soomaali"),
        ClientLanguage(code="ti", swedish_name="tigrinja", endonym="ትግርኛ", script="ethiopic"),
        ClientLanguage(code="pl", swedish_name="polska", endonym="polski"),
        ClientLanguage(code="uk", swedish_name="ukrainska", endonym="українська"),
    )
}
TRANSLATED = tuple(code for code in LANGUAGES if code != "sv")
NOT_REVIEWED = "Översättningen är inte granskad"
ONLY_SWEDISH = "Texten finns bara på svenska"


def language(code: str) -> ClientLanguage:
    """The language for `code`; KeyError for a code we do not know."""
    return LANGUAGES[code]
