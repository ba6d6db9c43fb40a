"""Report periods at month precision (YYYY-MM to YYYY-MM, inclusive); nothing finer than a month."""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict

from stodapp.errors import UserInputError
from stodapp.i18n import _

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_MONTHS = 120


def parse_month(text: str) -> tuple[int, int]:
    m = _MONTH.match(text.strip()) if isinstance(text, str) else None
    if not m:
        raise UserInputError(_('Ogiltig månad "{value}": skriv ÅÅÅÅ-MM, t.ex. 2026-03.').format(value=str(text)[:20]))
    year, month = int(m.group(1)), int(m.group(2))
    if year < 2000:
        raise UserInputError(_('Ogiltig månad "{value}": året måste vara 2000 eller senare.').format(value=text))
    return year, month


def month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class Period(BaseModel):
    """An inclusive range of whole months."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    first: str  # YYYY-MM
    last: str  # YYYY-MM

    @property
    def months(self) -> list[str]:
        a, b = month_index(*parse_month(self.first)), month_index(*parse_month(self.last))
        return [month_label(k) for k in range(a, b + 1)]

    @property
    def quarters(self) -> list[str]:
        out: list[str] = []
        for m in self.months:
            q = f"{m[:4]}-K{(int(m[5:]) - 1) // 3 + 1}"
            if q not in out:
                out.append(q)
        return out

    @property
    def trend_unit(self) -> str:
        """Month for up to two years, otherwise quarter (keeps trend charts readable and cells larger)."""
        return "month" if len(self.months) <= 24 else "quarter"

    def label(self) -> str:
        return self.first if self.first == self.last else f"{self.first} – {self.last}"


def make_period(first: str, last: str, today: date) -> Period:
    """Validate: well-formed months, not empty (from after to), not in the future, at most ten years."""
    a, b = month_index(*parse_month(first)), month_index(*parse_month(last))
    if a > b:
        raise UserInputError(
            _("Perioden är tom: från-månaden ({first}) ligger efter till-månaden ({last}).").format(
                first=first.strip(), last=last.strip()
            )
        )
    if b > month_index(today.year, today.month):
        raise UserInputError(
            _("Perioden ligger i framtiden ({last}); välj en period som har börjat.").format(last=last.strip())
        )
    if b - a + 1 > MAX_MONTHS:
        raise UserInputError(_("Perioden är för lång (högst {n} månader).").format(n=MAX_MONTHS))
    return Period(first=month_label(a), last=month_label(b))


def quarter_of(month: str) -> str:
    return f"{month[:4]}-K{(int(month[5:7]) - 1) // 3 + 1}"
