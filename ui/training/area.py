"""Registers the training area (Övning) for trainers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from ui.areas import AreaSpec


def _make(core: Any, parent: QWidget) -> QWidget:
    from ui.training.training_area import TrainingArea

    return TrainingArea(core, parent)


def area() -> AreaSpec:
    return AreaSpec("training", N_("Övning"), frozenset({"utbildare"}), _make, icon="training")
