"""Entities in the window: recognition worker, highlights, side panel, corrections, preferences.

`install_entity_features(window)` wires everything onto a `MainWindow` through its public surface (the
`article_changed` signal, the reader, the menus and the settings) and returns the `EntityFeatures`
object that owns it. Nothing here blocks the GUI thread: recognition runs in `RecognitionService`'s
worker; highlights are painted in batches.
"""

from __future__ import annotations

import bisect
import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QToolBar

from app.core.errors import QariError
from app.core.models import ENTITY_TYPES, Article, Entity, EntitySpan
from app.core.palette import colors
from app.ner.corrections import (
    Correction,
    Corrections,
    CorrectionsStore,
    JsonCorrectionsStore,
    corrections_path,
    text_hash,
)
from app.ui.corrections_ui import CorrectionCommand, CorrectionMenus
from app.ui.entity_panel import EntityPanel, swatch
from app.ui.highlighter import EntityHighlighter
from app.ui.reader_view import ReaderView
from app.ui.recognition import Loader, RecognitionResult, RecognitionService, _default_loader

log = logging.getLogger(__name__)

K_RECOGNIZER = "entities/recognizer"
K_HIDDEN = "entities/hidden_types"
K_COLOR = "entities/color_{}"  # per type; empty: the palette's
TYPE_SHORTCUTS = {"PERS": "Ctrl+1", "LOC": "Ctrl+2", "ORG": "Ctrl+3"}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class EntityFeatures(QObject):
    def __init__(self, window: Any, loader: Loader = _default_loader) -> None:
        super().__init__(window)
        self.window = window
        self.reader: ReaderView = window.reader
        self.settings = window.settings
        data_dir: Path = window.services.data_dir
        self.corrections_file = corrections_path(data_dir)
        # The JSON copy at start (fast: no database check before the first paint); the library's store
        # once app.ui.library_features has opened the library in its worker.
        self.corrections_store: CorrectionsStore = JsonCorrectionsStore(self.corrections_file)
        self.corrections = self._load_corrections()
        self.undo_stack = QUndoStack(self)

        self._text = ""
        self._raw: list[EntitySpan] = []
        self._entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._mentions: list[tuple[int, int, str]] = []  # (start, end, key) sorted, for cursor lookups
        self._revision = 0  # bumped by every correction and undo
        self._submitted_revision = 0
        self._panel_generation = 0
        self._panel_pending = False
        self._have_result = False

        name = str(self.settings.value(K_RECOGNIZER, "bundled"))
        self.service = RecognitionService(name, loader, self)
        self.service.finished.connect(self._on_result)
        self.service.failed.connect(self._on_failed)

        self.highlighter = EntityHighlighter(self.reader, self)
        self.highlighter.set_overrides(self.color_overrides())
        self.highlighter.set_theme(is_dark(self.reader.palette()))
        hidden = self._hidden_setting()
        for label in hidden:
            self.highlighter.set_type_visible(label, False)

        self.panel = EntityPanel(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.activated.connect(self.go_to_entity)
        self.panel.delete_requested.connect(self._delete_selected_in_panel)
        self.panel.leave_requested.connect(lambda: self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.panel.tree.customContextMenuRequested.connect(self._panel_menu)

        self.menus = CorrectionMenus(window, self.push, lambda: text_hash(self._text))
        self._build_actions(hidden)

        window.article_changed.connect(self.on_article)
        self.reader.cursorPositionChanged.connect(self._on_cursor_moved)
        self.reader.viewport().installEventFilter(self)
        self.reader.installEventFilter(self)
        window.installEventFilter(self)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            window.restoreState(state)  # now that the dock and toolbar exist, their places come back
        if window.article is not None:
            self.on_article(window.article)

    # -- settings ---------------------------------------------------------------------------------
    def _load_corrections(self) -> Corrections:
        try:
            return self.corrections_store.load()
        except QariError as err:
            bad = self.corrections_file.with_suffix(".json.bad")
            with contextlib.suppress(OSError):
                self.corrections_file.replace(bad)
            self.window.show_error("Corrections not loaded", f"{err} The file was moved to {bad.name}.")
            return Corrections()

    def _hidden_setting(self) -> set[str]:
        raw = self.settings.value(K_HIDDEN, "")
        items = raw if isinstance(raw, list) else str(raw or "").split(",")
        return {s for s in (str(i).strip() for i in items) if s in ENTITY_TYPES}

    def color_overrides(self) -> dict[str, str]:
        out = {}
        for label in ENTITY_TYPES:
            value = str(self.settings.value(K_COLOR.format(label), "") or "")
            if value:
                out[label] = value
        return out

    # -- actions ----------------------------------------------------------------------------------
    def _build_actions(self, hidden: set[str]) -> None:
        w = self.window
        self.toolbar = QToolBar("Entity types", w)
        self.toolbar.setObjectName("entityToolbar")
        self.toolbar.setAccessibleName("Entity types legend and toggles")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        w.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.type_actions: dict[str, QAction] = {}
        w.view_menu.addSection("Entities")
        for label in ENTITY_TYPES:
            c = colors(label)
            action = QAction(swatch(c["base"], 14), f"{c['name_en']} · {c['name_ar']}", w)
            action.setCheckable(True)
            action.setChecked(label not in hidden)
            action.setShortcut(QKeySequence(TYPE_SHORTCUTS[label]))
            action.setToolTip(f"Show or hide {c['name_en'].lower()} ({TYPE_SHORTCUTS[label]})")
            action.toggled.connect(lambda on, lab=label: self.set_type_visible(lab, on))
            w.addAction(action)
            self.toolbar.addAction(action)
            w.view_menu.addAction(action)
            self.type_actions[label] = action
        panel_action = self.panel.toggleViewAction()
        panel_action.setText("Entities Panel")
        panel_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        w.addAction(panel_action)
        w.view_menu.addAction(panel_action)
        toolbar_action = self.toolbar.toggleViewAction()
        toolbar_action.setText("Entity Types Toolbar")
        w.view_menu.addAction(toolbar_action)

        self.next_action = QAction("Next Mention", w)
        self.next_action.setShortcut(QKeySequence(QKeySequence.StandardKey.FindNext))
        self.next_action.triggered.connect(lambda: self.step_mention(+1))
        self.prev_action = QAction("Previous Mention", w)
        self.prev_action.setShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious))
        self.prev_action.triggered.connect(lambda: self.step_mention(-1))
        self.focus_action = QAction("Switch Between Text and Entities", w)
        self.focus_action.setShortcut(QKeySequence("F6"))
        self.focus_action.triggered.connect(self.switch_focus)
        self.filter_action = QAction("Filter Entities", w)
        self.filter_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.filter_action.triggered.connect(self._focus_filter)
        for a in (self.next_action, self.prev_action, self.focus_action, self.filter_action):
            w.addAction(a)
            w.view_menu.addAction(a)

        self.edit_menu = self._edit_menu()
        self.undo_action = self.undo_stack.createUndoAction(w, "&Undo Correction")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(w, "&Redo Correction")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.prefs_action = QAction("&Preferences…", w)
        self.prefs_action.setShortcut(QKeySequence("Ctrl+,"))
        self.prefs_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.prefs_action.triggered.connect(self.open_preferences)
        for a in (self.undo_action, self.redo_action):
            w.addAction(a)
            self.edit_menu.addAction(a)
        self.edit_menu.addSeparator()
        w.addAction(self.prefs_action)
        self.edit_menu.addAction(self.prefs_action)

    def _edit_menu(self) -> QMenu:
        w = self.window
        existing = getattr(w, "edit_menu", None)
        if isinstance(existing, QMenu):
            return existing
        menu = QMenu("&Edit", w)
        w.menuBar().insertMenu(w.view_menu.menuAction(), menu)
        return menu

    def switch_focus(self) -> None:
        """F6: from the text to the entities list (on the entity under the cursor) and back."""
        focused = QApplication.focusWidget()
        if focused is not None and self.panel.isAncestorOf(focused):
            self.reader.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        self.panel.show()
        self.panel.raise_()
        if not self.panel.current_key():
            keys = self.panel.visible_keys()
            if keys:
                self.panel.select_key(keys[0], emit=False)
        self.panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_filter(self) -> None:
        self.panel.show()
        self.panel.raise_()
        self.panel.focus_filter()

    def set_type_visible(self, label: str, visible: bool) -> None:
        self.highlighter.set_type_visible(label, visible)
        action = self.type_actions.get(label)
        if action is not None and action.isChecked() != visible:
            action.setChecked(visible)
        hidden = sorted(t for t in ENTITY_TYPES if t not in self.highlighter.visible_types())
        self.settings.setValue(K_HIDDEN, ",".join(hidden))

    # -- recognition ------------------------------------------------------------------------------
    def on_article(self, article: Article | None) -> None:
        self._text = article.text if article is not None else ""
        self._raw = []
        self._have_result = False
        self._set_entities([])
        if article is None or not article.text.strip():
            self.service.cancel()
            return
        self.panel.set_message("Finding names… · جارٍ البحث عن الأسماء")
        self.window.statusBar().showMessage("Finding names…")
        self._submitted_revision = self._revision
        self.service.submit(article.text, list(self.corrections))

    def _on_result(self, result: RecognitionResult) -> None:
        if result.text != self._text:
            return  # not the article on screen (cannot happen with one job at a time; belt and braces)
        self._raw = list(result.spans)
        self._have_result = True
        self._set_entities(result.entities, defer_panel=True)
        if result.recognized:
            self.window.statusBar().showMessage(
                f"{len(result.entities)} names found in {result.seconds:.1f} s", 5000
            )
        if self._submitted_revision != self._revision:  # corrected while the job ran
            self.refresh()

    def _on_failed(self, message: str, is_bug: bool) -> None:
        log.log(logging.ERROR if is_bug else logging.INFO, "recognition failed: %s", message)
        self.panel.set_message(message)
        self.window.statusBar().showMessage(message, 10_000)

    def refresh(self) -> None:
        """Re-apply the corrections to the article's raw spans (after a correction or an undo).

        The work (finding added names, grouping) runs in the worker like recognition does; while the
        article is still being recognized, the result handler calls this again when it arrives.
        """
        if not self._have_result:
            return
        self._submitted_revision = self._revision
        self.service.submit(self._text, list(self.corrections), spans=self._raw)

    def _set_entities(self, entities: Sequence[Entity], defer_panel: bool = False) -> None:
        self._entities = list(entities)
        self._by_key = {e.key: e for e in self._entities}
        self._mentions = sorted((m.start, m.end, e.key) for e in self._entities for m in e.mentions)
        offsets = self.reader.offsets if self.reader.article is not None else None
        self.highlighter.set_entities(self._text, self._entities, offsets)
        self._panel_generation += 1
        if not defer_panel:
            self._panel_pending = False
            self.panel.set_entities(self._entities)
            return
        # A long list fills the panel in the next event-loop turn, not in the same one as the rest.
        self._panel_pending = True
        gen = self._panel_generation
        QTimer.singleShot(0, self, lambda: self._fill_panel(gen))

    def _fill_panel(self, generation: int) -> None:
        if generation == self._panel_generation:
            self._panel_pending = False
            self.panel.set_entities(self._entities)

    def settled(self) -> bool:
        """True when the article's entities are found and fully shown (tests wait for this)."""
        return (
            self._have_result
            and not self.service.is_busy()
            and not self._panel_pending
            and not self.highlighter.is_pending()
        )

    @property
    def entities(self) -> list[Entity]:
        return list(self._entities)

    def entity(self, key: str) -> Entity | None:
        return self._by_key.get(key)

    def set_recognizer(self, name: str) -> None:
        self.settings.setValue(K_RECOGNIZER, name)
        self.service.set_recognizer(name)
        if self.window.article is not None:
            self.on_article(self.window.article)

    # -- navigation -------------------------------------------------------------------------------
    def entity_at(self, offset: int) -> Entity | None:
        """The entity with a mention covering the article offset `offset` (or ending right at it)."""
        i = bisect.bisect_right(self._mentions, (offset, 1 << 62, "")) - 1
        for j in (i, i - 1):
            if 0 <= j < len(self._mentions):
                start, end, key = self._mentions[j]
                if start <= offset <= end:
                    return self.entity(key)
        return None

    def go_to_entity(self, key: str) -> None:
        e = self.entity(key)
        if e is None or not e.mentions:
            return
        m = e.mentions[0]
        self.reader.select_span(m.start, m.end)

    def step_mention(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) mention of the current entity, wrapping around."""
        key = self.panel.current_key()
        e = self.entity(key) if key else None
        if e is None:
            sel = self.reader.selected_span()
            e = self.entity_at(sel[0]) if sel else None
        if e is None or not e.mentions:
            return
        sel = self.reader.selected_span()
        here = sel[0] if sel else self.reader.offsets.qt_to_py(self.reader.textCursor().position())
        starts = [m.start for m in e.mentions]
        if direction > 0:
            i = bisect.bisect_right(starts, here)
            m = e.mentions[i % len(starts)]
        else:
            i = bisect.bisect_left(starts, here) - 1
            m = e.mentions[i % len(starts)]
        self.reader.select_span(m.start, m.end)
        self.panel.select_key(e.key, emit=False)

    def _on_cursor_moved(self) -> None:
        if not self._mentions or self.reader.article is None:
            return
        cursor = self.reader.textCursor()
        pos = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        try:
            offset = self.reader.offsets.qt_to_py(pos)
        except ValueError:
            return
        e = self.entity_at(offset)
        if e is not None:
            self.panel.select_key(e.key, emit=False)

    # -- corrections ------------------------------------------------------------------------------
    def push(self, ops: Sequence[Correction], title: str) -> None:
        """Make corrections as one undoable step."""
        if not ops:
            return
        if len(ops) == 1:
            self.undo_stack.push(CorrectionCommand(self.corrections, ops[0], self._corrections_changed))
            return
        self.undo_stack.beginMacro(title)
        for op in ops:
            self.undo_stack.push(CorrectionCommand(self.corrections, op, self._corrections_changed))
        self.undo_stack.endMacro()

    def _corrections_changed(self) -> None:
        self._revision += 1
        try:
            self.corrections_store.save(self.corrections)
        except QariError as err:
            self.window.show_error("Corrections not saved", str(err))
        self.refresh()

    def selection(self) -> tuple[int, int, str] | None:
        span = self.reader.selected_span()
        if span is None or span[0] >= span[1]:
            return None
        return span[0], span[1], self._text[span[0] : span[1]]

    def text_menu(self, viewport_pos: QPoint) -> QMenu:
        """The reading pane's context menu: Qt's own (copy, select all), then the entity actions."""
        menu = self.reader.createStandardContextMenu(viewport_pos)
        menu.setObjectName("readerContextMenu")
        menu.addSeparator()
        self.menus.add_selection_actions(menu, self.selection())
        qt_pos = self.highlighter._hit(viewport_pos)
        e = None
        if qt_pos is not None and self.reader.article is not None:
            e = self.entity_at(self.reader.offsets.qt_to_py(qt_pos))
        if e is None:
            sel = self.selection()
            e = self.entity_at(sel[0]) if sel else None
        if e is not None:
            self.menus.add_entity_actions(menu, [e])
        return menu

    def panel_menu(self) -> QMenu:
        menu = QMenu(self.panel)
        menu.setObjectName("panelContextMenu")
        chosen = [e for e in (self.entity(k) for k in self.panel.selected_keys()) if e is not None]
        self.menus.add_entity_actions(menu, chosen)
        return menu

    def _panel_menu(self, pos: QPoint) -> None:
        menu = self.panel_menu()
        if not menu.isEmpty():
            menu.exec(self.panel.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _delete_selected_in_panel(self) -> None:
        chosen = [e for e in (self.entity(k) for k in self.panel.selected_keys()) if e is not None]
        if len(chosen) == 1:
            self.menus.delete(chosen[0])
        else:
            self.menus.delete_many(chosen)

    # -- preferences ------------------------------------------------------------------------------
    def open_preferences(self) -> None:
        from app.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self, self.window)
        dialog.open()

    def apply_colors(self, overrides: dict[str, str]) -> None:
        for label in ENTITY_TYPES:
            self.settings.setValue(K_COLOR.format(label), overrides.get(label, ""))
        self.highlighter.set_overrides(overrides)

    # -- events -----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and watched in (self.reader, self.reader.viewport()):
            assert isinstance(event, QContextMenuEvent)
            pos = event.pos()
            if watched is self.reader:
                pos = self.reader.viewport().mapFrom(self.reader, pos)
            if event.reason() == QContextMenuEvent.Reason.Keyboard:
                pos = self.reader.cursorRect().center()
            menu = self.text_menu(pos)
            menu.exec(self.reader.viewport().mapToGlobal(pos))
            menu.deleteLater()
            return True
        if kind == QEvent.Type.PaletteChange and watched is self.reader:
            self.highlighter.set_theme(is_dark(self.reader.palette()))
        if kind == QEvent.Type.Close and watched is self.window:
            self.service.shutdown()
        return False


def install_entity_features(window: QMainWindow, loader: Loader | None = None) -> EntityFeatures:
    """Add recognition, highlights, the entities panel and corrections to `window` (a MainWindow)."""
    features = EntityFeatures(window, loader or _default_loader)
    window.entity_features = features  # type: ignore[attr-defined]
    return features
