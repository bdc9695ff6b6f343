"""Start-up benchmark: time from process start to the first paint of the window with the seed open,
against a bare PySide6 QMainWindow with a QLabel.

    python tests/bench/startup.py [--runs N]

Each run is a fresh subprocess; the parent measures wall time from `Popen` to the child printing its
"painted" line (so interpreter start and imports count). Prints the medians and `ratio: N`
(goal: <= 3).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a8c034b26b330cb6.txt"

BARE = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
win = QMainWindow()
label = QLabel("مرحبا")
win.setCentralWidget(label)

class Watch(QObject):
    done = False
    def eventFilter(self, obj, ev):
        if not self.done and ev.type() == QEvent.Type.Paint:
            self.done = True
            print("painted {}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

w = Watch()
label.installEventFilter(w)
win.show()
sys.exit(app.exec())
"""


def _time_once(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.startswith("painted"):
            elapsed = time.perf_counter() - start
            break
    _, err = proc.communicate(timeout=60)
    if elapsed is None or proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["QARI_BENCH_EXIT_AFTER_PAINT"] = "1"
    with tempfile.TemporaryDirectory() as data:
        qari_cmd = [sys.executable, "-m", "app", "--data-dir", data, str(SEED)]
        bare_cmd = [sys.executable, "-c", BARE]
        _time_once(bare_cmd, env)  # warm the OS file cache for both
        _time_once(qari_cmd, env)
        bare, qari = [], []
        for _ in range(args.runs):  # interleaved so load on the machine hits both alike
            bare.append(_time_once(bare_cmd, env))
            qari.append(_time_once(qari_cmd, env))
    b, q = statistics.median(bare), statistics.median(qari)
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    for name, med, runs in (
        ("bare PySide6 QMainWindow+QLabel", b, bare),
        ("qari with the seed open", q, qari),
    ):
        all_ms = ", ".join(f"{x * 1000:.0f}" for x in runs)
        print(f"{name:32s} median {med * 1000:.0f} ms  ({all_ms})")
    print(f"ratio: {q / b:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
