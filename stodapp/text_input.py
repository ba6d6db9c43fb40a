"""Free text typed by a person, checked at the service edge: no NUL or control characters, no lone surrogates
(text that cannot be stored as UTF-8), not whitespace only, not over a length limit. One clear error each."""

from __future__ import annotations

import unicodedata

from stodapp.errors import UserInputError
from stodapp.i18n import _

MAX_DISPLAY_NAME = 100
_LINE_BREAKS = frozenset("\n\r\t")


def clean_text(value: str, *, field: str, max_len: int, multiline: bool = False, required: bool = True) -> str:
    """`value` stripped, or UserInputError naming `field` (a label, never the text itself)."""
    for ch in value:
        if multiline and ch in _LINE_BREAKS:
            continue
        category = unicodedata.category(ch)
        if category == "Cs":
            raise UserInputError(_("{field}: texten innehåller ogiltiga tecken (inte giltig Unicode).").format(
                field=field))
        if category == "Cc" or ch in "\u2028\u2029":
            raise UserInputError(_("{field}: texten innehåller styrtecken (t.ex. NUL) som inte kan sparas.").format(
                field=field))
    text = value.strip()
    if required and not text:
        raise UserInputError(_("{field} får inte vara tomt.").format(field=field))
    if len(text) > max_len:
        raise UserInputError(_("{field} är för långt (högst {n} tecken).").format(field=field, n=max_len))
    return text
