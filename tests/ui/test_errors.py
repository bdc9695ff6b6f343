"""Every bad input ends in a message the user can act on; the window keeps running."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.main_window import ASYNC_READ_BYTES, MainWindow

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
)


def _assert_one_error(w: MainWindow, *words: str) -> str:
    assert len(w.errors) == 1, w.errors
    title, message = w.errors[0]
    assert title.startswith("Could not open") or title == "File not found"
    text = message.lower()
    assert message.endswith((".", "!", ")")) and len(message) > 20
    for word in words:
        assert word in text, message
    assert w.article is None
    assert w.isEnabled()
    return message


def _works_afterwards(w: MainWindow, seed_path: Path) -> None:
    w.errors.clear()
    assert w.open_path(seed_path)
    assert w.article is not None and w.errors == []


def test_empty_file(window: MainWindow, tmp_path: Path, seed_path: Path) -> None:
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert not window.open_path(f)
    _assert_one_error(window, "empty")
    _works_afterwards(window, seed_path)


def test_whitespace_only_file(window: MainWindow, tmp_path: Path) -> None:
    f = tmp_path / "blank.txt"
    f.write_text(" \n\n\t \n", encoding="utf-8")
    assert not window.open_path(f)
    _assert_one_error(window)


def test_png_renamed_txt(window: MainWindow, tmp_path: Path, seed_path: Path) -> None:
    f = tmp_path / "picture.txt"
    f.write_bytes(PNG + bytes(range(256)) * 4)
    assert not window.open_path(f)
    _assert_one_error(window, "png")
    _works_afterwards(window, seed_path)


def test_undecodable_file(window: MainWindow, tmp_path: Path) -> None:
    f = tmp_path / "noise.txt"
    # bytes that are no text in any encoding: control characters and NULs in a random mix
    f.write_bytes(bytes((i * 7919) % 32 for i in range(4000)))
    assert not window.open_path(f)
    _assert_one_error(window)


def test_too_big_file(window: MainWindow, qtbot, tmp_path: Path, seed_path: Path) -> None:
    f = tmp_path / "huge.txt"
    line = "قال المصدر إن الصواريخ سقطت قرب السفارة في بغداد\n".encode()
    with f.open("wb") as out:
        for _ in range(21 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    assert f.stat().st_size > 20 * 1024 * 1024
    assert window.open_path(f)  # big: read in the worker, the call returns at once
    qtbot.waitUntil(lambda: bool(window.errors), timeout=30_000)
    _assert_one_error(window, "mb")
    _works_afterwards(window, seed_path)


def test_big_but_allowed_file_opens_in_the_background(window: MainWindow, qtbot, tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    para = "قال المصدر إن الصواريخ سقطت قرب السفارة في بغداد وأضاف أن المنظومة فشلت في إبعادها. "
    f.write_text(
        "\n".join(para * 3 for _ in range(ASYNC_READ_BYTES // len(para.encode()) // 3 + 10)), "utf-8"
    )
    assert f.stat().st_size >= ASYNC_READ_BYTES
    assert window.open_path(f)
    assert window.article is None  # not yet: the worker is reading
    qtbot.waitUntil(lambda: window.article is not None, timeout=30_000)
    assert window.errors == []
    assert window.current_path == f


def test_stale_background_result_is_dropped(
    window: MainWindow, qtbot, tmp_path: Path, seed_path: Path
) -> None:
    f = tmp_path / "big.txt"
    f.write_text("خبر طويل عن العراق\n" * (ASYNC_READ_BYTES // 20), "utf-8")
    window.open_path(f)
    window.open_path(seed_path)  # the user moved on before the big file was read
    window.wait_for_reads()
    QApplication.processEvents()
    assert window.current_path == seed_path


def test_corrupt_docx(window: MainWindow, tmp_path: Path) -> None:
    f = tmp_path / "report.docx"
    f.write_bytes(b"PK\x03\x04" + b"this is not really a zip archive" * 20)
    assert not window.open_path(f)
    _assert_one_error(window)


def test_docx_without_document_part(window: MainWindow, tmp_path: Path) -> None:
    f = tmp_path / "hollow.docx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("hello.txt", "not a word document")
    assert not window.open_path(f)
    _assert_one_error(window)


def test_corrupt_pdf(window: MainWindow, tmp_path: Path) -> None:
    f = tmp_path / "paper.pdf"
    f.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF")
    assert not window.open_path(f)
    _assert_one_error(window)


def test_unsupported_extension(window: MainWindow, tmp_path: Path) -> None:
    f = tmp_path / "sheet.xlsx"
    f.write_bytes(b"PK\x03\x04whatever")
    assert not window.open_path(f)
    _assert_one_error(window, "xlsx")


def test_missing_file(window: MainWindow, tmp_path: Path) -> None:
    assert not window.open_path(tmp_path / "gone.txt")
    _assert_one_error(window, "gone.txt")


def test_deleted_recent_file(make_window, tmp_path: Path) -> None:
    f = tmp_path / "soon-gone.txt"
    f.write_text("مقال سيحذف قريبا", encoding="utf-8")
    w = make_window()
    assert w.open_path(f)
    assert w.recent_files() == [str(f.resolve())]
    f.unlink()
    w2 = make_window()
    w2.errors.clear()
    w2._fill_recent_menu()
    action = next(a for a in w2.recent_menu.actions() if "soon-gone.txt" in a.text())
    action.trigger()
    assert w2.errors and w2.errors[0][0] == "File not found"
    assert "soon-gone.txt" in w2.errors[0][1]
    assert w2.recent_files() == []


@pytest.mark.parametrize("name", ["page.html", "notes.txt"])
def test_binary_garbage_with_text_suffix(window: MainWindow, tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8)
    assert not window.open_path(f)
    _assert_one_error(window)
