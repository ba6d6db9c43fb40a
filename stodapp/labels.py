"""Words for codes: one labelling function per code list that reaches a person (screen, PDF, CLI text output)."""

from __future__ import annotations

from stodapp.i18n import N_, _

__all__ = [
    "ACTION_LABELS",
    "RECORD_LABELS",
    "action_label",
    "concern_outcome_label",
    "concern_status_label",
    "municipality_label",
    "person_label",
    "record_label",
    "retention_reason_label",
    "role_label",
    "time_zone_note",
]

# Every audit action the code writes (pinned by tests/core/test_labels.py, which reads the source for them).
ACTION_LABELS: dict[str, str] = {
    "asking.due": N_("Visade frågor som ska ställas"),
    "asking.list": N_("Visade frågetillfällen"),
    "asking.record": N_("Sparade ett frågetillfälle"),
    "assessment": N_("Bedömning"),
    "assessment.cosign": N_("Medsignerade en bedömning"),
    "assessment.cosign_list": N_("Visade bedömningar som väntar på medsignering"),
    "assessment.create": N_("Påbörjade en bedömning"),
    "assessment.supersede": N_("Ersatte en bedömning med en ny"),
    "assessment.discard": N_("Kastade ett utkast till bedömning"),
    "assessment.history": N_("Visade bedömningshistorik"),
    "assessment.judgement": N_("Sparade en professionell bedömning"),
    "assessment.pdf": N_("Skrev ut en bedömning (PDF)"),
    "assessment.save": N_("Sparade en bedömning"),
    "assessment.sign": N_("Signerade en bedömning"),
    "assessment.view": N_("Öppnade en bedömning"),
    "audit.anchor_mismatch": N_("Loggens förankring stämde inte"),
    "audit.review": N_("Gjorde en loggkontroll"),
    "audit.verify": N_("Kontrollerade granskningsloggen"),
    "backup": N_("Säkerhetskopia"),
    "backup.create": N_("Gjorde en säkerhetskopia"),
    "backup.restore": N_("Återställde en säkerhetskopia"),
    "case": N_("Ärende"),
    "case.assign": N_("Tilldelade ett ärende"),
    "case.break_glass": N_("Öppnade ett ärende med nödåtkomst"),
    "case.break_glass_review": N_("Granskade en nödåtkomst"),
    "case.create": N_("Skapade ett ärende"),
    "case.denied": N_("Nekades åtkomst till ett ärende"),
    "case.export": N_("Exporterade ett ärende"),
    "case.language": N_("Ändrade klientens språk"),
    "case.list": N_("Visade ärendelistan"),
    "case.search": N_("Sökte bland ärenden"),
    "case.status": N_("Ändrade ett ärendes status"),
    "case.view": N_("Öppnade ett ärende"),
    "case.view_glass": N_("Öppnade ett ärende under nödåtkomst"),
    "checklist.page": N_("Visade checklistsidan"),
    "checklist.pack_import": N_("Importerade ett checklistpaket"),
    "checklist.training_list": N_("Visade utbildningsresultat"),
    "checklist.training_record": N_("Registrerade en utbildning"),
    "concern.correct": N_("Rättade en orosanmälan"),
    "concern.create": N_("Skapade en orosanmälan"),
    "concern.edit": N_("Ändrade en orosanmälan"),
    "concern.export_pdf": N_("Skrev ut en orosanmälan (PDF)"),
    "concern.finalise": N_("Slutförde en orosanmälan"),
    "concern.list": N_("Visade orosanmälningar"),
    "concern.page": N_("Visade sidan med orosanmälningar"),
    "concern.sent": N_("Registrerade att en orosanmälan skickats"),
    "concern.status": N_("Ändrade status för en orosanmälan"),
    "concern.view": N_("Öppnade en orosanmälan"),
    "bench.fill": N_("Fyllde på data för ett prestandatest"),
    "demo.fill": N_("Fyllde på demodata"),
    "doctor": N_("Kontrollerade lagringen"),
    "housing.end": N_("Avslutade ett boende"),
    "housing.list": N_("Visade boenden"),
    "housing.place": N_("Registrerade ett boende"),
    "keys.recovery_replaced": N_("Bytte återställningsnyckel"),
    "keys.rekey": N_("Bytte krypteringsnyckel"),
    "lock": N_("Låste programmet"),
    "login": N_("Loggade in"),
    "next_step.list": N_("Visade nästa steg"),
    "next_step.resolve": N_("Klarmarkerade ett nästa steg"),
    "note": N_("Anteckning"),
    "note.correct": N_("Rättade en journalanteckning"),
    "note.create": N_("Skrev en journalanteckning"),
    "note.edit_refused": N_("Nekades ändring av en anteckning"),
    "note.list": N_("Visade journalanteckningar"),
    "person.create": N_("Lade till en person"),
    "person.update": N_("Ändrade uppgifter om en person"),
    "person.reveal_protected": N_("Visade en skyddad identitet"),
    "person.subject_access": N_("Tog fram ett registerutdrag"),
    "person.view": N_("Öppnade en person"),
    "print": N_("Skrev ut"),
    "reauth": N_("Bekräftade sin identitet igen"),
    "reauth.failed": N_("Misslyckad identitetsbekräftelse"),
    "reauth.required": N_("Ombads bekräfta sin identitet igen"),
    "recovery_key": N_("Återställningsnyckel"),
    "referral.list": N_("Visade hänvisningar"),
    "referral.local_export": N_("Exporterade lokala hänvisningar"),
    "referral.local_import": N_("Importerade lokala hänvisningar"),
    "referral.record": N_("Registrerade en hänvisning"),
    "retention.cull": N_("Gallrade uppgifter"),
    "retention.hold": N_("Satte gallringsstopp"),
    "retention.holds": N_("Visade gallringsstoppen"),
    "retention.release": N_("Hävde gallringsstopp"),
    "retention.report": N_("Visade gallringsrapporten"),
    "review.complete": N_("Genomförde en omprövning"),
    "review.create": N_("Planerade en omprövning"),
    "review.overdue_list": N_("Visade försenade omprövningar"),
    "safety_plan.print": N_("Skrev ut en säkerhetsplan"),
    "safety_plan.print_client": N_("Skrev ut klientens säkerhetsplan"),
    "safety_plan.save": N_("Sparade en säkerhetsplan"),
    "safety_plan.view": N_("Öppnade en säkerhetsplan"),
    "server.import": N_("Importerade en lokal databas till servern"),
    "server.init": N_("Skapade enheten på servern"),
    "settings.update": N_("Ändrade inställningar"),
    "sharing.list": N_("Visade uppgiftsdelningar"),
    "sharing.record": N_("Registrerade en uppgiftsdelning"),
    "summary.generate": N_("Tog fram en sammanställning"),
    "summary.pdf": N_("Skrev ut en sammanställning (PDF)"),
    "training.session.close": N_("Avslutade ett utbildningstillfälle"),
    "training.session.start": N_("Startade ett utbildningstillfälle"),
    "training.vignette.export": N_("Exporterade en övningsvinjett"),
    "training.vignette.update": N_("Ändrade en övningsvinjett"),
    "training_result": N_("Utbildningsresultat"),
    "training_vignette": N_("Övningsvinjett"),
    "users.add": N_("Lade till en användare"),
    "users.disable": N_("Inaktiverade en användare"),
    "users.list": N_("Visade användare"),
    "users.passwd": N_("Bytte sin lösenfras"),
    "users.reset_passphrase": N_("Återställde en användares lösenfras"),
    "view": N_("Visade"),
}

