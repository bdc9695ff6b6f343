"""Entity highlights in the reading pane: character formats on the exact spans.

Each mention gets a background (and a text color that reads on it) merged into the document's own
character format, plus two custom properties: the entity's key and type. Qt shapes Arabic across format
boundaries that change only colors, so a highlight on part of a word (`واشنطن` in `لواشنطن`) keeps the
letters joined. Formats are applied in batches, one batch per event-loop turn, so highlighting thousands
of mentions never stalls the window; a newer call to `set_entities` abandons the batches of an older one.

Hovering a highlight shows its type and the entity's canonical name.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QHelpEvent, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit, QToolTip

from app.core.models import ENTITY_TYPES, Entity
from app.core.palette import TEXT_ON_DARK, TEXT_ON_LIGHT, colors, contrast_ratio
from app.ui.offsets import OffsetMap

KEY_PROPERTY = QTextFormat.Property.UserProperty + 1  # the entity key of a highlighted character
LABEL_PROPERTY = QTextFormat.Property.UserProperty + 2  # its type
BATCH = 50  # mentions formatted in the first event-loop turn; later turns adapt to TURN_MS
TURN_MS = 8.0  # aim for this much formatting (and the relayout it causes) per turn
MIN_BATCH, MAX_BATCH = 10, 800


class HighlightSpan(NamedTuple):
    """One mention in Qt positions (UTF-16), with what the tooltip needs (a tuple: cheap to make, sort)."""

    qt_start: int
    qt_end: int
    label: str
    key: str
    name: str


def highlight_colors(label: str, dark: bool, override: str | None = None) -> tuple[QColor, QColor]:
    """(background, text) of a type's highlight in a theme; `override` is a user-chosen background."""
    c = colors(label)
    if override:
        bg = QColor(override)
        hex_bg = bg.name()
        on_light = contrast_ratio(hex_bg, TEXT_ON_LIGHT)
        fg = TEXT_ON_LIGHT if on_light >= contrast_ratio(hex_bg, TEXT_ON_DARK) else TEXT_ON_DARK
        return bg, QColor(fg)
    return (QColor(c["dark"]), QColor(TEXT_ON_DARK)) if dark else (QColor(c["light"]), QColor(TEXT_ON_LIGHT))


def type_name(label: str) -> str:
    """`شخص · Person` for tooltips."""
    c = colors(label)
    return f"{c['one_ar']} · {c['one_en']}"


