"""A failed background page check shows a notice in the main window, and writes stay refused (issue 18, #4)."""

from __future__ import annotations

import pytest

from stodapp.core import Core
from stodapp.errors import StoreCorrupt
from ui.gate import StoreGate
from ui.main_window import MainWindow


def _unlock_with_a_page_only_the_full_check_reads(data_dir, passphrase):  # type: ignore[no-untyped-def]
    """Damage one page that unlock itself does not read (searched from the end: which pages unlock touches
    changes with the schema), and return the Core that unlocked despite it."""
    db = data_dir / "stodapp.db"
    original = db.read_bytes()
    for page in range(len(original) // 4096, 1, -1):
        raw = bytearray(original)
        raw[4096 * (page - 1) + 100] ^= 0xFF
        db.write_bytes(bytes(raw))
        try:
            return Core.unlock(data_dir, "admin", passphrase)
        except StoreCorrupt:
            continue
    pytest.fail("unlock reads every page of the store")


def test_clean_store_shows_no_integrity_notice(qtbot, prefs, real_store) -> None:  # type: ignore[no-untyped-def]
    data, passphrase = real_store
    core = Core.unlock(data, "admin", passphrase)
    win = MainWindow(core, StoreGate(data), prefs)
    qtbot.addWidget(win)
    assert core.db is not None and core.db.background_check.wait(30)
    assert win.check_integrity() is False
    assert win.integrity_banner is not None and win.integrity_banner.isHidden()


def test_failed_background_check_shows_notice_with_advice(qtbot, prefs, real_store) -> None:  # type: ignore[no-untyped-def]
    data, passphrase = real_store
    core = _unlock_with_a_page_only_the_full_check_reads(data, passphrase)
    win = MainWindow(core, StoreGate(data), prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.integrity_banner is not None and win.integrity_banner.isVisible(), timeout=30000)
    text = win.integrity_banner.text()
    assert "inget mer kan sparas" in text and "stodapp doctor" in text and "säkerhetskopia" in text
    assert "page" in win.integrity_banner.toolTip()  # the detail (page number, no content) for the administrator
    with pytest.raises(StoreCorrupt, match="inget mer sparas"):
        core.audit_event("view", record_type="case", record_id="1")
    win.retranslate()  # a rebuilt window keeps the notice
    assert not win.integrity_banner.isHidden() and "inget mer kan sparas" in win.integrity_banner.text()
