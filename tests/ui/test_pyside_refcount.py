"""PySide6 6.12.0 on CPython 3.11 leaks a reference to None per void Qt call (see
assist/ui/pyside_refcount.py). With assist.ui imported, a long day of widget updates must not
abort the process; run in a child process so an abort fails this test, not the test run."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
import assist.ui  # installs the workaround
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("x")
before = sys.getrefcount(None)
for i in range(50_000):  # far more than None's natural reference count on 3.11
    label.setText(str(i))
    label.setToolTip("t")
print("survived", before - sys.getrefcount(None))
"""


def test_many_widget_updates_do_not_abort_the_process() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("survived")
