"""Python offsets <-> Qt positions: emoji (astral characters) and Latin inside Arabic."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.models import Article
from app.ui.offsets import OffsetMap, py_to_qt, qt_to_py, utf16_len

MIXED = "قال 😀 الرئيس Joe Biden في 2021 إن 🇮🇶 العراق 𝒜 شريك"


def _utf16_units(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_bmp_text_maps_one_to_one() -> None:
    text = "مرحبا Qari 123"
    assert [py_to_qt(text, i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert qt_to_py(text, 7) == 7


def test_emoji_takes_two_qt_positions() -> None:
    text = "أ😀ب"
    assert [py_to_qt(text, i) for i in range(4)] == [0, 1, 3, 4]
    assert [qt_to_py(text, q) for q in range(5)] == [0, 1, 1, 2, 3]  # inside the pair -> the emoji
    assert utf16_len(text) == 4


def test_mixed_text_matches_utf16_encoding() -> None:
    m = OffsetMap(MIXED)
    for i in range(len(MIXED) + 1):
        q = m.py_to_qt(i)
        assert q == _utf16_units(MIXED[:i])
        assert m.qt_to_py(q) == i
    assert m.qt_len == _utf16_units(MIXED)


def test_out_of_range_is_rejected() -> None:
    m = OffsetMap("أ😀")
    with pytest.raises(ValueError):
        m.py_to_qt(3)
    with pytest.raises(ValueError):
        m.qt_to_py(4)
    with pytest.raises(ValueError):
        m.py_to_qt(-1)


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60), st.data())
def test_round_trip_property(text: str, data: st.DataObject) -> None:
    m = OffsetMap(text)
    i = data.draw(st.integers(0, len(text)))
    q = m.py_to_qt(i)
    assert q == _utf16_units(text[:i])
    assert m.qt_to_py(q) == i
    # every Qt position maps to a code point whose Qt start is at or just before it
    p = data.draw(st.integers(0, m.qt_len))
    back = m.qt_to_py(p)
    assert 0 <= p - m.py_to_qt(back) <= 1


def test_reader_view_selects_article_spans_with_emoji(qtbot) -> None:
    from app.ui.reader_view import ReaderView

    article = Article.from_paragraphs(
        [("عنوان 😀 الخبر", "heading"), ("قال 😀😀 الرئيس Joe Biden في 2021", "body"), ("𝒜 end", "body")]
    )
    view = ReaderView()
    qtbot.addWidget(view)
    view.set_article(article)
    text = article.text
    # the document holds exactly the article's text (Qt's U+2029 stands for "\n")
    assert view.document().characterCount() - 1 == utf16_len(text)
    for surface in ("الخبر", "الرئيس", "Joe Biden", "2021", "😀😀", "end", "𝒜"):
        start = text.index(surface)
        cursor = view.span_to_cursor(start, start + len(surface))
        assert cursor.selectedText() == surface
    # a span across the paragraph break
    start = text.index("الخبر")
    end = text.index("قال") + 3
    assert view.span_to_cursor(start, end).selectedText().replace("\u2029", "\n") == text[start:end]
    view.select_span(text.index("Biden"), text.index("Biden") + 5)
    assert view.selected_span() == (text.index("Biden"), text.index("Biden") + 5)
    with pytest.raises(ValueError):
        view.span_to_cursor(0, len(text) + 1)
