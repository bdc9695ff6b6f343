"""Qari's main window: the reading pane in the middle, menus, status bar; room for docks on either side."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QWidget

from app.core.errors import QariError
from app.core.models import Article
from app.ui import theme
from app.ui.bidi import Direction
from app.ui.reader_view import ReaderView
from app.ui.services import Services
from app.ui.workers import ReadSignals, ReadTask, user_message

log = logging.getLogger(__name__)

APP_NAME = "Qari"
MAX_RECENT = 10
ASYNC_READ_BYTES = 1_000_000  # files at least this big are read in a worker thread
HINT = (
    "Drop an article here, press Ctrl+O to open a file, or Ctrl+Shift+V to paste text.\n"
    "اسحب مقالًا إلى هنا، أو اضغط Ctrl+O لفتح ملف، أو Ctrl+Shift+V للصق نص."
)

_K_GEOMETRY = "window/geometry"
_K_STATE = "window/state"
_K_RECENT = "recent/files"
_K_THEME = "view/theme"
_K_ZOOM = "view/zoom"


class MainWindow(QMainWindow):
    """The reader. Services come in from `run_gui` (or a test); the window owns no global state."""

    article_changed = Signal(object)  # the new Article (entity panel, recognizer hook in here)
    open_failed = Signal(str, str)  # title, message
    theme_changed = Signal(str)  # "light" or "dark", after the palette changed

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
        )
        self.reader = ReaderView(services.font_family, self)
        self.reader.set_placeholder(HINT)
        self.setCentralWidget(self.reader)

        self.current_path: Path | None = None
        self._ticket = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._read_signals = ReadSignals(self)
        self._read_signals.finished.connect(self._on_read_finished)
        self._read_signals.failed.connect(self._on_read_failed)
        self._error_box: QMessageBox | None = None
        self.theme_name: theme.ThemeName = "light"
        # Export scopes other features offer: name -> ids of saved articles (see app.ui.export_features).
        self.export_sources: dict[str, Callable[[], list[int]]] = {}
        # scope -> what chose its articles, in words (the search of "search"), repeated in the export
        self.export_queries: dict[str, Callable[[], str]] = {}

        self._build_status_bar()
        self._build_menus()
        self._restore_settings()

    # -- construction -----------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.words_label = QLabel("", self)
        self.format_label = QLabel("", self)
        self.words_label.setObjectName("wordsLabel")
        self.format_label.setObjectName("formatLabel")
        bar.addPermanentWidget(self.format_label)
        bar.addPermanentWidget(self.words_label)

    def _action(
        self, text: str, slot: Callable[[], object], shortcuts: list[QKeySequence] | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            unique: dict[str, QKeySequence] = {}
            for seq in shortcuts:  # platform standard keys often repeat ours (an ambiguous shortcut)
                if not seq.isEmpty():
                    unique.setdefault(seq.toString(), seq)
            action.setShortcuts(list(unique.values()))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _build_menus(self) -> None:
        menus = self.menuBar()
        self.file_menu = menus.addMenu("&File")
        self.open_action = self._action(
            "&Open…", self.open_dialog, [QKeySequence(QKeySequence.StandardKey.Open)]
        )
        self.file_menu.addAction(self.open_action)
        self.recent_menu = self.file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.paste_action = self._action(
            "&Paste as New Article", self.paste_article, [QKeySequence("Ctrl+Shift+V")]
        )
        self.file_menu.addAction(self.paste_action)
        self.file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, [QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.addAction(self.quit_action)

        self.view_menu = menus.addMenu("&View")
        self.zoom_in_action = self._action(
            "Zoom &In",
            self.zoom_in,
            [QKeySequence("Ctrl+="), QKeySequence("Ctrl++"), QKeySequence(QKeySequence.StandardKey.ZoomIn)],
        )
        self.zoom_out_action = self._action(
            "Zoom &Out",
            self.zoom_out,
            [QKeySequence("Ctrl+-"), QKeySequence(QKeySequence.StandardKey.ZoomOut)],
        )
        self.zoom_reset_action = self._action("&Actual Size", self.zoom_reset, [QKeySequence("Ctrl+0")])
        for a in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            self.view_menu.addAction(a)
        self.view_menu.addSeparator()
        self.theme_group = QActionGroup(self)
        self.theme_group.setExclusive(True)
        self.theme_actions: dict[str, QAction] = {}
        for name in theme.THEMES:
            action = QAction(f"{name.capitalize()} Theme", self, checkable=True)
            action.setData(name)
            action.triggered.connect(lambda _checked=False, n=name: self.set_theme(n))
            self.theme_group.addAction(action)
            self.view_menu.addAction(action)
            self.theme_actions[name] = action
        # Panels added later (entities, library) put their toggle actions after this separator.
        self.view_menu.addSeparator()

    def _restore_settings(self) -> None:
        geometry = self.settings.value(_K_GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(980, 760)
        state = self.settings.value(_K_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        name = str(self.settings.value(_K_THEME, "light"))
        self.set_theme(name if name in theme.THEMES else "light", save=False)
        try:
            zoom = int(self.settings.value(_K_ZOOM, 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            zoom = 0
        self.reader.set_zoom(zoom)
        self.reader.zoom_changed.connect(self._save_zoom)

    def save_window_state(self) -> None:
        self.settings.setValue(_K_GEOMETRY, self.saveGeometry())
        self.settings.setValue(_K_STATE, self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ticket += 1  # a read still running is dropped...
        self._pool.clear()
        self._pool.waitForDone(10_000)  # ...and finishes before the window (its signal's owner) goes
        self.save_window_state()
        super().closeEvent(event)

    # -- opening ----------------------------------------------------------------------------------
    def open_path(self, path: str | Path) -> bool:
        """Open a file: small ones now, big ones in a worker. Returns False when it failed right away."""
        path = Path(path)
        self._ticket += 1
        ticket = self._ticket
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # let the reader report the missing/unreadable file in its own words
        if size >= ASYNC_READ_BYTES:
            self.statusBar().showMessage(f"Opening {path.name}…")
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._pool.start(ReadTask(ticket, path, self.services.read_path, self._read_signals))
            return True
        try:
            article = self.services.read_path(path)
        except (QariError, OSError) as err:
            self._open_error(path, user_message(err, path))
            return False
        except Exception as err:
            log.exception("reading %s failed", path)
            self._open_error(path, f"Unexpected error while reading the file: {err!r}")
            return False
        self._show_article(article, path)
        return True

    def _on_read_finished(
        self, ticket: int, path: Path, article: Article, directions: list[Direction]
    ) -> None:
        QApplication.restoreOverrideCursor()
        if ticket != self._ticket:
            return  # the user opened something else meanwhile
        self.statusBar().clearMessage()
        self._show_article(article, path, directions)

    def _on_read_failed(self, ticket: int, path: Path, message: str, is_bug: bool) -> None:
        QApplication.restoreOverrideCursor()
        if ticket != self._ticket:
            return
        self.statusBar().clearMessage()
        self._open_error(path, message)

    def wait_for_reads(self, msecs: int = 30_000) -> bool:
        """Block until background reads are done (tests, shutdown)."""
        return bool(self._pool.waitForDone(msecs))

    def _open_error(self, path: Path, message: str) -> None:
        self.show_error(f"Could not open {path.name}", message)

    def open_dialog(self) -> None:
        start = str(self.current_path.parent) if self.current_path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Open Article", start, self.dialog_filter())
        if name:
            self.open_path(name)

    def dialog_filter(self) -> str:
        patterns = " ".join(f"*{s}" for s in self.services.suffixes())
        return f"Articles ({patterns});;All files (*)"

    def paste_article(self) -> bool:
        """Make a new article of the clipboard's text."""
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.show_error(
                "Nothing to paste", "The clipboard holds no text. Copy some text, then try again."
            )
            return False
        return self.open_text(text, source="clipboard")

    def open_text(self, text: str, source: str = "clipboard") -> bool:
        self._ticket += 1
        try:
            article = self.services.read_pasted(text, source)
        except QariError as err:
            self.show_error("Could not read the pasted text", str(err))
            return False
        self._show_article(article, None)
        return True

    def open_article(self, article: Article, path: Path | None = None) -> None:
        """Show an article already read (the library opens its saved copies through this)."""
        self._ticket += 1
        self._show_article(article, path)

    def _show_article(
        self, article: Article, path: Path | None, directions: list[Direction] | None = None
    ) -> None:
        self.current_path = path
        self.reader.set_article(article, directions)
        title = article.title or (path.name if path else "Pasted text")
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.words_label.setText(f"{article.word_count:,} words")
        parts = [article.fmt.upper()] if article.fmt else []
        if article.encoding:
            from app.text.decode import encoding_label

            parts.append(encoding_label(article.encoding))
        self.format_label.setText(" · ".join(parts))
        if path is not None:
            self.add_recent(path)
        self.article_changed.emit(article)

    @property
    def article(self) -> Article | None:
        return self.reader.article

    # -- recent files -----------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        raw = self.settings.value(_K_RECENT, "[]")
        try:
            items = json.loads(str(raw))
        except ValueError:
            return []
        return [str(x) for x in items if isinstance(x, str)][:MAX_RECENT]

    def _set_recent(self, items: list[str]) -> None:
        self.settings.setValue(_K_RECENT, json.dumps(items[:MAX_RECENT], ensure_ascii=False))
        self.settings.sync()

    def add_recent(self, path: Path) -> None:
        key = str(path.resolve())
        items = [key] + [p for p in self.recent_files() if p != key]
        self._set_recent(items)

    def remove_recent(self, path: str) -> None:
        self._set_recent([p for p in self.recent_files() if p != path])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        items = self.recent_files()
        for i, item in enumerate(items):
            label = f"&{i + 1 if i < 9 else 0}  {Path(item).name}"
            action = self.recent_menu.addAction(label)
            action.setToolTip(item)
            action.setStatusTip(item)
            action.triggered.connect(lambda _checked=False, p=item: self.open_recent(p))
        if not items:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Menu", lambda: self._set_recent([]))

    def open_recent(self, item: str) -> bool:
        path = Path(item)
        if not path.exists():
            self.remove_recent(item)
            self.show_error(
                "File not found",
                f"{path.name} is no longer at {path.parent}; it has been removed from the recent files.",
            )
            return False
        return self.open_path(path)

    # -- drag and drop ----------------------------------------------------------------------------
    @staticmethod
    def _dropped_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls() if isinstance(u, QUrl) and u.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event) or event.mimeData().hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_files(event) or event.mimeData().hasText():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._dropped_files(event)
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])  # one article at a time; the first dropped file
            return
        if event.mimeData().hasText() and not event.mimeData().hasUrls():
            event.acceptProposedAction()
            self.open_text(event.mimeData().text(), source="drop")
            return
        event.ignore()

    # -- view -------------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self._set_zoom(self.reader.zoom + 1)

    def zoom_out(self) -> None:
        self._set_zoom(self.reader.zoom - 1)

    def zoom_reset(self) -> None:
        self._set_zoom(0)

    def _set_zoom(self, steps: int) -> None:
        self.reader.set_zoom(steps)

    def _save_zoom(self, steps: int) -> None:
        self.settings.setValue(_K_ZOOM, steps)

    def set_theme(self, name: str, save: bool = True) -> None:
        if name not in theme.THEMES:
            raise ValueError(f"unknown theme {name!r}")
        self.theme_name = name
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app, self.theme_name)
        self.theme_actions[name].setChecked(True)
        if self.reader.article is None:
            self.reader.set_article(None)  # the hint's colour follows the palette
        if save:
            self.settings.setValue(_K_THEME, name)
        self.theme_changed.emit(name)

    # -- errors -----------------------------------------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        """Tell the user what went wrong without blocking (window-modal box, opened asynchronously)."""
        log.info("%s: %s", title, message)
        self.open_failed.emit(title, message)
        if self._error_box is not None:
            self._error_box.close()
            self._error_box.deleteLater()
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        self._error_box = box
        box.open()


class FirstPaintWatcher(QObject):
    """Calls `callback` once, at the first paint of the watched widget (start-up benchmark)."""

    def __init__(self, callback: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._callback = callback
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            self._callback()
        return False
