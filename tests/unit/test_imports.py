"""Only app.ui may import PySide6, and nothing imports torch at start-up: checked in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, json, pkgutil, sys
import app

names = []
for info in pkgutil.walk_packages(app.__path__, "app."):
    if info.name == "app.ui" or info.name.startswith("app.ui."):
        continue
    names.append(info.name)
failed = {}
for name in sorted(names):
    try:
        importlib.import_module(name)
    except Exception as err:  # reported, and the test fails on it
        failed[name] = f"{type(err).__name__}: {err}"
print(json.dumps({
    "modules": names,
    "failed": failed,
    "pyside": sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6.")),
    "torch": "torch" in sys.modules,
}))
"""


def test_core_imports_without_qt_or_torch() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"app.__main__", "app.cli", "app.text.readers", "app.text.readers.pdf"} <= set(result["modules"])
    assert result["failed"] == {}
    assert result["pyside"] == [], "PySide6 imported outside app.ui"
    assert not result["torch"], "torch imported at module import time"
