"""Metrics over the facts of migration 0018, and, for every metric, what it does not cover (LIMITS).

Registered into metrics.REGISTRY when metrics.py is imported. Definitions say what is counted; LIMITS says, in
plain words, what a reader might expect the table to include but it does not (docs/metrics.md prints both).
"""

from __future__ import annotations

from stodapp.localized_text import LocalizedText
from stodapp.summary import facts
from stodapp.summary.metric_registry import Metric, register


def _m(**kw: object) -> None:
    register(Metric(**kw))  # type: ignore[arg-type]


_m(
    id="concern_contexts",
    population="concern_contexts",
    title=LocalizedText(
        sv="Orosanmälningar efter sammanhang",
        en="Reports of concern by context",
    ),
    definition=LocalizedText(
        sv="Orosanmälningar som skickades under perioden, efter sammanhang: hedersrelaterat (ikryssad "
        "hederskontext, gruppen hederskontext i ärendet eller hedersrelaterat våld eller könsstympning i en signerad "
        "våldsbeskrivning), prostitution eller människohandel (gruppen i ärendet eller sexuell exploatering i "
        "våldsbeskrivningen), annars våld i nära relation. En anmälan i båda sammanhangen räknas i båda.",
        en="Reports of concern sent in the period, by context: honour-related (honour context ticked, the "
        "honour group in the case, or honour-related violence or FGM in a signed description of violence), "
        "prostitution or trafficking (the group in the case or sexual exploitation in the description), otherwise "
        "violence in close relationships. A report in both contexts counts in both.",
    ),
    counts=LocalizedText(
        sv="anmälan–sammanhang",
        en="report–context pairs",
    ),
    dims=("concern_context",),
    fact=facts.view_counter("fact_concern_contexts", ("concern_context",)),
    source="fact_concern_contexts",
    refs="M1, M15",
    children=True,
)
_m(
    id="persons_using_violence",
    population="persons_using_violence",
    title=LocalizedText(
        sv="Personer som utövar våld efter kön och hänvisning",
        en="Persons who use violence by sex and referral",
    ),
    definition=LocalizedText(
        sv="Personer registrerade som våldsutövare i ärenden som aktualiserades under perioden, efter kön "
        "och om personen fått minst en hänvisning (någon gång i ärendet).",
        en="Persons recorded as using violence in cases opened in the period, by sex and whether the person "
        "was given at least one referral (at any time in the case).",
    ),
    counts=LocalizedText(
        sv="personer",
        en="persons",
    ),
    dims=("sex", "referred"),
    fact=facts.view_counter("fact_persons_using_violence", ("sex", "referred")),
    source="fact_persons_using_violence",
    refs="M3, M11, M12",
)
_m(
    id="yes_handling",
    population="yes_events",
    title=LocalizedText(
        sv="Ja-svar: hur de hanterades",
        en="Yes answers: how they were handled",
    ),
    definition=LocalizedText(
        sv="Frågetillfällen under perioden där svaret var ja, efter vad som hänt med de föreslagna nästa "
        "stegen: minst ett genomfört; annars minst ett pågår; annars avböjda; eller inget nästa steg registrerat. "
        "Uppdelat också efter om frågan gällde utsatthet eller att utöva våld.",
        en="Asking events in the period answered yes, by what happened to the suggested next steps: at "
        "least one done; otherwise at least one ongoing; otherwise declined; or no next step recorded. Also split by "
        "whether the question was about being subjected to or using violence.",
    ),
    counts=LocalizedText(
        sv="ja-svar",
        en="yes answers",
    ),
    dims=("yes_handling", "asked_subject"),
    fact=facts.view_counter("fact_yes_handling", ("yes_handling", "asked_subject")),
    source="fact_yes_handling",
    refs="M8",
)
_m(
    id="yes_followups",
    population="yes_followups",
    title=LocalizedText(
        sv="Ja-svar om utsatthet: uppföljning i ärendet",
        en="Yes answers about being subjected: follow-up in the case",
    ),
    definition=LocalizedText(
        sv="För varje ja-svar om utsatthet under perioden: vilka åtgärder som registrerades i samma ärende "
        "samma dag eller senare (signerad riskbedömning, säkerhetsplan, hänvisning av någon annan än den som "
        "utövar våld, skickad orosanmälan, skyddat "
        "boende). Ett ja-svar med flera åtgärder räknas en gång per åtgärd; utan åtgärd som ingen registrerad.",
        en="For each yes answer about being subjected in the period: which measures were recorded in the "
        "same case on the same day or later (signed risk assessment, safety plan, referral of someone other than "
        "the person using violence, report of concern sent, "
        "protected housing). A yes answer with several measures counts once per measure; without any as none "
        "recorded.",
    ),
    counts=LocalizedText(
        sv="ja-svar–åtgärd",
        en="yes answer–measure pairs",
    ),
    dims=("followup",),
    fact=facts.view_counter("fact_yes_followups", ("followup",)),
    source="fact_yes_followups",
    refs="M8, M13",
)
_m(
    id="children_supported",
    population="children_supported",
    title=LocalizedText(
        sv="Barn som fått stöd",
        en="Children who received support",
    ),
    definition=LocalizedText(
        sv="Antal barn (personer registrerade som barn) som under perioden fick minst en registrerad "
        "stödåtgärd: en hänvisning till barnet, en placering i skyddat boende eller en säkerhetsplan för barnet. "
        "Varje barn räknas en gång.",
        en="Number of children (persons recorded as children) who in the period received at least one "
        "recorded support measure: a referral for the child, a placement in protected housing or a safety plan for "
        "the child. Each child counts once.",
    ),
    counts=LocalizedText(
        sv="barn",
        en="children",
    ),
    dims=(),
    fact=facts.children_supported(by_kind=False),
    source="fact_children_supported",
    refs="M3, M4",
    children=True,
    chart="none",
)
_m(
    id="children_support_kinds",
    population="children_support_kinds",
    title=LocalizedText(
        sv="Barn som fått stöd, efter slag av stöd",
        en="Children who received support, by kind",
    ),
    definition=LocalizedText(
        sv="Samma barn per slag av stöd; ett barn med flera slag räknas i varje.",
        en="The same children per kind of support; a child with several kinds counts in each.",
    ),
    counts=LocalizedText(
        sv="barn–stöd",
        en="child–support pairs",
    ),
    dims=("child_support",),
    fact=facts.children_supported(by_kind=True),
    source="fact_children_supported",
    refs="M3, M4",
    children=True,
)
_m(
    id="honour_measures",
    population="honour_measures",
    title=LocalizedText(
        sv="Åtgärder i hedersärenden",
        en="Measures in honour cases",
    ),
    definition=LocalizedText(
        sv="Åtgärder under perioden i ärenden med hederskontext (gruppen hederskontext, en signerad "
        "bedömning av hedersrelaterat våld, en orosanmälan med hederskontext eller hedersrelaterat våld eller "
        "könsstympning i en signerad våldsbeskrivning): signerade hedersbedömningar, skickade orosanmälningar, "
        "placeringar i skyddat boende, hänvisningar och säkerhetsplaner.",
        en="Measures in the period in cases with an honour context (the honour group, a signed "
        "honour-related violence assessment, a report of concern with honour context, or honour-related violence or "
        "FGM in a signed description of violence): signed honour assessments, reports of concern sent, placements "
        "in protected housing, referrals and safety plans.",
    ),
    counts=LocalizedText(
        sv="åtgärder",
        en="measures",
    ),
    dims=("honour_measure",),
    fact=facts.view_counter("fact_honour_measures", ("honour_measure",)),
    source="fact_honour_measures",
    refs="M1, M13, M15",
)
_m(
    id="risk_instruments",
    population="risk",
    title=LocalizedText(
        sv="Riskbedömningar efter bedömningsstöd",
        en="Risk assessments by instrument",
    ),
    definition=LocalizedText(
        sv="Samma signerade risk- och farlighetsbedömningar som i tabellen över samlad bedömning, efter "
        "vilket bedömningsstöd som användes (de medföljande egna checklistorna eller en lokal checklista).",
        en="The same signed risk and danger assessments as in the overall judgement table, by which "
        "instrument was used (the shipped own checklists or a local checklist).",
    ),
    counts=LocalizedText(
        sv="bedömningar",
        en="assessments",
    ),
    dims=("instrument",),
    fact=facts.view_counter("fact_risk_instruments", ("instrument",)),
    source="fact_risk_instruments",
    refs="M13",
)
_m(
    id="staff_accounts",
    population="staff",
    title=LocalizedText(
        sv="Aktiva konton efter roll (nämnare för utbildning)",
        en="Active accounts by role (denominator for training)",
    ),
    definition=LocalizedText(
        sv="Konton i detta register som var aktiva (inte avstängda) och skapade senast periodens sista "
        "månad, efter roll. Nämnare för andelen utbildade: jämför med genomförd utbildning.",
        en="Accounts in this store that were active (not disabled) and created by the period's last month, "
        "by role. The denominator for the share trained: compare with training completed.",
    ),
    counts=LocalizedText(
        sv="konton",
        en="accounts",
    ),
    dims=("staff_role",),
    fact=facts.staff_accounts,
    source="users",
    refs="M14",
)

