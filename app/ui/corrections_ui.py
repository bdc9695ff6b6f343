"""Corrections from the window: undoable commands, and the context menus that make them.

Every correction is a `CorrectionCommand` on a `QUndoStack`: `redo` appends the operation to the
analyst's `Corrections`, `undo` removes it again, and both save the file and refresh the article through
`on_change`. The menus only build `app.ner.corrections` operations; the questions they ask (a new name, the
name a merge keeps) go through small prompt functions that tests replace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from app.core.models import ENTITY_TYPES, Entity
from app.core.palette import colors
from app.ner.corrections import Add, Correction, Corrections, Delete, Merge, Rename, Retype

MAX_ADD_CHARS = 80  # a selection longer than this is not offered as a name


class CorrectionCommand(QUndoCommand):
    """One correction; undo removes exactly it (the stack only ever undoes the newest)."""

    def __init__(self, corrections: Corrections, op: Correction, on_change: Callable[[], None]) -> None:
        super().__init__(op.describe())
        self.corrections = corrections
        self.op = op
        self.on_change = on_change

    def redo(self) -> None:
        self.corrections.append(self.op)
        self.on_change()

    def undo(self) -> None:
        if self.corrections.ops and self.corrections.ops[-1] == self.op:
            self.corrections.pop()
        else:  # the list was changed behind the stack's back: remove the last copy of this op
            for i in range(len(self.corrections.ops) - 1, -1, -1):
                if self.corrections.ops[i] == self.op:
                    del self.corrections.ops[i]
                    break
        self.on_change()


def type_label(label: str) -> str:
    c = colors(label)
    return f"{c['one_en']} · {c['one_ar']}"


def selection_name(selected: str) -> str | None:
    """The selection as a name to add, or None when it cannot be one (empty, too long, several lines)."""
    name = " ".join(selected.split())
    if not name or len(name) > MAX_ADD_CHARS or "\n" in selected.strip() or "\u2029" in selected.strip():
        return None
    return name


# -- prompts (tests replace these) ---------------------------------------------------------------
def ask_new_name(parent: QWidget, entity: Entity) -> str | None:
    name, ok = QInputDialog.getText(
        parent, "Rename entity", f"Canonical name for “{entity.name}”:", text=entity.name
    )
    name = " ".join(name.split())
    return name if ok and name else None


def ask_merge_name(parent: QWidget, entities: Sequence[Entity]) -> str | None:
    names = [e.name for e in entities]
    name, ok = QInputDialog.getItem(
        parent, "Merge entities", "The merged entity is called:", names, 0, editable=True
    )
    name = " ".join(name.split())
    return name if ok and name else None


# -- menus ---------------------------------------------------------------------------------------
class CorrectionMenus:
    """Builds the correction actions for the text's and the panel's context menus.

    `push(ops, title)` makes the corrections as one undo step (through the undo stack); the prompts
    (`ask_new_name`, `ask_merge_name`) can be replaced in tests.
    """

    def __init__(
        self,
        parent: QWidget,
        push: Callable[[Sequence[Correction], str], None],
        anchor_hash: Callable[[], str],
    ) -> None:
        self.parent = parent
        self._push = push
        self.anchor_hash = anchor_hash
        self.ask_new_name: Callable[[QWidget, Entity], str | None] = ask_new_name
        self.ask_merge_name: Callable[[QWidget, Sequence[Entity]], str | None] = ask_merge_name

    def push(self, op: Correction) -> None:
        self._push([op], op.describe())

    # operations ------------------------------------------------------------------------------------------
    def add(self, start: int, end: int, surface: str, label: str) -> None:
        self.push(Add(surface, label, (self.anchor_hash(), start, end)))

    def delete(self, entity: Entity) -> None:
        self.push(Delete.of(entity))

    def delete_many(self, entities: Sequence[Entity]) -> None:
        if entities:
            self._push([Delete.of(e) for e in entities], f"delete {len(entities)} entries")

    def retype(self, entity: Entity, label: str) -> None:
        if label != entity.label:
            self.push(Retype.of(entity, label))

    def rename(self, entity: Entity, name: str | None = None) -> None:
        name = name if name is not None else self.ask_new_name(self.parent, entity)
        if name and name != entity.name:
            self.push(Rename.of(entity, name))

    def merge(self, entities: Sequence[Entity], name: str | None = None) -> None:
        if len(entities) < 2:
            return
        name = name if name is not None else self.ask_merge_name(self.parent, entities)
        if name:
            self.push(Merge.of(entities, name))

    # menus -----------------------------------------------------------------------------------------------
    def add_selection_actions(self, menu: QMenu, selection: tuple[int, int, str] | None) -> None:
        if selection is None:
            return
        start, end, text = selection
        name = selection_name(text)
        if name is None:
            return
        short = name if len(name) <= 30 else name[:29] + "…"
        sub = menu.addMenu(f"Add “{short}” as")
        sub.setObjectName("addEntityMenu")
        for label in ENTITY_TYPES:
            action = sub.addAction(type_label(label))
            action.setData(label)
            action.triggered.connect(
                lambda _c=False, s=start, e=end, t=text, lab=label: self.add(s, e, t, lab)
            )

    def add_entity_actions(self, menu: QMenu, entities: Sequence[Entity]) -> None:
        """Delete / change type / rename for one entity; delete / merge for several."""
        if not entities:
            return
        if len(entities) == 1:
            e = entities[0]
            title = menu.addAction(f"{e.name} — {type_label(e.label)}")
            title.setEnabled(False)
            delete = menu.addAction("Delete (not a name)")
            delete.setObjectName("deleteEntity")
            delete.triggered.connect(lambda _c=False: self.delete(e))
            sub = menu.addMenu("Change type to")
            sub.setObjectName("retypeMenu")
            for label in ENTITY_TYPES:
                if label == e.label:
                    continue
                action = sub.addAction(type_label(label))
                action.setData(label)
                action.triggered.connect(lambda _c=False, lab=label: self.retype(e, lab))
            rename = menu.addAction("Rename…")
            rename.setObjectName("renameEntity")
            rename.triggered.connect(lambda _c=False: self.rename(e))
            return
        many = list(entities)
        delete = menu.addAction(f"Delete {len(many)} entries (not names)")
        delete.setObjectName("deleteEntity")
        delete.triggered.connect(lambda _c=False: self.delete_many(many))
        merge = menu.addAction(f"Merge {len(many)} entries…")
        merge.setObjectName("mergeEntities")
        merge.triggered.connect(lambda _c=False: self.merge(many))
