"""AuthoringBar: the trainer's vignette actions (new, edit, copy, import, export) under the vignette list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import _
from stodapp.training.authoring import export_vignette
from stodapp.training.vignettes import Vignette
from ui.save_location import documents_dir
from ui.training.vignette_editor import VignetteEditor

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget

    from stodapp.core import Core
    from ui.training.catalog import TrainingCatalog
    from ui.training.session_panel import SessionPanel
    from ui.training.vignette_view import VignetteView


class TrainerHost(Protocol):
    """What the bar needs of the trainer's panel (a protocol, so the panel and its bar import one way only)."""

    core: Core
    catalog: TrainingCatalog
    vignette_list: QListWidget
    vignette_view: VignetteView
    session_panel: SessionPanel

    def fill_vignettes(self) -> None: ...

    def select_vignette(self, vignette_id: str) -> bool: ...

YAML_FILTER = "YAML (*.yaml *.yml)"


class AuthoringBar(QWidget):
    """`panel` is the TrainerPanel: its catalog, vignette list and views are refreshed after every change."""

    def __init__(self, panel: TrainerHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.service = panel.core.authoring(panel.catalog.definitions, panel.catalog.shipped_ids)
        self.editor: VignetteEditor | None = None
        self.setAccessibleName(_("Egna fallbeskrivningar"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.new_button = self._button(_("N&y fallbeskrivning…"), _("Skriv en ny fallbeskrivning"), self.new)
        self.edit_button = self._button(_("R&edigera…"), _("Redigera den valda egna fallbeskrivningen"), self.edit)
        self.copy_button = self._button(_("K&opiera som ny…"), _("Använd den valda fallbeskrivningen som utgångspunkt"),
                                        self.copy)  # fmt: skip
        self.import_button = self._button(_("&Importera…"), _("Importera en fallbeskrivning från en YAML-fil"),
                                          self.import_file)  # fmt: skip
        self.export_button = self._button(_("E&xportera…"), _("Exportera den valda fallbeskrivningen till en YAML-fil"),
                                          self.export_file)  # fmt: skip
        buttons = (self.new_button, self.edit_button, self.copy_button, self.import_button, self.export_button)
        for i, button in enumerate(buttons):
            grid.addWidget(button, i // 2, i % 2)
        lay.addLayout(grid)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName(_("Meddelande om egna fallbeskrivningar"))
        lay.addWidget(self.message)
        panel.vignette_list.currentItemChanged.connect(lambda *_a: self._enable())
        self._enable()

    def _button(self, label: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(label, self)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    # ---- state ---------------------------------------------------------------------------------------------
    def selected(self) -> Vignette | None:
        item = self.panel.vignette_list.currentItem()
        return self.panel.catalog.vignette(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _enable(self) -> None:
        chosen = self.selected()
        mine = chosen is not None and chosen.id in self.panel.catalog.authored
        self.edit_button.setEnabled(mine)
        self.copy_button.setEnabled(chosen is not None)
        self.export_button.setEnabled(chosen is not None)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #a00000; font-weight: 600;" if error else "color: #105010;")
        self.message.setText(text)

    def reload(self, select: str | None = None) -> None:
        """Read the authored vignettes from the training store and show them beside the shipped ones."""
        try:
            listed = self.service.authored()
        except StodError as err:
            self._say(str(err), True)
            return
        panel = self.panel
        panel.catalog = panel.catalog.with_authored(listed.vignettes)
        panel.vignette_view._catalog = panel.catalog
        if getattr(panel, "session_panel", None) is not None:
            panel.session_panel.catalog = panel.catalog
        panel.fill_vignettes()
        if select is not None:
            panel.select_vignette(select)
        if listed.problems:
            self._say(_("Egna fallbeskrivningar som inte längre stämmer med checklistorna:") + "\n"
                      + "\n".join(listed.problems), True)  # fmt: skip
        self._enable()

    # ---- actions -------------------------------------------------------------------------------------------
    def _open_editor(self, vignette: Vignette | None, editing: bool) -> VignetteEditor:
        save = self.service.update if editing else self.service.create
        dialog = VignetteEditor(self.panel.catalog.definitions, save, vignette, editing=editing, parent=self)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.editor = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: VignetteEditor) -> None:
        if dialog.saved is not None:
            self.reload(select=dialog.saved.id)
            self._say(_("Fallbeskrivningen '{id}' är sparad.").format(id=dialog.saved.id))

    def new(self) -> VignetteEditor:
        return self._open_editor(None, editing=False)

    def edit(self) -> VignetteEditor | None:
        chosen = self.selected()
        if chosen is None or chosen.id not in self.panel.catalog.authored:
            return None
        return self._open_editor(chosen, editing=True)

    def copy(self) -> VignetteEditor | None:
        chosen = self.selected()
        if chosen is None:
            return None
        taken = {v.id for v in self.panel.catalog.vignettes}
        new_id, n = f"{chosen.id}-kopia"[:60], 2
        while new_id in taken:
            new_id, n = f"{chosen.id}-kopia-{n}"[:60], n + 1
        draft = chosen.model_copy(update={"id": new_id, "version": 1})
        return self._open_editor(draft, editing=False)

    def import_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, _("Importera fallbeskrivning"), "", YAML_FILTER)
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> bool:
        try:
            change = self.service.import_file(path)
        except ValidationFailed as err:
            self._say(_("{name} importerades inte:").format(name=path.name) + "\n" + "\n".join(err.lines or [str(err)]),
                      True)  # fmt: skip
            return False
        except StodError as err:
            self._say(_("{name} importerades inte: {reason}").format(name=path.name, reason=err), True)
            return False
        self.reload(select=change.ids[0])
        self._say(_("Fallbeskrivningen '{id}' är importerad.").format(id=change.ids[0]))
        return True

    def export_file(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        path, _f = QFileDialog.getSaveFileName(self, _("Exportera fallbeskrivning"),
                                               str(documents_dir() / f"{chosen.id}.yaml"), YAML_FILTER)
        if not path:
            return
        try:
            if chosen.id in self.panel.catalog.authored:
                self.service.export(chosen.id, Path(path))
            else:
                export_vignette(chosen, Path(path))
        except StodError as err:
            self._say(str(err), True)
            return
        self._say(_("Fallbeskrivningen är exporterad till {name}.").format(name=Path(path).name))
