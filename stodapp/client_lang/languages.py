"""The languages a client can get her papers in: code, names, writing direction and script font."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from stodapp.i18n import N_, _


class ClientLanguage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str  # gettext folder name under resources/translations/
    name: str  # what the worker sees in pickers: N_()-marked Swedish, shown with `label()` in the UI language
    endonym: str  # what the client sees: the language's own name
    rtl: bool = False
    script: str | None = None  # key of stodapp.pdf.shaping.SCRIPT_FONTS; None = the Latin/Cyrillic font

    def label(self) -> str:
        """The language's name in the worker's UI language ("arabiska" / "Arabic")."""
        return _(self.name)


# "fa" is written Persian (farsi). Dari is written with the same script and largely the same written standard;
# vocabulary differs, so the picker says "persiska (dari)" and a municipality can import a reviewed Dari text
# as a pack for "fa" when that serves its clients better.
LANGUAGES: dict[str, ClientLanguage] = {
    lang.code: lang
    for lang in (
        ClientLanguage(code="sv", name=N_("svenska"), endonym="svenska"),
        ClientLanguage(code="sv_easy", name=N_("lättläst svenska"), endonym="lättläst svenska"),
        ClientLanguage(code="en", name=N_("engelska"), endonym="English"),
        ClientLanguage(code="ar", name=N_("arabiska"), endonym="العربية", rtl=True, script="arabic"),
        ClientLanguage(code="fa", name=N_("persiska (dari)"), endonym="فارسی", rtl=True, script="arabic"),
        ClientLanguage(code="so", name=N_("somaliska"), endonym="Soomaali"),
        ClientLanguage(code="ti", name=N_("tigrinja"), endonym="ትግርኛ", script="ethiopic"),
        ClientLanguage(code="pl", name=N_("polska"), endonym="polski"),
        ClientLanguage(code="uk", name=N_("ukrainska"), endonym="українська"),
    )
}
TRANSLATED = tuple(code for code in LANGUAGES if code != "sv")
NOT_REVIEWED = "Översättningen är inte granskad"
ONLY_SWEDISH = "Texten finns bara på svenska"


def language(code: str) -> ClientLanguage:
    """The language for `code`; KeyError for a code we do not know."""
    return LANGUAGES[code]
