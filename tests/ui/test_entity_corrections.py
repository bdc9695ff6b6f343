"""Corrections from the window: each one and its undo (Ctrl+Z), and that they outlive a restart and hold
in the next article."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from app.core.models import Entity
from app.ner.corrections import Add, Corrections, Delete, Merge, Rename, Retype, corrections_path
from app.text.tokenize import tokenize
from app.ui.entity_features import EntityFeatures, install_entity_features
from app.ui.highlighter import read_highlights
from tests.ui.entity_support import bundled_loader
from tests.ui.test_entity_highlights import open_and_wait

ADDED = "منظومة"  # an ordinary word in the seed that no recognizer takes for a name
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")


def occurrences(text: str, name: str) -> int:
    """How often `name` is a whole word, alone or after a conjunction/preposition (not after ال)."""
    return sum(1 for t in tokenize(text) if any(t.text == c + name for c in CLITICS))


def find_action(menu: QMenu, object_name: str = "", text: str = ""):
    """The action called `object_name` (or whose text contains `text`) in `menu` or its submenus."""
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            if object_name and sub.objectName() == object_name:
                return action
            found = find_action(sub, object_name, text)
            if found is not None:
                return found
        elif (object_name and action.objectName() == object_name) or (text and text in action.text()):
            return action
    return None


def submenu(menu: QMenu, object_name: str) -> QMenu:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu) and sub.objectName() == object_name:
            return sub
    raise AssertionError(f"no submenu {object_name}")


@pytest.fixture
def loader():
    return bundled_loader()


def open_window(make_window, qtbot, loader, path: Path) -> EntityFeatures:
    w = make_window()
    f = install_entity_features(w, loader=loader)
    w.show()
    qtbot.waitExposed(w)
    open_and_wait(qtbot, f, path)
    return f


def settle(qtbot, f: EntityFeatures) -> None:
    """Wait until the corrected entities are found (in the worker) and shown."""
    qtbot.waitUntil(f.settled, timeout=30_000)


def names(f: EntityFeatures) -> dict[str, Entity]:
    return {e.name: e for e in f.entities}


def highlighted_keys(f: EntityFeatures) -> set[str]:
    return {h[3] for h in read_highlights(f.reader.document())}


def test_add_from_the_text_menu_then_undo_and_redo(make_window, qtbot, loader, seed_path: Path) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    text = f.window.article.text
    assert ADDED not in names(f)
    start = text.index(ADDED)
    f.reader.select_span(start, start + len(ADDED))
    menu = f.text_menu(f.reader.cursorRect().center())
    add_menu = submenu(menu, "addEntityMenu")
    org = next(a for a in add_menu.actions() if a.data() == "ORG")
    org.trigger()
    settle(qtbot, f)
    added = names(f)[ADDED]
    assert added.label == "ORG" and added.count == occurrences(text, ADDED) >= 1
    assert added.key in highlighted_keys(f)
    assert f.panel.item_for(added.key) is not None
    assert Corrections.load(corrections_path(f.window.services.data_dir)).ops[-1] == Add(
        ADDED, "ORG", (f.window.article.content_hash, start, start + len(ADDED))
    )
    # Ctrl+Z with the reading pane focused undoes it (the read-only pane does not eat the shortcut)
    f.window.activateWindow()
    f.reader.setFocus()
    qtbot.keyClick(f.reader, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, f)
    assert ADDED not in names(f)
    assert added.key not in highlighted_keys(f)
    assert len(Corrections.load(corrections_path(f.window.services.data_dir))) == 0
    f.redo_action.trigger()
    settle(qtbot, f)
    assert names(f)[ADDED].count == occurrences(text, ADDED)


def test_delete_from_the_panel_then_undo(make_window, qtbot, loader, seed_path: Path) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    victim = f.entities[0]
    before = read_highlights(f.reader.document())
    f.panel.select_key(victim.key)
    item = f.panel.item_for(victim.key)
    assert item is not None
    item.setSelected(True)
    menu = f.panel_menu()
    find_action(menu, "deleteEntity").trigger()
    settle(qtbot, f)
    assert victim.key not in {e.key for e in f.entities}
    assert victim.key not in highlighted_keys(f)
    assert f.panel.item_for(victim.key) is None
    f.undo_action.trigger()
    settle(qtbot, f)
    assert victim.key in {e.key for e in f.entities}
    assert read_highlights(f.reader.document()) == before


def test_delete_key_in_the_panel(make_window, qtbot, loader, seed_path: Path) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    victim = f.entities[-1]
    f.panel.select_key(victim.key, emit=False)
    f.panel.item_for(victim.key).setSelected(True)
    f.panel.tree.setFocus()
    qtbot.keyClick(f.panel.tree, Qt.Key.Key_Delete)
    settle(qtbot, f)
    assert victim.key not in {e.key for e in f.entities}


def test_change_type_from_the_text_menu_then_undo(make_window, qtbot, loader, seed_path: Path) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    target = f.entities[0]
    new_label = "ORG" if target.label != "ORG" else "LOC"
    m = target.mentions[0]
    f.reader.select_span(m.start, m.end)
    menu = f.text_menu(f.reader.cursorRect().center())
    retype = submenu(menu, "retypeMenu")
    next(a for a in retype.actions() if a.data() == new_label).trigger()
    settle(qtbot, f)
    moved = [e for e in f.entities if e.name == target.name]
    assert [e.label for e in moved] == [new_label]
    assert {h[2] for h in read_highlights(f.reader.document()) if h[3] == moved[0].key} == {new_label}
    f.undo_action.trigger()
    settle(qtbot, f)
    assert [e.label for e in f.entities if e.name == target.name] == [target.label]


def test_rename_then_undo(make_window, qtbot, loader, seed_path: Path) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    target = f.entities[0]
    f.menus.ask_new_name = lambda _parent, _entity: "اسم جديد"
    f.panel.select_key(target.key)
    f.panel.item_for(target.key).setSelected(True)
    find_action(f.panel_menu(), "renameEntity").trigger()
    settle(qtbot, f)
    renamed = names(f)["اسم جديد"]
    assert renamed.count == target.count and renamed.label == target.label
    assert target.name not in names(f)
    tip_key = renamed.key
    assert tip_key in highlighted_keys(f)
    f.undo_action.trigger()
    settle(qtbot, f)
    assert names(f)[target.name].count == target.count


def test_merge_two_entries_the_chosen_name_wins_then_undo(
    make_window, qtbot, loader, seed_path: Path
) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    same_type = [e for e in f.entities if e.label == f.entities[0].label]
    if len(same_type) < 2:
        pytest.skip("fewer than two entities of one type in the seed")
    a, b = same_type[0], same_type[1]
    f.menus.ask_merge_name = lambda _parent, entities: entities[1].name
    f.panel.tree.clearSelection()
    for e in (a, b):
        f.panel.item_for(e.key).setSelected(True)
    find_action(f.panel_menu(), "mergeEntities").trigger()
    settle(qtbot, f)
    merged = names(f)[b.name]
    assert merged.count == a.count + b.count
    assert a.name not in names(f)
    assert {(m.start, m.end) for m in merged.mentions} == {
        (m.start, m.end) for m in [*a.mentions, *b.mentions]
    }
    f.undo_action.trigger()
    settle(qtbot, f)
    assert names(f)[a.name].count == a.count and names(f)[b.name].count == b.count


def test_corrections_survive_a_restart_and_apply_to_the_next_article(
    make_window, qtbot, loader, seed_path: Path, tmp_path: Path
) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    text = f.window.article.text
    start = text.index(ADDED)
    f.reader.select_span(start, start + len(ADDED))
    f.menus.add(start, start + len(ADDED), ADDED, "ORG")
    deleted = f.entities[0]
    f.menus.delete(deleted)
    f.window.close()
    QApplication.processEvents()

    # a second article that uses the same names, with clitics
    second = tmp_path / "second.txt"
    second.write_text(
        f"خبر ثان\nقالت {ADDED} الدفاع إن ب{ADDED} خللًا. وذكر الخبر {deleted.mentions[0].text} مرة أخرى.\n",
        encoding="utf-8",
    )
    g = open_window(make_window, qtbot, loader, second)
    assert isinstance(g.corrections.ops[0], Add) and isinstance(g.corrections.ops[1], Delete)
    found = names(g)[ADDED]
    assert found.count == 2 and found.label == "ORG"
    body = g.window.article.text
    assert {body[m.start : m.end] for m in found.mentions} == {ADDED}  # the ب is not part of the name
    assert all(deleted.key != e.key for e in g.entities)
    assert found.key in highlighted_keys(g)


def test_merge_and_rename_hold_in_a_later_article(make_window, qtbot, loader, seed_path: Path) -> None:
    f = open_window(make_window, qtbot, loader, seed_path)
    same_type = [e for e in f.entities if e.label == f.entities[0].label]
    if len(same_type) < 2:
        pytest.skip("fewer than two entities of one type in the seed")
    a, b = same_type[0], same_type[1]
    f.menus.merge([a, b], b.name)
    settle(qtbot, f)
    c = next((e for e in f.entities if e.name not in (a.name, b.name)), None)
    if c is not None:
        f.menus.rename(c, "اسم معدل")
        settle(qtbot, f)
        f.menus.retype(names(f)["اسم معدل"], "LOC" if c.label != "LOC" else "ORG")
    ops = Corrections.load(corrections_path(f.window.services.data_dir)).ops
    assert isinstance(ops[0], Merge)
    if c is not None:
        assert isinstance(ops[1], Rename) and isinstance(ops[2], Retype)
    f.window.close()
    # the same article opened again in a new window: the corrected view comes back
    g = open_window(make_window, qtbot, loader, seed_path)
    assert names(g)[b.name].count == a.count + b.count
    assert a.name not in names(g)
    if c is not None:
        assert names(g)["اسم معدل"].label != c.label
