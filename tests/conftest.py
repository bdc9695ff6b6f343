"""Shared fixtures. Qt runs offscreen; tests that use `qtbot` are marked `ui` automatically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_a8c034b26b330cb6.txt"
SHARED = Path(os.environ.get("QARI_SHARED", ROOT.parent / "shared"))
ANERCORP = SHARED / "data" / "anercorp" / "train.txt"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.ui)


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def anercorp_path() -> Path:
    if not ANERCORP.exists():
        pytest.skip(f"training corpus not found at {ANERCORP}")
    return ANERCORP


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder, so no test touches the user's library or settings."""
    d = tmp_path_factory.mktemp("qari-data")
    monkeypatch.setenv("QARI_DATA_DIR", str(d))
    return d
