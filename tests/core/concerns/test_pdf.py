"""The PDF: honour context never claims guardians were informed; no protected data; å/ä/ö; pages."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader

from stodapp.concerns.model import ConcernReport, merge_changes
from stodapp.concerns.pdf import PdfMeta, render_pdf
from stodapp.concerns.prefill import prefill_from_case
from stodapp.concerns.safety import normalise

from .helpers import MOTHER_PNR, SENTINEL_ADDRESS, SENTINEL_PHONE, TODAY, reporter, snapshot

FINAL = PdfMeta(
    report_id=3,
    status="final",
    finalised_at=datetime(2026, 1, 15, 10, 0, tzinfo=UTC),
    finalised_by="Testa Handläggarsson",
    content_hash="ab" * 32,
)


def pdf_text(report: ConcernReport, meta: PdfMeta = FINAL) -> str:
    reader = PdfReader(io.BytesIO(render_pdf(report, meta)))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_honour_context_pdf_warns_and_never_claims_guardians_informed() -> None:
    honour = prefill_from_case(snapshot(honour=True), today=TODAY, reporter=reporter()).report
    text = flat(pdf_text(honour))
    assert "Kontakta inte vårdnadshavare" in text
    assert "Vårdnadshavare informerade" not in text
    assert "informerade om anmälan Ja" not in text
    # Control: outside honour context the same field is printed, so the assertions above can fail.
    plain = prefill_from_case(snapshot(honour=False), today=TODAY, reporter=reporter()).report
    plain = merge_changes(plain, {"guardians_informed": True}, today=TODAY)
    plain_text = flat(pdf_text(plain))
    assert "Vårdnadshavare informerade om anmälan Ja" in plain_text
    assert "Kontakta inte vårdnadshavare" not in plain_text


def test_protected_adults_address_is_absent_from_pdf_text() -> None:
    report = prefill_from_case(snapshot(), today=TODAY, reporter=reporter()).report
    text = pdf_text(report)
    squashed = normalise(text)
    assert normalise(SENTINEL_ADDRESS.split(",")[0]) not in squashed
    assert "gömstad" not in squashed
    assert normalise(SENTINEL_PHONE).lstrip("0") not in squashed
    assert normalise(MOTHER_PNR)[2:] not in squashed
    assert "Skyddade personuppgifter" in text
    # Control: when the mother is not protected, her address is printed and found by the same extraction.
    open_report = prefill_from_case(snapshot(protected_mother=False), today=TODAY, reporter=reporter()).report
    assert normalise(SENTINEL_ADDRESS.split(",")[0]) in normalise(pdf_text(open_report))


def test_pdf_has_header_page_numbers_swedish_letters_and_legal_basis() -> None:
    report = prefill_from_case(snapshot(disability=True), today=TODAY, reporter=reporter()).report
    long = merge_changes(report, {"concern": {"description": "Ökad oro för barnet. " * 900}}, today=TODAY)
    text = pdf_text(long)
    assert "Sekretess enligt 26 kap. 1 §" in text
    assert "Åsa Övningsdotter" in text and "Örjan Fiktivsson" in text
    pages = len(PdfReader(io.BytesIO(render_pdf(long, FINAL))).pages)
    assert pages >= 3 and f"Sida {pages} av {pages}" in text
    # The receiving municipality gets the act in force, never our open question about its section number.
    assert "enligt SoL (2025:400), som gäller från 2025-07-01." in flat(text)
    assert "jurist" not in flat(text) and "att bekräfta" not in flat(text)
    assert "omsorgspersoner" in text
    assert "Socialtjänsten, Malmö (1280), Skåne län" in flat(text)


def test_draft_pdf_is_marked_and_not_signed() -> None:
    report = prefill_from_case(snapshot(), today=TODAY, reporter=reporter()).report
    text = flat(pdf_text(report, PdfMeta()))
    assert "UTKAST" in text and "inte slutfört" in text
    assert "Kontrollsumma" not in text


def test_footer_follows_honour_context() -> None:
    honour = prefill_from_case(snapshot(honour=True), today=TODAY, reporter=reporter()).report
    text = flat(pdf_text(honour))
    assert "kan läsas av vårdnadshavare och barnet" not in text
    assert "hederskontext: att vårdnadshavare får veta om anmälan kan utsätta barnet för fara" in text
    plain = prefill_from_case(snapshot(honour=False), today=TODAY, reporter=reporter()).report
    assert "kan läsas av vårdnadshavare och barnet" in flat(pdf_text(plain))


def test_footer_fits_on_one_line_beside_the_page_number() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from stodapp.concerns.pdf import _footer
    from stodapp.pdf import base

    base.build_pdf([], title="x")  # registers the fonts
    room = A4[0] - 36 * mm - stringWidth("Sida 99 av 99", base.FONT, 8) - 4 * mm
    for honour in (True, False):
        report = prefill_from_case(snapshot(honour=honour), today=TODAY, reporter=reporter()).report
        assert stringWidth(_footer(report), base.FONT, 8) < room


def test_source_is_not_prefilled_and_is_needed_to_finalise() -> None:
    import pytest

    from stodapp.concerns.model import ConcernSource, check_ready_to_finalise
    from stodapp.errors import UserInputError

    report = prefill_from_case(snapshot(), today=TODAY, reporter=reporter()).report
    assert report.concern.source is None
    assert "Källa Ej angivet" in flat(pdf_text(report, PdfMeta()))
    report = merge_changes(report, {"home_municipality_code": "1280"}, today=TODAY)
    with pytest.raises(UserInputError, match="hur anmälaren känner till"):
        check_ready_to_finalise(report)
    told = merge_changes(report, {"concern": {"source": ConcernSource.TOLD_BY_OTHER.value}}, today=TODAY)
    check_ready_to_finalise(told)
    assert "Någon annan har berättat" in flat(pdf_text(told))


def test_pdf_before_the_new_act_cites_the_verified_section() -> None:
    from datetime import date

    on = date(2025, 3, 3)
    report = prefill_from_case(snapshot(), today=on, reporter=reporter()).report
    text = flat(pdf_text(report))
    assert "14 kap. 1 § SoL (2001:453)" in text
    assert "jurist" not in text
