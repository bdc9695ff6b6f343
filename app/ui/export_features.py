"""File → Export… in the window: the export dialog, the export job off the GUI thread, its progress.

`install_export_features(window)` adds the action (Ctrl+E) to the File menu and returns the
`ExportFeatures` object that owns the dialog and the running job (`window.export_features`).

What can be exported (the dialog's *scope*):

- ``current``: the article on screen, with the entities the window shows now (after corrections; from
  `window.entity_features.entities`) and, when it is saved in the library, its notes and tags.
- any name registered in ``window.export_sources``: a dict of name → callable returning the ids of saved
  articles (``list[int]``). The library view registers ``"selected"`` (articles selected there) and
  ``"search"`` (the current search results)::

      window.export_sources["selected"] = lambda: view.selected_ids()
      window.export_sources["search"] = lambda: search_view.result_ids()

  A scope is offered when its provider is registered and returns at least one id; the callable is called
  on the GUI thread when the dialog opens and when the export starts, so it must be quick.
- ``window.export_queries`` may name, per scope, a callable returning in words what chose its articles
  (the library registers ``"search"``: the search whose results are shown); the brief's header
  repeats it, as ``qari export --query`` does.

The export itself (reading saved articles, building the summary, writing the file, the PDF included) runs
in a `QThread` (`ExportJob`); progress comes back through signals to a cancellable `QProgressDialog`.
A cancelled or failed export leaves no file (the writers write to a temporary file and rename it).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from app.core.errors import QariError
from app.core.models import Article, Entity

if TYPE_CHECKING:  # the export modules load when the dialog first opens, not at start-up
    from app.export.summary import Brief, CancelFlag, Progress, SummaryInput
    from app.ui.export_dialog import ExportDialog, ExportOptions

log = logging.getLogger(__name__)

K_FOLDER = "export/folder"
SCOPE_CURRENT = "current"
ExportSource = Callable[[], Sequence[int]]


# --- the work, without Qt (runs in the job's thread) ------------------------------------------------


def _open_library(data_dir: Path, create: bool) -> Any:
    """The library in `data_dir`, or None when it does not exist yet and `create` is False."""
    from app.store import paths
    from app.store.library import Library

    if not create and not paths.db_path(data_dir).exists():
        return None
    return Library.open(data_dir, backups=False)


def current_input(
    article: Article, entities: Sequence[Entity], data_dir: Path | None, with_notes: bool
) -> SummaryInput:
    """The article on screen as the exporter needs it: its entities as shown now; when it is saved in the
    library, its id, tags and (with `with_notes`) notes."""
    from app.export.summary import SummaryInput

    if data_dir is not None:
        lib = _open_library(data_dir, create=False)
        if lib is not None:
            try:
                article_id = lib.find_by_hash(article.content_hash)
                if article_id is not None:
                    from app.export.service import input_from_library

                    saved = input_from_library(lib, article_id)
                    return SummaryInput(
                        article,
                        list(entities),
                        saved.notes if with_notes else (),
                        saved.tags,
                        saved.article_id,
                    )
            finally:
                lib.close()
    return SummaryInput(article, list(entities))


def run_export(
    options: ExportOptions,
    *,
    current: tuple[Article, Sequence[Entity]] | None = None,
    ids: Sequence[int] = (),
    data_dir: Path | None = None,
    title: str = "",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Path:
    """Export the current article (`current`) or saved articles (`ids`); returns the path written.

    `progress(done, total)` counts three steps an article (read, lay out, write); `cancel` is checked
    between articles and raises `ExportCancelled` with nothing written.
    """
    from app.export.service import input_from_library, write
    from app.export.summary import ExportError, build_brief, check_cancel

    items: list[SummaryInput] = []
    if current is not None:
        total = 3
        check_cancel(cancel)
        items.append(current_input(current[0], current[1], data_dir, options.include_notes))
        if progress is not None:
            progress(1, total)
    else:
        chosen = list(dict.fromkeys(ids))
        if not chosen:
            raise ExportError("Nothing to export: no articles are chosen. Select some articles first.")
        if data_dir is None:
            raise ExportError("The library is not available; saved articles cannot be exported.")
        total = 3 * len(chosen)
        lib = _open_library(data_dir, create=True)
        try:
            for i, article_id in enumerate(chosen, start=1):
                check_cancel(cancel)
                item = input_from_library(lib, article_id)
                items.append(item if options.include_notes else replace(item, notes=()))
                if progress is not None:
                    progress(i, total)
        finally:
            lib.close()
    n = len(items)

    def step(offset: int) -> Progress | None:
        if progress is None:
            return None

        def report(done: int, _total: int) -> None:
            assert progress is not None
            progress(offset + done, total)

        return report

    brief: Brief = build_brief(
        items,
        title=title if n > 1 or not items[0].article.title else "",
        query=options.query,
        passages=options.passages,
        max_passages=options.max_passages,
        progress=step(n),
        cancel=cancel,
    )
    if not brief.title and title:
        brief = replace(brief, title=title)
    if not options.include_index:
        brief = without_index(brief)
    check_cancel(cancel)
    return write(
        brief,
        options.fmt,
        options.path,
        lang=options.lang,
        mark=options.mark,
        progress=step(2 * n),
        cancel=cancel,
    )


def without_index(brief: Brief) -> Brief:
    """The brief without its entity index tables (writers that know `show_index` leave them out)."""
    summaries = tuple(replace(s, show_index=False) for s in brief.summaries)
    return replace(brief, summaries=summaries, show_index=False)


# --- Qt: the job and the feature ------------------------------------------------------------------


class ExportJob(QThread):
    """Runs `task(progress, cancel)` in its own thread; the outcome comes back as one signal."""

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(str)  # the path written
    failed = Signal(str, bool)  # message, is_bug
    cancelled = Signal()

    def __init__(self, task: Callable[[Progress, CancelFlag], Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task = task
        self.cancel_flag = threading.Event()

    def cancel(self) -> None:
        self.cancel_flag.set()

    def run(self) -> None:
        from app.export.summary import ExportCancelled

        try:
            path = self._task(self.progressed.emit, self.cancel_flag)
        except ExportCancelled:
            self.cancelled.emit()
        except QariError as err:
            self.failed.emit(str(err), False)
        except Exception as err:
            log.exception("export failed")
            self.failed.emit(f"The export failed with an unexpected error: {err!r}", True)
        else:
            self.succeeded.emit(str(path))


class ExportFeatures(QObject):
    finished = Signal(str)  # path written
    ended = Signal(str)  # "ok", "cancelled" or "failed", after every job

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        if not isinstance(getattr(window, "export_sources", None), dict):
            window.export_sources = {}
        self.dialog: ExportDialog | None = None
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.last_path: Path | None = None

        self.export_action = QAction("&Export…", window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip("Export a highlighted summary (HTML, PDF, Markdown, DOCX, CSV, JSON)")
        self.export_action.triggered.connect(self.open_dialog)
        window.addAction(self.export_action)
        menu = window.file_menu
        quit_action = getattr(window, "quit_action", None)
        if quit_action is not None and quit_action in menu.actions():
            menu.insertAction(quit_action, self.export_action)
            menu.insertSeparator(quit_action)
        else:
            menu.addAction(self.export_action)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()  # a running export is cancelled and its thread ends before the window goes
        return False

    # -- sources ----------------------------------------------------------------------------------
    @property
    def sources(self) -> dict[str, ExportSource]:
        return self.window.export_sources

    def ids_for(self, scope: str) -> list[int]:
        provider = self.sources.get(scope)
        if provider is None:
            return []
        try:
            return [int(i) for i in provider()]
        except Exception:
            log.exception("export source %r failed", scope)
            return []

    def availability(self) -> dict[str, int]:
        """How many articles each scope would export now (0: not available)."""
        out = {SCOPE_CURRENT: 1 if self.window.article is not None else 0}
        for name in self.sources:
            if name != SCOPE_CURRENT:
                out[name] = len(self.ids_for(name))
        return out

    def current_entities(self) -> list[Entity] | None:
        """The entities shown for the current article, or None while they are still being found."""
        features = getattr(self.window, "entity_features", None)
        if features is None:
            return []
        if features.service.is_busy():
            return None
        return list(features.entities)

    @property
    def data_dir(self) -> Path:
        return Path(self.window.services.data_dir)

    def default_folder(self) -> Path:
        saved = str(self.window.settings.value(K_FOLDER, "") or "")
        if saved and Path(saved).is_dir():
            return Path(saved)
        if self.window.current_path is not None:
            return Path(self.window.current_path).parent
        return Path.home()

    # -- preview ----------------------------------------------------------------------------------
    def preview_input(self, scope: str) -> tuple[SummaryInput | None, int]:
        """The first article of `scope` (for the preview) and how many articles the scope has."""
        if scope == SCOPE_CURRENT:
            article = self.window.article
            if article is None:
                return None, 0
            entities = self.current_entities() or []
            return current_input(article, entities, self.data_dir, True), 1
        ids = self.ids_for(scope)
        if not ids:
            return None, 0
        lib = _open_library(self.data_dir, create=False)
        if lib is None:
            return None, len(ids)
        try:
            from app.export.service import input_from_library

            return input_from_library(lib, ids[0]), len(ids)
        finally:
            lib.close()

    # -- dialog -----------------------------------------------------------------------------------
    def open_dialog(self) -> ExportDialog:
        from app.ui.export_dialog import ExportDialog

        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        article = self.window.article
        title = article.title if article is not None and article.title else ""
        dialog = ExportDialog(
            self.window,
            availability=self.availability(),
            preview_input=self.preview_input,
            folder=self.default_folder(),
            title=title,
            font_family=self.window.services.font_family,
        )
        dialog.export_requested.connect(self.start)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- running ----------------------------------------------------------------------------------
    def start(self, options: ExportOptions) -> ExportJob | None:
        """Check what can be checked now, then export in a worker thread."""
        if self.job is not None and self.job.isRunning():
            self.window.show_error("Export already running", "Wait for the running export to finish.")
            return None
        from app.export.files import check_target
        from app.export.summary import ExportError

        try:
            check_target(options.path)
        except ExportError as err:
            self.window.show_error("Cannot export there", str(err))
            return None
        current: tuple[Article, Sequence[Entity]] | None = None
        ids: list[int] = []
        title = ""
        if options.scope == SCOPE_CURRENT:
            article = self.window.article
            if article is None:
                self.window.show_error(
                    "Nothing to export", "No article is open. Open an article (Ctrl+O), then export it."
                )
                return None
            entities = self.current_entities()
            if entities is None:
                self.window.show_error(
                    "Names are still being found",
                    "The article's names are still being found; export again in a moment.",
                )
                return None
            if not article.title:  # the summary's heading: the file's name, or what the window calls it
                path = self.window.current_path
                article = replace(article, title=Path(path).stem if path is not None else "Pasted text")
            current = (article, entities)
        else:
            ids = self.ids_for(options.scope)
            if not ids:
                where = "search results" if options.scope == "search" else "articles selected in the library"
                self.window.show_error(
                    "Nothing to export",
                    f"There are no {where} to export. Choose some articles, or export this article.",
                )
                return None
            title = "نتائج البحث" if options.scope == "search" else "موجز"
            if options.lang == "en":
                title = "Search results" if options.scope == "search" else "Brief"
            describe = getattr(self.window, "export_queries", {}).get(options.scope)
            if describe is not None and options.query is None:
                try:
                    query = describe()
                except Exception:  # a broken provider must not stop the export
                    log.exception("export query of %r failed", options.scope)
                    query = ""
                options = replace(options, query=query or None)

        data_dir = self.data_dir

        def task(progress: Progress, cancel: CancelFlag) -> Path:
            return run_export(
                options,
                current=current,
                ids=ids,
                data_dir=data_dir,
                title=title,
                progress=progress,
                cancel=cancel,
            )

        if options.fmt == "pdf":
            self._prepare_pdf()
        job = ExportJob(task, self)
        self.job = job
        total = 3 * max(1, len(ids))
        parent = self.dialog if self.dialog is not None and self.dialog.isVisible() else self.window
        progress = QProgressDialog("Exporting…", "Cancel", 0, total, parent)
        progress.setWindowTitle("Export")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0 if len(ids) > 1 else 400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        progress.canceled.connect(job.cancel)
        self.progress = progress
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        job.finished.connect(self._on_job_finished)
        if self.dialog is not None:
            self.dialog.set_busy(True)
        self.window.statusBar().showMessage("Exporting…")
        job.start()
        return job

    @staticmethod
    def _prepare_pdf() -> None:
        """Register the export font with Qt here on the GUI thread, before the job lays out the PDF."""
        try:
            from app.export import pdf

            pdf._font_family()
        except Exception:
            log.exception("could not prepare the PDF font")

    def _on_progress(self, done: int, total: int) -> None:
        progress = self.progress
        if progress is None:
            return
        # The label first: a window-modal progress dialog's setValue runs the event loop, where the job's
        # end may arrive and close it.
        progress.setLabelText(f"Exporting… {done} of {total} steps")
        if progress.maximum() != total:
            progress.setMaximum(total)
        progress.setValue(min(done, total))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_succeeded(self, path: str) -> None:
        self._close_progress()
        self.last_path = Path(path)
        self.window.settings.setValue(K_FOLDER, str(Path(path).parent))
        self.window.statusBar().showMessage(f"Exported to {path}", 10_000)
        if self.dialog is not None:
            self.dialog.set_busy(False)
            self.dialog.accept()
        self.finished.emit(path)
        self.ended.emit("ok")

    def _on_failed(self, message: str, is_bug: bool) -> None:
        self._close_progress()
        if self.dialog is not None:
            self.dialog.set_busy(False)
        self.window.statusBar().clearMessage()
        self.window.show_error("Export failed", message)
        self.ended.emit("failed")

    def _on_cancelled(self) -> None:
        self._close_progress()
        if self.dialog is not None:
            self.dialog.set_busy(False)
        self.window.statusBar().showMessage("Export cancelled; no file was written.", 10_000)
        self.ended.emit("cancelled")

    def _on_job_finished(self) -> None:
        job = self.sender()
        if isinstance(job, ExportJob):
            job.deleteLater()
            if job is self.job:
                self.job = None

    def shutdown(self, msecs: int = 10_000) -> None:
        """Cancel a running export and wait for its thread (window closing, tests)."""
        job = self.job
        if job is not None and job.isRunning():
            job.cancel()
            job.wait(msecs)


def install_export_features(window: QMainWindow) -> ExportFeatures:
    """Add File → Export… (Ctrl+E) to `window` (a MainWindow); see the module's docstring."""
    features = ExportFeatures(window)
    window.export_features = features  # type: ignore[attr-defined]
    return features
