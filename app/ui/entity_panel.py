"""The entities side panel: people, places and organizations of the article, each once with its count.

A `QDockWidget` holding a filter box and a two-column tree (name, count) grouped by type. Name and count
sit in cells of their own, so a right-to-left name and a left-to-right number never share one bidi run
("بغداد (3)" cannot come out with the number on the wrong side). Entries are sorted by count, then by
name. The filter matches normalized text (typing الكاظمى finds الكاظمي) against the canonical name and
every mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.models import Entity
from app.core.palette import colors
from app.ner.grouping import mention_form
from app.text.normalize import normalize

SECTION_TYPES: tuple[str, ...] = ("PERS", "LOC", "ORG", "MISC")
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
LABEL_ROLE = Qt.ItemDataRole.UserRole + 2


def section_title(label: str) -> str:
    c = colors(label)
    return f"{c['name_ar']} · {c['name_en']}"


def swatch(color: str, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(color))
    return QIcon(pix)


def sort_entities(entities: Iterable[Entity]) -> list[Entity]:
    """Most mentioned first, then by name (normalized, so spelling variants sort together)."""
    return sorted(entities, key=lambda e: (-e.count, normalize(e.name), e.name))


def filter_key(query: str) -> str:
    return mention_form(query)


def search_forms(entity: Entity) -> str:
    """The entity's name and distinct mention forms, normalized, one per line (what the filter searches)."""
    forms = dict.fromkeys(mention_form(s) for s in (entity.name, *(m.text for m in entity.mentions)))
    return "\n".join(forms)


def entity_matches(entity: Entity, query: str) -> bool:
    """Does the normalized `query` occur in the entity's name or one of its mentions?"""
    q = filter_key(query)
    return not q or q in search_forms(entity)


