"""The library window: saved articles (sort, filter, open, delete with undo), search, and entities across
the library (the articles each appears in and who appears with it)."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QObject,
    QRunnable,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    QUrl,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import StoreError
from app.ui.search_view import SearchView

log = logging.getLogger(__name__)

COLUMNS = ("★", "Title · العنوان", "Source · المصدر", "Date · التاريخ", "Entities", "Tags · وسوم")
COL_STAR, COL_TITLE, COL_SOURCE, COL_DATE, COL_ENTITIES, COL_TAGS = range(len(COLUMNS))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class ArticlesFilter(QSortFilterProxyModel):
    """Filters on title, source, date and tags (any column) and, optionally, starred only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.starred_only = False
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(SORT_ROLE)

    def set_starred_only(self, on: bool) -> None:
        self.starred_only = on
        self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: Any) -> bool:
        if self.starred_only:
            item = self.sourceModel().index(row, COL_STAR, parent)
            if not item.data(SORT_ROLE):
                return False
        return super().filterAcceptsRow(row, parent)


class _CountSignals(QObject):
    done = Signal(int, object)  # generation, {article id: number of entities}


class _CountJob(QRunnable):
    """Counts the entities of each listed article off the GUI thread (one query per article)."""

    def __init__(self, generation: int, library: Any, ids: list[int], signals: _CountSignals) -> None:
        super().__init__()
        self.generation, self.library, self.ids, self.signals = generation, library, ids, signals

    def run(self) -> None:
        counts: dict[int, int] = {}
        try:
            for i in self.ids:
                counts[i] = len(self.library.entities_of(i))
        except StoreError:
            log.warning("counting entities failed", exc_info=True)
        self.signals.done.emit(self.generation, counts)


