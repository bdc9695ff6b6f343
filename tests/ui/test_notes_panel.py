"""Notes in the window: on the article, on a passage (margin mark), on an entity (shown in every article
with it); autosaved while typing, edited, deleted and undone; still there after a restart."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from app.ui.notes_panel import AUTOSAVE_MS, markdown_to_plain
from tests.ui.test_library_features import loader, make_features, open_and_settle, wait_saved

__all__ = ["loader"]


def type_into(qtbot, widget, text: str) -> None:
    """Type `text` a character at a time (QTest cannot send Arabic key events), replacing the note."""
    widget.setFocus()
    widget.selectAll()
    for ch in text:
        widget.insertPlainText(ch)
        qtbot.wait(5)


def test_article_note_is_autosaved_after_typing_edited_deleted_and_undone(
    make_window, qtbot, loader, seed_path
) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    panel = f.notes
    note = panel.add_note("article")
    assert note is not None and note.kind == "article"
    type_into(qtbot, panel.editor, "**مهم**: راجع المصدر")
    # not saved at once (debounced) ...
    assert f.library.get_note(note.id).body != "**مهم**: راجع المصدر"
    qtbot.wait(AUTOSAVE_MS + 300)
    # ... but within a second of the last key
    assert f.library.get_note(note.id).body == "**مهم**: راجع المصدر"
    assert panel.status.text().startswith("Saved")
    # shown rendered: the Markdown marks are gone in the preview and the list
    assert panel.preview.toPlainText().strip() == "مهم: راجع المصدر"
    assert "مهم: راجع المصدر" in panel.list.item(0).text()
    assert markdown_to_plain("**a** _b_").strip() == "a b"

    type_into(qtbot, panel.editor, "نص ثان")
    qtbot.wait(AUTOSAVE_MS + 300)
    assert f.library.get_note(note.id).body == "نص ثان"
    panel.undo()  # undo the editing: back to the text the note had when it was selected
    assert f.library.get_note(note.id).body == "…"

    panel.list.setCurrentRow(0)
    panel.delete_current()
    assert panel.notes == []
    assert f.library.notes_for_article(f.current.id) == []
    panel.undo()
    assert [n.id for n in panel.notes] == [note.id]


def test_passage_note_is_anchored_and_marked_in_the_margin(
    make_window, qtbot, loader, seed_path, seed_text
) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    start = seed_text.index("بغداد")
    end = start + len("بغداد")
    f.window.reader.select_span(start, end)
    note = f.add_note_here()
    assert note.kind == "passage" and (note.start, note.end) == (start, end)
    assert note.quote == "بغداد"
    assert f.marks.spans == [(start, end)]
    (underline,) = f.window.reader.extraSelections()  # the passage itself is underlined too
    qt = f.window.reader.offsets
    assert (underline.cursor.selectionStart(), underline.cursor.selectionEnd()) == (
        qt.py_to_qt(start),
        qt.py_to_qt(end),
    )
    f.window.reader.verticalScrollBar().setValue(0)
    f.window.reader.select_span(start, end)
    rects = f.marks.rects()
    assert len(rects) == 1 and rects[0].height() > 0
    assert rects[0].left() > f.window.reader.viewport().width() // 2  # the right margin (RTL start)
    # activating it in the list selects the passage in the text
    f.window.reader.select_span(0, 1)
    with qtbot.waitSignal(f.notes.go_to_passage):
        f.notes.list.itemActivated.emit(f.notes.list.item(0))
    assert f.window.reader.selected_span() == (start, end)


def test_entity_note_shows_in_every_article_with_that_entity(
    make_window, qtbot, loader, seed_path, tmp_path
) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    ef = f.window.entity_features
    key = next(e.key for e in ef.entities if e.name == "بغداد")
    # the entity panel's context menu offers it
    ef.panel.select_key(key, emit=False)
    menu = ef.panel_menu()
    labels = [a.text() for a in menu.actions()]
    assert "Add Note on This Entity…" in labels
    note = f.add_entity_note(key, body="محافظة بغداد: راجع الأرقام")
    assert note.kind == "entity" and note.entity_name == "بغداد"

    other = tmp_path / "other.txt"
    other.write_text("وصل الوفد إلى بغداد صباحًا\nثم التقى المسؤولين", encoding="utf-8")
    open_and_settle(f, qtbot, other)
    assert f.current.id != note.article_id  # another article
    bodies = [n.body for n in f.notes.notes]
    assert "محافظة بغداد: راجع الأرقام" in bodies
    third = tmp_path / "third.txt"
    third.write_text("خبر لا يذكر أحدًا\nنص آخر", encoding="utf-8")
    open_and_settle(f, qtbot, third, names=False)
    assert f.notes.notes == []


def test_notes_survive_closing_and_reopening_the_window(
    make_window, qtbot, loader, seed_path, seed_text
) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    f.notes.add_note("article")
    type_into(qtbot, f.notes.editor, "ملاحظة تبقى")
    f.window.close()  # closed before the autosave timer fired: saved on close
    g = make_features(make_window, qtbot, loader)
    open_and_settle(g, qtbot, seed_path)
    assert [n.body for n in g.notes.notes] == ["ملاحظة تبقى"]


def test_star_and_tags(make_window, qtbot, loader, seed_path) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    f.star_action.trigger()
    assert f.library.get_article(f.current.id).info.starred
    f.notes.tags_edit.setText("العراق, أمن")
    f.notes.tags_edit.editingFinished.emit()
    assert set(f.library.tags_of(f.current.id)) == {"العراق", "أمن"}
    f.notes.tags_edit.setText("أمن")
    f.notes.tags_edit.editingFinished.emit()
    assert f.library.tags_of(f.current.id) == ("أمن",)
    f.window.open_path(seed_path)  # re-opened: the header shows what was saved
    wait_saved(f, qtbot)
    assert f.notes.star_button.isChecked() and f.notes.tags_edit.text() == "أمن"


def test_reader_context_menu_offers_a_passage_note(make_window, qtbot, loader, seed_path) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    f.window.reader.select_span(0, 10)
    menu = f.window.entity_features.text_menu(QPoint(5, 5))
    assert "Add Note on Passage…" in [a.text() for a in menu.actions()]
    # on a name: a note on that entity too
    ef = f.window.entity_features
    e = next(e for e in ef.entities if e.name == "بغداد")
    f.window.reader.select_span(e.mentions[0].start, e.mentions[0].end)
    menu = ef.text_menu(QPoint(5, 5))
    action = next(a for a in menu.actions() if a.text() == "Add Note on “بغداد”…")
    action.trigger()
    assert f.notes.note(f.notes.current_id).kind == "entity"


def test_a_late_refresh_while_typing_loses_nothing(make_window, qtbot, loader, seed_path) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    note = f.notes.add_note("article")
    type_into(qtbot, f.notes.editor, "أول")
    f.notes.set_entity_ids(dict(f.notes.entity_ids))  # what a late entity save does: the list reloads
    for ch in " ثم ثان":
        f.notes.editor.insertPlainText(ch)
    qtbot.wait(AUTOSAVE_MS + 300)
    assert f.library.get_note(note.id).body == "أول ثم ثان"
