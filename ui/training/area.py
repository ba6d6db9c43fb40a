"""Registers the training area (Övning) for trainers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from stodapp.roles import Role
from ui.areas import AreaSpec

if TYPE_CHECKING:
    from stodapp.core import Core


def _make(core: Core, parent: QWidget) -> QWidget:
    from ui.training.training_area import TrainingArea

    return TrainingArea(core, parent)


def area() -> AreaSpec:
    return AreaSpec("training", N_("Övning"), frozenset({Role.TRAINER}), _make, icon="training")
