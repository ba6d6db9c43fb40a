"""Report dimensions with closed category lists: a value outside the list is counted as "okänt", never shown.

Closed lists are what keeps free text out of every table: whatever a feature stores, the report only ever
prints one of these labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stodapp.i18n import current_language

UNKNOWN = "okant"


@dataclass(frozen=True)
class Dimension:
    id: str
    label_sv: str
    label_en: str
    categories: tuple[tuple[str, str, str], ...]  # (code, Swedish label, English label); empty = time dimension

    def codes(self) -> list[str]:
        return [c for c, _sv, _en in self.categories]

    def normalise(self, value: object) -> str:
        """Map a stored value to a category code; anything unexpected becomes "okant"."""
        text = "" if value is None else str(value).strip().casefold()
        text = _ALIASES.get(self.id, {}).get(text, text)
        return text if text in self.codes() else UNKNOWN

    def label(self) -> str:
        return self.label_en if current_language() == "en" else self.label_sv

    def category_label(self, code: str) -> str:
        for c, sv, en in self.categories:
            if c == code:
                return en if current_language() == "en" else sv
        return code  # time dimensions: the code (YYYY-MM or YYYY-Kn) is the label


_UNK = (UNKNOWN, "Okänt", "Unknown")

SEX = Dimension(
    "sex",
    "Kön",
    "Sex",
    (("kvinna", "Kvinna", "Woman"), ("man", "Man", "Man"), ("annat", "Annat", "Other"), _UNK),
)
AGE_BAND = Dimension(
    "age_band",
    "Åldersgrupp",
    "Age band",
    (
        ("0-17", "0–17", "0–17"),
        ("18-29", "18–29", "18–29"),
        ("30-39", "30–39", "30–39"),
        ("40-49", "40–49", "40–49"),
        ("50-59", "50–59", "50–59"),
        ("60-69", "60–69", "60–69"),
        ("70-79", "70–79", "70–79"),
        ("80+", "80+", "80+"),
        _UNK,
    ),
)
CHANNEL = Dimension(
    "channel",
    "Kanal",
    "Channel",
    (
        ("besok", "Besök", "In person"),
        ("telefon", "Telefon", "Phone"),
        ("video", "Video", "Video"),
        ("skriftligt", "Skriftligt", "Written"),
        _UNK,
    ),
)
ANSWER = Dimension(
    "answer",
    "Svar",
    "Answer",
    (
        ("ja", "Ja", "Yes"),
        ("nej", "Nej", "No"),
        ("avbojt", "Avböjt", "Declined"),
        ("ej_fragat", "Ej frågat", "Not asked"),
        _UNK,
    ),
)
TRIGGER = Dimension(
    "trigger",
    "Anledning",
    "Reason",
    (
        ("rutin", "Rutinmässigt", "Routine"),
        ("indikation", "Vid indikation", "On indication"),
        ("eget_initiativ", "Berättade på eget initiativ", "Self-initiated disclosure"),
        _UNK,
    ),
)
VIOLENCE_FORM = Dimension(
    "violence_form",
    "Våldsform",
    "Form of violence",
    (
        ("fysiskt", "Fysiskt", "Physical"),
        ("psykiskt", "Psykiskt", "Psychological"),
        ("sexuellt", "Sexuellt", "Sexual"),
        ("ekonomiskt", "Ekonomiskt", "Economic"),
        ("materiellt", "Materiellt", "Material"),
        ("digitalt", "Digitalt", "Digital"),
        ("latent", "Latent", "Latent"),
        ("forsummelse", "Försummelse", "Neglect"),
        ("hedersrelaterat", "Hedersrelaterat", "Honour-related"),
        ("konsstympning", "Könsstympning", "Female genital mutilation"),
        ("exploatering", "Sexuell exploatering, människohandel", "Sexual exploitation, human trafficking"),
        _UNK,
    ),
)
GROUP = Dimension(
    "group",
    "Grupp",
    "Group",
    (
        ("funktionsnedsattning", "Funktionsnedsättning", "Disability"),
        ("aldre", "Äldre", "Elderly"),
        ("hbtqi", "Hbtqi-personer", "LGBTQI people"),
        ("heder", "Hederskontext", "Honour context"),
        ("missbruk", "Skadligt bruk och beroende", "Harmful use and addiction"),
        ("hemloshet", "Hemlöshet", "Homelessness"),
        ("prostitution", "Prostitution och människohandel", "Prostitution and human trafficking"),
        ("utrikes_fodd", "Utländsk bakgrund, migration", "Foreign background, migration"),
        ("barn_unga", "Barn och unga", "Children and youth"),
        _UNK,
    ),
)
RISK_LEVEL = Dimension(
    "risk_level",
    "Risknivå",
    "Risk level",
    (("lag", "Låg", "Low"), ("medel", "Medel", "Moderate"), ("hog", "Hög", "High"), _UNK),
)
OVERRIDE = Dimension(
    "override",
    "Justerad bedömning",
    "Judgement overridden",
    (("nej", "Ej justerad", "Not overridden"), ("ja", "Justerad", "Overridden")),
)
CONCERN_OUTCOME = Dimension(
    "concern_outcome",
    "Utfall",
    "Outcome",
    (
        ("utredning", "Ledde till utredning", "Led to an investigation"),
        ("insats", "Ledde till insats utan utredning", "Led to support without investigation"),
        ("ingen", "Ingen utredning", "No investigation"),
        ("ej_kant", "Utfall inte känt", "Outcome not known"),
    ),
)
PERSON_ROLE = Dimension(
    "person_role",
    "Hänvisad person",
    "Person referred",
    (
        ("utsatt", "Våldsutsatt", "Person subjected to violence"),
        ("utovare", "Våldsutövare", "Person who uses violence"),
        ("barn", "Barn", "Child"),
        _UNK,
    ),
)
PLACED = Dimension("placed", "Placerad", "Placed", (("barn", "Barn", "Child"), ("vuxen", "Vuxen", "Adult")))
CONCERN_CONTEXT = Dimension(
    "concern_context",
    "Sammanhang",
    "Context",
    (
        ("vald_nara_relation", "Våld i nära relation", "Violence in close relationships"),
        ("hedersrelaterat", "Hedersrelaterat våld och förtryck", "Honour-related violence and oppression"),
        ("prostitution_manniskohandel", "Prostitution, människohandel", "Prostitution, human trafficking"),
    ),
)
REFERRED = Dimension(
    "referred", "Hänvisad", "Referred", (("ja", "Hänvisad", "Referred"), ("nej", "Inte hänvisad", "Not referred"))
)
ASKED_SUBJECT = Dimension(
    "asked_subject",
    "Tillfrågad",
    "Asked",
    (("utsatt", "Om utsatthet", "About being subjected"), ("utovare", "Om att utöva våld", "About using violence")),
)
YES_HANDLING = Dimension(
    "yes_handling",
    "Hantering",
    "Handling",
    (
        ("atgard_klar", "Nästa steg genomfört", "Next step done"),
        ("pagar", "Nästa steg pågår", "Next step ongoing"),
        ("avbojt", "Nästa steg avböjt", "Next step declined"),
        ("ingen_registrerad", "Inget nästa steg registrerat", "No next step recorded"),
    ),
)
_MEASURES = (
    ("riskbedomning", "Riskbedömning signerad", "Risk assessment signed"),
    ("sakerhetsplan", "Säkerhetsplan", "Safety plan"),
    ("hanvisning", "Hänvisning", "Referral"),
    ("orosanmalan", "Orosanmälan skickad", "Report of concern sent"),
    ("skyddat_boende", "Skyddat boende", "Protected housing"),
)
FOLLOWUP = Dimension(
    "followup",
    "Uppföljning i ärendet",
    "Follow-up in the case",
    (*_MEASURES, ("ingen_registrerad", "Ingen registrerad uppföljning", "No follow-up recorded")),
)
CHILD_SUPPORT = Dimension(
    "child_support",
    "Stöd till barnet",
    "Support for the child",
    (
        ("hanvisning", "Hänvisning", "Referral"),
        ("skyddat_boende", "Skyddat boende", "Protected housing"),
        ("sakerhetsplan", "Säkerhetsplan", "Safety plan"),
    ),
)
HONOUR_MEASURE = Dimension(
    "honour_measure",
    "Åtgärd i hedersärende",
    "Measure in an honour case",
    (("hrv_bedomning", "Bedömning av hedersrelaterat våld", "Honour-related violence assessment"), *_MEASURES[1:]),
)
INSTRUMENT = Dimension(
    "instrument",
    "Bedömningsstöd",
    "Instrument",
    (
        ("farlighet", "Farlighetsbedömning (egen, ej validerad)", "Danger assessment (own, not validated)"),
        ("spb_partner", "Strukturerad bedömning, parrelation (egen)", "Structured judgement, partner (own)"),
        ("spb_heder", "Strukturerad bedömning, heder (egen)", "Structured judgement, honour (own)"),
        ("lokal", "Lokal checklista", "Local checklist"),
    ),
)
STAFF_ROLE = Dimension(
    "staff_role",
    "Roll",
    "Role",
    (
        ("handlaggare", "Handläggare", "Caseworker"),
        ("arbetsledare", "Arbetsledare", "Supervisor"),
        ("utbildare", "Utbildare", "Trainer"),
        ("administrator", "Administratör", "Administrator"),
    ),
)
MONTH = Dimension("month", "Månad", "Month", ())
QUARTER = Dimension("quarter", "Kvartal", "Quarter", ())

DIMENSIONS: dict[str, Dimension] = {
    d.id: d
    for d in (
        SEX,
        AGE_BAND,
        CHANNEL,
        ANSWER,
        TRIGGER,
        VIOLENCE_FORM,
        GROUP,
        RISK_LEVEL,
        OVERRIDE,
        CONCERN_OUTCOME,
        PERSON_ROLE,
        PLACED,
        CONCERN_CONTEXT,
        REFERRED,
        ASKED_SUBJECT,
        YES_HANDLING,
        FOLLOWUP,
        CHILD_SUPPORT,
        HONOUR_MEASURE,
        INSTRUMENT,
        STAFF_ROLE,
        MONTH,
        QUARTER,
    )
}

_ALIASES: dict[str, dict[str, str]] = {
    "sex": {"k": "kvinna", "kvinnor": "kvinna", "m": "man", "män": "man", "okänt": UNKNOWN},
    "answer": {"avböjt": "avbojt", "declined": "avbojt", "yes": "ja", "no": "nej", "ej frågat": "ej_fragat"},
    "risk_level": {
        "l": "lag",
        "låg": "lag",
        "m": "medel",
        "h": "hog",
        "hög": "hog",
        "low": "lag",
        "moderate": "medel",
        "high": "hog",
    },
    "override": {"1": "ja", "true": "ja", "0": "nej", "false": "nej"},
    "channel": {"besök": "besok", "phone": "telefon", "in_person": "besok"},
}

_AGE = re.compile(r"^(\d{1,3})\s*[-–]\s*(\d{1,3})$|^(\d{1,3})\s*\+$")


def age_band_of(value: object) -> str:
    """Map a stored band ("20-29", "30–34", "80+") into ten-year bands; a band straddling two → "okant"."""
    text = "" if value is None else str(value).strip()
    if text in AGE_BAND.codes():
        return text
    m = _AGE.match(text)
    if not m:
        return UNKNOWN
    lo, hi = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), 200)
    for code in AGE_BAND.codes():
        if code == UNKNOWN:
            continue
        a, _sep, b = code.partition("-")
        c_lo, c_hi = (int(a.rstrip("+")), int(b) if b else 200)
        if c_lo <= lo and hi <= c_hi:
            return code
    return UNKNOWN
