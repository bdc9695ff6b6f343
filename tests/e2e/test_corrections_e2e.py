"""`qari extract` applies the analyst's remembered corrections; `--no-corrections` shows the raw output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.models import Entity, Mention
from app.ner.corrections import Add, Corrections, Delete, corrections_path

ROOT = Path(__file__).resolve().parents[2]


def extract(data_dir: Path, path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("QARI_DATA_DIR", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            str(data_dir),
            "extract",
            str(path),
            "--format",
            "json",
            *extra,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=300,
        check=False,
    )


def test_extract_applies_corrections_unless_told_not_to(tmp_path: Path, seed_path: Path) -> None:
    data = tmp_path / "data"
    raw_run = extract(data, seed_path, "--no-corrections")
    if raw_run.returncode == 2 and "model" in raw_run.stderr:
        pytest.skip(f"the bundled recognizer is not available yet: {raw_run.stderr.strip()}")
    assert raw_run.returncode == 0, raw_run.stderr
    raw = json.loads(raw_run.stdout)["entities"]
    assert raw, "the bundled recognizer found nothing in the seed"
    first = raw[0]
    victim = Entity(
        first["name"],
        first["type"],
        [Mention(m["start"], m["end"], m["text"]) for m in first["mentions"]],
        first["key"],
    )
    Corrections([Add("منظومة", "ORG"), Delete.of(victim)]).save(corrections_path(data))

    corrected_run = extract(data, seed_path)
    assert corrected_run.returncode == 0, corrected_run.stderr
    corrected = json.loads(corrected_run.stdout)["entities"]
    assert ("منظومة", "ORG") in {(e["name"], e["type"]) for e in corrected}
    assert first["key"] not in {e["key"] for e in corrected}
    # and the raw view is still the raw view
    again = json.loads(extract(data, seed_path, "--no-corrections").stdout)["entities"]
    assert again == raw
