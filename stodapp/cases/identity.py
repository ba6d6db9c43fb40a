"""Identity numbers: personnummer/samordningsnummer (`personnummer` package), reserve numbers, age bands."""

from __future__ import annotations

import re
from datetime import date

from stodapp.errors import UserInputError
from stodapp.i18n import _

_RESERVE = re.compile(r"^[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]{3,19}$")
_DIGITS = re.compile(r"^(\d{6}|\d{8})[-+]?\d{4}$")


def normalise_number(raw: str, *, coordination: bool, today: date) -> tuple[str, date]:
    """'YYYYMMDD-NNNN' and the birth date, or UserInputError (checksum, bad date, future birth, kind)."""
    from personnummer import personnummer as pnr

    value = raw.strip().replace(" ", "")
    kind = _("samordningsnummer") if coordination else _("personnummer")
    if not _DIGITS.match(value):
        raise UserInputError(_("Ogiltigt {kind}: skriv ÅÅÅÅMMDD-NNNN.").format(kind=kind))
    digits = value.replace("-", "").replace("+", "")
    day = int(digits[-6:-4])
    if coordination != (day > 60):
        if coordination:
            raise UserInputError(_("Ogiltigt samordningsnummer: dagen ska vara födelsedag + 60."))
        raise UserInputError(_("Ogiltigt personnummer: det ser ut som ett samordningsnummer."))
    try:
        parsed = pnr.Personnummer(value)
    except pnr.PersonnummerException:
        raise UserInputError(
            _("Ogiltigt {kind}: kontrollsiffran stämmer inte eller datumet finns inte.").format(kind=kind)
        ) from None
    birth = parsed.get_date()
    born = date(birth.year, birth.month, birth.day)
    if born > today:
        raise UserInputError(_("Ogiltigt {kind}: födelsedatumet ligger i framtiden.").format(kind=kind))
    full = parsed.format(True)  # YYYYMMDDNNNN
    return f"{full[:8]}-{full[8:]}", born


def check_reserve_number(raw: str) -> str:
    value = raw.strip().upper()
    if not _RESERVE.match(value):
        raise UserInputError(_("Ogiltigt reservnummer: 4–20 tecken, bokstäver, siffror och bindestreck."))
    return value


def check_birth_date(born: date | None, today: date) -> date | None:
    if born is not None and born > today:
        raise UserInputError(_("Födelsedatumet ligger i framtiden."))
    return born


def age_band(birth: date, on: date) -> str:
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    if age < 18:
        return "0-17"
    low = min(age // 10 * 10, 80)
    return "80+" if low >= 80 else f"{max(18, low)}-{low + 9}"


AGE_BANDS = ("0-17", "18-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+")
