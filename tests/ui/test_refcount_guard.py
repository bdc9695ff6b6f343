"""PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to None on every C++ void call.

After a few thousand calls (`QTextCursor.setPosition`, `QWidget.resize`...) Python aborts with "Fatal
Python error: none_dealloc". pyproject.toml excludes that release; this test fails loudly if an affected
build is installed anyway.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

LOOP = textwrap.dedent(
    """
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import app.ui
    from PySide6.QtGui import QTextCursor, QTextDocument
    doc = QTextDocument()
    doc.setPlainText("نص قصير")
    cursor = QTextCursor(doc)
    for _ in range(50_000):
        cursor.setPosition(1)  # a C++ void method
    print("alive")
    """
)


def test_fifty_thousand_void_calls_survive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LOOP], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"the installed PySide6 leaks references to None: {done.stderr[-500:]}"
    assert done.stdout.strip() == "alive"
