"""The reading pane: an article rendered paragraph by paragraph, each with its own direction.

The document is built from the `Article` with a `QTextCursor`, one block per paragraph, inserting plain
text only: nothing from the file is ever parsed as HTML here, and `loadResource` refuses every URL, so
opening content can never make a network (or file) request. The document's text equals `Article.text`
(Qt's paragraph separator takes the place of "\\n"), so article offsets map to document positions
through `app.ui.offsets.OffsetMap` alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QFont,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core.models import Article
from app.ui.bidi import Direction, article_directions, paragraph_direction
from app.ui.offsets import OffsetMap

BASE_POINT_SIZE = 15.0
MIN_ZOOM = -6
MAX_ZOOM = 12
LINE_HEIGHT_PERCENT = 125  # Naskh already has tall ascenders/descenders
COLUMN_EMS = 48  # the reading column is at most this many ems wide; wider windows centre it
MIN_SIDE_MARGIN = 28
HEADING_SIZE_ADJUSTMENT = 1  # like HTML's <h3>: one step larger than body text


class ReaderView(QTextBrowser):
    """Read-only view of one article. `select_span`/`span_to_cursor` take article (code point) offsets."""

    zoom_changed = Signal(int)

    def __init__(self, font_family: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerView")
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        # Drops go to the main window (which opens the file), not into the text.
        self.setAcceptDrops(False)
        self.viewport().setAcceptDrops(False)
        # Mouse selection (and Ctrl+C) without a blinking caret in the text.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._font_family = font_family
        self._zoom = 0
        self._article: Article | None = None
        self._offsets = OffsetMap("")
        self._placeholder = ""
        self._apply_font()

    # -- content ----------------------------------------------------------------------------------
    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def offsets(self) -> OffsetMap:
        return self._offsets

    def set_article(self, article: Article | None, directions: list[Direction] | None = None) -> None:
        """Show `article` (None shows the empty-reader hint). `directions` (one per paragraph, from
        `article_directions`) may be computed beforehand off the GUI thread."""
        self._article = article
        doc = QTextDocument(self)
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(MIN_SIDE_MARGIN)
        doc.setDefaultFont(self._base_font())
        if article is None:
            self._offsets = OffsetMap("")
            self._fill_hint(doc)
        else:
            self._offsets = OffsetMap(article.text)
            if directions is None or len(directions) != len(article.paragraphs):
                directions = article_directions(article)
            self._fill_article(doc, article, directions)
        self.setDocument(doc)
        self._update_column()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def set_placeholder(self, text: str) -> None:
        """The hint shown when no article is open."""
        self._placeholder = text
        if self._article is None:
            self.set_article(None)

    @staticmethod
    def _block_format(direction: str, *, heading: bool) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        rtl = direction == "rtl"
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        # AlignAbsolute: "right" means the right edge, whatever the widget's own direction.
        fmt.setAlignment(
            (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignAbsolute
        )
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(14 if not heading else 6)
        fmt.setTopMargin(16 if heading else 0)
        if heading:
            fmt.setHeadingLevel(3)
        return fmt

    @staticmethod
    def _char_format(*, heading: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if heading:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE_ADJUSTMENT)
        return fmt

    def _fill_article(self, doc: QTextDocument, article: Article, directions: list[Direction]) -> None:
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        # four kinds of paragraph (direction x heading): their formats are made once, not per paragraph
        formats = {
            (d, h): (self._block_format(d, heading=h), self._char_format(heading=h))
            for d in ("rtl", "ltr")
            for h in (False, True)
        }
        text = article.text
        for i, para in enumerate(article.paragraphs):
            bfmt, cfmt = formats[directions[i], para.kind == "heading"]
            if i == 0:
                cursor.setBlockFormat(bfmt)
                cursor.setBlockCharFormat(cfmt)
            else:
                cursor.insertBlock(bfmt, cfmt)
            cursor.insertText(text[para.start : para.end], cfmt)
        cursor.endEditBlock()

    def _fill_hint(self, doc: QTextDocument) -> None:
        cursor = QTextCursor(doc)
        opt = QTextOption(Qt.AlignmentFlag.AlignCenter)
        doc.setDefaultTextOption(opt)
        cfmt = QTextCharFormat()
        cfmt.setForeground(self.palette().placeholderText())
        for i, line in enumerate(self._placeholder.splitlines() or [""]):
            bfmt = self._block_format(paragraph_direction(line), heading=False)
            bfmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            if i == 0:
                bfmt.setTopMargin(60)
                cursor.setBlockFormat(bfmt)
            else:
                cursor.insertBlock(bfmt)
            cursor.insertText(line, cfmt)

    # -- article offsets -> document ----------------------------------------------------------------------
    def span_to_cursor(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting article.text[start:end] (code point offsets)."""
        if self._article is None:
            raise ValueError("no article is open")
        if not 0 <= start <= end <= len(self._article.text):
            raise ValueError(f"span ({start}, {end}) outside text of length {len(self._article.text)}")
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._offsets.py_to_qt(start))
        cursor.setPosition(self._offsets.py_to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def select_span(self, start: int, end: int) -> None:
        """Select article.text[start:end] and scroll it into view."""
        cursor = self.span_to_cursor(start, end)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as article offsets, or None when nothing is selected."""
        cursor = self.textCursor()
        if self._article is None or not cursor.hasSelection():
            return None
        return (
            self._offsets.qt_to_py(cursor.selectionStart()),
            self._offsets.qt_to_py(cursor.selectionEnd()),
        )

    # -- zoom -------------------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Zoom in points relative to the base size (0 = default), clamped to a readable range."""
        steps = max(MIN_ZOOM, min(MAX_ZOOM, steps))
        if steps == self._zoom:
            return
        self._zoom = steps
        self._apply_font()
        self.zoom_changed.emit(steps)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms through `set_zoom` (so the step is remembered), the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.set_zoom(self._zoom + (1 if delta > 0 else -1))
            event.accept()
            return
        super().wheelEvent(event)

    def point_size(self) -> float:
        return BASE_POINT_SIZE + self._zoom

    def _base_font(self) -> QFont:
        font = QFont(self.font())
        if self._font_family:
            font.setFamilies([self._font_family])
        font.setPointSizeF(self.point_size())
        return font

    def _apply_font(self) -> None:
        font = self._base_font()
        self.setFont(font)
        self.document().setDefaultFont(font)
        self._update_column()

    # -- layout: a centred reading column -----------------------------------------------------------
    def column_width(self) -> int:
        """Widest the text gets, in pixels: COLUMN_EMS ems of the current font."""
        return int(self.fontMetrics().horizontalAdvance("M") * COLUMN_EMS)

    def _update_column(self) -> None:
        doc = self.document()
        root = doc.rootFrame()
        fmt = root.frameFormat()
        avail = self.viewport().width() - 2 * MIN_SIDE_MARGIN
        # Explicit side margins replace the document margin on those sides, so it is added back here.
        side = MIN_SIDE_MARGIN + max(0, (avail - self.column_width()) // 2)
        if fmt.leftMargin() != side or fmt.rightMargin() != side:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            root.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_column()

    # -- security: never load anything ------------------------------------------------------------
    def loadResource(self, type: int, name: QUrl | str) -> object:
        """Refuse every resource (images, style sheets): the document is plain text from the article."""
        return None

    def setSource(
        self, name: QUrl | str, type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource
    ) -> None:
        """Links never navigate: the article stays as it was built."""
        return
