"""The handout in every client language: expected strings in logical order, every character in an embedded font."""

from __future__ import annotations

from datetime import date

import pytest

from stodapp.client_lang.catalog import load_catalog
from stodapp.client_lang.languages import LANGUAGES, NOT_REVIEWED
from stodapp.referrals.directory import ReferralDirectory
from stodapp.referrals.handout_pdf import _T, LANGS, render_handout
from tests.core.client_lang.pdf_check import embedded_fonts, norm, pdf_text, uncovered

TODAY = date(2026, 3, 11)
IDS = ("kvinnofridslinjen", "karleken_ar_fri")
SCRIPT_FONT = {"arabic": "NotoSansArabic-Regular", "ethiopic": "NotoSansEthiopic-Regular"}


@pytest.fixture(scope="module")
def chosen() -> list:  # type: ignore[type-arg]
    d = ReferralDirectory.load()
    return [d.get(i) for i in IDS]


def _expected(lang: str, chosen: list) -> list[str]:  # type: ignore[type-arg]
    """What must appear, in reading order: title, first resource, its phone number, its description, next."""
    if lang in LANGS:
        title = _T[lang]["title"]
        desc = chosen[0].description.text(lang)
    else:
        cat = load_catalog(lang)
        title, desc = cat.text(_T["sv"]["title"]), cat.text(chosen[0].description.sv)
    first_words = " ".join(desc.split()[:3])
    return [title, "Kvinnofridslinjen", first_words, "020-50 50 50", "Kärleken är fri"]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_handout_reads_in_order_and_has_no_tofu(lang: str, chosen: list) -> None:  # type: ignore[type-arg]
    data = render_handout(chosen, lang=lang, today=TODAY)
    text = pdf_text(data)
    flat = "".join(text.split())  # pdftotext puts spaces at RTL run edges loosely
    positions = []
    for expected in _expected(lang, chosen):
        pos = flat.find("".join(norm(expected).split()))
        assert pos >= 0, f"{lang}: {expected!r} not in the text layer"
        positions.append(pos)
    assert positions == sorted(positions), f"{lang}: strings out of logical order {positions}"
    fonts = embedded_fonts(data)
    script = LANGUAGES[lang].script
    if script is not None:
        assert SCRIPT_FONT[script] in fonts
    assert uncovered(pdf_text(data, bare=False), fonts) == set()
    assert "\ufffd" not in text
    if lang != "sv":
        assert NOT_REVIEWED in text  # the shipped drafts are not reviewed, and the page says so in Swedish
        own = load_catalog(lang).text(NOT_REVIEWED)
        assert lang == "sv_easy" or norm(own) in text  # ... and in the language itself


def test_phone_number_stays_left_to_right_in_arabic(chosen: list) -> None:  # type: ignore[type-arg]
    text = pdf_text(render_handout(chosen, lang="ar", today=TODAY))
    assert "020-50 50 50" in text and "50 50 50-020" not in text
    assert "www.kvinnofridslinjen.se" in text


def test_unknown_language_is_refused(chosen: list) -> None:  # type: ignore[type-arg]
    from stodapp.errors import UserInputError

    with pytest.raises(UserInputError, match="Okänt språk"):
        render_handout(chosen, lang="xx")
