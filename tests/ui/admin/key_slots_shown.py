"""The keys tab shown and loaded (its first read runs off the GUI thread), for the tests of its actions."""

from __future__ import annotations

from typing import Any

from stodapp.core import Core
from ui.admin.key_slots_panel import KeySlotsPanel


def shown_panel(qtbot: Any, core: Core) -> KeySlotsPanel:
    panel = KeySlotsPanel(core)
    qtbot.addWidget(panel)
    panel.resize(1000, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.view is not None, timeout=10000)
    return panel
