"""Highlights in the reading pane, read back from the document's own character formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from app.core.models import Article
from app.ner.corrections import Add, apply_corrections
from app.ui.entity_features import K_HIDDEN, EntityFeatures, install_entity_features
from app.ui.highlighter import KEY_PROPERTY, LABEL_PROPERTY, EntityHighlighter, read_highlights
from app.ui.reader_view import ReaderView
from tests.ui.entity_support import bundled_loader

SHOTS = Path("/work/shots")


def open_and_wait(qtbot, features: EntityFeatures, path: Path) -> None:
    features.window.open_path(path)
    qtbot.waitUntil(features.settled, timeout=60_000)


@pytest.fixture
def seed_window(make_window, qtbot, seed_path: Path):
    loader = bundled_loader()
    w = make_window()
    features = install_entity_features(w, loader=loader)
    w.show()
    qtbot.waitExposed(w)
    open_and_wait(qtbot, features, seed_path)
    return w, features


def expected_highlights(features: EntityFeatures) -> set[tuple[int, int, str, str]]:
    """What the recognizer finds in the article, computed here without the window."""
    text = features.window.article.text
    model = features.service.holder.get()
    entities = apply_corrections(text, model.recognize(text), [], model.is_known_name)
    omap = features.reader.offsets
    return {
        (omap.py_to_qt(m.start), omap.py_to_qt(m.end), e.label, e.key) for e in entities for m in e.mentions
    }


def test_highlights_sit_on_exactly_the_recognized_spans(seed_window) -> None:
    w, features = seed_window
    got = read_highlights(w.reader.document())
    assert got, "nothing highlighted in the seed"
    assert set(got) == expected_highlights(features)
    assert len(got) == len(set(got))
    # every highlight's text is the mention's text
    doc_text = w.reader.document().toPlainText()
    for start, end, _label, key in got:
        e = features.entity(key)
        assert e is not None
        assert doc_text[start:end] in {m.text for m in e.mentions}


def test_toggling_a_type_hides_only_that_type_and_is_remembered(seed_window, make_window, qtbot) -> None:
    w, features = seed_window
    before = read_highlights(w.reader.document())
    labels = {h[2] for h in before}
    label = "LOC" if "LOC" in labels else sorted(labels)[0]
    features.type_actions[label].trigger()  # the toolbar / View menu action (shortcut Ctrl+1..3)
    qtbot.waitUntil(lambda: not features.highlighter.is_pending())
    after = read_highlights(w.reader.document())
    assert after == [h for h in before if h[2] != label]
    assert not features.type_actions[label].isChecked()
    assert label in str(w.settings.value(K_HIDDEN))
    # a new window starts with the type hidden
    w2 = make_window()
    f2 = install_entity_features(w2, loader=lambda _n: features.service.holder.get())
    assert not f2.type_actions[label].isChecked()
    assert label not in f2.highlighter.visible_types()
    f2.service.shutdown()
    # and showing it again restores exactly what was there
    features.type_actions[label].trigger()
    qtbot.waitUntil(lambda: not features.highlighter.is_pending())
    assert read_highlights(w.reader.document()) == before


def test_type_shortcut_toggles(seed_window, qtbot) -> None:
    w, features = seed_window
    w.activateWindow()
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert not features.type_actions["PERS"].isChecked()
    assert "PERS" not in features.highlighter.visible_types()
    qtbot.keyClick(w.reader, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert features.type_actions["PERS"].isChecked()


def test_hover_shows_type_and_canonical_name(seed_window, qtbot) -> None:
    w, features = seed_window
    entity = features.entities[0]
    mention = entity.mentions[0]
    w.reader.select_span(mention.start, mention.end)  # scrolls it into view
    cursor = w.reader.span_to_cursor(mention.start, mention.start + 1)
    cursor.setPosition(w.reader.offsets.py_to_qt(mention.start) + 1)
    pos = w.reader.cursorRect(cursor).center()
    tip = features.highlighter.tooltip_at(pos)
    assert tip is not None
    assert entity.name in tip
    assert {"PERS": "Person", "LOC": "Place", "ORG": "Organization"}[entity.label] in tip
    event = QHelpEvent(QEvent.Type.ToolTip, pos, w.reader.viewport().mapToGlobal(pos))
    QApplication.sendEvent(w.reader.viewport(), event)
    assert entity.name in QToolTip.text()
    # far outside the text: no tooltip
    assert features.highlighter.tooltip_at(QPoint(-50, -50)) is None


def _render(text: str, qtbot, start: int | None = None, end: int | None = None, color: str = "") -> QImage:
    """The reading pane showing `text`, with `text[start:end]` highlighted as a place."""
    view = ReaderView()
    qtbot.addWidget(view)
    pal = view.palette()
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    view.setPalette(pal)
    view.resize(420, 160)
    view.set_article(Article.from_paragraphs([(text, "body")]))
    # All text black (a theme may have set another text color), so a black-on-white highlight is invisible.
    everything = QTextCursor(view.document())
    everything.select(QTextCursor.SelectionType.Document)
    black = QTextCharFormat()
    black.setForeground(QColor("#000000"))
    everything.mergeCharFormat(black)
    hl = EntityHighlighter(view)
    if color:
        hl.set_overrides({"LOC": color})
    if start is not None and end is not None:
        entities = apply_corrections(text, [], [Add(text[start:end], "LOC")])
        assert [(m.start, m.end) for e in entities for m in e.mentions] == [(start, end)]
        hl.set_entities(text, entities)
        qtbot.waitUntil(lambda: not hl.is_pending())
    view.show()
    qtbot.waitExposed(view)
    # Draw the document itself (no blinking text cursor, no focus frame), as the viewport paints it.
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setPen(QColor("#000000"))  # drawContents draws plain text in the pen's color
    view.document().drawContents(painter)
    painter.end()
    return image


def test_partial_word_highlight_keeps_arabic_letters_joined(qtbot) -> None:
    text = "زار الكاظمي لواشنطن"
    start = text.index("واشنطن")
    # Highlighted with the page's own color, the pixels must be exactly those of the plain text: the
    # format boundary between ل and و must not change the letters' shapes.
    plain = _render(text, qtbot)
    same_color = _render(text, qtbot, start, start + 6, color="#ffffff")
    assert same_color == plain
    # The comparison does see broken joining: a zero-width non-joiner after ل changes the pixels.
    broken = _render(text.replace("لواشنطن", "ل\u200cواشنطن"), qtbot)
    assert broken != plain
    colored = _render(text, qtbot, start, start + 6)
    assert colored != plain
    if SHOTS.is_dir():
        colored.save(str(SHOTS / "entities_partial_word.png"))


def test_format_properties_mark_only_the_span(qtbot) -> None:
    text = "زار الكاظمي لواشنطن"
    view = ReaderView()
    qtbot.addWidget(view)
    view.set_article(Article.from_paragraphs([(text, "body")]))
    hl = EntityHighlighter(view)
    hl.set_entities(text, apply_corrections(text, [], [Add("واشنطن", "LOC")]))
    qtbot.waitUntil(lambda: not hl.is_pending())
    block = view.document().firstBlock()
    marked = {
        i
        for r in list(block.textFormats())
        if r.format.hasProperty(KEY_PROPERTY)
        for i in range(r.start, r.start + r.length)
    }
    start = text.index("واشنطن")
    assert marked == set(range(start, start + 6))
    ranges = block.textFormats()
    fmt = next(r.format for r in ranges if r.format.hasProperty(KEY_PROPERTY))
    assert fmt.stringProperty(LABEL_PROPERTY) == "LOC"
    assert fmt.stringProperty(KEY_PROPERTY) == "LOC:واشنطن"


def test_clearing_a_highlight_keeps_the_heading_format(qtbot) -> None:
    heading, body = "زيارة الكاظمي لواشنطن", "قال الكاظمي إن الزيارة ناجحة"
    view = ReaderView()
    qtbot.addWidget(view)
    article = Article.from_paragraphs([(heading, "heading"), (body, "body")])
    view.set_article(article)
    hl = EntityHighlighter(view)
    entities = apply_corrections(article.text, [], [Add("الكاظمي", "PERS")])
    hl.set_entities(article.text, entities)
    qtbot.waitUntil(lambda: not hl.is_pending())
    assert len(read_highlights(view.document())) == 2
    hl.set_type_visible("PERS", False)
    qtbot.waitUntil(lambda: not hl.is_pending())
    assert read_highlights(view.document()) == []
    block = view.document().firstBlock()
    for r in list(block.textFormats()):
        assert r.format.font().bold()  # the heading is still bold where the highlight was
        assert not r.format.hasProperty(KEY_PROPERTY)
        assert r.format.background().style() == Qt.BrushStyle.NoBrush
