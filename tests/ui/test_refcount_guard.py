"""PySide6 6.12 on CPython 3.11 drops a reference to None on every C++ void call; app.ui pins None."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

LOOP = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    {prelude}
    from PySide6.QtGui import QTextCursor, QTextDocument
    doc = QTextDocument()
    doc.setPlainText("نص قصير")
    cursor = QTextCursor(doc)
    for _ in range(50_000):
        cursor.setPosition(1)  # a C++ void method
    print("alive")
    """
)


def run(prelude: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LOOP.format(prelude=prelude)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_fifty_thousand_void_calls_survive_with_app_ui_imported() -> None:
    done = run("import app.ui")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "alive"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from CPython 3.12 on")
def test_only_the_affected_release_needs_the_guard() -> None:
    """Without the guard, the loop aborts exactly on the affected release (6.12.0) and runs elsewhere."""
    import PySide6

    from app.ui.refcount_guard import AFFECTED, installed_pyside_version

    assert installed_pyside_version() == PySide6.__version__

    done = run("")
    if PySide6.__version__ in AFFECTED:
        assert done.returncode != 0 and "none_dealloc" in done.stderr
    else:
        assert done.returncode == 0, done.stderr
