"""The main window with the real readers: open, paste, drag and drop, recent files, zoom, themes,
geometry, status bar and the first paint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui.main_window import HINT, MAX_RECENT, MainWindow
from app.ui.services import Services

# Qt 6 offers no other QDragEnterEvent constructor; PySide6 flags this one as deprecated.
DRAG_ENTER_CTOR = pytest.mark.filterwarnings("ignore:Function.*QDragEnterEvent:DeprecationWarning")


def _doc_text(w: MainWindow) -> str:
    return w.reader.document().toPlainText()


def test_starts_empty_with_a_hint(window: MainWindow) -> None:
    assert window.article is None
    assert window.windowTitle() == "Qari"
    assert "Ctrl+O" in _doc_text(window) and "Ctrl+Shift+V" in _doc_text(window)
    assert _doc_text(window) == HINT


def test_open_seed(window: MainWindow, seed_path: Path, seed_text: str) -> None:
    assert window.open_path(seed_path)
    art = window.article
    assert art is not None
    assert window.windowTitle() == f"{art.title} — Qari"
    assert art.title.startswith("فى أول هجوم")
    # the document is the article text, paragraph by paragraph
    assert _doc_text(window) == art.text
    assert window.reader.document().blockCount() == len(art.paragraphs)
    assert window.words_label.text() == f"{art.word_count:,} words"
    assert window.format_label.text() == "TXT · UTF-8"
    assert window.errors == []


def test_status_bar_names_the_encoding_the_file_was_read_in(window: MainWindow) -> None:
    root = Path(__file__).resolve().parents[2]
    assert window.open_path(root / "seeds" / "cp1256.txt")
    assert window.format_label.text() == "TXT · Windows-1256"
    assert window.open_path(root / "seeds" / "article.docx")
    assert window.format_label.text() == "DOCX"  # a Word file has no text encoding to report


def test_paragraph_direction_alignment_and_headings(window: MainWindow, tmp_path: Path) -> None:
    f = tmp_path / "mixed.txt"
    f.write_text(
        "قال الرئيس جو بايدن إن الولايات المتحدة ستنهي مهمتها القتالية في العراق هذا العام.\n"
        "English paragraph quoting a source about the Iraqi government and Baghdad.\n",
        encoding="utf-8",
    )
    assert window.open_path(f)
    block = window.reader.document().firstBlock()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight
    nxt = block.next()
    assert nxt.blockFormat().layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert nxt.blockFormat().alignment() & Qt.AlignmentFlag.AlignLeft


def test_seed_headings_are_bold_and_bigger(window: MainWindow, seed_path: Path) -> None:
    window.open_path(seed_path)
    art = window.article
    assert art is not None
    kinds = [p.kind for p in art.paragraphs]
    assert "heading" in kinds and "body" in kinds
    block = window.reader.document().firstBlock()
    sizes: dict[str, float] = {}
    for para in art.paragraphs:
        fmt = block.begin().fragment().charFormat()
        sizes[para.kind] = fmt.font().pointSizeF()
        if para.kind == "heading":
            assert fmt.font().bold()
        block = block.next()
    assert sizes["heading"] > sizes["body"]


def test_bundled_font_is_used(window: MainWindow, seed_path: Path) -> None:
    window.open_path(seed_path)
    assert window.services.font_family == "Noto Naskh Arabic"
    assert "Noto Naskh Arabic" in window.reader.document().defaultFont().families()


def test_paste_as_new_article(window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("خبر عاجل\nقال مصدر أمني عراقي إن صاروخين سقطا قرب السفارة.")
    window.paste_action.trigger()
    art = window.article
    assert art is not None
    assert "قال مصدر أمني عراقي" in art.text
    assert _doc_text(window) == art.text
    assert window.current_path is None
    assert window.recent_files() == []  # pasted text is not a file


def test_paste_empty_clipboard_is_an_error(window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("   ")
    window.paste_action.trigger()
    assert window.article is None
    assert window.errors and window.errors[0][0] == "Nothing to paste"


def _drop(window: MainWindow, mime: QMimeData) -> QDropEvent:
    pos = QPointF(window.rect().center())
    enter = QDragEnterEvent(
        QPoint(int(pos.x()), int(pos.y())),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    return drop


@DRAG_ENTER_CTOR
def test_drag_and_drop_a_file(window: MainWindow, seed_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(seed_path))])
    drop = _drop(window, mime)
    assert drop.isAccepted()
    assert window.article is not None and window.current_path == seed_path
    assert window.recent_files() == [str(seed_path.resolve())]


@DRAG_ENTER_CTOR
def test_drag_and_drop_text(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setText("نص مسحوب من متصفح عن بغداد")
    _drop(window, mime)
    assert window.article is not None and "بغداد" in window.article.text


@DRAG_ENTER_CTOR
def test_drag_enter_rejects_other_data(window: MainWindow) -> None:
    mime = QMimeData()
    mime.setData("application/x-qari-nothing", b"x")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_recent_files_persist_and_are_capped(make_window, services: Services, tmp_path: Path) -> None:
    w1 = make_window()
    files = []
    for i in range(MAX_RECENT + 2):
        f = tmp_path / f"a{i}.txt"
        f.write_text(f"مقال رقم {i} عن العراق", encoding="utf-8")
        files.append(f)
        assert w1.open_path(f)
    w1.open_path(files[3])  # reopening moves it to the top
    w1.close()
    w2 = make_window(Services.create(services.data_dir, services.font_family))  # a fresh QSettings
    recent = w2.recent_files()
    assert len(recent) == MAX_RECENT
    assert recent[0] == str(files[3].resolve())
    assert recent[1] == str(files[-1].resolve())
    assert str(files[0].resolve()) not in recent
    w2._fill_recent_menu()
    labels = [a.text() for a in w2.recent_menu.actions() if a.text()]
    assert any("a3.txt" in t for t in labels)
    # the menu opens the file
    first = next(a for a in w2.recent_menu.actions() if "a3.txt" in a.text())
    first.trigger()
    assert w2.article is not None and "رقم 3" in w2.article.text


def test_zoom_shortcuts_change_the_font_and_persist(make_window, qtbot, seed_path: Path) -> None:
    w = make_window()
    w.open_path(seed_path)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    base = w.reader.document().defaultFont().pointSizeF()
    height0 = w.reader.document().size().height()
    w.reader.setFocus()
    qtbot.keyClick(w.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert w.reader.document().defaultFont().pointSizeF() == base + 2
    assert w.reader.document().size().height() > height0
    qtbot.keyClick(w.reader, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert w.reader.zoom == 1
    w2 = make_window()
    assert w2.reader.zoom == 1
    qtbot.keyClick(w.reader, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert w.reader.zoom == 0 and w.reader.document().defaultFont().pointSizeF() == base
    for _ in range(40):
        w.zoom_out()
    assert w.reader.point_size() >= 8  # clamped


def test_themes_switch_palette_and_persist(make_window) -> None:
    w = make_window()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light_base = app.palette().base().color().lightness()
    seen: list[str] = []
    w.theme_changed.connect(seen.append)
    w.theme_actions["dark"].trigger()
    assert seen == ["dark"]
    assert w.theme_name == "dark"
    dark_base = app.palette().base().color().lightness()
    assert dark_base < 60 < light_base
    assert w.theme_actions["dark"].isChecked() and not w.theme_actions["light"].isChecked()
    w2 = make_window()
    assert w2.theme_name == "dark"
    w2.set_theme("light")
    assert app.palette().base().color().lightness() == light_base


def test_geometry_is_remembered(make_window, qtbot) -> None:
    w = make_window()
    with qtbot.waitExposed(w):
        w.show()
    w.resize(700, 520)
    w.close()
    w2 = make_window()
    assert (w2.width(), w2.height()) == (700, 520)


def test_first_paint_shows_the_article(window: MainWindow, qtbot, seed_path: Path) -> None:
    window.open_path(seed_path)
    with qtbot.waitExposed(window):
        window.show()
    image = window.grab().toImage()
    # the reading pane is painted with text: many pixels differ from its background
    bg = window.reader.viewport().palette().base().color()
    rect = window.reader.geometry()
    dark = 0
    for x in range(rect.left(), rect.right(), 4):
        for y in range(rect.top(), rect.top() + 200, 4):
            c = image.pixelColor(x, y)
            if abs(c.lightness() - bg.lightness()) > 80:
                dark += 1
    assert dark > 50
    # right-aligned Arabic: ink is in the right half of the first line, not only the left
    line = window.reader.document().firstBlock().layout().lineAt(0)
    assert line.naturalTextRect().right() > line.width() - 4


def test_error_box_does_not_block(qtbot, services: Services, tmp_path: Path) -> None:
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.show()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert not w.open_path(empty)  # returns: the box is opened, not exec'd
    box = w.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert "empty" in box.text().lower()
    box.accept()
    assert w.article is None


def test_open_dialog_filter_lists_supported_suffixes(window: MainWindow) -> None:
    from app.text.readers import SUPPORTED_SUFFIXES

    flt = window.dialog_filter()
    first = flt.split(";;")[0]
    for suffix in SUPPORTED_SUFFIXES:
        assert f"*{suffix}" in first
    assert flt.endswith("All files (*)")


def test_open_saved_page_docx_and_pdf_seeds(window: MainWindow, seed_path: Path) -> None:
    seeds = seed_path.parent
    if not (seeds / "saved_page.html").exists():
        pytest.skip("the sample seeds (seeds/build_samples.py) are not built")
    for name, fmt in (("saved_page.html", "HTML"), ("article.docx", "DOCX"), ("article.pdf", "PDF")):
        path = seeds / name
        window.errors.clear()
        assert window.open_path(path), window.errors
        art = window.article
        assert art is not None and window.format_label.text().startswith(fmt)
        assert _doc_text(window) == art.text
        assert (
            window.reader.document().firstBlock().blockFormat().layoutDirection()
            == Qt.LayoutDirection.RightToLeft
        )


def test_keyboard_paste_and_quit(make_window, qtbot) -> None:
    w = make_window()
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    QGuiApplication.clipboard().setText("مقال ملصوق عن الموصل")
    qtbot.keyClick(
        w.reader, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert w.article is not None and "الموصل" in w.article.text
    assert w.windowTitle() == "مقال ملصوق عن الموصل — Qari"
    w.resize(640, 480)
    qtbot.keyClick(w.reader, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not w.isVisible()
    w2 = make_window()  # closing saved the geometry
    assert (w2.width(), w2.height()) == (640, 480)
