"""`stodapp referrals validate`: the shipped data passes; a verified fact without its source or date fails in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from stodapp.cli import main
from stodapp.referrals.loader import national_path


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = national_path().read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    out = tmp_path / "national.yaml"
    out.write_text(text.replace(old, new, 1), encoding="utf-8")
    return out


def _err_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_the_shipped_directory_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["referrals", "validate", str(national_path())]) == 0
    assert "giltig katalog" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # Kvinnofridslinjen's number without the date it was checked against NCK's page
        ("        checked: 2026-12-06\n        anonymous: true\n        shows_on_phone_bill: false\n",
         "        anonymous: true\n        shows_on_phone_bill: false\n",
         "en webbkälla kräver datum för kontrollen (checked)"),
        # the "syns inte på telefonräkningen" fact without its source
        ("        bill_source: https://www.nck.uu.se/kvinnofridslinjen/kvinnofridslinjen-ger-stod-per-telefon/\n"
         "        bill_checked: 2026-12-06\n", "",
         "uppgiften om telefonräkningen saknar källa (bill_source)"),
        # ...or without the date it was checked
        ("        bill_checked: 2026-12-06\n", "", "en webbkälla kräver datum för kontrollen (bill_checked)"),
        # a verified entry that loses its checked date
        ("      sources: [\"https://www.sosalarm.se/trygghet/viktiga-telefonnummer/114-14/\"]\n"
         "      last_checked: 2026-12-06\n",
         "      sources: [\"https://www.sosalarm.se/trygghet/viktiga-telefonnummer/114-14/\"]\n",
         "en webbkälla kräver datum för kontrollen (last_checked)"),
        # a number with no source at all
        ("        contact: 020-80 80 80\n        source: https://www.nck.uu.se/\n        checked: 2026-12-06\n",
         "        contact: 020-80 80 80\n",
         "telefonnumret saknar källa (source)"),
    ],
    ids=["number-unchecked", "bill-unsourced", "bill-unchecked", "entry-unchecked", "number-unsourced"],
)
def test_a_verified_fact_without_source_or_date_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    path = _broken(tmp_path, old, new)
    assert main(["referrals", "validate", str(path)]) != 0
    lines = _err_lines(capsys)
    assert len(lines) == 1, lines
    assert lines[0].startswith("stodapp: error: national.yaml:") and lines[0].endswith(message), lines[0]
