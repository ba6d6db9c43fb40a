"""The shipped national directory validates, and every phone number traces to the seed line it cites."""

from __future__ import annotations

import os
import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from stodapp.referrals.codes import PHONE_CHANNELS, phone_digits
from stodapp.referrals.loader import load_national
from stodapp.referrals.provenance import SourceRef

ROOT = Path(__file__).resolve().parents[3]
SEEDS = Path(os.environ.get("STODAPP_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0"})

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed files not found at {SEEDS}")
RESEARCH = Path(os.environ.get("STODAPP_RESEARCH_DIR", ROOT.parent / "shared" / "research"))
needs_research = pytest.mark.skipif(
    not (RESEARCH / "helplines.md").is_file(), reason=f"helplines digest not found at {RESEARCH}"
)


@cache
def seed_lines(name: str) -> list[str]:
    return (SEEDS / name).read_text(encoding="utf-8").split("\n")


def _squash(text: str) -> str:
    return re.sub(r"[\s\-–]", "", text)


def test_shipped_data_validates() -> None:
    rf = load_national()
    assert len(rf.resources) >= 25
    assert {"kvinnofridslinjen", "ud_jouren", "bris", "tris", "valj_att_sluta"} <= {
        r.id for r in rf.resources
    }


CHECKED = date(2026, 12, 6)  # the day the helplines digest checked its public sources
# (id, channel kind, number, where it was checked): the verified lines of issue 17, pinned.
VERIFIED_NUMBERS = [
    ("sos_112", "phone", "112", "https://www.sosalarm.se/112/"),
    ("sos_112", "sms", "112", "https://www.sosalarm.se/trygghet/viktiga-telefonnummer/112/112-for-tal--och-horselskadade/"),
    ("polisen_11414", "phone", "114 14", "https://www.sosalarm.se/trygghet/viktiga-telefonnummer/114-14/"),
    ("vardguiden_1177", "phone", "1177", "https://www.1177.se/om-1177/om-1177-vardguiden-pa-telefon/"),
    ("bris", "phone", "116 111", "https://www.bris.se/"),
    ("mind_sjalvmordslinjen", "phone", "90101",
     "https://www.kronprinsessparetsstiftelse.se/projekt/sjalvmordsupplysningen.html"),
    ("kvinnofridslinjen", "phone", "020-50 50 50",
     "https://www.nck.uu.se/kvinnofridslinjen/kvinnofridslinjen-ger-stod-per-telefon/"),
    ("stodlinjen_for_man", "phone", "020-80 80 80", "https://www.nck.uu.se/"),
    ("stodlinjen_for_transpersoner", "phone", "020-55 00 00", "https://www.nck.uu.se/"),
    ("ratt_att_valja", "phone", "020-57 70 70",
     "https://www.uu.se/centrum/nck/nyheter-fran-nck/arkiv/2024-06-03-stodlinje-for-personer-utsatta-for-hedersfortryck"),
    ("nkt_stodtelefon", "phone", "010-223 57 60", "https://www.hedersfortryck.se/om-oss/stodtelefonen/"),
]
# Entries whose facts the digest confirmed (number, or for Roks/Unizon the organisation and address).
CHECKED_IDS = {r for r, *_rest in VERIFIED_NUMBERS} | {
    "roks", "unizon_hitta_stod", "valj_att_sluta", "brottsofferjouren", "terrafem"
}


def test_exactly_the_entries_checked_against_public_sources_say_so() -> None:
    resources = load_national().resources
    checked = {r.id for r in resources if r.provenance.last_checked is not None}
    assert checked == CHECKED_IDS
    for r in resources:
        if r.id in CHECKED_IDS:
            assert r.provenance.last_checked == CHECKED, r.id
            assert any(s.startswith("https://") for s in r.provenance.sources), r.id


@pytest.mark.parametrize(("rid", "kind", "number", "source"), VERIFIED_NUMBERS)
def test_verified_number_with_its_source_and_checked_date(rid: str, kind: str, number: str, source: str) -> None:
    r = {x.id: x for x in load_national().resources}[rid]
    chans = [c for c in r.channels if c.kind == kind and c.contact and phone_digits(c.contact) == phone_digits(number)]
    assert chans, f"{rid}: {number} saknas"
    assert chans[0].source == source and chans[0].checked == CHECKED, rid
    # only Rätt att välja is flagged: confirmed for its 2024 pilot, not that it still runs (the handout says "kontrollera")
    assert chans[0].uncertain is (rid == "ratt_att_valja")


def test_kvinnofridslinjen_does_not_show_on_the_phone_bill_but_the_text_relay_does() -> None:
    r = {x.id: x for x in load_national().resources}["kvinnofridslinjen"]
    phone = next(c for c in r.channels if c.kind == "phone")
    assert phone.shows_on_phone_bill is False
    assert phone.bill_source == "https://www.nck.uu.se/kvinnofridslinjen/kvinnofridslinjen-ger-stod-per-telefon/"
    assert phone.bill_checked == CHECKED
    relay = next(c for c in r.channels if c.kind == "text_relay")
    assert relay.shows_on_phone_bill is True and relay.bill_source == "001_f14e0c5b37588955.txt:2025-2027"
    assert r.phone_bill_channels == ("text_relay",)
    # the relay is not the channel right after the number (so its warning never reads as the line's)
    kinds = [c.kind for c in r.channels]
    assert kinds.index("text_relay") > kinds.index("phone") + 1
    assert phone.hours is not None and phone.hours.always_open and phone.hours.public_holidays == "open"


