"""Swedish interface words (issue 17): "stödblad", not the English "handout"; "Skadligt bruk och beroende"."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.pofile import read_po

from stodapp.referrals.handout_pdf import render_handout
from stodapp.referrals.loader import load_national

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "resources" / "translations"


def _msgids() -> list[str]:
    with (TRANSLATIONS / "stodapp.pot").open("rb") as f:
        return [str(m.id) for m in read_po(f) if m.id and isinstance(m.id, str)]


def test_no_swedish_interface_text_says_handout_or_missbruk_beroende() -> None:
    ids = _msgids()
    assert any("stödblad" in m for m in ids)
    assert [m for m in ids if "handout" in m.lower()] == []
    assert [m for m in ids if "Missbruk/beroende" in m] == []
    assert "Skadligt bruk och beroende" in ids


def test_the_english_catalog_may_say_handout() -> None:
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "stodapp.po").open("rb") as f:
        cat = {str(m.id): str(m.string) for m in read_po(f) if m.id and isinstance(m.id, str)}
    assert cat["Skriv ut stödblad…"] == "Print handout…"
    assert cat["Skadligt bruk och beroende"] == "Harmful use and addiction"


def test_the_swedish_handout_pdf_does_not_say_handout() -> None:
    from pypdf import PdfReader

    by_id = {r.id: r for r in load_national().resources}
    pdf = render_handout([by_id["kvinnofridslinjen"], by_id["maskrosbarn"]], lang="sv")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "handout" not in text.lower() and "missbruk" not in text.lower()
    assert "Samtalet syns inte på telefonräkningen" in text


def test_kvinnofridslinjen_phone_bill_lines_read_right_on_the_handout() -> None:
    from pypdf import PdfReader

    kfl = {r.id: r for r in load_national().resources}["kvinnofridslinjen"]
    for lang, nobill, bill in (("sv", "Samtalet syns inte på telefonräkningen", "Obs! Samtalet syns på"),
                               ("en", "The call does not show on the phone bill", "Note: the call shows")):
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_handout([kfl], lang=lang))).pages)
        lines = [line.strip() for line in text.splitlines()]
        phone_line = next(line for line in lines if "020-50 50 50" in line)
        assert nobill in phone_line  # the number's own fact, on the number's line
        flat = " ".join(lines)
        assert flat.count(bill) == 1
        between = flat[flat.index("020-50 50 50"): flat.index(bill)]
        assert "Texttelefoni" in between or "Text relay" in between  # the warning sits in the relay's line
        assert not any(line.startswith(bill.split()[0]) for line in lines), lang  # never a line of its own


def test_an_unconfirmed_line_says_check_it_on_the_handout() -> None:
    from pypdf import PdfReader

    r = {x.id: x for x in load_national().resources}["ratt_att_valja"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render_handout([r], lang="sv"))).pages)
    assert "020-57 70 70 (kontrollera uppgiften)" in text
