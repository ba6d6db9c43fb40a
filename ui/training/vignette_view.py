"""VignetteView: a vignette for the trainer: summary, tags, rarity, difficulty, checklists, story, learning points."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from stodapp.i18n import N_, _, current_language
from stodapp.training.vignettes import Vignette
from ui.training.catalog import TrainingCatalog

RARITY_LABELS = {"vanlig": N_("vanlig"), "ovanlig": N_("ovanlig"), "sallsynt": N_("sällsynt")}


def tag_text(code: str) -> str:
    return code.replace("_", " ").replace("forsummelse", "försummelse").replace("aldre", "äldre")


def rarity_text(code: str) -> str:
    return _(RARITY_LABELS.get(code, code))


class VignetteView(QTextBrowser):
    """Read-only; the trainer sees everything including the learning points (trainees see story and facts)."""

    def __init__(self, catalog: TrainingCatalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.setAccessibleName(_("Fallbeskrivning"))
        self.setOpenLinks(False)
        self.vignette: Vignette | None = None
        self.setPlainText(_("Välj en fallbeskrivning i listan."))

    def show_vignette(self, vignette: Vignette | None) -> None:
        self.vignette = vignette
        if vignette is None:
            self.setPlainText(_("Välj en fallbeskrivning i listan."))
            return
        lg = current_language()
        checklists = []
        for ref in vignette.checklists:
            definition = self._catalog.definitions.get((ref.id, ref.version))
            title = definition.title.text(lg) if definition else ref.id
            checklists.append(f"{escape(title)} ({escape(ref.version)})")
        tags = vignette.tags
        rows = [
            (_("Ovanlighet"), rarity_text(tags.rarity)),
            (_("Svårighetsgrad"), _("{n} av 3").format(n=tags.difficulty)),
            (_("Våldsformer"), ", ".join(tag_text(f) for f in tags.forms)),
            (_("Grupper"), ", ".join(tag_text(g) for g in tags.groups)),
            (_("Checklistor"), None),
            (_("Fakta att fråga om"), str(len(vignette.facts))),
        ]
        table = "".join(
            f"<tr><th align='left' style='padding-right:12px'>{escape(k)}</th>"
            f"<td>{', '.join(checklists) if v is None else escape(v)}</td></tr>"
            for k, v in rows
        )
        story = "".join(f"<p>{escape(p)}</p>" for p in vignette.story.text(lg).split("\n\n") if p.strip())
        points = "".join(f"<li>{escape(p.text(lg))}</li>" for p in vignette.learning_points)
        byline = _("Författare: {author}. Fiktiv fallbeskrivning.").format(author=vignette.author)
        self.setHtml(
            f"<h2>{escape(vignette.title.text(lg))}</h2>"
            f"<p><i>{escape(vignette.summary.text(lg))}</i></p><table>{table}</table>"
            f"<h3>{escape(_('Fallbeskrivning'))}</h3>{story}"
            f"<h3>{escape(_('Lärandemål (visas bara för utbildaren)'))}</h3><ul>{points}</ul>"
            f"<p style='color:#555'>{escape(byline)}</p>"
        )
