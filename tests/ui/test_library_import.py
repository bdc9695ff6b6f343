"""Importing from the window: a folder with a bad file runs in the background with progress and lists
the bad file at the end; a dropped folder imports; an import can be cancelled."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QPushButton

from app.ui.entity_features import install_entity_features
from app.ui.library_features import install_library_features
from tests.ui.entity_support import SEED_WORDS, StandInRecognizer
from tests.ui.test_library_features import loader, seed_files

__all__ = ["loader"]
N_GOOD = 4  # readable files in the folder (the seed and three short articles)


def folder_with_a_bad_file(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(seed_files()[0], folder / "seed.txt")
    places = ["بغداد", "واشنطن", "العراق"]
    for i, place in enumerate(places):
        (folder / f"note_{i}.txt").write_text(
            f"خبر رقم {i} من {place}\nوصل الوفد إلى {place} صباح اليوم في زيارة رقم {i}", encoding="utf-8"
        )
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf \x00\x01\x02")
    return folder


def make(make_window, qtbot, loader, recognizer):
    w = make_window()
    install_entity_features(w, loader=loader)
    f = install_library_features(w, import_recognizer=recognizer)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(f.is_ready, timeout=10_000)
    return f


def test_folder_import_runs_in_background_shows_progress_and_lists_the_bad_file(
    make_window, qtbot, loader, tmp_path
) -> None:
    slow = StandInRecognizer(SEED_WORDS, delay=0.05)  # timing stand-in: makes the import take a while
    f = make(make_window, qtbot, loader, slow)
    folder = folder_with_a_bad_file(tmp_path)
    assert f.import_paths([folder])
    assert f.importer.is_running()  # returned at once: the work is in the worker thread
    assert f.importer.dialog is not None and f.importer.dialog.isVisible()
    with qtbot.waitSignal(f.importer.finished, timeout=60_000) as blocker:
        pass
    report = blocker.args[0]
    n = N_GOOD
    assert len(report.imported) == n
    assert [p.name for p, _ in report.skipped] == ["broken.pdf"]
    assert f.importer.progress_seen and f.importer.progress_seen[-1] == (n + 1, n + 1)
    box = f.importer.result_box
    assert box is not None and box.isVisible()
    assert "1 skipped" in box.text() and "broken.pdf" in box.informativeText()
    assert f.library.count_articles() == n
    assert all(f.library.entities_of(i) for i in report.imported)  # recognized on import
    win = f.show_library("articles")
    assert win is not None and win.articles.proxy.rowCount() == n


def test_dropping_a_folder_imports_it(make_window, qtbot, loader, tmp_path) -> None:
    f = make(make_window, qtbot, loader, None)
    folder = folder_with_a_bad_file(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Offscreen Qt delivers no synthetic drop without a drag in progress: hand the event to the filter
    # the window's drops go through (installed on the window by install_library_features).
    with qtbot.waitSignal(f.importer.finished, timeout=60_000):
        assert f.eventFilter(f.window, event) is True
    assert f.library.count_articles() == N_GOOD
    assert f.window.article is None  # a folder is imported, not opened


def test_import_can_be_cancelled(make_window, qtbot, loader, tmp_path) -> None:
    started = threading.Event()
    slow = StandInRecognizer(SEED_WORDS, delay=1.0, started=started)
    f = make(make_window, qtbot, loader, slow)
    folder = folder_with_a_bad_file(tmp_path)
    f.import_paths([folder])
    qtbot.waitUntil(started.is_set, timeout=10_000)
    button = f.importer.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    button.click()  # the progress dialog's Cancel button
    with qtbot.waitSignal(f.importer.finished, timeout=30_000) as blocker:
        pass
    report = blocker.args[0]
    assert report.cancelled
    assert len(report.imported) < N_GOOD
    assert "cancelled" in f.importer.result_box.text()
