"""Opening hours as short human text ("mån–fre 09–16", "dygnet runt") in sv, easy Swedish or English."""

from __future__ import annotations

from collections.abc import Callable

from stodapp.referrals.opening_hours import WEEKDAYS, OpeningHours

_DAYS = {
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "sv_easy": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_WORDS = {
    "sv": {
        "always": "dygnet runt",
        "unknown": "öppettider okända",
        "every": "alla dagar",
        "uncertain": "osäkert",
    },
    "sv_easy": {
        "always": "alla dagar, hela dygnet",
        "unknown": "vi vet inte när de har öppet",
        "every": "alla dagar",
        "uncertain": "kan vara fel",
    },
    "en": {"always": "24 hours", "unknown": "hours unknown", "every": "every day", "uncertain": "uncertain"},
}


def _days_text(days: tuple[str, ...], names: tuple[str, ...], words: dict[str, str]) -> str:
    idx = sorted(i for i, d in enumerate(WEEKDAYS) if d in days)
    if len(idx) == 7:
        return words["every"]
    runs: list[list[int]] = []
    for i in idx:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]}–{names[run[-1]]}")
        else:
            parts.extend(names[i] for i in run)
    return ", ".join(parts)


def _clock(text: str) -> str:
    return text[:2] if text.endswith(":00") else text


def describe(hours: OpeningHours | None, lang: str = "sv", translate: Callable[[str], str] | None = None) -> str:
    """A one-line summary for lists and handouts.

    With `translate` (a client-language catalog, msgid = the Swedish word), the easy-Swedish day names and the
    Swedish words are passed through it: "måndag" -> "الاثنين".
    """
    if translate is not None:
        names = tuple(translate(d) for d in _DAYS["sv_easy"])
        words = {k: translate(v) for k, v in _WORDS["sv"].items()}
    else:
        names, words = _DAYS.get(lang, _DAYS["sv"]), _WORDS.get(lang, _WORDS["sv"])
    if hours is None:
        return words["unknown"]
    if hours.always_open:
        text = words["always"]
    else:
        text = "; ".join(f"{_days_text(s.days, names, words)} {_clock(s.start)}–{_clock(s.end)}" for s in hours.spans)
    if hours.uncertain:
        text += f" ({words['uncertain']})"
    return text


def client_words() -> tuple[str, ...]:
    """The Swedish words `describe(..., translate=...)` looks up: a client-language catalog needs each of them."""
    return (*_DAYS["sv_easy"], *_WORDS["sv"].values())