class EntityHighlighter(QObject):
    """Paints the entities of the article shown in `view` (a QTextEdit/QTextBrowser)."""

    finished = Signal()  # every batch of the last `set_entities` is applied

    def __init__(self, view: QTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self.view = view
        self.dark = False
        self.overrides: dict[str, str] = {}
        self._visible: set[str] = set(ENTITY_TYPES) | {"MISC"}
        self._spans: list[HighlightSpan] = []
        self._starts: list[int] = []
        self._applied: list[HighlightSpan] = []  # spans whose format is in `_doc` now
        self._doc: QTextDocument | None = None
        self._generation = 0
        self._pending = False
        self._batch = BATCH
        view.viewport().installEventFilter(self)

    # -- public -----------------------------------------------------------------------------------
    @property
    def spans(self) -> list[HighlightSpan]:
        return list(self._spans)

    def is_pending(self) -> bool:
        return self._pending

    def set_entities(self, text: str, entities: Iterable[Entity], offsets: OffsetMap | None = None) -> None:
        """Highlight every mention of `entities` (offsets into `text`, the document's text).

        `offsets` is the text's `OffsetMap` when the caller has it already (the reader view does).
        """
        omap = offsets if offsets is not None and offsets.py_len == len(text) else OffsetMap(text)
        spans = [
            HighlightSpan(omap.py_to_qt(m.start), omap.py_to_qt(m.end), e.label, e.key, e.name)
            for e in entities
            for m in e.mentions
        ]
        spans.sort()
        self._spans = spans
        self._starts = [s.qt_start for s in spans]
        self._repaint()

    def clear(self) -> None:
        self._spans = []
        self._starts = []
        self._repaint()

    def visible_types(self) -> set[str]:
        return set(self._visible)

    def set_type_visible(self, label: str, visible: bool) -> None:
        if (label in self._visible) == visible:
            return
        if visible:
            self._visible.add(label)
        else:
            self._visible.discard(label)
        self._repaint()

    def set_theme(self, dark: bool) -> None:
        if dark != self.dark:
            self.dark = dark
            self._repaint()

    def set_overrides(self, overrides: dict[str, str]) -> None:
        """User-chosen background colors by type (empty: the palette's)."""
        self.overrides = dict(overrides)
        self._repaint()

    def span_at(self, qt_pos: int) -> HighlightSpan | None:
        """The visible highlight covering the character at `qt_pos` (or just before it)."""
        idx = bisect.bisect_right(self._starts, qt_pos) - 1
        for j in (idx, idx - 1):
            if 0 <= j < len(self._spans):
                s = self._spans[j]
                if s.qt_start <= qt_pos < s.qt_end and s.label in self._visible:
                    return s
        return None

    # -- painting ---------------------------------------------------------------------------------
    def _repaint(self) -> None:
        """Clear what is painted, then paint the visible spans in batches."""
        self._generation += 1
        doc = self.view.document()
        if doc is not self._doc:
            self._doc = doc
            self._applied = []  # a new document starts without our formats
        todo = [s for s in self._spans if s.label in self._visible]
        old = self._applied
        self._applied = []
        self._pending = True
        gen = self._generation
        # The first batch also waits for the next turn, so the caller's own work is one turn.
        QTimer.singleShot(1, self, lambda: self._step(gen, doc, old, todo, 0, 0))

    def _step(
        self,
        gen: int,
        doc: QTextDocument,
        old: Sequence[HighlightSpan],
        todo: Sequence[HighlightSpan],
        i_old: int,
        i_new: int,
    ) -> None:
        if gen != self._generation or doc is not self.view.document():
            return  # superseded by a newer call, or the article changed
        started = time.perf_counter()
        budget = self._batch
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        while i_old < len(old) and budget > 0:
            _clear_span(doc, cursor, old[i_old])
            i_old += 1
            budget -= 1
        formats: dict[str, QTextCharFormat] = {}
        while i_old >= len(old) and i_new < len(todo) and budget > 0:
            s = todo[i_new]
            fmt = formats.get(s.label)
            if fmt is None:
                bg, fg = highlight_colors(s.label, self.dark, self.overrides.get(s.label))
                fmt = QTextCharFormat()
                fmt.setBackground(QBrush(bg))
                fmt.setForeground(QBrush(fg))
                fmt.setProperty(LABEL_PROPERTY, s.label)
                formats[s.label] = fmt
            fmt.setProperty(KEY_PROPERTY, s.key)
            cursor.setPosition(s.qt_start)
            cursor.setPosition(s.qt_end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
            self._applied.append(s)
            i_new += 1
            budget -= 1
        cursor.endEditBlock()  # the changed blocks are laid out again here
        elapsed_ms = (time.perf_counter() - started) * 1000
        if elapsed_ms > 1.5 * TURN_MS:
            self._batch = max(MIN_BATCH, self._batch // 2)
        elif elapsed_ms < TURN_MS / 2:
            self._batch = min(MAX_BATCH, self._batch * 2)
        if i_old < len(old) or i_new < len(todo):
            # A 1 ms timer, not a 0 ms one: the next batch waits its turn behind other timers and paints.
            QTimer.singleShot(1, self, lambda: self._step(gen, doc, old, todo, i_old, i_new))
        else:
            self._pending = False
            self.finished.emit()

    # -- tooltips ---------------------------------------------------------------------------------
    def tooltip_at(self, viewport_pos: QPoint) -> str | None:
        doc_pos = self._hit(viewport_pos)
        if doc_pos is None:
            return None
        span = self.span_at(doc_pos)
        if span is None:
            return None
        return f"{type_name(span.label)}\n{span.name}"

    def _hit(self, viewport_pos: QPoint) -> int | None:
        view = self.view
        hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
        dx = hbar.maximum() - hbar.value() if view.isRightToLeft() else hbar.value()
        point = QPointF(viewport_pos.x() + dx, viewport_pos.y() + vbar.value())
        pos = view.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        return None if pos < 0 else int(pos)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.view.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return False


def _clear_span(doc: QTextDocument, cursor: QTextCursor, span: HighlightSpan) -> None:
    """Take our background, text color and properties off `span`, keeping the rest of its format."""
    pos = span.qt_start
    while pos < span.qt_end:
        cursor.setPosition(pos)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        fmt = cursor.charFormat()
        # Extend over the run of characters that share this format.
        end = pos + 1
        probe = QTextCursor(doc)
        while end < span.qt_end:
            probe.setPosition(end + 1)
            if probe.charFormat() != fmt:
                break
            end += 1
        fmt.clearBackground()
        fmt.clearForeground()
        fmt.clearProperty(KEY_PROPERTY)
        fmt.clearProperty(LABEL_PROPERTY)
        cursor.setPosition(pos)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)
        pos = end


def read_highlights(doc: QTextDocument) -> list[tuple[int, int, str, str]]:
    """(qt_start, qt_end, label, key) of every highlighted run in `doc`, adjacent runs of one key joined."""
    out: list[list[object]] = []
    block = doc.begin()
    while block.isValid():
        for rng in block.textFormats():
            fmt = rng.format
            # hasProperty first: reading an absent property crashes PySide6 6.12 (a refcount bug).
            if not fmt.hasProperty(KEY_PROPERTY) or fmt.background().style() == Qt.BrushStyle.NoBrush:
                continue
            key = fmt.stringProperty(KEY_PROPERTY)
            if key:
                start = block.position() + rng.start
                end = start + rng.length
                label = fmt.stringProperty(LABEL_PROPERTY)
                if out and out[-1][1] == start and out[-1][3] == key:
                    out[-1][1] = end
                else:
                    out.append([start, end, label, str(key)])
        block = block.next()
    return [(int(a), int(b), str(c), str(d)) for a, b, c, d in out]  # type: ignore[call-overload]