class ArticlesView(QWidget):
    open_article = Signal(int)
    error = Signal(str, str)

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._deleted: list[list[int]] = []
        self._generation = 0
        self.counts_pending = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._count_signals = _CountSignals(self)
        self._count_signals.done.connect(self._on_counts)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setObjectName("libraryFilter")
        self.filter.setPlaceholderText("Filter by title, source, date or tag · تصفية")
        self.filter.setClearButtonEnabled(True)
        self.starred = QCheckBox("Starred only", self)
        top.addWidget(self.filter, 1)
        top.addWidget(self.starred)
        layout.addLayout(top)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = ArticlesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_STAR, COL_SOURCE, COL_DATE, COL_ENTITIES, COL_TAGS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self._open_index(index))
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count = QLabel("", self)
        self.open_button = QPushButton("Open", self)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton("Delete…", self)
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.undo_button = QPushButton("Undo Delete", self)
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.setEnabled(False)
        bottom.addWidget(self.count, 1)
        for b in (self.open_button, self.delete_button, self.undo_button):
            bottom.addWidget(b)
        layout.addLayout(bottom)

        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.starred.toggled.connect(self.proxy.set_starred_only)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, lambda: self.delete_selected())
        self.refresh()
        self.table.sortByColumn(COL_DATE, Qt.SortOrder.DescendingOrder)

    def refresh(self) -> None:
        """List the saved articles now; their entity counts follow from a worker."""
        try:
            infos = self.library.list_articles()
        except StoreError as err:
            self.error.emit("Library", str(err))
            return
        self._generation += 1
        self._rows: dict[int, int] = {info.id: n for n, info in enumerate(infos)}
        self.model.removeRows(0, self.model.rowCount())
        for info in infos:
            date = info.date or info.added_at[:10]
            cells = [
                ("★" if info.starred else "", int(info.starred)),
                (info.title or f"Article {info.id}", info.title),
                ("\u2066" + (Path(info.source).name or info.source) + "\u2069", info.source),
                (date, date),
                ("…", -1),
                (", ".join(info.tags), ", ".join(info.tags)),
            ]
            row = []
            for text, key in cells:
                item = QStandardItem(text)
                item.setData(info.id, ID_ROLE)
                item.setData(key, SORT_ROLE)
                item.setToolTip(info.source if key is info.source else text)
                row.append(item)
            self.model.appendRow(row)
        self.count.setText(f"{len(infos)} article(s)")
        self.counts_pending = True
        self._pool.start(
            _CountJob(self._generation, self.library, [i.id for i in infos], self._count_signals)
        )

    def _on_counts(self, generation: int, counts: dict[int, int]) -> None:
        if generation != self._generation:
            return  # the list was refreshed meanwhile; a newer count is on its way
        for article_id, n in counts.items():
            row = self._rows.get(article_id)
            item = self.model.item(row, COL_ENTITIES) if row is not None else None
            if item is not None:
                item.setText(str(n))
                item.setData(n, SORT_ROLE)
        self.counts_pending = False

    def wait(self, msecs: int = 30_000) -> bool:
        return bool(self._pool.waitForDone(msecs))

    def visible_ids(self) -> list[int]:
        return [int(self.proxy.index(r, 0).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def selected_ids(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [int(self.proxy.index(r, 0).data(ID_ROLE)) for r in sorted(rows)]

    def select_id(self, article_id: int) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(ID_ROLE) == article_id:
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.table.selectionModel().setCurrentIndex(index, flags)
                return

    def _open_index(self, index: Any) -> None:
        if index.isValid():
            self.open_article.emit(int(index.data(ID_ROLE)))

    def open_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_article.emit(ids[0])

    def confirm_delete(self, n: int) -> bool:
        answer = QMessageBox.question(
            self,
            "Delete from library",
            f"Move {n} article(s) to the bin? Their notes go with them; Undo Delete brings them back.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self, confirm: bool = True) -> list[int]:
        ids = self.selected_ids()
        if not ids or (confirm and not self.confirm_delete(len(ids))):
            return []
        try:
            with self.library.batch("deleted"):
                for i in ids:
                    self.library.delete_article(i)
        except StoreError as err:
            self.error.emit("Not deleted", str(err))
            return []
        self._deleted.append(ids)
        self.undo_button.setEnabled(True)
        self.refresh()
        return ids

    def undo_delete(self) -> None:
        if not self._deleted:
            return
        ids = self._deleted.pop()
        try:
            with self.library.batch("restored"):
                for i in ids:
                    self.library.restore_article(i)
        except StoreError as err:
            self.error.emit("Not restored", str(err))
        self.undo_button.setEnabled(bool(self._deleted))
        self.refresh()


class EntitiesView(QWidget):
    """Every entity of the library; the chosen one's articles and the entities seen with it."""

    open_article = Signal(int)
    error = Signal(str, str)

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.entities: list[Any] = []
        layout = QVBoxLayout(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter entities · تصفية الكيانات")
        self.filter.textChanged.connect(self._apply_filter)
        layout.addWidget(self.filter)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableWidget(0, 4, split)
        self.table.setObjectName("entityTable")
        self.table.setHorizontalHeaderLabels(["Name · الاسم", "Type", "Articles", "Mentions"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_row(row))
        self.detail = QTextBrowser(split)
        self.detail.setObjectName("entityDetail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_link)
        split.setSizes([300, 400])
        layout.addWidget(split, 1)

    def refresh(self) -> None:
        try:
            self.entities = self.library.entity_overview(limit=2000)
        except StoreError as err:
            self.error.emit("Library", str(err))
            return
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.entities))
        for r, e in enumerate(self.entities):
            for c, value in enumerate((e.name, e.label, e.articles, e.mentions)):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                item.setData(ID_ROLE, e.id)
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the most widespread first
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        from app.text.normalize import normalize

        q = normalize(text.strip())
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            self.table.setRowHidden(r, bool(q) and q not in normalize(item.text() if item else ""))

    def show_row(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None:
            self.show_entity(int(item.data(ID_ROLE)))

    def show_entity(self, entity_id: int) -> str:
        try:
            view = self.library.entity_view(entity_id, co_limit=10, article_limit=50)
        except StoreError as err:
            self.error.emit("Library", str(err))
            return ""
        e = view.entity
        parts = [
            f'<div dir="rtl" align="right"><h3>{html.escape(e.name)} '
            f"<small>({html.escape(e.label)})</small></h3>",
            f'<p dir="ltr" align="right">{e.articles} article(s), {e.mentions} mention(s)</p>'
            "<h4>Articles · المقالات</h4><ul>",
        ]
        for info, n in view.articles:
            title = html.escape(info.title or f"Article {info.id}")
            parts.append(f'<li><a href="article:{info.id}">{title}</a> — {n}</li>')
        parts.append("</ul><h4>Seen with · يظهر مع</h4><ul>")
        for other, shared in view.co_occurring:
            parts.append(
                f"<li>{html.escape(other.name)} <small>({html.escape(other.label)})</small> — {shared}</li>"
            )
        parts.append("</ul>")
        if view.notes:
            parts.append("<h4>Notes · ملاحظات</h4><ul>")
            for note in view.notes:
                parts.append(f"<li>{html.escape(note.body)}</li>")
            parts.append("</ul>")
        parts.append("</div>")
        page = "".join(parts)
        self.detail.setHtml(page)
        return page

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("article:"):
            self.open_article.emit(int(text.partition(":")[2]))


class LibraryWindow(QMainWindow):
    """Articles, Search and Entities tabs over one library. `open_article(id)` opens one in the reader."""

    open_article = Signal(int)
    error = Signal(str, str)

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("libraryWindow")
        self.setWindowTitle("Library · المكتبة — Qari")
        self.library = library
        self.tabs = QTabWidget(self)
        self.articles = ArticlesView(library, self.tabs)
        self.search = SearchView(library, self.tabs)
        self.entities = EntitiesView(library, self.tabs)
        self.tabs.addTab(self.articles, "Articles · المقالات")
        self.tabs.addTab(self.search, "Search · بحث")
        self.tabs.addTab(self.entities, "Entities · الكيانات")
        self.setCentralWidget(self.tabs)
        for view in (self.articles, self.search, self.entities):
            view.open_article.connect(self.open_article)
            view.error.connect(self.error)
        self.tabs.currentChanged.connect(self._on_tab)
        self.resize(900, 620)

    def _on_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.entities:
            self.entities.refresh()
        elif widget is self.search:
            self.search.refresh_tags()

    def refresh(self) -> None:
        self.articles.refresh()
        self.search.refresh_tags()
        if self.tabs.currentWidget() is self.entities:
            self.entities.refresh()

    def show_tab(self, name: str) -> None:
        widget = {"articles": self.articles, "search": self.search, "entities": self.entities}[name]
        self.show()
        self.raise_()
        self.activateWindow()
        self.tabs.setCurrentWidget(widget)
        if widget is self.search:
            self.search.focus_query()
