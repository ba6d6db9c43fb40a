"""Reference child for `stodapp bench startup`: a bare PySide6 window that quits after its first paint.

`--label` adds one line of text: the first text paint initialises Qt's font database (fontconfig), a floor any
real window pays. Run by the benchmark as a separate process; the core never imports Qt itself.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
win = QMainWindow()
if "--label" in sys.argv:
    win.setCentralWidget(QLabel("Logga in i stodapp"))
win.resize(640, 420)


class Probe(QObject):
    fired = False

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            QTimer.singleShot(0, lambda: (print("first_paint", flush=True), app.quit()))
        return False


probe = Probe()
app.installEventFilter(probe)
win.show()
app.exec()
