"""The shipped national directory validates, and every phone number traces to the seed line it cites."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from stodapp.referrals.codes import PHONE_CHANNELS, phone_digits
from stodapp.referrals.loader import load_national
from stodapp.referrals.schema import SourceRef

ROOT = Path(__file__).resolve().parents[3]
SEEDS = Path(os.environ.get("STODAPP_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))
OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0"})

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed files not found at {SEEDS}")


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


def test_nothing_is_claimed_as_checked() -> None:
    # Nothing in the seeds was verified against live sources: no entry may pretend otherwise.
    assert all(r.provenance.last_checked is None for r in load_national().resources)


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
    assert checked >= 10


@needs_seeds
def test_all_cited_source_lines_exist() -> None:
    for r in load_national().resources:
        refs = list(r.provenance.sources) + [c.source for c in r.channels if c.source]
        for s in refs:
            ref = SourceRef.parse(s)
            assert (SEEDS / ref.file).is_file(), s
            assert ref.last <= len(seed_lines(ref.file)), s


@needs_seeds
def test_the_trace_check_can_fail() -> None:
    # Guard against a vacuous check: a number that is not printed at the cited line is not found there.
    text = "\n".join(seed_lines("001_f14e0c5b37588955.txt")[2020:2021])
    assert phone_digits("020-50 50 50") in _squash(text)
    assert phone_digits("020-55 56 66") not in _squash(text)
