"""The application waits for background work before it ends: a save under way ends whole, and no worker thread
is torn down inside Qt while Python shuts down (that aborted a screenshot run: "FATAL: exception not rethrown")."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.tasks import run_op, wait_for_workers


def test_wait_for_workers_blocks_until_the_work_is_done(qtbot: Any) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    release = threading.Event()
    finished: list[str] = []

    def slow() -> str:
        release.wait(5)
        finished.append("saved")
        return "saved"

    run_op(owner, slow, lambda _r: None)
    assert wait_for_workers(0.05) is False and finished == []  # still running: said, not hidden
    release.set()
    assert wait_for_workers(5) is True and finished == ["saved"]
