"""What both Checklistor pages (local and server) show the same way: a checklist's label in the picker, a history
line, and the picker's items filled from a definition listing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from stodapp.calendar_se import local_date
from stodapp.checklists.store_views import AssessmentSummary, DefinitionList, DefinitionSummary
from stodapp.i18n import _
from ui.checklists.text import loc


def definition_label(d: DefinitionSummary) -> str:
    label = f"{d.title.current()} ({d.version})"
    if d.source == "pack":
        label += " – " + _("licensierat paket")
    if d.missing_training:
        label += " – " + _("kräver utbildning")
    return label


def history_label(row: AssessmentSummary) -> str:
    when = local_date(row.signed_at or row.created_at).isoformat()
    state = _("signerad") if row.status == "signed" else _("utkast")
    label = f"{when} · {loc(row.title)} {row.version} · {state}"
    if row.superseded_by:
        label += " · " + _("ersatt")
    if row.review_date:
        label += " · " + _("omprövas {date}").format(date=row.review_date.isoformat())
    return label


def fill_definitions(combo: QComboBox, broken: QLabel, listing: DefinitionList, audience: str) -> None:
    """The published checklists for `audience` as `id@version` items (the provenance line as each tooltip); the
    open list wide enough for every name, however narrow the closed box is."""
    combo.clear()
    for d in listing.definitions:
        if d.audience != audience or d.status != "published":
            continue
        combo.addItem(definition_label(d), f"{d.definition_id}@{d.version}")
        combo.setItemData(combo.count() - 1, d.copyright_line, Qt.ItemDataRole.ToolTipRole)
    if listing.broken:
        broken.setText(_("{n} checklistor kunde inte läsas.").format(n=len(listing.broken)))
        broken.setToolTip("\n".join(line for b in listing.broken for line in b.errors[:3]))
    metrics = combo.fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    combo.view().setMinimumWidth(widest + 40)


def checklist_tooltip(combo: QComboBox) -> None:
    """A long checklist name may not fit its combo box: the tooltip always says it whole."""
    extra = combo.currentData(Qt.ItemDataRole.ToolTipRole)
    text = combo.currentText()
    combo.setToolTip(f"{text}\n{extra}" if extra else text)
