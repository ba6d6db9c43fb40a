"""The screen tour: every main area of every role and every dialog it reaches, on a fictional demo store."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui.dev import tour_areas, tour_start
from ui.dev.tour import Tour, Visit, make_demo_store

LANGS = ("sv", "en")


def run_tour(app: QApplication, visit: Visit, langs: tuple[str, ...] = LANGS,
             only: Callable[[str], bool] | None = None) -> int:
    """Visit every screen in each language; returns the number of screens shown. `only` filters roles/parts."""
    from ui.main import apply_language
    from ui.style import register_icons

    register_icons()
    shown = 0
    with tempfile.TemporaryDirectory(prefix="stodapp-tour-") as tmp:
        data = Path(tmp) / "data"
        make_demo_store(data)
        for lang in langs:
            apply_language(app, lang)
            tour = Tour(visit, data, lang)
            prefs = QSettings(str(Path(tmp) / f"prefs-{lang}.ini"), QSettings.Format.IniFormat)
            for part, step in (("start", tour_start.start_windows), *tour_areas.ROLE_TOURS):
                if only is None or only(part):
                    tour.prefix = f"{part}/"
                    step(tour, prefs, Path(tmp))
            shown += tour.screens
        apply_language(app, "sv")
        from ui.tasks import wait_for_workers

        wait_for_workers()  # before the demo store is deleted and the process ends (as the app does)
    return shown