# Record types of audit rows: singular, plural (a list of ids such as "3-5,9").
RECORD_LABELS: dict[str, tuple[str, str]] = {
    "asking_event": (N_("Frågetillfälle"), N_("Frågetillfällen")),
    "assessment": (N_("Bedömning"), N_("Bedömningar")),
    "audit": (N_("Granskningslogg"), N_("Granskningslogg")),
    "audit_log": (N_("Granskningslogg"), N_("Granskningslogg")),
    "case": (N_("Ärende"), N_("Ärenden")),
    "checklist_pack": (N_("Checklistpaket"), N_("Checklistpaket")),
    "concern": (N_("Orosanmälan"), N_("Orosanmälningar")),
    "housing_placement": (N_("Boende"), N_("Boenden")),
    "next_step": (N_("Nästa steg"), N_("Nästa steg")),
    "note": (N_("Anteckning"), N_("Anteckningar")),
    "organisation": (N_("Verksamheten"), N_("Verksamheten")),
    "person": (N_("Person"), N_("Personer")),
    "referral_given": (N_("Hänvisning"), N_("Hänvisningar")),
    "referral_local": (N_("Lokal hänvisning"), N_("Lokala hänvisningar")),
    "review": (N_("Omprövning"), N_("Omprövningar")),
    "safety_plan": (N_("Säkerhetsplan"), N_("Säkerhetsplaner")),
    "setting": (N_("Inställning"), N_("Inställningar")),
    "sharing": (N_("Uppgiftsdelning"), N_("Uppgiftsdelningar")),
    "store": (N_("Lagringen"), N_("Lagringen")),
    "summary": (N_("Sammanställning"), N_("Sammanställningar")),
    "training": (N_("Utbildning"), N_("Utbildningar")),
    "training_session": (N_("Utbildningstillfälle"), N_("Utbildningstillfällen")),
    "training_vignette": (N_("Övningsvinjett"), N_("Övningsvinjetter")),
    "user": (N_("Användare"), N_("Användare")),
    "backup": (N_("Säkerhetskopia"), N_("Säkerhetskopior")),
}


