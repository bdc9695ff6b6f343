"""The library in the window: every opened article saved (same text: the saved copy), its entities saved
after recognition, notes (article, passage, entity) in a panel with margin marks, star and tags, the
library window (articles, search, entities across the library) and importing files or folders.

`install_library_features(window)` wires it onto a `MainWindow` after `install_entity_features`. Writes
of one article take a few milliseconds and happen on the GUI thread; imports run in a worker thread.
A damaged library at start asks whether to restore the latest backup or start a new one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QDropEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QTextEdit, QWidget

from app.core.errors import StoreError
from app.core.models import Article
from app.ui.import_ui import ImportController
from app.ui.library_view import LibraryWindow
from app.ui.notes_panel import NOTE_COLOR, NotesPanel

log = logging.getLogger(__name__)

MARK_WIDTH = 4


class CorruptStoreDialog(QMessageBox):
    """Asks what to do with a damaged library: restore the latest backup, or start a new one."""

    def __init__(self, parent: QWidget | None, err: Any) -> None:
        super().__init__(QMessageBox.Icon.Critical, "The library is damaged", str(err), parent=parent)
        self.setObjectName("corruptStoreDialog")
        self.restore_button = self.addButton("Restore Latest Backup", QMessageBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(getattr(err, "latest_backup", None) is not None)
        self.new_button = self.addButton("Start a New Library", QMessageBox.ButtonRole.DestructiveRole)
        self.skip_button = self.addButton("Continue Without the Library", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button if self.restore_button.isEnabled() else self.new_button)

    def ask(self) -> str:
        """'restore', 'new' or 'skip'."""
        self.exec()
        clicked = self.clickedButton()
        if clicked is self.restore_button:
            return "restore"
        if clicked is self.new_button:
            return "new"
        return "skip"


def repair_library(window: Any, data_dir: Path, err: Any) -> bool:
    """Ask what to do with a damaged library and do it; True when the library should be opened again."""
    from app.store.db import restore_latest_backup, start_new_store

    choice = CorruptStoreDialog(window, err).ask()
    try:
        if choice == "restore":
            used = restore_latest_backup(data_dir)
            window.statusBar().showMessage(f"Library restored from {used.name}", 10_000)
            return True
        if choice == "new":
            kept = start_new_store(data_dir)
            if kept is not None:
                window.statusBar().showMessage(f"New library; the damaged file is {kept.name}", 10_000)
            return True
    except StoreError as fix_err:
        window.show_error("Library not repaired", str(fix_err))
        return True  # asked again: the other choice may work
    return False


class NoteMarks(QWidget):
    """Coloured bars in the reader's margin (the right side: the start of a right-to-left line) beside
    every passage that has a note. Transparent to the mouse; repainted on scroll, resize and change."""

    def __init__(self, reader: Any) -> None:
        super().__init__(reader.viewport())
        self.reader = reader
        self.spans: list[tuple[int, int]] = []
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setObjectName("noteMarks")
        reader.viewport().installEventFilter(self)
        reader.verticalScrollBar().valueChanged.connect(lambda _v: self.update())
        self.setGeometry(reader.viewport().rect())
        self.show()

    def set_spans(self, spans: list[tuple[int, int]]) -> None:
        """Mark these passages (article offsets): a bar in the margin and a dashed underline."""
        self.spans = list(spans)
        selections = []
        if self.reader.article is not None:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(NOTE_COLOR)
            for start, end in self.spans:
                try:
                    cursor = self.reader.span_to_cursor(start, end)
                except ValueError:
                    continue
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor
                sel.format = fmt
                selections.append(sel)
        self.reader.setExtraSelections(selections)
        self.raise_()
        self.update()

    def rects(self) -> list[QRect]:
        """Where the marks are, in viewport coordinates."""
        out: list[QRect] = []
        if self.reader.article is None:
            return out
        doc = self.reader.document()
        x = self.width() - MARK_WIDTH - 2
        for start, end in self.spans:
            try:
                a = self.reader.offsets.py_to_qt(start)
                b = self.reader.offsets.py_to_qt(end)
            except (ValueError, IndexError):
                continue
            ca, cb = QTextCursor(doc), QTextCursor(doc)
            ca.setPosition(a)
            cb.setPosition(b)
            top = self.reader.cursorRect(ca).top()
            bottom = self.reader.cursorRect(cb).bottom()
            out.append(QRect(x, top, MARK_WIDTH, max(bottom - top, 4)))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        for rect in self.rects():
            painter.fillRect(rect, NOTE_COLOR)
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.reader.viewport().rect())
        return False


class JobSignals(QObject):
    done = Signal(int, str, object)  # ticket, kind, result
    failed = Signal(int, str, str, object)  # ticket, kind, message, the StoreError (None for a bug)


class LibraryJob(QRunnable):
    """One write to the library off the GUI thread (the store's lock keeps one writer at a time)."""

    def __init__(self, ticket: int, kind: str, fn: Callable[[], Any], signals: JobSignals) -> None:
        super().__init__()
        self.ticket, self.kind, self.fn, self.signals = ticket, kind, fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except StoreError as err:
            self.signals.failed.emit(self.ticket, self.kind, str(err), err)
        except Exception as err:  # a bug: keep the window alive, log the traceback
            log.exception("library job %s failed", self.kind)
            self.signals.failed.emit(self.ticket, self.kind, f"Unexpected error: {err!r}", None)
        else:
            self.signals.done.emit(self.ticket, self.kind, result)


class LibraryFeatures(QObject):
    ready = Signal(bool)  # the library is open (True) or could not be opened (False)
    saved = Signal(object)  # SavedArticle: the article on screen is in the library
    entities_saved = Signal(int)  # article id

    def __init__(self, window: Any, library: Any = None, import_recognizer: Any = "bundled") -> None:
        super().__init__(window)
        self.window = window
        self.data_dir: Path = window.services.data_dir
        self.library: Any = None  # opened in the worker: the window never waits for the file check
        self.open_failed = False
        self._open_attempts = 0
        self.current: Any = None  # SavedArticle on screen
        self.last_save_ms = 0.0
        self._ticket = 0  # bumped for every article shown; results for an older one are dropped
        self._text = ""  # the text of the article on screen
        self._entities_waiting = False  # names were found before the article's save came back
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # saves run in the order they were asked for
        self._signals = JobSignals(self)
        self._signals.done.connect(self._on_job_done)
        self._signals.failed.connect(self._on_job_failed)
        self.library_window: LibraryWindow | None = None
        self.ef = getattr(window, "entity_features", None)

        self.saved_label = QLabel("", window)
        self.saved_label.setObjectName("savedLabel")
        window.statusBar().addPermanentWidget(self.saved_label)

        self.notes = NotesPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.notes)
        self.notes.error.connect(window.show_error)
        self.notes.notes_changed.connect(self._update_marks)
        self.notes.go_to_passage.connect(self._go_to)
        self.marks = NoteMarks(window.reader)

        self.importer = ImportController(window, self.data_dir, import_recognizer)
        self.importer.finished.connect(self._on_import_finished)

        self._build_actions()
        self._hook_entities()
        self._register_export_sources()
        window.article_changed.connect(self.on_article)
        window.installEventFilter(self)
        if library is not None:
            self._library_ready(library)
        else:
            # After the window's first turn of the event loop, so the imports (in the worker) don't
            # compete with the first paint for the interpreter.
            QTimer.singleShot(0, self, self._open_async)

    def _open_async(self) -> None:
        self._open_attempts += 1
        data_dir = self.data_dir
        self._pool.start(LibraryJob(0, "open", lambda: _open_library(data_dir), self._signals))

    def _open_failed(self, message: str, err: Any) -> None:
        from app.store.db import CorruptStoreError

        if isinstance(err, CorruptStoreError) and self._open_attempts < 3:
            if repair_library(self.window, self.data_dir, err):
                self._open_async()
                return
        else:
            self.window.show_error("Library not available", f"{message} Articles and notes are not saved.")
        self.open_failed = True
        self.ready.emit(False)

    def _library_ready(self, library: Any) -> None:
        self.library = library
        self._switch_corrections()
        QTimer.singleShot(3_000, self, self._backup_later)
        self.ready.emit(True)
        if self.window.article is not None:
            self.on_article(self.window.article)

    def is_ready(self) -> bool:
        """True once the library is open (or could not be)."""
        return self.library is not None or self.open_failed

    # -- set-up -----------------------------------------------------------------------------------
    def _switch_corrections(self) -> None:
        """The entity features' corrections now live in the library (the JSON file imported once)."""
        if self.ef is None:
            return
        from app.ner.corrections import LibraryCorrectionsStore

        store = LibraryCorrectionsStore(self.data_dir, self.library)
        try:
            ops = store.load().ops
        except StoreError as err:  # DataFormatError too
            self.window.show_error("Corrections not loaded", str(err))
            return
        self.ef.corrections_store = store
        if list(self.ef.corrections.ops) != ops:  # the JSON copy read at start was not the latest
            self.ef.corrections.ops[:] = ops
            self.ef._corrections_changed()  # re-applied to the article on screen, copy rewritten

    def _register_export_sources(self) -> None:
        """Scopes for File → Export… (app.ui.export_features): the library window's selection and the
        current search results."""
        sources = getattr(self.window, "export_sources", None)
        if not isinstance(sources, dict):
            return

        def selected() -> list[int]:
            lw = self.library_window
            return lw.articles.selected_ids() if lw is not None and lw.isVisible() else []

        def search() -> list[int]:
            lw = self.library_window
            return lw.search.result_ids() if lw is not None and lw.isVisible() else []

        sources["selected"] = selected
        sources["search"] = search
        queries = getattr(self.window, "export_queries", None)
        if isinstance(queries, dict):

            def search_query() -> str:
                lw = self.library_window
                return lw.search.result_query() if lw is not None else ""

            queries["search"] = search_query

    def _backup_later(self) -> None:
        lib = self.library
        if lib is None:
            return

        def run() -> None:
            try:
                lib.backup_if_due()
            except Exception:  # a failed backup is retried next start; never bothers the analyst
                log.warning("daily backup failed", exc_info=True)

        QThreadPool.globalInstance().start(run)

    def _action(self, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        w = self.window
        self.import_files_action = self._action("&Import Files…", self.import_files_dialog, "Ctrl+I")
        self.import_folder_action = self._action("Import &Folder…", self.import_folder_dialog, "Ctrl+Shift+I")
        w.file_menu.insertAction(w.quit_action, self.import_files_action)
        w.file_menu.insertAction(w.quit_action, self.import_folder_action)
        w.file_menu.insertSeparator(w.quit_action)

        self.menu = QMenu("&Library", w)
        w.menuBar().insertMenu(w.view_menu.menuAction(), self.menu)
        self.show_library_action = self._action(
            "Show &Library", lambda: self.show_library("articles"), "Ctrl+L"
        )
        self.search_action = self._action("&Search Library…", lambda: self.show_library("search"), "Ctrl+K")
        self.entities_action = self._action(
            "&Entities Across Library", lambda: self.show_library("entities"), "Ctrl+Shift+L"
        )
        self.note_action = self._action("Add &Note", self.add_note_here, "Ctrl+Shift+N")
        self.note_action.setToolTip("A note on the selected passage, or on the article")
        self.star_action = self._action("&Star Article", self.toggle_star, "Ctrl+D")
        for a in (self.show_library_action, self.search_action, self.entities_action):
            self.menu.addAction(a)
        self.menu.addSeparator()
        for a in (self.note_action, self.star_action, self.import_files_action, self.import_folder_action):
            self.menu.addAction(a)
        notes_toggle = self.notes.toggleViewAction()
        notes_toggle.setText("Notes Panel")
        w.view_menu.addAction(notes_toggle)

    def _hook_entities(self) -> None:
        ef = self.ef
        if ef is None:
            return
        ef.service.finished.connect(self._on_recognized)
        base_panel_menu = ef.panel_menu
        base_text_menu = ef.text_menu

        def panel_menu() -> QMenu:
            menu: QMenu = base_panel_menu()
            keys = ef.panel.selected_keys()
            if len(keys) == 1:
                menu.addSeparator()
                key = keys[0]
                menu.addAction("Add Note on This Entity…", lambda: self.add_entity_note(key))
            return menu

        def text_menu(viewport_pos: QPoint) -> QMenu:
            menu: QMenu = base_text_menu(viewport_pos)
            if self.current is not None:
                menu.addSeparator()
                sel = self.window.reader.selected_span()
                if sel is not None and sel[0] < sel[1]:
                    menu.addAction("Add Note on Passage…", self.add_note_here)
                else:
                    menu.addAction("Add Note on Article…", lambda: self.notes.add_note("article"))
                entity = self._entity_under(viewport_pos)
                if entity is not None:
                    key = entity.key
                    menu.addAction(f"Add Note on “{entity.name}”…", lambda: self.add_entity_note(key))
            return menu

        ef.panel_menu = panel_menu
        ef.text_menu = text_menu

    # -- saving -----------------------------------------------------------------------------------
    def _call(self, title: str, fn: Any) -> Any:
        try:
            return fn()
        except StoreError as err:
            self.window.show_error(title, str(err))
            return None

    def _submit(self, kind: str, fn: Callable[[], Any]) -> None:
        self._pool.start(LibraryJob(self._ticket, kind, fn, self._signals))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the library writes asked for are done (tests, closing)."""
        return bool(self._pool.waitForDone(msecs))

    def is_saving(self) -> bool:
        return self._pool.activeThreadCount() > 0

    def on_article(self, article: Article | None) -> None:
        """An article is on screen: save it (or find its saved copy) in the worker."""
        self.notes.flush()
        self._ticket += 1
        self.current = None
        self._entities_waiting = False
        self._text = article.text if article is not None else ""
        self.saved_label.setText("")
        self.notes.set_article(self.library, None)
        self.marks.set_spans([])
        if self.library is None or article is None or not article.text.strip():
            return
        self.saved_label.setText("Saving… · جارٍ الحفظ")
        lib = self.library

        def save() -> Any:
            t0 = time.perf_counter()
            saved = lib.save_article(article)
            return saved, (time.perf_counter() - t0) * 1000

        self._submit("article", save)

    def _on_job_failed(self, ticket: int, kind: str, message: str, err: Any = None) -> None:
        if kind == "open":
            self._open_failed(message, err)
            return
        if kind == "article" and ticket == self._ticket:
            self.saved_label.setText("")
        self.window.show_error(
            "Not saved to the library" if kind == "article" else "Entities not saved", message
        )

    def _on_job_done(self, ticket: int, kind: str, result: Any) -> None:
        if kind == "open":
            self._library_ready(result)
            return
        if ticket != self._ticket:
            return  # the analyst has moved on to another article
        if kind == "article":
            saved, ms = result
            self.last_save_ms = ms
            self._article_saved(saved)
        elif kind == "entities":
            article_id, stored = result
            self.notes.set_entity_ids({e.key: e.id for e in stored})
            self.entities_saved.emit(article_id)

    def _article_saved(self, saved: Any) -> None:
        self.current = saved
        message = "Saved to library" if saved.created else "Opened the saved copy from the library"
        self.window.statusBar().showMessage(message, 5000)
        self.saved_label.setText("✓ In library · في المكتبة")
        self.saved_label.setToolTip(message)
        self.notes.set_article(self.library, saved.id)
        self.saved.emit(saved)
        if self.library_window is not None and self.library_window.isVisible():
            self.library_window.refresh()
        # Names found before the save came back (or before the library was open) are saved now.
        if self._entities_waiting or (self.ef is not None and self.ef.settled()):
            self._entities_waiting = False
            self.save_entities()

    def _recognizer_name(self) -> str:
        return str(self.window.settings.value("entities/recognizer", "bundled"))

    def _on_recognized(self, result: Any) -> None:
        """After the entity features showed the result: save the article's entities (in the worker)."""
        if self.ef is None or result.text != self._text:
            return
        if self.current is None:
            self._entities_waiting = True  # saved when the article's own save comes back
            return
        self.save_entities()

    def save_entities(self, now: bool = False) -> None:
        """Save the entities on screen; `now` does it on this thread (a note on an entity needs its id)."""
        if self.current is None or self.ef is None or self.library is None:
            return
        article_id, entities, lib = self.current.id, list(self.ef.entities), self.library
        name = self._recognizer_name()

        def save() -> Any:
            return article_id, lib.save_entities(article_id, entities, recognizer=name)

        if not now:
            self._submit("entities", save)
            return
        result = self._call("Entities not saved", save)
        if result is not None:
            self._on_job_done(self._ticket, "entities", result)

    # -- notes ------------------------------------------------------------------------------------
    def _entity_under(self, viewport_pos: QPoint) -> Any:
        """The entity with a mention under the mouse (or at the selection's start), or None."""
        reader, ef = self.window.reader, self.ef
        if ef is None or reader.article is None:
            return None
        sel = reader.selected_span()
        try:
            offset = (
                sel[0] if sel else reader.offsets.qt_to_py(reader.cursorForPosition(viewport_pos).position())
            )
        except ValueError:
            return None
        return ef.entity_at(offset)

    def add_note_here(self) -> Any:
        sel = self.window.reader.selected_span()
        if sel is not None and sel[0] < sel[1]:
            return self.notes.add_note("passage", span=sel)
        return self.notes.add_note("article")

    def add_entity_note(self, key: str, body: str = "") -> Any:
        entity_id = self.notes.entity_ids.get(key)
        if entity_id is None:
            self.save_entities(now=True)
            entity_id = self.notes.entity_ids.get(key)
        if entity_id is None:
            self.window.show_error("No note", "This entity is not saved yet; wait until names are found.")
            return None
        return self.notes.add_note("entity", entity_id=entity_id, body=body)

    def _update_marks(self) -> None:
        spans = [(n.start, n.end) for n in self.notes.notes if n.kind == "passage"]
        self.marks.set_spans(spans)

    def _go_to(self, start: int, end: int) -> None:
        if self.window.article is not None:
            self.window.reader.select_span(start, end)

    def toggle_star(self) -> None:
        if self.current is not None:
            self.notes.star_button.toggle()

    # -- library window ---------------------------------------------------------------------------
    def show_library(self, tab: str = "articles") -> LibraryWindow | None:
        if self.library is None:
            self.window.show_error("Library not available", "The library could not be opened this time.")
            return None
        if self.library_window is None:
            self.library_window = LibraryWindow(self.library, self.window)
            self.library_window.open_article.connect(self.open_saved)
            self.library_window.error.connect(self.window.show_error)
        else:
            self.library_window.refresh()
        self.library_window.show_tab(tab)
        return self.library_window

    def open_saved(self, article_id: int) -> bool:
        saved = self._call("Could not open", lambda: self.library.get_article(article_id))
        if saved is None:
            return False
        self.window.open_article(saved.article)
        self.window.raise_()
        self.window.activateWindow()
        return True

    # -- import -----------------------------------------------------------------------------------
    def import_files_dialog(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "Import Articles", str(Path.home()), self.window.dialog_filter()
        )
        if names:
            self.import_paths(names)

    def import_folder_dialog(self) -> None:
        name = QFileDialog.getExistingDirectory(self.window, "Import a Folder of Articles", str(Path.home()))
        if name:
            self.import_paths([name])

    def import_paths(self, paths: list[Any]) -> bool:
        if self.library is None:
            self.window.show_error("Library not available", "The library could not be opened this time.")
            return False
        if not self.importer.start(paths):
            self.window.show_error(
                "Import running", "An import is already running; wait for it or cancel it."
            )
            return False
        return True

    def _on_import_finished(self, report: Any) -> None:
        if self.library_window is not None and self.library_window.isVisible():
            self.library_window.refresh()
        if report is not None:
            self.window.statusBar().showMessage(
                f"Imported {len(report.imported)} article(s), skipped {len(report.skipped)}", 10_000
            )

    # -- events -----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Drop and watched is self.window:
            assert isinstance(event, QDropEvent)
            mime = event.mimeData()
            folders = [
                Path(u.toLocalFile())
                for u in mime.urls()
                if u.isLocalFile() and Path(u.toLocalFile()).is_dir()
            ]
            if folders:
                event.acceptProposedAction()
                self.import_paths(folders)
                return True
        if kind == QEvent.Type.Close and watched is self.window:
            self.notes.flush()
            self.wait()
            self.importer.shutdown()
            if self.library_window is not None:
                self.library_window.close()
        return False


def _open_library(data_dir: Path) -> Any:
    """Open the library (in the worker: sqlite-utils pulls in pandas, half a second of imports)."""
    from app.store.library import Library

    return Library.open(data_dir, backups=False)


def install_library_features(window: QMainWindow, **kwargs: Any) -> LibraryFeatures:
    """Add the library (saving, notes, library window, search, import) to `window` (a MainWindow)."""
    features = LibraryFeatures(window, **kwargs)
    window.library_features = features  # type: ignore[attr-defined]
    return features
