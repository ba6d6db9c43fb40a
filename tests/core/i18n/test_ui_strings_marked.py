"""Every text the UI puts on a widget goes through _(): no bare literal in setText, labels, titles, tool tips.

Read from the AST of ui/ (no Qt needed): the first argument of the Qt text setters and widget constructors
below, QMessageBox's title and text, header label lists and text=/title= keywords. A literal counts when it holds a
word (two letters or more); markup and placeholders alone do not. Deliberate exceptions are listed with reasons.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from stodapp.i18n_extract import root_dir

ROOT = root_dir()
SETTERS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "setTitle", "setStatusTip", "setAccessibleName",
    "setAccessibleDescription", "setWhatsThis", "setLabelText", "setInformativeText", "setDetailedText", "addItem",
    "setTabText", "setHtml", "setPlainText", "showMessage", "setSuffix", "setPrefix", "setSpecialValueText",
    "setSubTitle", "setButtonText", "setIconText",
}  # fmt: skip
WIDGETS = {
    "QLabel", "QPushButton", "QGroupBox", "QCheckBox", "QRadioButton", "QAction", "QToolButton", "QMenu",
    "QTableWidgetItem", "QListWidgetItem", "QTreeWidgetItem", "QStandardItem", "QLineEdit", "QTextEdit",
    "QMessageBox", "QCommandLinkButton",
}  # fmt: skip
TWO_TEXTS = {"addTab", "addRow", "insertTab"}  # (widget, label) or (label, widget): both arguments checked
LISTS = {"setHorizontalHeaderLabels", "setHeaderLabels", "setVerticalHeaderLabels", "addItems"}
BOXES = {"information", "warning", "critical", "question", "about"}
KEYWORDS = {"text", "title", "toolTip", "placeholderText", "windowTitle"}
WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]{2,}")

# (path, literal): why it is not translated
ALLOWED = {
    ("ui/demo_start.py", " – stodapp"): "the product name after a translated title",
    ("ui/main_window.py", "stodapp"): "the product name",
    ("ui/settings_dialog.py", "Svenska"): "a language is offered in its own name (endonym), whatever the UI language",
    ("ui/settings_dialog.py", "English"): "a language is offered in its own name (endonym), whatever the UI language",
    ("ui/referrals/local_entry_dialog.py", "sv"): "a language code as data (the entry's languages field)",
    ("ui/restore_dialog.py", "admin"): "a user name as data (the default administrator account)",
    ("ui/dev/tour_start.py", "admin"): "the screen tour types a user name as data into the wizard",
    ("ui/dev/tour_start.py", "kort"): "the screen tour types a (too short) passphrase as data",
    ("ui/dev/tour_areas.py", "Testa"): "the screen tour types a search term as data",
    ("ui/dev/tour_areas.py", "kort"): "the screen tour types a (too short) passphrase as data",
    ("ui/dev/tour_areas.py", "demo"): "the screen tour types a current passphrase as data",
    ("ui/dev/tour_areas.py", "en ny fras"): "the screen tour types a (too short) new passphrase as data",
}


def _bare(node: ast.expr) -> str | None:
    """The text of a literal that never went through _(): "…", f"…", "…".format(…), "…" + x."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if WORD.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        return text if WORD.search(re.sub(r"<[^>]*>|&\w+;", "", text)) else None
    if isinstance(node, ast.BinOp):
        return _bare(node.left) or _bare(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _bare(node.func.value)
    return None


def _texts(call: ast.Call) -> list[ast.expr]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    out: list[ast.expr] = []
    if name in SETTERS or name in WIDGETS:
        out += call.args[:1]
    if name in TWO_TEXTS:
        out += call.args[:2]
    if name in BOXES and isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "QMessageBox":
        out += call.args[1:3]
    if name in LISTS and call.args and isinstance(call.args[0], ast.List | ast.Tuple):
        out += call.args[0].elts
    return out + [k.value for k in call.keywords if k.arg in KEYWORDS]


def unmarked(root: Path) -> list[str]:
    found = []
    for path in sorted((root / "ui").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for arg in _texts(node):
                    text = _bare(arg)
                    if text is not None and (rel, text) not in ALLOWED:
                        found.append(f"{rel}:{node.lineno}: {text!r}")
    return found


def test_ui_texts_are_marked_for_translation() -> None:
    assert unmarked(ROOT) == []


def test_every_exception_is_still_needed() -> None:
    sources = {rel: (ROOT / rel).read_text(encoding="utf-8") for rel, _text in ALLOWED}
    stale = [(rel, text) for rel, text in ALLOWED if repr(text)[1:-1] not in sources[rel]]
    assert stale == []


def test_the_check_finds_bare_texts(tmp_path: Path) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "bad.py").write_text(
        'label.setText("Spara")\nQLabel(f"Ärende {n}", self)\nb = QPushButton(_("Spara"))\n'
        'box.setToolTip("—")\nQMessageBox.warning(self, "Fel", _("ok"))\ntable.setHorizontalHeaderLabels(["Namn", _("x")])\n'
        'tabs.addTab(page, "Översikt")\nlabel.setText(_("{n} st").format(n=1))\nedit.setPlaceholderText("<b>%s</b>" % x)\n',
        encoding="utf-8",
    )
    assert unmarked(tmp_path) == [
        "ui/bad.py:1: 'Spara'", "ui/bad.py:2: 'Ärende '", "ui/bad.py:5: 'Fel'", "ui/bad.py:6: 'Namn'",
        "ui/bad.py:7: 'Översikt'",
    ]  # fmt: skip
