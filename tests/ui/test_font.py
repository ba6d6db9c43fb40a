"""Swedish capitals keep their dots: Ö and Ä fit inside the font ascent, so no label or list item clips them.

(Å's ring still reaches one pixel above the ascent at Qt's offscreen default of 9 pt; from 10 pt it fits too.)"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontMetrics


def test_capital_swedish_letters_fit_in_the_ascent(qapp: Any) -> None:
    from ui.style import apply_font_hinting

    apply_font_hinting(qapp)
    metrics = QFontMetrics(qapp.font())
    for letter in "ÖÄ":
        assert -metrics.boundingRect(letter).top() <= metrics.ascent(), letter
