"""LocalizedText: Swedish required, no other keys, frozen, a visible fallback to Swedish, dumped as written."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from stodapp.i18n import current_language, set_language
from stodapp.localized_text import LocalizedText


def test_swedish_is_required_and_never_blank() -> None:
    for bad in ({"en": "Only English"}, {"sv": "   ", "en": "x"}, {"sv": ""}, {}):
        with pytest.raises(ValidationError, match="svensk text saknas"):
            LocalizedText.model_validate(bad)


def test_no_other_keys_and_frozen() -> None:
    with pytest.raises(ValidationError, match="extra"):
        LocalizedText.model_validate({"sv": "Hej", "de": "Hallo"})
    text = LocalizedText.of("Hej", "Hello")
    with pytest.raises(ValidationError):
        text.sv = "Nej"  # type: ignore[misc]


def test_text_falls_back_to_swedish_visibly() -> None:
    text = LocalizedText.model_validate({"sv": "Skyddsbedömning", "en": "Safety assessment"})
    assert text.text("en") == "Safety assessment" and text.text("sv") == "Skyddsbedömning"
    assert not text.fallback("en")
    only_sv = LocalizedText.of("Skyddsbedömning")
    assert only_sv.text("en") == "Skyddsbedömning" and only_sv.fallback("en") and only_sv.translated("en") is None
    # easy Swedish and an unknown language fall back to Swedish too, never to "" or an error
    assert only_sv.text("sv_easy") == "Skyddsbedömning" and only_sv.text("ar") == "Skyddsbedömning"
    # a blank translation counts as missing but is kept as written
    blank = LocalizedText.model_validate({"sv": "Hej", "en": "  "})
    assert blank.text("en") == "Hej" and blank.fallback("en") and blank.en == "  "
    assert LocalizedText.of("Hej", sv_easy="Hej du").languages() == ("sv", "sv_easy")


def test_current_follows_the_ui_language() -> None:
    before = current_language()
    text = LocalizedText.of("Hej", "Hello")
    try:
        set_language("en")
        assert text.current() == "Hello"
        set_language("sv")
        assert text.current() == "Hej"
    finally:
        set_language(before)


def test_dumped_as_written_so_digests_do_not_change() -> None:
    assert LocalizedText.of("Hej").model_dump() == {"sv": "Hej"}
    assert LocalizedText.of("Hej", "Hello").model_dump(mode="json") == {"sv": "Hej", "en": "Hello"}
    raw = {"sv": "Hej", "en": ""}
    assert LocalizedText.model_validate(raw).model_dump() == raw
    assert LocalizedText.model_validate_json(LocalizedText.of("Hej", "Hi").model_dump_json()) == LocalizedText.of(
        "Hej", "Hi"
    )
