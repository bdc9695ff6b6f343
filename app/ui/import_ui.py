"""Importing files and folders from the window: `app.store.importer.import_paths` in a worker thread,
a progress dialog that can cancel it, and at the end a summary listing the files that were skipped."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.core.errors import QariError

log = logging.getLogger(__name__)


class ImportThread(QThread):
    """Runs one import; its signals reach the GUI thread queued. Opens its own library connection."""

    progress = Signal(int, int, str)  # done, total, file name
    done = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, paths: Sequence[Path], data_dir: Path, recognizer: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.paths = list(paths)
        self.data_dir = data_dir
        self.recognizer = recognizer
        self.cancel_event = threading.Event()

    def run(self) -> None:
        from app.store.importer import import_paths

        try:
            report = import_paths(
                self.paths,
                data_dir=self.data_dir,
                recognizer=self.recognizer,
                progress=lambda done, total, path: self.progress.emit(done, total, path.name),
                cancel=self.cancel_event,
            )
        except QariError as err:
            self.failed.emit(str(err))
        except Exception as err:  # a bug: keep the window alive, log the traceback
            log.exception("import failed")
            self.failed.emit(f"Unexpected error while importing: {err!r}")
        else:
            self.done.emit(report)


def report_text(report: Any) -> tuple[str, str]:
    """(summary, HTML list of the skipped files) for the end-of-import dialog."""
    what = "Import cancelled" if report.cancelled else "Import finished"
    summary = (
        f"{what}: {len(report.imported)} new article(s), {len(report.already)} already in the library, "
        f"{len(report.skipped)} skipped."
    )
    if not report.skipped:
        return summary, ""
    items = "\n".join(f"• {p.name} — {reason}" for p, reason in report.skipped)
    return summary, f"These files were not imported:\n{items}"


class ImportController(QObject):
    """One import at a time, started from the File menu or a dropped folder."""

    finished = Signal(object)  # ImportReport

    def __init__(self, parent: QWidget, data_dir: Path, recognizer: Any = "bundled") -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.data_dir = data_dir
        self.recognizer = recognizer
        self.worker: ImportThread | None = None
        self.dialog: QProgressDialog | None = None
        self.result_box: QMessageBox | None = None
        self.last_report: Any = None
        self.progress_seen: list[tuple[int, int]] = []

    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def start(self, paths: Sequence[str | Path]) -> bool:
        if self.is_running():
            return False
        self.progress_seen = []
        self.worker = ImportThread([Path(p) for p in paths], self.data_dir, self.recognizer, self)
        dialog = QProgressDialog("Finding files…", "Cancel", 0, 0, self.parent_widget)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle("Importing · استيراد")
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self.worker.progress.connect(self._on_progress)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_thread_finished)
        dialog.show()
        self.worker.start()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel_event.set()
            if self.dialog is not None:
                self.dialog.setLabelText("Cancelling after the current file…")

    def wait(self, msecs: int = 60_000) -> bool:
        return self.worker.wait(msecs) if self.worker is not None else True

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress_seen.append((done, total))
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))
            self.dialog.setLabelText(f"{done} of {total}: {name}")

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _on_done(self, report: Any) -> None:
        self._close_dialog()
        self.last_report = report
        summary, details = report_text(report)
        icon = QMessageBox.Icon.Warning if report.skipped else QMessageBox.Icon.Information
        box = QMessageBox(
            icon, "Import · استيراد", summary, QMessageBox.StandardButton.Ok, self.parent_widget
        )
        box.setObjectName("importResult")
        if details:
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setInformativeText(details)
            box.setDetailedText("\n".join(f"{p}: {why}" for p, why in report.skipped))
        self.result_box = box
        box.open()
        self.finished.emit(report)

    def _on_failed(self, message: str) -> None:
        self._close_dialog()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Import failed",
            message,
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        self.result_box = box
        box.open()
        self.finished.emit(None)

    def _on_thread_finished(self) -> None:
        if self.worker is not None:
            self.worker.deleteLater()
            self.worker = None

    def shutdown(self) -> None:
        """Cancel and wait (closing the window)."""
        if self.worker is not None:
            self.worker.cancel_event.set()
            self.worker.wait(30_000)