# metric id -> (what it does not cover, sv; en). Every registered metric has an entry (a test checks).
LIMITS: dict[str, tuple[str, str]] = {
    "new_cases": (
        "Räknar ärenden i appen, inte alla aktualiseringar i verksamhetssystemet; ett ärende med flera "
        "stödsökande räknas efter den först registrerade.",
        "Counts cases in the app, not every opening in the case management system; a case with several persons "
        "seeking support counts by the first registered.",
    ),
    "new_cases_trend": ("Som ovan.", "As above."),
    "asking": (
        "Bara frågetillfällen som registrerats i appen; frågor som ställts utan registrering syns inte.",
        "Only asking events recorded in the app; questions asked without a record do not show.",
    ),
    "asking_trigger": ("Som ovan.", "As above."),
    "violence_forms": (
        "Bara signerade våldsbeskrivningar (en ersatt beskrivning räknas inte); former som bara nämns i "
        "anteckningar eller i andra checklistor räknas inte. Könsstympning och sexuell exploatering räknas "
        "från beskrivningens version 1.1.0.",
        "Only signed descriptions of violence (a superseded one does not count); forms only mentioned in notes "
        "or other checklists do not count. FGM and sexual exploitation count from the description's version "
        "1.1.0.",
    ),
    "groups": (
        "Bara grupper som handläggaren markerat; en person utan markering syns inte som okänd.",
        "Only groups the caseworker marked; a person without a mark does not show as unknown.",
    ),
    "risk": (
        "Bara signerade bedömningar; en bedömning utan låg/medel/hög räknas som okänd.",
        "Only signed assessments; one without low/moderate/high counts as unknown.",
    ),
    "concerns": (
        "Bara orosanmälningar som gjorts i appen och markerats som skickade; utfall syns bara när återkopplingen "
        "registrerats. Anmälningar till andra nämnder än socialnämnden ingår inte.",
        "Only reports of concern made in the app and marked as sent; outcomes show only when the feedback was "
        "recorded. Reports to boards other than the social welfare board are not included.",
    ),
    "referrals": (
        "Bara hänvisningar som registrerats i appen; vad personen sedan gjorde syns inte.",
        "Only referrals recorded in the app; what the person then did does not show.",
    ),
    "protected_housing": (
        "Bara placeringar i skyddat boende. Andra placeringar (HVB, familjehem, jourhem, stödboende) registreras "
        "inte i appen och ingår inte (M4 är därför bara delvis täckt).",
        "Only placements in protected housing. Other placements (HVB, foster homes, emergency homes, supported "
        "housing) are not recorded in the app and are not included (M4 is therefore only partly covered).",
    ),
    "safety_plans": (
        "En plan per person och ärende räknas en gång, i månaden den först upprättades.",
        "One plan per person and case counts once, in the month it was first drawn up.",
    ),
    "reassessments_overdue": (
        "Bara omprövningar som har ett datum; en bedömning utan omprövningsdatum syns inte.",
        "Only reviews with a date; an assessment without a review date does not show.",
    ),
    "training": (
        "Utbildning registreras i ett separat övningsregister; i ett ärenderegister är talet därför noll. "
        "Räknar personer, inte timmar, och inte utbildning utanför appen.",
        "Training is recorded in a separate training store; in a case store the figure is therefore zero. "
        "Counts persons, not hours, and not training outside the app.",
    ),
    "concern_contexts": (
        "Sammanhanget kommer från ärendet, inte från anmälans fritext; en anmälan i ett ärende utan markering "
        "räknas som våld i nära relation. Bara anmälningar om barn (orosanmälan) — anmälningar om vuxna finns "
        "inte i appen.",
        "The context comes from the case, not from the report's free text; a report in a case without any mark "
        "counts as violence in close relationships. Only reports about children — reports about adults do not "
        "exist in the app.",
    ),
    "persons_using_violence": (
        "Ansökningar om och beviljade insatser registreras inte i appen, så M3:s \"ansökt/beviljats\" täcks inte; "
        "hänvisning är det som finns. Våldsutövare som inte registrerats som personer i ett ärende syns inte.",
        "Applications for and granted interventions are not recorded in the app, so M3's \"applied/granted\" is "
        "not covered; referral is what exists. People using violence not recorded as persons in a case do not "
        "show.",
    ),
    "yes_handling": (
        "Bygger på nästa steg som kopplats till frågetillfället; åtgärder som registrerats utan koppling syns i "
        "tabellen över uppföljning i ärendet.",
        "Based on next steps linked to the asking event; measures recorded without that link show in the "
        "follow-up table.",
    ),
    "yes_followups": (
        "Visar att en åtgärd finns i ärendet efter ja-svaret, inte att den följde av just det svaret.",
        "Shows that a measure exists in the case after the yes answer, not that it followed from that answer.",
    ),
    "children_supported": (
        "Bara stöd som registrerats på barnet som person; samtal med barnet, barnutredning och insatser enligt "
        "SoL/LVU registreras inte i appen och ingår inte.",
        "Only support recorded on the child as a person; conversations with the child, child investigations and "
        "interventions under SoL/LVU are not recorded in the app and are not included.",
    ),
    "children_support_kinds": ("Som ovan.", "As above."),
    "honour_measures": (
        "Ett ärende räknas som hedersärende först när något av kännetecknen registrerats; åtgärder före det "
        "räknas också (hela ärendet). Kontakter med UD, polis eller NCH syns inte om de inte registrerats som "
        "hänvisning.",
        "A case counts as an honour case once any of the marks is recorded; measures before that count too "
        "(the whole case). Contacts with the foreign ministry, police or NCH do not show unless recorded as a "
        "referral.",
    ),
    "risk_instruments": (
        "Namnger bedömningsstödet, inte om det var validerat: de medföljande checklistorna är egna och ej "
        "validerade; en lokal checklista kan vara licensierad (t.ex. SARA:SV) men visas som lokal.",
        "Names the instrument, not whether it was validated: the shipped checklists are own and not validated; "
        "a local checklist may be licensed (e.g. SARA:SV) but shows as local.",
    ),
    "staff_accounts": (
        "Konton är inte personer i tjänst: vikarier utan konto syns inte och ett konto som inte stängts av "
        "räknas. Övningsregistret har egna konton; andelen utbildade räknas inte ut automatiskt.",
        "Accounts are not staff in post: substitutes without an account do not show and an account not disabled "
        "counts. The training store has its own accounts; the share trained is not computed automatically.",
    ),
}
