"""How agreement figures are written for a trainer: percentages, kappa, and the words for undefined values."""

from __future__ import annotations

from stodapp.i18n import N_, _
from stodapp.training.kappa import NO_DATA, SINGLE_CATEGORY, TOO_FEW_RATERS

TOO_FEW = N_("för få svar")

REASONS = {
    NO_DATA: TOO_FEW,
    TOO_FEW_RATERS: TOO_FEW,
    SINGLE_CATEGORY: N_("ej definierad: alla svar i samma kategori"),
}


def pct(x: float | None) -> str:
    """A share as a whole percentage; "för få svar" when it is undefined."""
    return _(TOO_FEW) if x is None else f"{round(100 * x)} %"


def kappa_text(value: float | None, reason: str | None = None) -> str:
    """Kappa with two decimals; otherwise why it is undefined, in words (never an internal code)."""
    if value is not None:
        return f"{value:.2f}"
    return _(REASONS.get(reason or "", TOO_FEW))


def distribution_text(counts: dict[str, int]) -> str:
    """ "Ja 2, Nej 1" from a label -> count mapping."""
    return ", ".join(f"{label} {n}" for label, n in counts.items()) or "–"


def differed_text(differed: tuple[tuple[str, str], ...]) -> str:
    """ "Anna (Nej), Bo (Vet ej)": who answered differently from the reference, and what."""
    return ", ".join(f"{name} ({label})" for name, label in differed) or _("ingen")
