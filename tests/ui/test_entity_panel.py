"""The entities panel: counts and order, right-to-left layout, normalized filter, navigation, keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from app.core.models import Entity, Mention
from app.ui.entity_features import EntityFeatures, install_entity_features
from app.ui.entity_panel import EntityPanel
from tests.ui.entity_support import bundled_loader
from tests.ui.test_entity_highlights import open_and_wait


def ent(name: str, label: str, count: int) -> Entity:
    mentions = [Mention(i * 10, i * 10 + len(name), name) for i in range(count)]
    return Entity(name, label, mentions, f"{label}:{name}")


ENTITIES = [
    ent("بغداد", "LOC", 3),
    ent("العراق", "LOC", 8),
    ent("أربيل", "LOC", 3),
    ent("مصطفى الكاظمي", "PERS", 2),
    ent("جو بايدن", "PERS", 5),
    ent("السومرية نيوز", "ORG", 1),
    ent("CNN", "ORG", 1),
]


@pytest.fixture
def panel(qtbot) -> EntityPanel:
    p = EntityPanel()
    qtbot.addWidget(p)
    p.resize(320, 500)
    p.set_entities(ENTITIES)
    p.show()
    qtbot.waitExposed(p)
    return p


def rows(panel: EntityPanel) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(name, count)]) as shown, top to bottom."""
    out = []
    for i in range(panel.tree.topLevelItemCount()):
        section = panel.tree.topLevelItem(i)
        assert section is not None
        children = [section.child(j) for j in range(section.childCount())]
        out.append((section.text(0), [(c.text(0), c.text(1)) for c in children if c is not None]))
    return out


def test_sections_counts_and_order(panel: EntityPanel) -> None:
    assert rows(panel) == [
        ("أشخاص · People", [("جو بايدن", "5"), ("مصطفى الكاظمي", "2")]),
        ("أماكن · Places", [("العراق", "8"), ("أربيل", "3"), ("بغداد", "3")]),  # ties: by name
        ("منظمات · Organizations", [("CNN", "1"), ("السومرية نيوز", "1")]),
    ]
    section = panel.tree.topLevelItem(1)
    assert section is not None and section.text(1) == "3"  # three distinct places
    assert "7 names" in panel.status.text() and "23 mentions" in panel.status.text()


def test_name_and_count_sit_in_their_own_cells_right_to_left(panel: EntityPanel) -> None:
    item = panel.item_for("LOC:بغداد")
    assert item is not None
    name_rect = panel.tree.visualItemRect(item)
    assert panel.tree.layoutDirection() == Qt.LayoutDirection.RightToLeft
    header = panel.tree.header()
    # column 0 (the name) is to the right of column 1 (the count)
    assert header.sectionViewportPosition(0) > header.sectionViewportPosition(1)
    assert item.text(0) == "بغداد" and item.text(1) == "3"  # no "(3)" glued to the name
    assert name_rect.isValid()


def test_filter_matches_with_arabic_normalization(panel: EntityPanel, qtbot) -> None:
    # (QTest cannot type Arabic letters as key events; `insert` is what typing does to the line edit)
    panel.filter_edit.insert("الكاظمى")  # alef maksura typed, ya in the name
    assert panel.visible_keys() == ["PERS:مصطفى الكاظمي"]
    panel.filter_edit.setText("اربيل")  # bare alef typed, hamza in the name
    assert panel.visible_keys() == ["LOC:أربيل"]
    panel.filter_edit.setText("cnn")
    assert panel.visible_keys() == []  # no match (Latin is matched as written)
    places = panel.tree.topLevelItem(1)
    assert places is not None and places.isHidden()
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Escape)
    assert panel.filter_edit.text() == ""
    assert len(panel.visible_keys()) == len(ENTITIES)


def test_filter_keeps_working_across_new_entities(panel: EntityPanel) -> None:
    panel.filter_edit.setText("بغداد")
    panel.set_entities([*ENTITIES, ent("بغداد الجديدة", "LOC", 1)])
    assert panel.visible_keys() == ["LOC:بغداد", "LOC:بغداد الجديدة"]


def test_keyboard_from_filter_to_list_and_activation(panel: EntityPanel, qtbot) -> None:
    activated: list[str] = []
    panel.activated.connect(activated.append)
    panel.filter_edit.setFocus()
    panel.filter_edit.insert("بايدن")
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Down)  # into the list, on the first match
    assert panel.current_key() == "PERS:جو بايدن"
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert activated == ["PERS:جو بايدن"]


