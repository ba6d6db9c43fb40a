"""The referral directory searches on the background helper: the panel says it is loading while the window keeps
responding, a slower search that a newer one overtook is dropped, and "open now" follows the core's clock."""

from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer

from stodapp.referrals.directory import ReferralDirectory
from stodapp.referrals.screen import ReferralSearchScreen
from stodapp.referrals.search import SearchQuery
from tests.ui.helpers import settled
from tests.ui.referrals.test_search_panel import THREE_AM, ids
from ui.referrals.search_panel import ReferralSearchPanel


class _Gated:
    """A directory whose searches for `slow_text` wait until released (and say which thread ran them)."""

    def __init__(self, slow_text: str | None) -> None:
        self.directory = ReferralDirectory.load()
        self.slow_text = slow_text
        self.release = threading.Event()
        self.threads: list[int] = []

    def search_screen(self, query: SearchQuery | None, now: datetime) -> ReferralSearchScreen:
        self.threads.append(threading.get_ident())
        if self.slow_text is None or (query is not None and query.text == self.slow_text):
            assert self.release.wait(5)
        return self.directory.search_screen(query, now)


def test_the_first_search_shows_loading_then_the_hits_without_blocking(qtbot: Any) -> None:
    source = _Gated(slow_text=None)
    w = ReferralSearchPanel(source, now=lambda: THREE_AM)
    qtbot.addWidget(w)
    w.show()
    assert w.loading and w.status.text() == "Läser in stödkatalogen…"
    assert w.results.count() == 0 and not w.results.isEnabled() and not w.handout_button.isEnabled()
    ticks: list[int] = []
    timer = QTimer(w)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the event loop runs while the search waits
    assert w.loading
    with qtbot.waitSignal(w.sig_loaded, timeout=5000):
        source.release.set()
    timer.stop()
    assert source.threads and source.threads[0] != threading.get_ident()
    assert not w.loading and w.results.isEnabled() and w.results.count() > 20
    assert w.status.text() == f"{w.results.count()} träffar"


def test_a_slower_search_overtaken_by_a_newer_one_is_dropped(qtbot: Any) -> None:
    source = _Gated(slow_text="kvinnofrid")
    w = ReferralSearchPanel(source, now=lambda: THREE_AM)
    qtbot.addWidget(w)
    settled(qtbot, w)
    w.text.setText("kvinnofrid")
    w.run_search()
    assert w.status.text() == "Söker i stödkatalogen…"
    w.text.setText("KÄRLEKEN")
    w.run_search()
    settled(qtbot, w)
    assert ids(w) == ["karleken_ar_fri"]
    source.release.set()
    qtbot.wait(100)  # the first search's hits arrive now and are dropped
    assert ids(w) == ["karleken_ar_fri"] and w.status.text() == "1 träff"


def test_open_now_follows_the_cores_clock(qtbot: Any, open_core: Any, clock: Any) -> None:
    from ui.referrals.area import area

    w = area().factory(open_core("anna"), None)  # the suite's clock: a Thursday, 10:00 in Sweden
    qtbot.addWidget(w)
    w.open_now.setChecked(True)
    w.run_search()
    settled(qtbot, w)
    assert "tris" in ids(w)
    clock.advance(17 * 3600)  # 03:00 the next night
    w.run_search()
    settled(qtbot, w)
    assert "tris" not in ids(w) and "kvinnofridslinjen" in ids(w)
