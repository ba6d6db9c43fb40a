"""Fictional case snapshots for the concern tests (no real personal data; test-format personnummer)."""

from __future__ import annotations

from datetime import date

from stodapp.concerns.model import Reporter, ReporterKind
from stodapp.concerns.prefill import (
    AssessmentSummary,
    CaseSnapshot,
    ChildSnapshot,
    PersonSnapshot,
    ViolenceEntry,
)

TODAY = date(2026, 1, 15)
CHILD_PNR = "20150315-2389"
MOTHER_PNR = "19850404-1230"
SENTINEL_ADDRESS = "Hemligstigen 77, 999 42 Gömstad"
SENTINEL_PHONE = "070-999 88 77"


def reporter() -> Reporter:
    return Reporter(
        name="Testa Handläggarsson",
        title="Socialsekreterare",
        kind=ReporterKind.SOCIAL_SERVICES,
        unit="Vuxenenheten, IFO",
        phone="010-000 00 00",
    )


def snapshot(
    *, honour: bool = False, disability: bool = False, protected_mother: bool = True
) -> CaseSnapshot:
    return CaseSnapshot(
        case_id=1,
        honour_context=honour,
        child=ChildSnapshot(
            name="Åsa Övningsdotter",
            personnummer=CHILD_PNR,
            address="" if protected_mother else "Låtsasgatan 1, 111 11 Påhittby",
            has_disability=disability,
            home_municipality_code="1280",
        ),
        household=(
            PersonSnapshot(
                name="Märta Övningsdotter",
                role="mor",
                personnummer=MOTHER_PNR,
                address=SENTINEL_ADDRESS,
                phone=SENTINEL_PHONE,
                is_guardian=True,
                protected_identity=protected_mother,
            ),
            PersonSnapshot(
                name="Örjan Fiktivsson",
                role="far",
                address="Låtsasgatan 1, 111 11 Påhittby",
                phone="070-111 22 33",
                is_guardian=True,
                lives_with_child=False,
            ),
        ),
        violence=(
            ViolenceEntry(
                form="psykiskt", occurred_on=date(2025, 11, 2), description="Hot i barnets närvaro."
            ),
            ViolenceEntry(
                form="fysiskt",
                occurred_on=date(2025, 12, 20),
                description=f"Slag mot modern i hemmet på {SENTINEL_ADDRESS.split(',')[0]}.",
            ),
        ),
        assessments=(
            AssessmentSummary(
                name="Egen checklista, ej validerad", done_on=date(2026, 1, 5), summary="Hög oro."
            ),
        ),
        child_own_words="”Jag blir rädd när pappa skriker.”",
    )