def _children(section: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    items = (section.child(i) for i in range(section.childCount()))
    return [item for item in items if item is not None]


class EntityPanel(QDockWidget):
    """Lists entities; emits `activated(key)` when one is clicked or Enter is pressed on it."""

    activated = Signal(str)  # entity key: go to its first mention
    current_changed = Signal(str)  # entity key now current ("" for none)
    delete_requested = Signal()  # the Delete key on the list
    leave_requested = Signal()  # Escape on the list: back to the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Entities · الكيانات", parent)
        self.setObjectName("entityDock")
        self.setAccessibleName("Entities panel")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)

        self.filter_edit = QLineEdit(body)
        self.filter_edit.setObjectName("entityFilter")
        self.filter_edit.setPlaceholderText("Filter names · تصفية الأسماء")
        self.filter_edit.setAccessibleName("Filter entities")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.apply_filter)
        self.filter_edit.installEventFilter(self)

        self.tree = QTreeWidget(body)
        self.tree.setObjectName("entityTree")
        self.tree.setAccessibleName("Entities by type")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["الاسم · Name", "العدد · Count"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed count column: sizing it to its contents would measure every row of a long list.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, header.fontMetrics().horizontalAdvance("العدد · Count") + 16)
        self.tree.itemClicked.connect(self._on_item_activated)
        self.tree.itemActivated.connect(self._on_item_activated)
        self.tree.currentItemChanged.connect(self._on_current_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.installEventFilter(self)

        self.status = QLabel("", body)
        self.status.setObjectName("entityStatus")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Entities status")

        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        # wide enough for the bold section titles (منظمات · Organizations) beside the counts
        bold = QFont(self.tree.font())
        bold.setBold(True)
        titles = max(QFontMetrics(bold).horizontalAdvance(section_title(label)) for label in SECTION_TYPES)
        chrome = 2 * self.tree.indentation() + 12 + 8 + 32  # arrow, swatch and gaps, frame and scroll bar
        body.setMinimumWidth(max(300, titles + header.sectionSize(1) + chrome))
        self.setWidget(body)
        self.setFocusProxy(self.tree)

        # Ctrl+F inside the panel goes to the filter box.
        find = QShortcut(QKeySequence.StandardKey.Find, self, self.focus_filter)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._entities: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._forms: dict[str, str] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._sections: dict[str, QTreeWidgetItem] = {}
        self.set_entities([])

    # -- content ----------------------------------------------------------------------------------
    @property
    def entities(self) -> list[Entity]:
        return list(self._entities)

    def entity(self, key: str) -> Entity | None:
        return self._by_key.get(key)

    def set_entities(self, entities: Sequence[Entity], message: str = "") -> None:
        """Show `entities`; keeps the current entry and the filter when the same key is still there."""
        current = self.current_key()
        self._entities = list(entities)
        self._by_key = {e.key: e for e in self._entities}
        self._forms = {}  # filled on the first filtered search
        self.tree.setUpdatesEnabled(False)
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items = {}
        self._sections = {}
        for label in SECTION_TYPES:
            group = sort_entities(e for e in self._entities if e.label == label)
            if not group and label == "MISC":
                continue
            section = QTreeWidgetItem([section_title(label), str(len(group))])
            section.setIcon(0, swatch(colors(label)["base"]))
            section.setData(0, LABEL_ROLE, label)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            section.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
            section.setToolTip(1, f"{len(group)} distinct names")
            section.setToolTip(0, section_title(label))
            self.tree.addTopLevelItem(section)
            self._sections[label] = section
            children = []
            for e in group:
                item = QTreeWidgetItem([e.name, str(e.count)])
                item.setData(0, KEY_ROLE, e.key)
                item.setData(0, LABEL_ROLE, e.label)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(0, f"{e.name}\n{colors(e.label)['one_en']} · {e.count} mentions")
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{e.name}, {e.count} mentions")
                self._items[e.key] = item
                children.append(item)
            section.addChildren(children)  # one insertion, not one per entry
            section.setExpanded(True)
        self.tree.blockSignals(False)
        self.apply_filter(self.filter_edit.text())
        self.tree.setUpdatesEnabled(True)
        if current and current in self._items:
            self.select_key(current, emit=False)
        total = sum(e.count for e in self._entities)
        self.status.setText(message or f"{len(self._entities)} names · {total} mentions")

    def set_message(self, message: str) -> None:
        self.status.setText(message)

    # -- filter -----------------------------------------------------------------------------------
    def apply_filter(self, query: str) -> None:
        q = filter_key(query)
        if q and not self._forms:
            self._forms = {e.key: search_forms(e) for e in self._entities}
        for section in self._sections.values():
            shown = 0
            for item in _children(section):
                visible = not q or q in self._forms.get(str(item.data(0, KEY_ROLE)), "")
                if item.isHidden() == visible:
                    item.setHidden(not visible)
                shown += visible
            section.setHidden(bool(q) and shown == 0)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def visible_keys(self) -> list[str]:
        """Keys of the entries shown, top to bottom (tests, keyboard checks)."""
        out = []
        for section in self._sections.values():
            if section.isHidden():
                continue
            for item in _children(section):
                if not item.isHidden():
                    out.append(str(item.data(0, KEY_ROLE)))
        return out

    # -- selection --------------------------------------------------------------------------------
    def current_key(self) -> str:
        item = self.tree.currentItem()
        if item is None:
            return ""
        key = item.data(0, KEY_ROLE)
        return str(key) if key else ""

    def selected_keys(self) -> list[str]:
        return [str(i.data(0, KEY_ROLE)) for i in self.tree.selectedItems() if i.data(0, KEY_ROLE)]

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        return self._items.get(key)

    def select_key(self, key: str, emit: bool = True) -> None:
        """Make `key` the current entry (from the text: `emit=False` does not jump to its first mention)."""
        item = self._items.get(key)
        if item is None:
            return
        self.tree.blockSignals(not emit)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        self.tree.blockSignals(False)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if key:
            self.activated.emit(str(key))

    def _on_current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = current.data(0, KEY_ROLE) if current is not None else ""
        self.current_changed.emit(str(key) if key else "")

    # -- keys -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.filter_edit and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return):
                keys = self.visible_keys()
                if keys:
                    self.select_key(keys[0], emit=False)
                self.tree.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if watched is self.filter_edit and event.key() == Qt.Key.Key_Escape and self.filter_edit.text():
                self.filter_edit.clear()
                return True
            if watched is self.tree and event.key() == Qt.Key.Key_Delete and self.selected_keys():
                self.delete_requested.emit()
                return True
            if watched is self.tree and event.key() == Qt.Key.Key_Escape:
                self.leave_requested.emit()
                return True
        return False
