"""The real program opens the seed and paints it without importing torch or transformers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_app_until_painted(path: Path, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """Start the real program on `path`; it prints `painted {...}` at its first paint and quits."""
    env = dict(os.environ, QARI_BENCH_EXIT_AFTER_PAINT="1", QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_window_paints_seed_without_heavy_imports(seed_path: Path, tmp_path: Path) -> None:
    proc = run_app_until_painted(seed_path, tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("painted ")]
    assert len(lines) == 1, proc.stdout + proc.stderr
    info = json.loads(lines[0].removeprefix("painted "))
    assert info["article"] is True, proc.stderr
    assert "torch" not in info["heavy_modules"]
    assert "transformers" not in info["heavy_modules"]
    assert info["heavy_modules"] == []
    assert (tmp_path / "data" / "settings.ini").exists()  # --data-dir was honoured


def test_bad_file_on_the_command_line_keeps_the_window(tmp_path: Path) -> None:
    bad = tmp_path / "picture.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    proc = run_app_until_painted(bad, tmp_path / "data")
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("painted "))
    assert json.loads(line.removeprefix("painted "))["article"] is False
    assert "Traceback" not in proc.stderr
