"""Searching the library: words or a "phrase" over the normalized text, with filters; snippets shown
right to left with the matches highlighted (cut from the original text, every fragment escaped)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import StoreError
from app.core.models import ENTITY_TYPES

SEARCH_DELAY_MS = 250
MARK_STYLE = "background-color:#ffd54f; color:#000; font-weight:bold"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def snippet_html(snippet: str, highlights: Sequence[tuple[int, int]]) -> str:
    """The snippet as HTML: every fragment escaped, the matched spans marked."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(highlights):
        if start < pos or end <= start or end > len(snippet):
            continue
        out.append(html.escape(snippet[pos:start]))
        out.append(f'<span style="{MARK_STYLE}">{html.escape(snippet[start:end])}</span>')
        pos = end
    out.append(html.escape(snippet[pos:]))
    return "".join(out)


def results_html(results: Sequence[Any]) -> str:
    """Search results as one right-to-left HTML page; each title links to `article:ID`."""
    if not results:
        return '<p dir="rtl" align="right">No articles found · لم يُعثر على مقالات</p>'
    parts = []
    for r in results:
        star = "★ " if r.starred else ""
        date = f' <span style="color:#777">\u2066{html.escape(r.date)}\u2069</span>' if r.date else ""
        title = html.escape(r.title or f"Article {r.id}")
        parts.append(
            f'<div dir="rtl" align="right" style="margin-bottom:12px">'
            f'<a href="article:{r.id}"><b>{star}{title}</b></a>{date}<br/>'
            f"{snippet_html(r.snippet, r.highlights)}</div>"
        )
    return "".join(parts)


class _SearchSignals(QObject):
    done = Signal(int, object)  # ticket, results
    failed = Signal(int, str)


class _SearchJob(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], Any], signals: _SearchSignals) -> None:
        super().__init__()
        self.ticket, self.fn, self.signals = ticket, fn, signals

    def run(self) -> None:
        try:
            results = self.fn()
        except StoreError as err:
            self.signals.failed.emit(self.ticket, str(err))
        else:
            self.signals.done.emit(self.ticket, results)


class SearchView(QWidget):
    """A query box, filters and the results. `open_article(id)` when a result is clicked."""

    open_article = Signal(int)
    error = Signal(str, str)

    def __init__(self, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.results: list[Any] = []
        # the search of the shown results in words, and of the one last started
        self._results_query = ""
        self._asked = ""
        layout = QVBoxLayout(self)
        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText('Search the library: words, or a "phrase" · ابحث في المكتبة')
        self.query.setClearButtonEnabled(True)
        self.query.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        layout.addWidget(self.query)

        form = QFormLayout()
        self.entity = QLineEdit(self)
        self.entity.setPlaceholderText("An entity's name · اسم كيان")
        self.label = QComboBox(self)
        self.label.addItem("Any type", "")
        for t in ENTITY_TYPES:
            self.label.addItem(t, t)
        self.tag = QComboBox(self)
        self.starred = QCheckBox("Starred only", self)
        self.date_from = QLineEdit(self)
        self.date_from.setPlaceholderText("from YYYY-MM-DD")
        self.date_to = QLineEdit(self)
        self.date_to.setPlaceholderText("to YYYY-MM-DD")
        row1 = QHBoxLayout()
        row1.addWidget(self.entity, 2)
        row1.addWidget(self.label, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.tag, 1)
        row2.addWidget(self.starred)
        row2.addWidget(self.date_from, 1)
        row2.addWidget(self.date_to, 1)
        form.addRow("Entity", row1)
        form.addRow("Filters", row2)
        layout.addLayout(form)

        self.count = QLabel("", self)
        layout.addWidget(self.count)
        self.view = QTextBrowser(self)
        self.view.setObjectName("searchResults")
        self.view.setOpenLinks(False)
        self.view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.view.anchorClicked.connect(self._on_link)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_async)
        self._ticket = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _SearchSignals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        for edit in (self.query, self.entity, self.date_from, self.date_to):
            edit.textChanged.connect(lambda _t: self._timer.start())
            edit.returnPressed.connect(self.run_async)
        self.label.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.tag.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.starred.toggled.connect(lambda _on: self._timer.start())
        self.refresh_tags()

    def refresh_tags(self) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem("Any tag", "")
        try:
            tags = self.library.all_tags()
        except StoreError:
            tags = []
        for name, n in tags:
            self.tag.addItem(f"{name} ({n})", name)
        i = self.tag.findData(current)
        self.tag.setCurrentIndex(max(i, 0))
        self.tag.blockSignals(False)

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def _query(self) -> Callable[[], list[Any]] | None:
        """The search the boxes ask for, ready to run (on any thread); None when a date is not one."""
        dates = []
        for box in (self.date_from, self.date_to):
            value = box.text().strip()
            if value and not _DATE.match(value):
                self.count.setText(f"“{value}” is not a date; write it as YYYY-MM-DD.")
                return None
            dates.append(value or None)
        lib, text = self.library, self.query.text()
        self._asked = self._describe(text.strip(), dates)
        kwargs: dict[str, Any] = {
            "entity": self.entity.text().strip() or None,
            "label": self.label.currentData() or None,
            "tag": self.tag.currentData() or None,
            "starred": True if self.starred.isChecked() else None,
            "date_from": dates[0],
            "date_to": dates[1],
            "limit": 50,
        }
        return lambda: list(lib.search(text, **kwargs))

    def run_async(self) -> None:
        """Search in the worker (typing, Enter); the results replace the shown ones when they come."""
        self._timer.stop()
        self._ticket += 1
        fn = self._query()
        if fn is not None:
            self.count.setText("Searching…")
            self._pool.start(_SearchJob(self._ticket, fn, self._signals))

    def run(self) -> list[Any]:
        """Search now, on this thread (tests, scripts); shows and returns the results."""
        self._timer.stop()
        self._ticket += 1
        fn = self._query()
        if fn is None:
            return self.results
        try:
            self._show(fn())
        except StoreError as err:
            self.error.emit("Search failed", str(err))
        return self.results

    def result_query(self) -> str:
        """The search whose results are shown, in words ("" before any search)."""
        return self._results_query

    def result_ids(self) -> list[int]:
        """The ids of the articles found (File → Export… offers them as a scope)."""
        return [r.id for r in self.results]

    def wait(self, msecs: int = 10_000) -> bool:
        return bool(self._pool.waitForDone(msecs))

    def _on_done(self, ticket: int, results: list[Any]) -> None:
        if ticket == self._ticket:  # an older search finishing late is dropped
            self._show(results)

    def _on_failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self.count.setText("")
            self.error.emit("Search failed", message)

    def _describe(self, text: str, dates: list[str | None]) -> str:
        """The search the boxes ask for, in words (an export of the results repeats it)."""
        parts = [f"“{text}”"] if text else []
        if self.entity.text().strip():
            parts.append(f"entity: {self.entity.text().strip()}")
        if self.label.currentData():
            parts.append(f"type: {self.label.currentData()}")
        if self.tag.currentData():
            parts.append(f"tag: {self.tag.currentData()}")
        if self.starred.isChecked():
            parts.append("starred")
        if dates[0] or dates[1]:
            parts.append(f"dates: {dates[0] or '…'} – {dates[1] or '…'}")
        return " · ".join(parts) or "all articles"

    def _show(self, results: list[Any]) -> None:
        self.results = results
        self._results_query = self._asked
        self.count.setText(f"{len(self.results)} article(s)")
        self.view.setHtml(results_html(self.results))

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("article:"):
            self.open_article.emit(int(text.partition(":")[2]))
