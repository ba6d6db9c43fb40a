"""Referral suggestions for one person of a case: matching resources, "give referral" recorded, handout."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_date
from stodapp.cases.models import GROUPS, ROLES, CaseView, PersonView
from stodapp.errors import StodError
from stodapp.i18n import N_, _
from stodapp.referrals.audience import stated_needs
from stodapp.referrals.codes import CHANNEL_KINDS, TARGET_GROUPS, is_language, language_name
from stodapp.referrals.display import readable_contact
from stodapp.referrals.hours import STATE_LABELS
from stodapp.referrals.search import SearchHit
from ui.cases.error_line import ErrorLine
from ui.widgets.client_language import client_language_combo
from ui.widgets.paper_actions import PaperActions, PdfJob

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.referrals.service import ReferralService

#: Case person role -> role recorded for the statistics ("ovrig" gets no referral recorded).
ROLE_FOR_STATS: dict[str, str] = {"stodsokande": "victim", "barn": "victim", "utovare": "perpetrator"}
STATS_ROLE_LABELS: dict[str, str] = {"victim": N_("våldsutsatt"), "perpetrator": N_("våldsutövare")}
#: Case vulnerability groups -> directory target groups (groups without a directory counterpart map to nothing).
GROUP_MAP: dict[str, str] = {
    "funktionsnedsattning": "disability",
    "aldre": "elderly",
    "hbtqi": "lgbtqi",
    "heder": "honour",
    "prostitution": "prostitution_trafficking",
    "barn_unga": "children_youth",
    "missbruk": "substance_use",
    "hemloshet": "homelessness",
    "migration": "migration",
}
_SEX_GROUP = {"kvinna": "women", "man": "men"}


def target_groups(person: PersonView) -> tuple[str, ...]:
    """Directory groups for a person: the specific groups first, then the general ones for the role."""
    if person.role == "utovare":
        return ("uses_violence",)
    out = [GROUP_MAP[g] for g in person.groups if g in GROUP_MAP]
    if person_needs(person):
        out.append("deaf")
    if person.role == "barn" or person.age_band == "0-17":
        out.append("children_youth")
    out.append("victims")
    if person.sex in _SEX_GROUP and person.role != "barn":
        out.append(_SEX_GROUP[person.sex])
    return tuple(dict.fromkeys(out))


def person_language(person: PersonView) -> str | None:
    """The language to match: sign language, else the interpreter language when it is a known ISO code."""
    if person_needs(person):
        return "swl"
    code = person.interpreter.language.strip().lower()
    return code if code and is_language(code) else None


def person_needs(person: PersonView) -> frozenset[str]:
    """What the person states she needs (sign language), for services built around that need."""
    return stated_needs(person.interpreter.sign_language, person.interpreter.language)


def age_range(person: PersonView, today: date) -> tuple[int, int] | None:
    """(youngest, oldest) the person can be: exact from the birth date, else the age band; None if unknown."""
    if person.birth_date is not None:
        b = person.birth_date
        age = today.year - b.year - ((today.month, today.day) < (b.month, b.day))
        return age, age
    band = person.age_band
    if band.endswith("+") and band[:-1].isdigit():
        return int(band[:-1]), 120
    low, sep, high = band.partition("-")
    if sep and low.isdigit() and high.isdigit():
        return int(low), int(high)
    return None


def _age_fits(hit: SearchHit, span: tuple[int, int] | None) -> bool:
    if span is None:
        return True
    r = hit.resource
    return (r.age_max is None or r.age_max >= span[0]) and (r.age_min is None or r.age_min <= span[1])


def _language_unknown(hit: SearchHit) -> bool:
    r = hit.resource
    return not r.all_languages() and r.interpreter_available is None


class ReferralSuggestions(QDialog):
    """Suggested resources for a chosen person; "Ge hänvisning" records them on the case.

    `cases` is a CaseService (next steps), `referrals` a ReferralService. `step_id`, when given, is the
    referral next step this dialog was opened from: it is marked done once a referral is given.
    """

    sig_recorded = Signal()

    def __init__(self, cases: CaseService, referrals: ReferralService, case: CaseView, step_id: int | None = None,
                 prefer_role: str = "stodsokande", parent: QWidget | None = None,
                 now: Any = None) -> None:
        super().__init__(parent)
        self._cases = cases
        self._referrals = referrals
        self._case = case
        self._step_id = step_id
        self._now = now
        self._hits: list[SearchHit] = []
        self._unknown_lang: set[str] = set()
        self.setWindowTitle(_("Hänvisningar – ärende {no}").format(no=case.case_no))
        self.setAccessibleName(_("Föreslagna hänvisningar"))
        self.resize(820, 640)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.person = QComboBox(self)
        self.person.setAccessibleName(_("Person att hänvisa"))
        for p in case.persons:
            if p.role in ROLE_FOR_STATS:
                self.person.addItem(f"{p.name} ({_(ROLES[p.role])})", p.id)
        form.addRow(_("Person"), self.person)
        lay.addLayout(form)
        self.basis = QLabel(self)
        self.basis.setWordWrap(True)
        self.basis.setAccessibleName(_("Vad förslagen bygger på"))
        lay.addWidget(self.basis)
        lay.addWidget(QLabel(_("Föreslagna verksamheter (välj en eller flera)"), self))
        self.results = QListWidget(self)
        self.results.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.results.setWordWrap(True)
        self.results.setAccessibleName(_("Föreslagna verksamheter"))
        lay.addWidget(self.results, 2)
        row = QHBoxLayout()
        self.give = QPushButton(_("Ge hänvisning"), self)
        self.give.setAccessibleName(_("Ge hänvisning till valda verksamheter"))
        # the client's own language, when the case records one (issue 20)
        self.handout_lang = client_language_combo(self, case.preferred_language or "sv")
        self.handout_lang.setAccessibleName(_("Språk på stödbladet"))
        self.large = QCheckBox(_("Stor text"), self)
        self.large.setAccessibleName(_("Stor text på stödbladet"))
        self.handout = PaperActions(self._handout_job, lambda: "stodblad.pdf", what=_("stödbladet"),
                                    menu_text=_("Skriv ut stödblad…"), parent=self)
        self.handout.sig_failed.connect(self._handout_failed)
        self.handout.sig_saved.connect(lambda _path: self._handout_done(_("Stödbladet sparades.")))
        self.handout.sig_printed.connect(lambda _n: self._handout_done(_("Stödbladet skickades till skrivaren.")))
        row.addWidget(self.give)
        row.addStretch(1)
        row.addWidget(self.handout_lang)
        row.addWidget(self.large)
        row.addWidget(self.handout)
        lay.addLayout(row)
        lay.addWidget(QLabel(_("Hänvisningar som getts i ärendet"), self))
        self.given = QListWidget(self)
        self.given.setAccessibleName(_("Hänvisningar som getts i ärendet"))
        lay.addWidget(self.given, 1)
        self.status = QLabel(self)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        self.close_button = QPushButton(_("Stäng"), self)
        self.close_button.setAccessibleName(_("Stäng"))
        lay.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        for button in (self.give, self.close_button):
            button.setAutoDefault(False)  # a stray Enter in the list must not record a referral
        self.person.currentIndexChanged.connect(lambda _i: self.load_suggestions())
        self.results.itemSelectionChanged.connect(self._sync_buttons)
        self.give.clicked.connect(self.give_selected)
        self.close_button.clicked.connect(self.accept)
        preferred = next((p.id for p in case.persons if p.role == prefer_role), None)
        if preferred is not None:
            self.person.setCurrentIndex(self.person.findData(preferred))
        if self.person.count() == 0:
            self.error.show_error(_("Lägg först till den stödsökande eller våldsutövaren i ärendet."))
        self.load_suggestions()
        self.load_given()

    # ---- suggestions ---------------------------------------------------------------------------------------
    def current_person(self) -> PersonView | None:
        pid = self.person.currentData()
        return next((p for p in self._case.persons if p.id == pid), None)

    def _moment(self) -> datetime | None:
        return self._now() if self._now is not None else None

    def _today(self) -> date:
        moment = self._moment()
        return local_date(moment) if moment is not None else self._cases.today()

    def load_suggestions(self) -> None:
        self.results.clear()
        self._hits, self._unknown_lang = [], set()
        person = self.current_person()
        if person is None:
            self.basis.setText("")
            self._sync_buttons()
            return
        groups, lang, span = target_groups(person), person_language(person), age_range(person, self._today())
        needs = person_needs(person)
        exact = span[0] if span is not None and span[0] == span[1] else None
        seen: dict[str, SearchHit] = {}
        try:
            for group in groups:  # the person's specific groups first, then the general ones
                for hit in self._referrals.suggest((group,), lang, exact, self._moment(), sex=person.sex, ages=span,
                                                   needs=needs):
                    if _age_fits(hit, span):
                        seen.setdefault(hit.resource.id, hit)
                if lang in (None, "sv"):
                    continue
                # Resources listing no languages at all: their language support is unknown, never "no".
                for hit in self._referrals.suggest((group,), None, exact, self._moment(), sex=person.sex, ages=span,
                                                   needs=needs):
                    if hit.resource.id not in seen and _language_unknown(hit) and _age_fits(hit, span):
                        seen[hit.resource.id] = hit
                        self._unknown_lang.add(hit.resource.id)
        except StodError as err:
            self.error.show_error(str(err).splitlines()[0])
            return
        self.error.clear_error()
        self._hits = hits = list(seen.values())
        self.basis.setText(self._basis_text(person, groups, lang, span))
        for hit in hits:
            label = self.label(hit)
            item = QListWidgetItem(label, self.results)
            item.setData(Qt.ItemDataRole.UserRole, hit.resource.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            item.setToolTip(hit.resource.description.sv)
        self.status.setText(_("{n} förslag").format(n=len(hits)))
        if hits:
            self.results.setCurrentRow(0)
        self._sync_buttons()

    def _basis_text(self, person: PersonView, groups: tuple[str, ...], lang: str | None,
                    span: tuple[int, int] | None) -> str:
        parts = [_("Målgrupper: {g}").format(g=", ".join(_(TARGET_GROUPS[g]) for g in groups))]
        if lang:
            parts.append(_("språk: {l}").format(l=language_name(lang)))
        elif person.interpreter.language.strip():
            parts.append(_("tolkspråket är ingen känd språkkod – söker utan språk"))
        if span is not None:
            parts.append(_("ålder: {a}").format(a=str(span[0]) if span[0] == span[1] else person.age_band))
        unmapped = [_(GROUPS[g]) for g in person.groups if g not in GROUP_MAP and g in GROUPS]
        if unmapped:
            parts.append(_("saknas i katalogen: {g}").format(g=", ".join(unmapped)))
        return " · ".join(parts)

    def label(self, hit: SearchHit) -> str:
        r = hit.resource
        parts = [f"{_(STATE_LABELS[hit.state])} – {r.name}"]
        contact = next((c for c in r.channels if c.kind == "phone" and c.contact), None) or next(
            (c for c in r.channels if c.contact), None)
        if contact is not None and contact.contact:
            parts.append(f"{_(CHANNEL_KINDS[contact.kind])}: {readable_contact(contact.contact)}")
        for kind in r.phone_bill_channels:
            parts.append(_("Obs: {channel} syns på telefonräkningen").format(channel=_(CHANNEL_KINDS[kind])))
        if hit.via_interpreter:
            parts.append(_("via tolk"))
        if r.id in self._unknown_lang:
            parts.append(_("språkstöd okänt"))
        if hit.local:
            parts.append(_("lokal"))
        return " · ".join(parts)

    def selected_ids(self) -> list[str]:
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in self.results.selectedItems()]

    def _sync_buttons(self) -> None:
        chosen = bool(self.selected_ids())
        self.give.setEnabled(chosen and self.current_person() is not None)
        self.handout.setEnabled(chosen)

    # ---- giving --------------------------------------------------------------------------------------------
    def give_selected(self) -> None:
        person, ids = self.current_person(), self.selected_ids()
        if person is None or not ids:
            self.error.show_error(_("Välj en person och minst en verksamhet först."))
            return
        role = ROLE_FOR_STATS[person.role]
        try:
            for rid in ids:
                self._referrals.record_given(self._case.id, rid, role, person_id=person.id)
            self._finish_step()
        except StodError as err:
            self.error.show_error(str(err).splitlines()[0])
            self.load_given()
            return
        self.error.clear_error()
        self.status.setText(_("Hänvisningen registrerades.") if len(ids) == 1
                            else _("{n} hänvisningar registrerades.").format(n=len(ids)))
        self.load_given()
        self.sig_recorded.emit()

    def _finish_step(self) -> None:
        if self._step_id is None:
            return
        step = next((s for s in self._cases.asking.next_steps(self._case.id) if s.id == self._step_id), None)
        if step is not None and step.status != "klar":
            self._cases.asking.resolve(self._step_id, "klar")

    def load_given(self) -> None:
        self.given.clear()
        try:
            rows = self._referrals.given_for_case(self._case.id)
        except StodError as err:
            self.error.show_error(str(err).splitlines()[0])
            return
        names = {p.id: p.name for p in self._case.persons}
        for g in rows:
            who = names.get(g.person_id, "") if g.person_id is not None else ""
            role = _(STATS_ROLE_LABELS.get(g.person_role, g.person_role))
            text = f"{g.given_on.isoformat()} – {g.resource_name} – {who} ({role})".replace(" ()", "")
            item = QListWidgetItem(text, self.given)
            item.setData(Qt.ItemDataRole.UserRole, g.resource_id)

    def given_texts(self) -> list[str]:
        return [self.given.item(i).text() for i in range(self.given.count())]

    # ---- handout -------------------------------------------------------------------------------------------
    def _handout_job(self) -> PdfJob | None:
        """Public directory facts only: nothing about the case or the person goes on the stödblad."""
        from stodapp.referrals.handout_pdf import render_handout

        chosen = set(self.selected_ids())
        resources = [h.resource for h in self._hits if h.resource.id in chosen]
        if not resources:
            return None
        lang, large, today, referrals = (str(self.handout_lang.currentData()), self.large.isChecked(),
                                         self._today(), self._referrals)
        return lambda: render_handout(resources, lang=lang, large=large, local=referrals.directory().local,
                                      today=today)

    def make_handout(self) -> bytes:
        job = self._handout_job()
        return job() if job is not None else b""

    def _handout_failed(self, text: str) -> None:
        self.error.show_error(text)

    def _handout_done(self, text: str) -> None:
        self.error.clear_error()
        self.status.setText(text)
