"""The referral directory's "Kommun" filter takes names (any case, with or without å/ä/ö) as well as codes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.referrals.test_search_panel import ids, panel, search


def test_name_code_and_label_give_the_same_hits(qtbot: Any) -> None:
    w = panel(qtbot)
    results = []
    for typed in ("1447", "Gullspång", "gullspang", "GULLSPÅNG", "Gullspång (1447)"):
        w.kommun.setText(typed)
        search(w, qtbot)
        assert w.query().municipality == "1447", typed
        results.append(ids(w))
    assert "gullspang_vald_och_hot" in results[0]
    assert all(r == results[0] for r in results)
    w.kommun.setText("Haninge")
    search(w, qtbot)
    assert w.query().municipality == "0136" and "gullspang_vald_och_hot" not in ids(w)


def test_unknown_name_gives_one_message_and_keeps_the_hits(qtbot: Any) -> None:
    w = panel(qtbot)
    w.kommun.setText("Gullspång")
    search(w, qtbot)
    before = ids(w)
    w.kommun.setText("Gullspångby")
    search(w, qtbot)
    assert w.status.text().startswith("Okänd kommun: Gullspångby.") and "\n" not in w.status.text()
    assert ids(w) == before  # nothing changed


def test_completer_suggests_names_typed_without_accents_and_inserts_the_label(qtbot: Any) -> None:
    w = panel(qtbot)
    completer = w.kommun.completer()
    assert completer is not None
    completer.setCompletionPrefix("goteb")
    shown = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert shown == ["Göteborg (1480)"]
    completer.setCompletionPrefix("hani")
    assert completer.currentCompletion() == "Haninge (0136)"
    completer.setCompletionPrefix("0136")
    assert completer.currentCompletion() == "Haninge (0136)"
    w.kommun.setText(completer.currentCompletion())
    search(w, qtbot)
    assert w.query().municipality == "0136" and "träffar" in w.status.text()
    assert w.kommun.accessibleName() and "Haninge" in w.kommun.placeholderText()
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
