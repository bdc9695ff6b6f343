"""The reading pane keeps a margin on both sides, narrow or wide (text never touches the scroll bar)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.text.readers import read_path
from app.ui.reader_view import MIN_SIDE_MARGIN, ReaderView


def ink_columns(view: ReaderView) -> tuple[int, int, int]:
    img = view.viewport().grab().toImage()
    background = img.pixel(1, 1)
    cols = [
        x for x in range(img.width()) if any(img.pixel(x, y) != background for y in range(0, img.height(), 3))
    ]
    return cols[0], cols[-1], img.width()


@pytest.mark.parametrize("width", [500, 900, 1600])
def test_text_keeps_side_margins(qtbot, seed_path: Path, width: int) -> None:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(width, 500)
    view.set_article(read_path(seed_path))
    view.show()
    qtbot.waitExposed(view)
    first, last, total = ink_columns(view)
    assert first >= MIN_SIDE_MARGIN - 4
    assert total - 1 - last >= MIN_SIDE_MARGIN - 4
