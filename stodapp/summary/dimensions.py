"""Report dimensions with closed category lists: a value outside the list is counted as "okänt", never shown.

Closed lists are what keeps free text out of every table: whatever a feature stores, the report only ever
prints one of these labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stodapp.localized_text import LocalizedText

L = LocalizedText.of

UNKNOWN = "okant"


@dataclass(frozen=True)
class Dimension:
    id: str
    name: LocalizedText
    categories: tuple[tuple[str, LocalizedText], ...]  # (code, label); empty = time dimension

    def codes(self) -> list[str]:
        return [c for c, _label in self.categories]

    def normalise(self, value: object) -> str:
        """Map a stored value to a category code; anything unexpected becomes "okant"."""
        text = "" if value is None else str(value).strip().casefold()
        text = _ALIASES.get(self.id, {}).get(text, text)
        return text if text in self.codes() else UNKNOWN

    def label(self) -> str:
        return self.name.current()

    def category_label(self, code: str) -> str:
        for c, label in self.categories:
            if c == code:
                return label.current()
        return code  # time dimensions: the code (YYYY-MM or YYYY-Kn) is the label


_UNK = (UNKNOWN, L("Okänt", "Unknown"))

SEX = Dimension(
    "sex",
    L("Kön", "Sex"),
    (("kvinna", L("Kvinna", "Woman")), ("man", L("Man", "Man")), ("annat", L("Annat", "Other")), _UNK),
)
AGE_BAND = Dimension(
    "age_band",
    L("Åldersgrupp", "Age band"),
    (
        ("0-17", L("0–17", "0–17")),
        ("18-29", L("18–29", "18–29")),
        ("30-39", L("30–39", "30–39")),
        ("40-49", L("40–49", "40–49")),
        ("50-59", L("50–59", "50–59")),
        ("60-69", L("60–69", "60–69")),
        ("70-79", L("70–79", "70–79")),
        ("80+", L("80+", "80+")),
        _UNK,
    ),
)
CHANNEL = Dimension(
    "channel",
    L("Kanal", "Channel"),
    (
        ("besok", L("Besök", "In person")),
        ("telefon", L("Telefon", "Phone")),
        ("video", L("Video", "Video")),
        ("skriftligt", L("Skriftligt", "Written")),
        _UNK,
    ),
)
ANSWER = Dimension(
    "answer",
    L("Svar", "Answer"),
    (
        ("ja", L("Ja", "Yes")),
        ("nej", L("Nej", "No")),
        ("avbojt", L("Avböjt", "Declined")),
        ("ej_fragat", L("Ej frågat", "Not asked")),
        _UNK,
    ),
)
TRIGGER = Dimension(
    "trigger",
    L("Anledning", "Reason"),
    (
        ("rutin", L("Rutinmässigt", "Routine")),
        ("indikation", L("Vid indikation", "On indication")),
        ("eget_initiativ", L("Berättade på eget initiativ", "Self-initiated disclosure")),
        _UNK,
    ),
)
VIOLENCE_FORM = Dimension(
    "violence_form",
    L("Våldsform", "Form of violence"),
    (
        ("fysiskt", L("Fysiskt", "Physical")),
        ("psykiskt", L("Psykiskt", "Psychological")),
        ("sexuellt", L("Sexuellt", "Sexual")),
        ("ekonomiskt", L("Ekonomiskt", "Economic")),
        ("materiellt", L("Materiellt", "Material")),
        ("digitalt", L("Digitalt", "Digital")),
        ("latent", L("Latent", "Latent")),
        ("forsummelse", L("Försummelse", "Neglect")),
        ("hedersrelaterat", L("Hedersrelaterat", "Honour-related")),
        ("konsstympning", L("Könsstympning", "Female genital mutilation")),
        ("exploatering", L("Sexuell exploatering, människohandel", "Sexual exploitation, human trafficking")),
        _UNK,
    ),
)
GROUP = Dimension(
    "group",
    L("Grupp", "Group"),
    (
        ("funktionsnedsattning", L("Funktionsnedsättning", "Disability")),
        ("aldre", L("Äldre", "Older people")),
        ("hbtqi", L("Hbtqi-personer", "LGBTQI people")),
        ("heder", L("Hederskontext", "Honour context")),
        ("missbruk", L("Skadligt bruk och beroende", "Harmful use and addiction")),
        ("hemloshet", L("Hemlöshet", "Homelessness")),
        ("prostitution", L("Prostitution och människohandel", "Prostitution and human trafficking")),
        ("utrikes_fodd", L("Migration och nyanlända", "Migration and newly arrived")),
        ("barn_unga", L("Barn och unga", "Children and youth")),
        _UNK,
    ),
)
RISK_LEVEL = Dimension(
    "risk_level",
    L("Risknivå", "Risk level"),
    (("lag", L("Låg", "Low")), ("medel", L("Medel", "Moderate")), ("hog", L("Hög", "High")), _UNK),
)
OVERRIDE = Dimension(
    "override",
    L("Justerad bedömning", "Judgement overridden"),
    (("nej", L("Ej justerad", "Not overridden")), ("ja", L("Justerad", "Overridden"))),
)
CONCERN_OUTCOME = Dimension(
    "concern_outcome",
    L("Utfall", "Outcome"),
    (
        ("utredning", L("Ledde till utredning", "Led to an investigation")),
        ("insats", L("Stöd erbjudet utan utredning", "Support offered without investigation")),
        ("ingen", L("Ingen utredning", "No investigation")),
        ("ej_kant", L("Utfall inte känt", "Outcome not known")),
    ),
)
PERSON_ROLE = Dimension(
    "person_role",
    L("Hänvisad person", "Person referred"),
    (
        ("utsatt", L("Våldsutsatt", "Person subjected to violence")),
        ("utovare", L("Våldsutövare", "Person who uses violence")),
        ("barn", L("Barn", "Child")),
        _UNK,
    ),
)
PLACED = Dimension("placed", L("Placerad", "Placed"), (("barn", L("Barn", "Child")), ("vuxen", L("Vuxen", "Adult"))))
CONCERN_CONTEXT = Dimension(
    "concern_context",
    L("Sammanhang", "Context"),
    (
        ("vald_nara_relation", L("Våld i nära relation", "Violence in close relationships")),
        ("hedersrelaterat", L("Hedersrelaterat våld och förtryck", "Honour-related violence and oppression")),
        ("prostitution_manniskohandel", L("Prostitution, människohandel", "Prostitution, human trafficking")),
    ),
)
REFERRED = Dimension(
    "referred",
    L("Hänvisad", "Referred"),
    (("ja", L("Hänvisad", "Referred")), ("nej", L("Inte hänvisad", "Not referred"))),
)
ASKED_SUBJECT = Dimension(
    "asked_subject",
    L("Tillfrågad", "Asked"),
    (
        ("utsatt", L("Om utsatthet", "About being subjected")),
        ("utovare", L("Om att utöva våld", "About using violence")),
    ),
)
YES_HANDLING = Dimension(
    "yes_handling",
    L("Hantering", "Handling"),
    (
        ("atgard_klar", L("Nästa steg genomfört", "Next step done")),
        ("pagar", L("Nästa steg pågår", "Next step ongoing")),
        ("avbojt", L("Nästa steg avböjt", "Next step declined")),
        ("ingen_registrerad", L("Inget nästa steg registrerat", "No next step recorded")),
    ),
)
_MEASURES = (
    ("riskbedomning", L("Riskbedömning signerad", "Risk assessment signed")),
    ("sakerhetsplan", L("Säkerhetsplan", "Safety plan")),
    ("hanvisning", L("Hänvisning", "Referral")),
    ("orosanmalan", L("Orosanmälan skickad", "Report of concern sent")),
    ("skyddat_boende", L("Skyddat boende", "Protected housing")),
)
FOLLOWUP = Dimension(
    "followup",
    L("Uppföljning i ärendet", "Follow-up in the case"),
    (*_MEASURES, ("ingen_registrerad", L("Ingen registrerad uppföljning", "No follow-up recorded"))),
)
CHILD_SUPPORT = Dimension(
    "child_support",
    L("Stöd till barnet", "Support for the child"),
    (
        ("hanvisning", L("Hänvisning", "Referral")),
        ("skyddat_boende", L("Skyddat boende", "Protected housing")),
        ("sakerhetsplan", L("Säkerhetsplan", "Safety plan")),
    ),
)
HONOUR_MEASURE = Dimension(
    "honour_measure",
    L("Åtgärd i hedersärende", "Measure in an honour case"),
    (("hrv_bedomning", L("Bedömning av hedersrelaterat våld", "Honour-related violence assessment")), *_MEASURES[1:]),
)
INSTRUMENT = Dimension(
    "instrument",
    L("Bedömningsstöd", "Instrument"),
    (
        ("farlighet", L("Farlighetsbedömning (egen, ej validerad)", "Danger assessment (own, not validated)")),
        ("spb_partner", L("Strukturerad bedömning, parrelation (egen)", "Structured judgement, partner (own)")),
        ("spb_heder", L("Strukturerad bedömning, heder (egen)", "Structured judgement, honour (own)")),
        ("lokal", L("Lokal checklista", "Local checklist")),
    ),
)
STAFF_ROLE = Dimension(
    "staff_role",
    L("Roll", "Role"),
    (
        ("handlaggare", L("Handläggare", "Caseworker")),
        ("arbetsledare", L("Arbetsledare", "Supervisor")),
        ("utbildare", L("Utbildare", "Trainer")),
        ("administrator", L("Administratör", "Administrator")),
    ),
)
MONTH = Dimension("month", L("Månad", "Month"), ())
QUARTER = Dimension("quarter", L("Kvartal", "Quarter"), ())

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
