"""`stodapp dev screenshots`: a PNG of every screen of the tour, headless, on a fictional demo store."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ui.dev.screen_env import ScreenSize, configure


def file_name(size: ScreenSize, screen: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.@-]+", "_", f"{size.tag}_{screen}") + ".png"


def main(out: Path, langs: tuple[str, ...], size: ScreenSize, only: tuple[str, ...] = ()) -> int:
    """Write the screenshots to `out` (created); returns the number written. Must run before any QApplication."""
    config = configure(size)
    try:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            raise RuntimeError("screenshots need a fresh process (the scale factor is fixed at start-up)")
        app = QApplication(sys.argv[:1])
        from ui import wheel_guard
        from ui.dev.tour_run import run_tour
        from ui.style import apply_font_hinting

        apply_font_hinting(app)
        wheel_guard.install(app)
        from ui import gc_guard

        gc_guard.install(app)
        out.mkdir(parents=True, exist_ok=True)
        written: list[str] = []

        def visit(name: str, window: object) -> None:
            from PySide6.QtWidgets import QWidget

            assert isinstance(window, QWidget)
            target = out / file_name(size, name)
            if not window.grab().save(str(target)):
                raise OSError(f"could not write {target.name}")
            written.append(target.name)

        run_tour(app, visit, langs, (lambda part: part in only) if only else None)
        return len(written)
    finally:
        config.unlink(missing_ok=True)