def test_accessible_names(panel: EntityPanel) -> None:
    for widget in (panel, panel.filter_edit, panel.tree, panel.status):
        assert widget.accessibleName()
    item = panel.item_for("LOC:العراق")
    assert item is not None
    assert "8" in str(item.data(0, Qt.ItemDataRole.AccessibleTextRole))


# -- in the window, with the real recognizer ------------------------------------------------------------
@pytest.fixture
def seed_features(make_window, qtbot, seed_path: Path) -> EntityFeatures:
    loader = bundled_loader()
    w = make_window()
    features = install_entity_features(w, loader=loader)
    w.show()
    qtbot.waitExposed(w)
    open_and_wait(qtbot, features, seed_path)
    return features


def test_panel_is_a_movable_dock_with_the_article_entities(seed_features: EntityFeatures) -> None:
    f = seed_features
    assert isinstance(f.panel, QDockWidget)
    assert f.panel.features() & QDockWidget.DockWidgetFeature.DockWidgetMovable
    shown = {k for k in f.panel.visible_keys()}
    assert shown == {e.key for e in f.entities}
    for e in f.entities:
        item = f.panel.item_for(e.key)
        assert item is not None and item.text(1) == str(e.count)


def _several(f: EntityFeatures) -> tuple[str, list[Mention]]:
    e = next((e for e in f.entities if e.count >= 2), None)
    if e is None:
        pytest.skip("the recognizer found no name mentioned twice in the seed")
    return e.key, e.mentions


def test_click_selects_the_first_mention_and_f3_steps(seed_features: EntityFeatures, qtbot) -> None:
    f = seed_features
    key, mentions = _several(f)
    item = f.panel.item_for(key)
    assert item is not None
    f.panel.tree.scrollToItem(item)
    rect = f.panel.tree.visualItemRect(item)
    qtbot.mouseClick(f.panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    reader = f.reader
    assert reader.selected_span() == (mentions[0].start, mentions[0].end)
    assert reader.viewport().rect().contains(reader.cursorRect().center())  # scrolled into view
    f.next_action.trigger()  # F3
    assert reader.selected_span() == (mentions[1].start, mentions[1].end)
    f.prev_action.trigger()  # Shift+F3
    assert reader.selected_span() == (mentions[0].start, mentions[0].end)
    f.prev_action.trigger()  # wraps to the last
    assert reader.selected_span() == (mentions[-1].start, mentions[-1].end)
    f.next_action.trigger()  # and forward again to the first
    assert reader.selected_span() == (mentions[0].start, mentions[0].end)
    assert f.next_action.shortcut().toString() == "F3"
    assert f.prev_action.shortcut().toString() == "Shift+F3"


def test_f3_key_steps_through_mentions(seed_features: EntityFeatures, qtbot) -> None:
    f = seed_features
    key, mentions = _several(f)
    f.go_to_entity(key)
    f.panel.select_key(key, emit=False)
    f.window.activateWindow()
    f.reader.setFocus()
    qtbot.keyClick(f.reader, Qt.Key.Key_F3)
    assert f.reader.selected_span() == (mentions[1].start, mentions[1].end)
    qtbot.keyClick(f.reader, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert f.reader.selected_span() == (mentions[0].start, mentions[0].end)


def test_selecting_a_mention_in_the_text_selects_its_entity(seed_features: EntityFeatures) -> None:
    f = seed_features
    for e in f.entities[:3]:
        m = e.mentions[-1]
        f.reader.select_span(m.start, m.end)
        QApplication.processEvents()
        assert f.panel.current_key() == e.key


def test_f6_switches_between_text_and_list_and_escape_returns(seed_features: EntityFeatures, qtbot) -> None:
    f = seed_features
    f.window.activateWindow()
    f.reader.setFocus()
    qtbot.waitUntil(f.reader.hasFocus)
    f.focus_action.trigger()  # F6
    assert f.panel.tree.hasFocus()
    assert f.panel.current_key() in {e.key for e in f.entities}
    qtbot.keyClick(f.panel.tree, Qt.Key.Key_Down)
    qtbot.keyClick(f.panel.tree, Qt.Key.Key_Escape)
    assert f.reader.hasFocus()
    assert f.focus_action.shortcut().toString() == "F6"
