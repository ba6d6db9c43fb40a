"""Safety notices for the concern editor and PDF, from the report's flags (honour, disability, urgency,
protected adults). Above the report model and the protected-term matching it uses."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from stodapp.concerns.model import ConcernReport, Urgency
from stodapp.i18n import N_, _

_TEXTS: dict[str, str] = {
    "acute": N_(
        "Akut läge: ring 112 om barnet är i fara nu. Utanför kontorstid: ring socialjouren i barnets "
        "hemkommun. Gör den skriftliga anmälan ändå."
    ),
    "honour": N_(
        "Hederskontext: kontakta inte vårdnadshavare och informera dem inte om anmälan. Kontakt kan "
        "utsätta barnet för fara; en risk- och säkerhetsbedömning ska göras först."
    ),
    "honour_pdf": N_(
        "Viktigt: anmälaren bedömer att barnet kan leva i en hederskontext. Kontakta inte vårdnadshavare "
        "och informera dem inte om anmälan innan en risk- och säkerhetsbedömning är gjord."
    ),
    "disability": N_(
        "Barnet har en funktionsnedsättning: den som ger omsorg (förälder, personlig assistent eller "
        "annan omsorgsperson) kan vara den som utövar våld. Var vaksam vid kontakt med dem."
    ),
    "disability_pdf": N_(
        "Barnet har en funktionsnedsättning. Observera att omsorgspersoner (förälder, assistent eller "
        "annan) kan vara de som utövar våld; var vaksam vid kontakt med dem."
    ),
    "multiple": N_(
        "Hederskontext och funktionsnedsättning: barnet kan vara utsatt för våld och förtryck på flera sätt "
        "samtidigt. Väg in båda i bedömningen."
    ),
    "protected": N_(
        "Det finns skyddade personuppgifter i hushållet. De tas aldrig med i anmälan: vårdnadshavare "
        "och barnet kan få läsa den. Anmälan stoppas om texten innehåller skyddad adress eller identitet."
    ),
    "protected_pdf": N_(
        "Hantera med särskild försiktighet: skyddade personuppgifter förekommer i hushållet."
    ),
    "location": N_(
        "Barnet bor med en vuxen som har skyddade personuppgifter: mottagande kommun kan avslöja var de "
        "bor. Ring mottagande socialtjänst och kom överens om hur anmälan ska lämnas."
    ),
}


class Notice(BaseModel):
    """A safety message for the editor; `pdf_text` (if set) is the version printed for the receiving unit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    level: str  # "warning" | "info"
    text: str
    pdf_text: str = ""


def notices(report: ConcernReport) -> tuple[Notice, ...]:
    """Safety warnings and guidance from the report's flags (honour, disability, urgency, protection)."""
    def note(code: str, key: str, level: str = "warning", pdf: str = "") -> Notice:
        return Notice(code=code, level=level, text=_(_TEXTS[key]), pdf_text=_(_TEXTS[pdf]) if pdf else "")

    out: list[Notice] = []
    child_disability = report.child is not None and report.child.has_disability
    if report.urgency is Urgency.ACUTE:
        out.append(note("acute", "acute"))
    if report.honour_context:
        out.append(note("honour_no_guardian_contact", "honour", pdf="honour_pdf"))
    if child_disability:
        out.append(note("disability_carers", "disability", pdf="disability_pdf"))
    if report.honour_context and child_disability:
        out.append(note("multiple_risk", "multiple"))
    if report.protected_fingerprints or report.lives_with_protected_adult:
        out.append(note("protected_adult", "protected", level="info", pdf="protected_pdf"))
    if report.lives_with_protected_adult:
        out.append(note("recipient_reveals_location", "location"))
    return tuple(out)
