"""The words of the "Lokala stödkontakter" tab: the template slots' names and the line naming what the client
handouts still lack."""

from __future__ import annotations

from stodapp.i18n import _
from stodapp.referrals.local_entries import SLOTS

ERROR_STYLE = "color: #b00020;"
MAX_ERROR_LINES = 30
LOGO_LABEL = "logo"


def slot_label(slot: str) -> str:
    return _("Logotyp") if slot == LOGO_LABEL else _(SLOTS.get(slot, slot))


def missing_text(missing: list[str] | tuple[str, ...]) -> str:
    """One line naming the template slots the first run asks for and that are still empty ('' when none)."""
    if not missing:
        return ""
    return _("Saknas på stödbladen till klienter: {slots}.").format(slots=", ".join(slot_label(s) for s in missing))


def one_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