def test_bris_phone_bill_is_not_claimed_without_a_current_source() -> None:
    r = {x.id: x for x in load_national().resources}["bris"]
    phone = next(c for c in r.channels if c.kind == "phone")
    assert phone.shows_on_phone_bill is None  # the digest found no source; the 2022 seed is only noted
    assert "inte bekräftat" in r.notes
    assert r.age_max == 17 and not r.phone_not_in_sources


def test_the_professionals_honour_line_is_under_nch() -> None:
    r = {x.id: x for x in load_national().resources}["nkt_stodtelefon"]
    assert r.organisation.startswith("Nationellt centrum mot hedersrelaterat våld och förtryck (NCH)")
    assert "Länsstyrelsen Östergötland" in r.organisation
    assert "kompetensteam" not in r.name.lower() and not r.client_facing
    assert r.channels[0].hours is not None and r.channels[0].hours.uncertain  # hours only from a snapshot


def test_unconfirmed_facts_are_flagged() -> None:
    by_id = {x.id: x for x in load_national().resources}
    assert by_id["ratt_att_valja"].provenance.confidence == "low" and "inte" in by_id["ratt_att_valja"].status_note
    for rid in ("roks", "unizon_hitta_stod"):
        assert by_id[rid].phone_not_in_sources  # no national number was verified
    for rid in ("valj_att_sluta", "brottsofferjouren", "terrafem"):
        assert "inte bekräftade" in by_id[rid].notes, rid


def test_no_perpetrator_wording_with_hen() -> None:
    import re

    for r in load_national().resources:
        for text in (r.description.sv, r.description.sv_easy or "", r.notes):
            assert not re.search(r"\bhens?\b", text), r.id


@needs_research
def test_every_web_sourced_number_is_in_the_helplines_digest() -> None:
    rows = [line for line in (RESEARCH / "helplines.md").read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    seen = 0
    for r in load_national().resources:
        for c in r.channels:
            if c.kind not in PHONE_CHANNELS or not c.contact or not (c.source or "").startswith("https://"):
                continue
            number = c.contact.replace(" ", "")
            host = c.source.removeprefix("https://").removeprefix("www.").split("/")[0]  # type: ignore[union-attr]
            hits = [i for i, row in enumerate(rows) if number in row.replace(" ", "")]
            # the row's source column names the host, or says "same …" as the row above it
            ok = any(host in rows[i] or ("same" in rows[i] and host in rows[i - 1]) for i in hits)
            assert ok, (r.id, c.contact, host)
            seen += 1
    assert seen >= 10


def test_missing_numbers_are_said_and_keep_a_web_address() -> None:
    for r in load_national().resources:
        phone_chans = [c for c in r.channels if c.kind == "phone"]
        if phone_chans and not any(c.contact for c in phone_chans):
            assert r.phone_not_in_sources, r.id
        if r.phone_not_in_sources:
            assert any(c.contact for c in r.channels if c.kind in ("web", "chat", "email")), r.id


def test_uncertain_ocr_contacts_are_marked() -> None:
    for r in load_national().resources:
        for c in r.channels:
            if c.checked is not None:
                continue  # checked against a public page: raw_ocr only records what the seed printed
            if c.raw_ocr and c.contact and _squash(c.raw_ocr) != _squash(c.contact):
                # a repaired reading must be flagged uncertain unless only the formatting changed
                if phone_digits(c.raw_ocr) != phone_digits(c.contact):
                    assert c.uncertain, (r.id, c.kind)


@needs_seeds
def test_every_phone_number_is_at_its_cited_seed_line() -> None:
    checked = 0
    for r in load_national().resources:
        for c in r.channels:
            if c.kind not in PHONE_CHANNELS or not c.contact:
                continue
            assert c.source, f"{r.id}: telefonnummer utan källrad"
            if c.source.startswith("https://"):
                continue  # checked against a public page (test_every_web_sourced_number_is_in_the_helplines_digest)
            ref = SourceRef.parse(c.source)
            text = "\n".join(seed_lines(ref.file)[ref.first - 1 : ref.last])
            digits = phone_digits(c.contact)
            if digits in _squash(text):
                checked += 1
                continue
            # Only an OCR-repaired number may differ, and then the printed text must be at the line
            # and the repair may only swap look-alike characters.
            assert c.raw_ocr and c.uncertain, f"{r.id}: {c.contact} finns inte på {c.source}"
            assert _squash(c.raw_ocr) in _squash(text), f"{r.id}: raw_ocr finns inte på {c.source}"
            assert phone_digits(c.raw_ocr.translate(OCR_DIGITS)) == digits, r.id
            checked += 1
    assert checked >= 8  # the rest are checked against public pages


@needs_seeds
def test_all_cited_source_lines_exist() -> None:
    for r in load_national().resources:
        refs = list(r.provenance.sources) + [s for c in r.channels for s in (c.source, c.bill_source) if s]
        for s in refs:
            if s.startswith("https://"):
                continue
            ref = SourceRef.parse(s)
            assert (SEEDS / ref.file).is_file(), s
            assert ref.last <= len(seed_lines(ref.file)), s


@needs_seeds
def test_the_trace_check_can_fail() -> None:
    # Guard against a vacuous check: a number that is not printed at the cited line is not found there.
    text = "\n".join(seed_lines("001_f14e0c5b37588955.txt")[2020:2021])
    assert phone_digits("020-50 50 50") in _squash(text)
    assert phone_digits("020-55 56 66") not in _squash(text)
