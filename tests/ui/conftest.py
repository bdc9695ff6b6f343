"""Fixtures for the window tests: real services on a temporary data folder, errors collected."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.ui.main_window import MainWindow
from app.ui.services import Services


@pytest.fixture
def data_dir() -> Path:
    return Path(os.environ["QARI_DATA_DIR"])  # set per test by tests/conftest.py


@pytest.fixture
def services(data_dir: Path) -> Services:
    from app.ui.fonts import load_bundled_fonts

    return Services.create(data_dir, load_bundled_fonts())


class ErrorLog(list[tuple[str, str]]):
    """Every (title, message) the window showed; the real message box is not opened."""


@pytest.fixture
def make_window(qtbot, services: Services, monkeypatch: pytest.MonkeyPatch):
    errors = ErrorLog()
    monkeypatch.setattr(
        MainWindow, "show_error", lambda self, title, message: errors.append((title, message))
    )

    def make(svc: Services | None = None) -> MainWindow:
        w = MainWindow(svc or services)
        w.errors = errors  # type: ignore[attr-defined]
        qtbot.addWidget(w)
        return w

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The offscreen platform warns once per shown window that it cannot propagate size hints; that is
    # the test platform talking, not the app, so it must not fail a test under qt_log_level_fail.
    here = Path(__file__).parent
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) and item.path.is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))