def action_label(code: str) -> str:
    """What an audited action did, in words; a code added later without a label shows its area and the code."""
    label = ACTION_LABELS.get(code)
    if label is not None:
        return _(label)
    area = ACTION_LABELS.get(code.split(".", 1)[0]) or RECORD_LABELS.get(code.split(".", 1)[0], ("",))[0]
    return f"{_(area)} [{code}]" if area else f"[{code}]"


def record_label(record_type: str, record_id: str = "") -> str:
    """'Ärende 40', 'Ärenden 3-5, 9', 'Lagringen'; an unknown type keeps its code."""
    pair = RECORD_LABELS.get(record_type)
    rid = record_id.strip()
    if pair is None:
        return f"{record_type} {rid}".strip()
    many = any(ch in rid for ch in ",-")
    word = _(pair[1] if many else pair[0])
    if not rid or "." in rid:  # a period "2026-01-01..2026-01-31" or nothing
        return f"{word} {rid.replace('..', ' – ')}".strip()
    return f"{word} {rid.replace(',', ', ')}"


def role_label(code: str) -> str:
    """'Handläggare' for 'handlaggare'; an unknown role keeps its code."""
    from stodapp.auth import ROLE_LABELS, Role

    try:
        return _(ROLE_LABELS[Role(code)])
    except ValueError:
        return code


# Why a case is kept from culling: the 12:2 exceptions of the rule file, the local archive decision and the
# research sample (stodapp.retention).
RETENTION_REASON_LABELS: dict[str, str] = {
    "adoption": N_("Adoption"),
    "arkivbeslut": N_("Lokalt arkivbeslut"),
    "foraldraskap": N_("Faderskap och föräldraskap"),
    "forskningsurval": N_("Forskningsurval (födelsedag)"),
    "placering_barn": N_("Placering av barn"),
}


def retention_reason_label(code: str) -> str:
    """'Adoption' for 'adoption'; a reason added to the rule file later keeps its code."""
    label = RETENTION_REASON_LABELS.get(code)
    return _(label) if label is not None else code


def person_label(display_name: str, username: str) -> str:
    """A person's display name where one is set, else the login name (never blank)."""
    name = display_name.strip()
    return name if name else username


def concern_status_label(code: str) -> str:
    from stodapp.concerns.tracking import STATUS_LABELS, ConcernStatus

    try:
        return _(STATUS_LABELS[ConcernStatus(code)])
    except ValueError:
        return code


def concern_outcome_label(code: str) -> str:
    from stodapp.concerns.tracking import OUTCOME_LABELS, Outcome

    try:
        return _(OUTCOME_LABELS[Outcome(code)])
    except ValueError:
        return code


def municipality_label(code: str) -> str:
    """'Haninge (0136)' for a known SCB code, the code itself otherwise."""
    from stodapp import municipalities

    if not code:
        return ""
    try:
        return f"{municipalities.by_code(code).name} ({municipalities.normalise_code(code)})"
    except Exception:  # noqa: BLE001 - an unknown or malformed code is shown as given
        return code


def time_zone_note() -> str:
    """Said once per page or listing: every time on it is Swedish local time."""
    return _("Alla tider i svensk tid (Europe/Stockholm).")
