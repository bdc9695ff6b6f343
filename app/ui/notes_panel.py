"""The notes panel: the open article's notes (on it, on passages of it, on its entities), a star and tags.

Notes are plain text with Markdown: edited as plain text, shown rendered (`QTextDocument.setMarkdown`).
What the analyst types is saved after a short pause (`AUTOSAVE_MS`) and when the panel is flushed (on
closing the window or switching articles), so no note is lost. Deleting a note and editing one can be
undone (the store keeps deleted notes and earlier texts).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import StoreError

log = logging.getLogger(__name__)

AUTOSAVE_MS = 700
KIND_TITLE = {"article": "Article · المقال", "passage": "Passage · مقطع", "entity": "Entity · كيان"}
NOTE_COLOR = QColor("#e0a526")  # the margin mark of a passage note


def markdown_to_plain(body: str) -> str:
    """The note as rendered text (Markdown marks gone), for one-line previews."""
    doc = QTextDocument()
    doc.setMarkdown(body)
    return doc.toPlainText()


def short_time(iso: str) -> str:
    """`2026-11-29T17:20:24.123+00:00` -> `2026-11-29 17:20`, isolated left to right (it sits in
    right-to-left lines)."""
    return "\u200e" + iso.replace("T", " ")[:16] + "\u200e"


class NotesPanel(QDockWidget):
    """Lists and edits the notes of one saved article. Talks to the library only through `library`."""

    notes_changed = Signal()  # a note was added, edited, deleted or restored (margin marks repaint)
    go_to_passage = Signal(int, int)  # article offsets of a passage note that was activated
    error = Signal(str, str)  # title, message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Notes · ملاحظات", parent)
        self.setObjectName("notesPanel")
        self.library: Any = None
        self.article_id: int | None = None
        self.entity_ids: dict[str, int] = {}  # entity key -> library id, for the open article
        self.notes: list[Any] = []
        self.current_id: int | None = None
        self._dirty = False
        self._undo: list[tuple[str, int, str]] = []  # ("delete", id, "") or ("edit", id, body before)
        self._edited_since_select = False
        self._body_at_select = ""

        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(4, 4, 4, 4)

        header = QHBoxLayout()
        self.star_button = QToolButton(box)
        self.star_button.setObjectName("starButton")
        self.star_button.setCheckable(True)
        self.star_button.setText("☆")
        self.star_button.setToolTip("Star this article")
        self.star_button.toggled.connect(self._on_star)
        self.tags_edit = QLineEdit(box)
        self.tags_edit.setObjectName("tagsEdit")
        self.tags_edit.setPlaceholderText("Tags, comma separated · وسوم")
        self.tags_edit.editingFinished.connect(self._on_tags)
        header.addWidget(self.star_button)
        header.addWidget(self.tags_edit, 1)
        layout.addLayout(header)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("New Note", box)
        self.new_button.setToolTip("A note on the whole article")
        self.new_button.clicked.connect(lambda: self.add_note("article"))
        self.delete_button = QPushButton("Delete", box)
        self.delete_button.clicked.connect(self.delete_current)
        self.undo_button = QPushButton("Undo", box)
        self.undo_button.setToolTip("Undo the last note deletion or edit")
        self.undo_button.clicked.connect(self.undo)
        for b in (self.new_button, self.delete_button, self.undo_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Vertical, box)
        self.list = QListWidget(split)
        self.list.setObjectName("notesList")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemActivated.connect(self._on_activated)
        self.editor = QPlainTextEdit(split)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText("Write the note here (Markdown) · اكتب الملاحظة هنا")
        self.editor.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.editor.textChanged.connect(self._on_typed)
        self.preview = QTextBrowser(split)
        self.preview.setObjectName("notePreview")
        self.preview.setOpenLinks(False)
        self.preview.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        split.setSizes([200, 140, 100])
        layout.addWidget(split, 1)
        self.status = QLabel("", box)
        self.status.setObjectName("notesStatus")
        layout.addWidget(self.status)
        self.setWidget(box)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        self._set_enabled(False)

    # -- wiring -----------------------------------------------------------------------------------
    def _call(self, title: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except StoreError as err:
            self.error.emit(title, str(err))
            return None

    def _set_enabled(self, on: bool) -> None:
        for w in (self.star_button, self.tags_edit, self.new_button, self.list):
            w.setEnabled(on)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_id is not None
        self.delete_button.setEnabled(has)
        self.editor.setEnabled(has)
        self.undo_button.setEnabled(bool(self._undo))

    def set_article(self, library: Any, article_id: int | None) -> None:
        """Show the notes of a saved article (None: no article, or it could not be saved)."""
        self.flush()
        self.library = library
        if article_id != self.article_id:
            self._undo.clear()
        self.article_id = article_id
        self.entity_ids = {}
        self.current_id = None
        self._set_enabled(article_id is not None and library is not None)
        with QSignalBlocker(self.star_button), QSignalBlocker(self.tags_edit):
            if article_id is not None and library is not None:
                saved = self._call("Library", lambda: library.get_article(article_id))
                starred = bool(saved and saved.info.starred)
                self.star_button.setChecked(starred)
                self.star_button.setText("★" if starred else "☆")
                self.tags_edit.setText(", ".join(saved.info.tags) if saved else "")
            else:
                self.star_button.setChecked(False)
                self.star_button.setText("☆")
                self.tags_edit.clear()
        self.reload()

    def set_entity_ids(self, ids: dict[str, int]) -> None:
        """The open article's entities are saved: their notes join the list."""
        self.entity_ids = dict(ids)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        self.flush()  # what is being typed is saved before the list is read again
        keep = select if select is not None else self.current_id
        if self.library is None or self.article_id is None:
            self.notes = []
        else:
            self.notes = self._call("Notes", lambda: self.library.notes_for_article(self.article_id)) or []
        with QSignalBlocker(self.list):
            self.list.clear()
            for note in self.notes:
                item = QListWidgetItem(self._label(note))
                item.setData(Qt.ItemDataRole.UserRole, note.id)
                item.setToolTip(note.body)
                self.list.addItem(item)
        previous = self.current_id
        self.current_id = None
        row = next((i for i, n in enumerate(self.notes) if n.id == keep), -1)
        if row >= 0:
            with QSignalBlocker(self.list):
                self.list.setCurrentRow(row)
            note = self.notes[row]
            if note.id == previous and note.body == self.editor.toPlainText():
                self.current_id = note.id  # the note being edited: its cursor and undo stay
                self._update_buttons()
            else:
                self._select(note)
        else:
            self._select(None)
        self.notes_changed.emit()

    @staticmethod
    def _label(note: Any) -> str:
        kind = KIND_TITLE[note.kind]
        if note.kind == "entity" and note.entity_name:
            kind += f" «{note.entity_name}»"
        elif note.kind == "passage" and note.quote:
            quote = " ".join(note.quote.split())
            kind += f" «{quote[:40]}{'…' if len(quote) > 40 else ''}»"
        text = markdown_to_plain(note.body).strip().replace("\n", " ")
        return f"{kind}\n{short_time(note.updated_at)}\n{text[:120]}"

    def note(self, note_id: int) -> Any:
        return next((n for n in self.notes if n.id == note_id), None)

    # -- selection and editing --------------------------------------------------------------------
    def _on_current(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        self.flush()
        note = self.note(int(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None
        self._select(note)

    def _select(self, note: Any) -> None:
        self.current_id = note.id if note is not None else None
        self._edited_since_select = False
        self._body_at_select = note.body if note is not None else ""
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(self._body_at_select)
        self._render(self._body_at_select)
        self._update_buttons()

    def _render(self, body: str) -> None:
        self.preview.document().setMarkdown(body)

    def _on_activated(self, item: QListWidgetItem) -> None:
        note = self.note(int(item.data(Qt.ItemDataRole.UserRole)))
        if note is not None and note.kind == "passage":
            self.go_to_passage.emit(note.start, note.end)

    def _on_typed(self) -> None:
        if self.current_id is None:
            return
        self._dirty = True
        self._render(self.editor.toPlainText())
        self.status.setText("Editing…")
        self._timer.start()

    def flush(self) -> None:
        """Save what was typed now (the timer calls this; so do closing and switching articles)."""
        self._timer.stop()
        if not self._dirty or self.current_id is None or self.library is None:
            self._dirty = False
            return
        self._dirty = False
        body = self.editor.toPlainText()
        note_id = self.current_id
        if not body.strip():
            self.status.setText("An empty note is not saved; delete it instead.")
            return
        saved = self._call("Note not saved", lambda: self.library.edit_note(note_id, body))
        if saved is None:
            self._dirty = True
            return
        if not self._edited_since_select and body != self._body_at_select:
            self._undo.append(("edit", note_id, self._body_at_select))
            self._edited_since_select = True
        for i, n in enumerate(self.notes):
            if n.id == note_id:
                self.notes[i] = saved
                item = self.list.item(i)
                if item is not None:
                    item.setText(self._label(saved))
                    item.setToolTip(saved.body)
        self.status.setText(f"Saved {short_time(saved.updated_at)}")
        self._update_buttons()

    def add_note(
        self,
        kind: str,
        *,
        body: str = "",
        span: tuple[int, int] | None = None,
        entity_id: int | None = None,
    ) -> Any:
        """Make a note (article, passage `span`, or entity `entity_id`) and put the cursor in it."""
        if self.library is None or self.article_id is None:
            self.error.emit("No article", "Open an article first; notes are kept with saved articles.")
            return None
        self.flush()
        text = body or "…"
        kwargs: dict[str, Any] = {"article_id": self.article_id}
        if kind == "passage" and span is not None:
            kwargs.update(start=span[0], end=span[1])
        elif kind == "entity" and entity_id is not None:
            kwargs.update(entity_id=entity_id)
        note = self._call("Note not saved", lambda: self.library.add_note(text, **kwargs))
        if note is None:
            return None
        self.show()
        self.raise_()
        self.reload(select=note.id)
        self.editor.setFocus()
        self.editor.selectAll()
        return note

    def delete_current(self) -> None:
        if self.current_id is None or self.library is None:
            return
        self.flush()
        note_id = self.current_id
        try:
            self.library.delete_note(note_id)
        except StoreError as err:
            self.error.emit("Note not deleted", str(err))
            return
        self._undo.append(("delete", note_id, ""))
        self.status.setText("Note deleted (Undo brings it back)")
        self.reload()
        self._update_buttons()

    def undo(self) -> None:
        """Undo the last deletion, or the last editing of a note (back to its text before)."""
        self.flush()
        if not self._undo or self.library is None:
            return
        kind, note_id, body = self._undo.pop()
        if kind == "delete":
            self._call("Note not restored", lambda: self.library.restore_note(note_id))
            self.status.setText("Note restored")
        else:
            self._call("Note not restored", lambda: self.library.edit_note(note_id, body))
            self.status.setText("Edit undone")
        self.reload(select=note_id)
        self._update_buttons()

    # -- star and tags ----------------------------------------------------------------------------
    def _on_star(self, on: bool) -> None:
        self.star_button.setText("★" if on else "☆")
        if self.library is not None and self.article_id is not None:
            aid = self.article_id
            self._call("Star not saved", lambda: self.library.set_star(aid, on))

    def _on_tags(self) -> None:
        if self.library is None or self.article_id is None:
            return
        aid = self.article_id
        wanted = [t for t in (" ".join(x.split()) for x in self.tags_edit.text().split(",")) if t]
        current = set(self._call("Tags", lambda: self.library.tags_of(aid)) or ())

        def apply() -> bool:
            with self.library.batch("tagged"):
                for t in current - set(wanted):
                    self.library.remove_tag(aid, t)
                for t in wanted:
                    if t not in current:
                        self.library.add_tag(aid, t)
            return True

        self._call("Tags not saved", apply)
