"""The date an assessor types as "Ny bedömning senast" is one and the same date in the dialog, the case's checklist
list and the PDF — also when the assessment is signed late in the evening, when the UTC date is already another
day than the Swedish one (the bug: the list said 2027-01-05 while the PDF said 2027-01-06)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt

from stodapp.clock import FakeClock
from tests.ui.checklists.test_runner import PASS, fill_visible
from tests.ui.helpers import settled
from tests.ui.paper.drive import save_through
from ui.checklists.answer_input import AnswerInput
from ui.checklists.checklist_page import ChecklistPage
from ui.checklists.item_row import ItemRow

TYPED = date(2027, 1, 6)


def set_date(editor: AnswerInput, value: date) -> None:
    picker = getattr(editor, "date", None)
    if picker is not None:
        picker.set_value(value)
    else:
        assert editor.line is not None
        editor.line.setText(value.isoformat())


def test_typed_review_date_is_the_same_in_list_and_pdf(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    from stodapp.auth import Role
    from stodapp.cases.service import CaseService
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    # 2026-12-06 23:30 UTC is already 2026-12-07 00:30 in Stockholm
    clock = FakeClock(datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    data = tmp_path / "data"
    admin, _key = Core.initialize(data, "admin", PASS, kdf=KdfParams.for_tests(), clock=clock)
    admin.users.add("anna", Role.CASEWORKER, PASS)
    admin.close()
    anna = Core.unlock(data, "anna", PASS, clock=clock)
    try:
        CaseService(anna.ctx).create_case("Fiktiv enhet")
        page = ChecklistPage(anna, confirm=lambda *_a: True)
        qtbot.addWidget(page)
        settled(qtbot, page)
        page.checklist.setCurrentIndex(page.checklist.findData("se.stodapp.vinr.farlighet@1.1.1"))
        runner = page.start()
        assert runner is not None, page.message.text()
        row = runner.items["ny_bedomning_senast"]
        assert isinstance(row, ItemRow)
        set_date(row.inputs[None], TYPED)
        fill_visible(runner)
        for jb in runner.judgements.values():
            if jb.value() is None:
                jb.value_combo.setCurrentIndex(1)
        assert runner.sign(), runner.message.text()
        signed = anna.checklists.get(runner.view.id)
        assert signed.record.answers["ny_bedomning_senast"] == TYPED.isoformat()

        settled(qtbot, page)
        labels = [page.history.item(i).text() for i in range(page.history.count())]
        assert any(f"omprövas {TYPED.isoformat()}" in t for t in labels), labels
        assert not any("omprövas 2027-01-05" in t for t in labels)

        ids = [page.history.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.history.count())]
        page.history.setCurrentRow(ids.index(runner.view.id))
        out = save_through(qtbot, page.pdf_button, tmp_path / "bedomning.pdf")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
        assert TYPED.isoformat() in text and "2027-01-05" not in text
        # the signing day on paper is the Swedish day, not the UTC one
        assert "2026-12-07" in text and "2026-12-06" not in text
    finally:
        anna.close()
