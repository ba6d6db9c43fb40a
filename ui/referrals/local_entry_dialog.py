"""LocalEntryDialog: one local entry (slot, name, phone with weekly hours as text, languages, groups, area)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_today
from stodapp.i18n import _
from stodapp.referrals.codes import TARGET_GROUPS
from stodapp.referrals.local_entries import SLOTS
from stodapp.referrals.opening_hours import WEEKDAYS, OpeningHours
from stodapp.referrals.schema import Resource

_DAY_NAMES: dict[str, str] = {}
for _i, _names in enumerate((
    ("mån", "måndag", "mon", "monday"), ("tis", "tisdag", "tue", "tuesday"),
    ("ons", "onsdag", "wed", "wednesday"), ("tor", "tors", "torsdag", "thu", "thursday"),
    ("fre", "fredag", "fri", "friday"), ("lör", "lördag", "sat", "saturday"),
    ("sön", "söndag", "sun", "sunday"),
)):
    for _n in _names:
        _DAY_NAMES[_n] = WEEKDAYS[_i]
_SHORT = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
_ALWAYS = ("dygnet runt", "alltid öppet", "24/7")
_EVERY = ("alla dagar", "dagligen")
_DAY = "(?:" + "|".join(sorted((re.escape(n) for n in _DAY_NAMES), key=len, reverse=True)) + ")"
_DAYS = rf"(?:alla dagar|dagligen|{_DAY}(?:\s*[-–]\s*{_DAY})?(?:\s*,\s*{_DAY}(?:\s*[-–]\s*{_DAY})?)*)"
_CLOCK = r"\d{1,2}(?::\d{2})?"
_SPAN = re.compile(rf"({_DAYS})\.?\s+(?:kl\.?\s*)?({_CLOCK})\s*[-–]\s*({_CLOCK})", re.IGNORECASE)
DASH = "–"


class HoursTextError(ValueError):
    """The hours text could not be read (one line, Swedish)."""


def _clock(text: str) -> str:
    hh, _sep, mm = text.partition(":")
    return f"{int(hh):02d}:{mm or '00'}"


def _days(text: str) -> list[str]:
    low = text.lower().strip()
    if low in _EVERY:
        return list(WEEKDAYS)
    out: list[str] = []
    for part in re.split(r"\s*,\s*", low):
        ends = [p.strip() for p in re.split(r"\s*[-–]\s*", part)]
        first, last = WEEKDAYS.index(_DAY_NAMES[ends[0]]), WEEKDAYS.index(_DAY_NAMES[ends[-1]])
        if last < first:
            raise HoursTextError(_("Omvänt dagintervall: {part}").format(part=part))
        out.extend(WEEKDAYS[i] for i in range(first, last + 1) if WEEKDAYS[i] not in out)
    return out


def parse_hours_text(text: str) -> dict[str, Any] | None:
    """'mån–fre 08:00–16:30; lör 10–14' -> OpeningHours fields (spans, always_open); '' -> None (unknown).

    An end before the start is a span past midnight ("fre–lör 22–02"). Times and overlaps are checked by
    the model (OpeningHours), which gives the error for "25:00" or overlapping spans.
    """
    clean = text.strip()
    if not clean:
        return None
    if clean.lower() in _ALWAYS:
        return {"always_open": True, "spans": []}
    spans: list[dict[str, Any]] = []
    pos = 0
    for m in _SPAN.finditer(clean):
        gap = clean[pos:m.start()]
        if gap.strip(" ,;\n"):
            raise HoursTextError(_("Öppettiderna går inte att läsa vid '{part}'.").format(part=gap.strip()[:30]))
        start, end = _clock(m.group(2)), _clock(m.group(3))
        span: dict[str, Any] = {"days": _days(m.group(1)), "start": start, "end": end}
        if end < start and end != "24:00":
            span["past_midnight"] = True
        spans.append(span)
        pos = m.end()
    rest = clean[pos:]
    if not spans or rest.strip(" ,;\n"):
        raise HoursTextError(
            _("Öppettiderna går inte att läsa: skriv t.ex. 'mån–fre 08:00–16:30; lör 10–14' eller 'dygnet runt'.")
        )
    return {"always_open": False, "spans": spans}


def hours_to_text(hours: OpeningHours | None) -> str:
    """The editable text form of weekly hours (parse_hours_text reads it back)."""
    if hours is None:
        return ""
    if hours.always_open:
        return "dygnet runt"
    parts = []
    for s in hours.spans:
        idx = [WEEKDAYS.index(d) for d in s.days]
        runs: list[list[int]] = []
        for i in sorted(idx):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        days = ", ".join(_SHORT[r[0]] if len(r) == 1 else f"{_SHORT[r[0]]}{DASH}{_SHORT[r[-1]]}" for r in runs)
        parts.append(f"{days} {s.start}{DASH}{s.end}")
    return "; ".join(parts)


def _split_codes(text: str) -> list[str]:
    return [p for p in re.split(r"[\s,;]+", text.strip()) if p]


def _field_label(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    labels = {"name": _("Namn"), "description": _("Beskrivning"), "languages": _("Språk"),
              "target_groups": _("Målgrupper"), "geography": _("Kommuner som betjänas"), "id": _("Id")}
    head = loc[0] if loc else ""
    if head == "channels" and len(loc) > 1 and isinstance(loc[1], int):
        if "hours" in loc:
            return _("Öppettider")
        kind = data["channels"][loc[1]].get("kind", "") if loc[1] < len(data["channels"]) else ""
        return {"phone": _("Telefon"), "web": _("Webbplats"), "email": _("E-post"),
                "visit": _("Besöksadress")}.get(kind, _("Kontaktväg"))
    if head == "channels":
        return _("Kontaktvägar")
    return labels.get(str(head), ".".join(str(p) for p in loc))


def _problem(loc: tuple[Any, ...], kind: str, msg: str, data: dict[str, Any]) -> str:
    """One Swedish line per model error: the form field it belongs to and what is wrong."""
    label = _field_label(loc, data)
    if kind in ("too_short", "string_too_short", "missing"):
        what = {"channels": _("ange minst telefon, webbplats, e-post eller besöksadress"),
                "target_groups": _("välj minst en målgrupp")}.get(str(loc[0]) if loc else "", _("måste fyllas i"))
    else:
        what = msg.removeprefix("Value error, ")
    return f"{label}: {what}"


class LocalEntryDialog(QDialog):
    """Edits one local Resource; `resource()` is the validated result after accept()."""

    def __init__(self, municipality: str, existing: Resource | None = None, *, slot: str | None = None,
                 taken_ids: frozenset[str] = frozenset(), today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Lokal stödkontakt"))
        self.setAccessibleName(_("Lokal stödkontakt"))
        self._municipality = municipality
        self._existing = existing
        self._taken = taken_ids
        self._today = today or local_today()
        self._result: Resource | None = None
        form = QFormLayout()

        def row(label: str, widget: QWidget, name: str) -> None:
            widget.setAccessibleName(name)
            lab = QLabel(label, self)
            lab.setBuddy(widget)
            form.addRow(lab, widget)

        self.slot = QComboBox(self)
        for code, text in SLOTS.items():
            self.slot.addItem(_(text), code)
        row(_("&Kontakttyp:"), self.slot, _("Kontakttyp"))
        self.name = QLineEdit(self)
        row(_("&Namn:"), self.name, _("Namn"))
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(_("Vad kan man få hjälp med här?"))
        row(_("&Beskrivning:"), self.description, _("Beskrivning"))
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText(_("t.ex. 0501-12 34 56"))
        row(_("&Telefon:"), self.phone, _("Telefonnummer"))
        self.hours = QLineEdit(self)
        self.hours.setPlaceholderText(_("t.ex. mån–fre 08:00–16:30; lör 10–14 – eller 'dygnet runt'; tomt = okänt"))
        self.hours.setToolTip(self.hours.placeholderText())
        row(_("Ö&ppettider:"), self.hours, _("Öppettider för telefon"))
        self.holidays = QComboBox(self)
        for code, text in (("unknown", _("Okänt")), ("closed", _("Stängt")), ("open", _("Öppet"))):
            self.holidays.addItem(text, code)
        row(_("&Helgdagar:"), self.holidays, _("Öppet på helgdagar"))
        self.bill = QComboBox(self)
        for value, text in ((None, _("Okänt")), (True, _("Ja")), (False, _("Nej"))):
            self.bill.addItem(text, value)
        row(_("Syns på tele&fonräkningen:"), self.bill, _("Syns samtalet på telefonräkningen"))
        self.web = QLineEdit(self)
        row(_("&Webbplats:"), self.web, _("Webbplats"))
        self.email = QLineEdit(self)
        row(_("&E-post:"), self.email, _("E-post"))
        self.visit = QLineEdit(self)
        row(_("Besöks&adress:"), self.visit, _("Besöksadress"))
        self.languages = QLineEdit("sv", self)
        self.languages.setPlaceholderText(_("Språkkoder, t.ex. sv, en, ar, swl"))
        row(_("&Språk:"), self.languages, _("Språkkoder"))
        self.groups = QListWidget(self)
        for code, text in TARGET_GROUPS.items():
            item = QListWidgetItem(_(text), self.groups)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.groups.setMaximumHeight(150)
        row(_("&Målgrupper:"), self.groups, _("Målgrupper (mellanslag kryssar)"))
        self.served = QLineEdit(municipality, self)
        self.served.setPlaceholderText(_("Kommunkoder, t.ex. 1447, 1460"))
        row(_("&Kommuner som betjänas:"), self.served, _("Kommunkoder som betjänas"))
        self.client_facing = QCheckBox(_("Kan ges till enskilda (inte bara yrkesverksamma)"), self)
        self.client_facing.setChecked(True)
        self.client_facing.setAccessibleName(_("Kan ges till enskilda"))
        form.addRow("", self.client_facing)

        self.errors = QLabel("", self)
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet("color: #b00020;")
        self.errors.setAccessibleName(_("Fel i formuläret"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.errors)
        lay.addWidget(buttons)
        if existing is not None:
            self._fill(existing)
        elif slot is not None and self.slot.findData(slot) >= 0:
            self.slot.setCurrentIndex(self.slot.findData(slot))
        self.name.setFocus()

    # ---- form <-> model ------------------------------------------------------------------------------------
    def _fill(self, r: Resource) -> None:
        self.slot.setCurrentIndex(max(0, self.slot.findData(r.slot or "annan")))
        self.name.setText(r.name)
        self.description.setText(r.description.sv)
        phone = next((c for c in r.channels if c.kind == "phone"), None)
        if phone is not None:
            self.phone.setText(phone.contact or "")
            self.hours.setText(hours_to_text(phone.hours))
            if phone.hours is not None:
                self.holidays.setCurrentIndex(self.holidays.findData(phone.hours.public_holidays))
            self.bill.setCurrentIndex(self.bill.findData(phone.shows_on_phone_bill))
        for kind, edit in (("web", self.web), ("email", self.email), ("visit", self.visit)):
            ch = next((c for c in r.channels if c.kind == kind), None)
            edit.setText(ch.contact or "" if ch else "")
        self.languages.setText(", ".join(r.languages))
        for i in range(self.groups.count()):
            item = self.groups.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in r.target_groups
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        geo = r.geography
        self.served.setText(", ".join(geo.municipalities) if geo.level == "municipality" else "")
        self.client_facing.setChecked(r.client_facing)

    def _new_id(self, slot: str) -> str:
        base = f"lokal_{self._municipality}_{slot}"
        rid, n = base, 2
        while rid in self._taken:
            rid, n = f"{base}_{n}", n + 1
        return rid

    def _data(self) -> dict[str, Any]:
        """The entry as model input; fields the form does not show are kept from the existing entry."""
        old = self._existing.model_dump(mode="json") if self._existing is not None else {}
        slot = str(self.slot.currentData())
        old_channels = {c["kind"]: c for c in old.get("channels", [])}
        channels: list[dict[str, Any]] = []
        phone_text = self.phone.text().strip()
        if phone_text:
            ch = dict(old_channels.get("phone", {"kind": "phone"}))
            ch["contact"] = phone_text
            parsed = parse_hours_text(self.hours.text())
            if parsed is None:
                ch["hours"] = None
            else:
                hours = dict(ch.get("hours") or {})
                hours.update(parsed)
                hours["public_holidays"] = self.holidays.currentData()
                ch["hours"] = hours
            ch["shows_on_phone_bill"] = self.bill.currentData()
            channels.append(ch)
        elif self.hours.text().strip():
            raise HoursTextError(_("Öppettider utan telefonnummer: fyll i telefon först."))
        for kind, edit in (("web", self.web), ("email", self.email), ("visit", self.visit)):
            if edit.text().strip():
                channels.append({**old_channels.get(kind, {"kind": kind}), "contact": edit.text().strip()})
        shown = {"phone", "web", "email", "visit"}
        channels += [c for k, c in old_channels.items() if k not in shown]
        served = _split_codes(self.served.text())
        groups = [str(self.groups.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.groups.count())
                  if self.groups.item(i).checkState() == Qt.CheckState.Checked]
        provenance = dict(old.get("provenance") or {"kind": "local", "confidence": "high"})
        provenance["last_checked"] = self._today.isoformat()
        if provenance.get("next_review") and provenance["next_review"] < provenance["last_checked"]:
            provenance["next_review"] = None
        description = dict(old.get("description") or {})
        description["sv"] = self.description.text().strip()
        data = dict(old)
        data.update({
            "id": old.get("id") or self._new_id(slot),
            "slot": slot,
            "name": self.name.text().strip(),
            "description": description,
            "channels": channels,
            "languages": _split_codes(self.languages.text().lower()),
            "target_groups": groups,
            "geography": {"level": "municipality", "municipalities": served},
            "client_facing": self.client_facing.isChecked(),
            "provenance": provenance,
        })
        return data

    def validate(self) -> list[str]:
        """Build and validate the entry; returns one line per problem (empty when valid)."""
        self._result = None
        try:
            data = self._data()
        except HoursTextError as err:
            return [str(err)]
        try:
            self._result = Resource.model_validate(data)
        except ValidationError as err:
            errors = err.errors()
            item_error = any(len(e["loc"]) > 1 and e["loc"][0] == "channels" for e in errors)
            return [_problem(e["loc"], str(e["type"]), str(e["msg"]), data) for e in errors
                    if not (item_error and tuple(e["loc"]) == ("channels",))]  # a bad channel is not "none"
        return []

    def accept(self) -> None:
        problems = self.validate()
        if problems:
            self.errors.setText("\n".join(problems))
            return
        super().accept()

    def resource(self) -> Resource:
        if self._result is None:
            raise RuntimeError("the dialog was not accepted")
        return self._result
