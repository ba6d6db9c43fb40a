"""LocalizedText: the one typed value for a text that data files give in several languages (Swedish required).

Texts written in code are gettext messages (`stodapp.i18n._`); texts that come from data files (checklists,
vignettes, law, referrals, metric definitions) are a `LocalizedText`, written in YAML as a map:

    title:
      sv: Skyddsbedömning      # required, never blank
      en: Safety assessment    # optional
      sv_easy: …               # optional: easy Swedish (lättläst), for texts handed to a client

`.text(lang)` gives the text in `lang` and falls back to Swedish (easy Swedish falls back to Swedish too), so a
missing translation shows the Swedish original, never an empty line; `.has(lang)` / `.fallback(lang)` say whether
that happened, for a screen that wants to mark it.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, model_serializer, model_validator

TextLang = Literal["sv", "sv_easy", "en"]
TEXT_LANGS: tuple[TextLang, ...] = get_args(TextLang)
#: Languages a checklist definition may declare in `locales` (easy Swedish is for client-facing referral texts).
Locale = Literal["sv", "en"]


class LocalizedText(BaseModel):
    """A text in Swedish, optionally in English and in easy Swedish; frozen, no other keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sv: str
    en: str | None = None
    sv_easy: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _swedish_required(cls, data: Any) -> Any:
        # One message for a missing and a blank Swedish text, on the text itself (not on its `sv` key).
        if isinstance(data, dict) and not (isinstance(data.get("sv"), str) and data["sv"].strip()):
            raise ValueError("svensk text saknas (sv)")
        return data

    @model_serializer(mode="wrap")
    def _written_only(self, handler: SerializerFunctionWrapHandler) -> dict[str, str]:
        # Dumped as written in the data files: {sv: …, en: …} without the languages it does not have.
        data: dict[str, str | None] = handler(self)
        return {key: value for key, value in data.items() if value is not None}

    def translated(self, lang: str) -> str | None:
        """The text written in `lang`, or None (no fallback); a blank text counts as not written (it is kept as
        written, so a definition's digest does not change); None for a language this type does not hold."""
        if lang not in TEXT_LANGS:
            return None
        value: str | None = getattr(self, lang)
        return value if value is not None and value.strip() else None

    def has(self, lang: str) -> bool:
        """True when the text is written in `lang` itself."""
        return self.translated(lang) is not None

    def fallback(self, lang: str) -> bool:
        """True when `text(lang)` shows the Swedish original instead of `lang`."""
        return not self.has(lang)

    def text(self, lang: str = "sv") -> str:
        """The text in `lang`; the Swedish original when it is not written in `lang` (visible, never blank)."""
        return self.translated(lang) or self.sv

    def current(self) -> str:
        """The text in the UI's current language (`stodapp.i18n.current_language`), falling back to Swedish."""
        from stodapp.i18n import current_language

        return self.text(current_language())

    def languages(self) -> tuple[TextLang, ...]:
        """The languages this text is written in, Swedish first."""
        return tuple(lang for lang in TEXT_LANGS if self.has(lang))

    @classmethod
    def of(cls, sv: str, en: str | None = None, sv_easy: str | None = None) -> LocalizedText:
        """Build one in code (tests, editors): `LocalizedText.of("Hej", "Hello")`."""
        return cls(sv=sv, en=en, sv_easy=sv_easy)
