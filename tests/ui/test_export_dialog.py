"""File → Export…: the dialog, its scopes, the export job off the GUI thread, cancel, errors, preview."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFileDialog, QPushButton

from app.core.models import Article, Entity, Mention
from app.export.service import SUFFIXES
from app.export.tabular import CSV_COLUMNS
from app.text.normalize import fold_presentation_forms
from app.ui.entity_features import install_entity_features
from app.ui.export_dialog import (
    ExportDialog,
    SafeTextBrowser,
    flip_rows,
    for_preview,
    safe_file_stem,
    with_suffix,
)
from app.ui.export_features import ExportFeatures, install_export_features
from tests.ui.entity_support import SEED_WORDS, StandInRecognizer, bundled_loader

SHOTS = Path("/work/shots")
pytestmark = pytest.mark.qt_log_level_fail("WARNING")  # a Qt warning (e.g. PDF off the GUI thread) fails


@pytest.fixture
def seed_window(make_window, qtbot, seed_path: Path):
    """The window with the seed open and its entities found by the real bundled recognizer."""
    w = make_window()
    features = install_entity_features(w, loader=bundled_loader())
    exp = install_export_features(w)
    w.show()
    qtbot.waitExposed(w)
    w.open_path(seed_path)
    qtbot.waitUntil(features.settled, timeout=60_000)
    assert features.entities, "the bundled recognizer found nothing in the seed"
    yield w, features, exp
    exp.shutdown()


def export_now(qtbot, exp: ExportFeatures, dialog: ExportDialog, fmt: str, path: Path) -> str:
    dialog.set_format(fmt)
    dialog.path_edit.setText(str(path))
    with qtbot.waitSignal(exp.ended, timeout=60_000) as blocker:
        dialog.export_button.click()
    return str(blocker.args[0])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.dirs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k == "dir" and v:
                self.dirs.append(v)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


# --- the dialog --------------------------------------------------------------------------------------


def test_dialog_opens_with_the_seed_and_offers_only_what_exists(seed_window, qtbot) -> None:
    w, _features, exp = seed_window
    assert exp.export_action.shortcut().toString() == "Ctrl+E"
    assert exp.export_action in w.file_menu.actions()
    dialog = exp.open_dialog()
    assert dialog.isVisible()
    assert dialog.scope_buttons["current"].isEnabled()
    assert dialog.scope_buttons["current"].isChecked()
    # No library view registered anything: the other scopes are off.
    assert not dialog.scope_buttons["selected"].isEnabled()
    assert not dialog.scope_buttons["search"].isEnabled()
    # The file name follows the format.
    assert dialog.path_edit.text().endswith(".html")
    for fmt, suffix in SUFFIXES.items():
        dialog.set_format(fmt)
        assert dialog.path_edit.text().endswith(suffix), (fmt, dialog.path_edit.text())
    # Markdown's highlight style only for Markdown; N only for key passages by entities.
    dialog.set_format("md")
    assert dialog.mark_combo.isEnabled()
    dialog.set_format("html")
    assert not dialog.mark_combo.isEnabled()
    assert not dialog.max_spin.isEnabled()
    dialog.set_passages("entities")
    assert dialog.max_spin.isEnabled()


def test_scopes_follow_the_registered_sources(seed_window, qtbot) -> None:
    w, _features, exp = seed_window
    selected: list[int] = []
    w.export_sources["selected"] = lambda: list(selected)
    w.export_sources["search"] = lambda: [4, 5, 6]
    dialog = exp.open_dialog()
    assert not dialog.scope_buttons["selected"].isEnabled()  # registered, but nothing selected
    assert dialog.scope_buttons["search"].isEnabled()
    assert "(3)" in dialog.scope_buttons["search"].text()
    selected += [1, 2]
    dialog = exp.open_dialog()
    assert dialog.scope_buttons["selected"].isEnabled()
    assert "(2)" in dialog.scope_buttons["selected"].text()


def test_no_article_and_no_sources_means_nothing_to_export(window, qtbot) -> None:
    exp = install_export_features(window)
    dialog = exp.open_dialog()
    assert not any(b.isEnabled() for b in dialog.scope_buttons.values())
    assert not dialog.export_button.isEnabled()
    assert dialog.options() is None


def test_file_dialog_sets_the_path_and_the_format(seed_window, qtbot, monkeypatch, tmp_path) -> None:
    _w, _f, exp = seed_window
    dialog = exp.open_dialog()
    asked: list[str] = []

    def fake(parent, caption, start, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(tmp_path / "report.pdf"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    dialog.browse_button.click()
    assert asked == ["HTML (*.html *.htm)"]
    assert dialog.fmt == "pdf"
    assert dialog.path_edit.text() == str(tmp_path / "report.pdf")
    # a name without a suffix gets the format's
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "plain"), ""))
    dialog.browse_button.click()
    assert dialog.path_edit.text() == str(tmp_path / "plain.pdf")


# --- exporting the current article --------------------------------------------------------------------


def test_current_article_to_every_format(seed_window, qtbot, tmp_path) -> None:
    w, features, exp = seed_window
    names = {e.name for e in features.entities}
    dialog = exp.open_dialog()

    out = tmp_path / "seed.html"
    assert export_now(qtbot, exp, dialog, "html", out) == "ok"
    parser = _Text()
    parser.feed(out.read_text(encoding="utf-8"))
    text = "".join(parser.parts)
    assert 'dir="rtl"' in out.read_text(encoding="utf-8")
    assert "rtl" in parser.dirs
    assert names <= set(re.findall(r'data-name="([^"]+)"', out.read_text(encoding="utf-8")))
    assert all(n in text for n in names)
    assert not dialog.isVisible()  # closed on success
    assert exp.last_path == out

    dialog = exp.open_dialog()
    out = tmp_path / "seed.pdf"
    assert export_now(qtbot, exp, dialog, "pdf", out) == "ok"
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):  # poppler-utils: read the text back (the rest runs without it)
        pdf_text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        pdf_text = fold_presentation_forms(pdf_text)  # pdftotext gives the shaped (presentation) forms
        arabic = re.findall(r"[\u0621-\u064a]{3,}", pdf_text)
        assert len(arabic) > 100
        title_words = [t for t in w.article.title.split() if len(t) > 3]
        assert any(t in pdf_text for t in title_words)

    dialog = exp.open_dialog()
    out = tmp_path / "seed.docx"
    assert export_now(qtbot, exp, dialog, "docx", out) == "ok"
    import docx

    body = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    tables = " ".join(c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells)
    assert all(n in body + tables for n in names)

    dialog = exp.open_dialog()
    out = tmp_path / "seed.csv"
    assert export_now(qtbot, exp, dialog, "csv", out) == "ok"
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    mentions = sum(len(e.mentions) for e in features.entities)
    assert len(rows) - 1 == mentions
    assert {r[1] for r in rows[1:]} == names

    dialog = exp.open_dialog()
    out = tmp_path / "seed.json"
    assert export_now(qtbot, exp, dialog, "json", out) == "ok"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {e["name"] for e in data["articles"][0]["entities"]} == names

    dialog = exp.open_dialog()
    dialog.mark_combo.setCurrentIndex(1)  # ==mark==
    out = tmp_path / "seed.md"
    assert export_now(qtbot, exp, dialog, "md", out) == "ok"
    md = out.read_text(encoding="utf-8")
    assert "==" in md
    assert w.errors == []
    assert not list(tmp_path.glob(".*.part"))


def test_corrections_show_in_the_export(make_window, qtbot, tmp_path) -> None:
    """The export takes the entities the window shows now, corrections included, not a fresh recognition."""
    w = make_window()
    features = install_entity_features(w, loader=lambda _n: StandInRecognizer(SEED_WORDS))
    exp = install_export_features(w)
    w.open_text("زار الكاظمى واشنطن ثم عاد إلى بغداد")
    qtbot.waitUntil(features.settled, timeout=10_000)
    from app.ner.corrections import Delete

    baghdad = next(e for e in features.entities if e.name == "بغداد")
    features.push([Delete.of(baghdad)], "delete")
    qtbot.waitUntil(lambda: features.settled() and features.entity(baghdad.key) is None, timeout=10_000)
    dialog = exp.open_dialog()
    out = tmp_path / "corrected.csv"
    assert export_now(qtbot, exp, dialog, "csv", out) == "ok"
    with out.open(encoding="utf-8-sig", newline="") as f:
        names = {r[1] for r in list(csv.reader(f))[1:]}
    assert names == {"الكاظمى", "واشنطن"}


def test_article_without_entities_says_none_found(make_window, qtbot, tmp_path) -> None:
    w = make_window()
    features = install_entity_features(w, loader=lambda _n: StandInRecognizer({}))
    exp = install_export_features(w)
    w.open_text("هذا نص قصير لا أسماء فيه")
    qtbot.waitUntil(features.settled, timeout=10_000)
    dialog = exp.open_dialog()
    out = tmp_path / "none.html"
    assert export_now(qtbot, exp, dialog, "html", out) == "ok"
    html = out.read_text(encoding="utf-8")
    assert "لم يُعثر على كيانات" in html
    assert "لا أسماء فيه" in html
    assert w.errors == []


def test_options_notes_index_and_key_passages(seed_window, qtbot, tmp_path) -> None:
    _w, _features, exp = seed_window
    dialog = exp.open_dialog()
    dialog.index_check.setChecked(False)
    dialog.set_passages("entities")
    dialog.max_spin.setValue(2)
    out = tmp_path / "key.html"
    assert export_now(qtbot, exp, dialog, "html", out) == "ok"
    html = out.read_text(encoding="utf-8")
    assert 'class="entity-index"' not in html
    assert len(re.findall(r'<(?:p|h3) class="para', html)) == 2
    assert "مقاطع رئيسية" in html

    dialog = exp.open_dialog()  # defaults again: index in
    out = tmp_path / "full.html"
    assert export_now(qtbot, exp, dialog, "html", out) == "ok"
    assert 'class="entity-index"' in out.read_text(encoding="utf-8")


def test_saved_article_exports_with_its_notes(seed_window, qtbot, tmp_path, data_dir) -> None:
    w, features, exp = seed_window
    from app.store.library import Library

    with Library.open(data_dir) as lib:
        saved = lib.save_article(w.article)
        start = w.article.text.index(features.entities[0].mentions[0].text)
        lib.add_note("ملاحظة المحلل على هذه الفقرة", article_id=saved.id, start=start, end=start + 3)
    dialog = exp.open_dialog()
    out = tmp_path / "noted.md"
    assert export_now(qtbot, exp, dialog, "md", out) == "ok"
    assert "ملاحظة المحلل على هذه الفقرة" in out.read_text(encoding="utf-8")

    dialog = exp.open_dialog()
    dialog.notes_check.setChecked(False)
    out = tmp_path / "plain.md"
    assert export_now(qtbot, exp, dialog, "md", out) == "ok"
    assert "ملاحظة المحلل" not in out.read_text(encoding="utf-8")


# --- errors ------------------------------------------------------------------------------------------


def test_unwritable_path_shows_an_error(seed_window, qtbot, tmp_path) -> None:
    w, _f, exp = seed_window
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    dialog = exp.open_dialog()
    dialog.set_format("pdf")
    dialog.path_edit.setText(str(blocker / "out.pdf"))  # a folder that is a file
    dialog.export_button.click()
    assert exp.job is None
    assert len(w.errors) == 1
    title, message = w.errors[0]
    assert "Cannot export" in title
    assert str(blocker) in message
    assert dialog.isVisible()  # the person can pick another name


def test_empty_selection_shows_an_error(seed_window, qtbot, tmp_path) -> None:
    w, _f, exp = seed_window
    chosen = [1]
    w.export_sources["selected"] = lambda: list(chosen)
    dialog = exp.open_dialog()
    dialog.set_scope("selected")
    chosen.clear()  # the selection emptied while the dialog was open
    dialog.path_edit.setText(str(tmp_path / "x.html"))
    dialog.export_button.click()
    assert exp.job is None
    assert w.errors and "Nothing to export" in w.errors[0][0]
    assert "selected" in w.errors[0][1]
    assert not (tmp_path / "x.html").exists()


def test_export_waits_for_recognition(make_window, qtbot, tmp_path) -> None:
    w = make_window()
    started = threading.Event()
    features = install_entity_features(
        w, loader=lambda _n: StandInRecognizer(SEED_WORDS, delay=1.5, started=started)
    )
    exp = install_export_features(w)
    w.open_text("زار الكاظمى واشنطن")
    qtbot.waitUntil(started.is_set, timeout=10_000)
    dialog = exp.open_dialog()
    dialog.path_edit.setText(str(tmp_path / "early.html"))
    dialog.export_button.click()
    assert w.errors and "still being found" in w.errors[0][0]
    assert not (tmp_path / "early.html").exists()
    qtbot.waitUntil(features.settled, timeout=10_000)


# --- a brief of many ---------------------------------------------------------------------------------


def _fill_library(data_dir: Path, n: int) -> list[int]:
    from app.store.library import Library

    ids = []
    with Library.open(data_dir) as lib:
        for i in range(n):
            text = f"زار الرئيس سمير{i} مدينة بغداد في اليوم {i}"
            article = Article.from_paragraphs([(f"خبر رقم {i}", "heading"), (text, "body")], title=f"خبر {i}")
            saved = lib.save_article(article)
            body = article.text
            s = body.index("بغداد")
            lib.save_entities(saved.id, [Entity("بغداد", "LOC", [Mention(s, s + 5, "بغداد")])])
            ids.append(saved.id)
    return ids


def test_brief_of_selected_articles(seed_window, qtbot, tmp_path, data_dir) -> None:
    w, _f, exp = seed_window
    ids = _fill_library(data_dir, 3)
    w.export_sources["selected"] = lambda: ids
    dialog = exp.open_dialog()
    dialog.set_scope("selected")
    out = tmp_path / "brief.json"
    assert export_now(qtbot, exp, dialog, "json", out) == "ok"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [a["title"] for a in data["articles"]] == ["خبر 0", "خبر 1", "خبر 2"]
    assert data["query"] is None
    assert w.errors == []


def test_search_results_export_repeats_the_search(seed_window, qtbot, tmp_path, data_dir) -> None:
    w, _f, exp = seed_window
    ids = _fill_library(data_dir, 2)
    w.export_sources["search"] = lambda: ids
    w.export_queries["search"] = lambda: "“خبر” · tag: عراق"
    dialog = exp.open_dialog()
    dialog.set_scope("search")
    out = tmp_path / "search.html"
    assert export_now(qtbot, exp, dialog, "html", out) == "ok"
    page = out.read_text(encoding="utf-8")
    assert "“خبر” · tag: عراق" in page
    out = tmp_path / "search.json"
    assert export_now(qtbot, exp, dialog, "json", out) == "ok"
    assert json.loads(out.read_text(encoding="utf-8"))["query"] == "“خبر” · tag: عراق"
    assert w.errors == []


def test_cancel_a_50_article_brief_leaves_no_file(seed_window, qtbot, tmp_path, data_dir, monkeypatch):
    w, _f, exp = seed_window
    ids = _fill_library(data_dir, 50)
    w.export_sources["search"] = lambda: ids
    import app.export.service as service

    real = service.input_from_library
    calls: list[int] = []
    threads: set[str] = set()

    def slow(lib, article_id):  # type: ignore[no-untyped-def]
        calls.append(article_id)
        threads.add(threading.current_thread().name)
        time.sleep(0.05)  # a slow disk: gives the person time to press Cancel
        return real(lib, article_id)

    monkeypatch.setattr(service, "input_from_library", slow)
    dialog = exp.open_dialog()
    dialog.set_scope("search")
    out = tmp_path / "brief.pdf"
    dialog.set_format("pdf")
    dialog.path_edit.setText(str(out))
    dialog.update_preview()  # the preview reads the first article (on the GUI thread, once)
    assert "خبر 0" in dialog.preview.toPlainText()
    assert "50" in dialog.preview_label.text()
    calls.clear()
    threads.clear()
    dialog.export_button.click()
    assert exp.job is not None and exp.progress is not None
    qtbot.waitUntil(lambda: exp.progress is not None and exp.progress.value() >= 5, timeout=20_000)
    assert exp.progress.isVisible()
    cancel_button = exp.progress.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Cancel"
    with qtbot.waitSignal(exp.ended, timeout=20_000) as blocker:
        cancel_button.click()
    assert blocker.args == ["cancelled"]
    assert 5 <= len(calls) < 50
    assert threading.main_thread().name not in threads  # the work ran off the GUI thread
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no partial file either
    assert w.errors == []
    assert "cancelled" in w.statusBar().currentMessage()
    assert dialog.isVisible() and dialog.export_button.isEnabled()


# --- preview -----------------------------------------------------------------------------------------


def test_preview_shows_the_highlighted_article_and_loads_nothing(seed_window, qtbot) -> None:
    _w, features, exp = seed_window
    dialog = exp.open_dialog()
    dialog.resize(1200, 800)
    qtbot.waitExposed(dialog)
    doc = dialog.preview.document()
    plain = doc.toPlainText()
    assert all(e.name in plain for e in features.entities)
    # entity highlights come through as background colors in the preview
    backgrounds = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.background().style().value != 0:
                backgrounds.add(fmt.background().color().name())
            it += 1
        block = block.next()
    from app.core.palette import colors

    assert {colors(t)["light"].lower() for t in ("PERS", "LOC")} <= backgrounds
    # right to left paragraphs
    rtl = 0
    block = doc.begin()
    while block.isValid():
        if block.text().strip() and block.layout().textOption().textDirection().name == "RightToLeft":
            rtl += 1
        block = block.next()
    assert rtl > 5
    # no resource is fetched, local or remote
    assert dialog.preview.loadResource(0, QUrl("https://example.com/x.png")) is None
    assert dialog.preview.loadResource(2, QUrl("file:///etc/passwd")) is None
    # options change the preview
    dialog.index_check.setChecked(False)
    dialog.update_preview()
    assert "فهرس الكيانات" not in dialog.preview.toPlainText()
    dialog.set_format("csv")
    dialog.update_preview()
    assert dialog.preview.toPlainText().startswith(",".join(CSV_COLUMNS))
    dialog.set_format("html")
    dialog.index_check.setChecked(True)
    dialog.update_preview()
    if SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "export_dialog.png"))
        heading = dialog.preview.document().find("النص كاملًا")
        assert not heading.isNull()
        bar = dialog.preview.verticalScrollBar()
        bar.setValue(bar.value() + dialog.preview.cursorRect(heading).top() - 10)
        dialog.grab().save(str(SHOTS / "export_dialog_text.png"))


def test_safe_browser_blocks_html_resources(qtbot) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.setHtml('<p>نص</p><img src="https://example.com/tracker.png"><img src="file:///tmp/x.png">')
    browser.show()
    qtbot.waitExposed(browser)
    browser.grab()  # painting asks for the images
    assert "https://example.com/tracker.png" in browser.blocked
    assert "file:///tmp/x.png" in browser.blocked


def test_pure_helpers() -> None:
    assert with_suffix("/tmp/a.html", "pdf") == "/tmp/a.pdf"
    assert with_suffix("/tmp/a.report", "md") == "/tmp/a.report.md"
    assert safe_file_stem('خبر: "بغداد"/واشنطن') == "خبر بغداد واشنطن"
    assert safe_file_stem("  ") == "qari-export"
    row = '<tr data-key="k"><td><mark class="ent">اسم</mark></td><td class="num">2</td><td>صيغ</td></tr>'
    assert (
        flip_rows(row)
        == '<tr data-key="k"><td>صيغ</td><td class="num">2</td><td><mark class="ent">اسم</mark></td></tr>'
    )
    html = for_preview(f'<table class="index"><thead><tr><th>أ</th><th>ب</th></tr></thead>{row}</table>')
    assert html.startswith('<table align="right" border="1"')
    assert "<th>ب</th><th>أ</th>" in html
    assert (
        for_preview("<table x>", rtl=False)
        == '<table align="left" border="1" cellspacing="0" cellpadding="3" x>'
    )


def test_closing_the_window_stops_a_running_export(seed_window, qtbot, tmp_path, data_dir, monkeypatch):
    w, _f, exp = seed_window
    ids = _fill_library(data_dir, 20)
    w.export_sources["selected"] = lambda: ids
    import app.export.service as service

    real = service.input_from_library
    monkeypatch.setattr(service, "input_from_library", lambda lib, i: (time.sleep(0.05), real(lib, i))[1])
    dialog = exp.open_dialog()
    dialog.set_scope("selected")
    out = tmp_path / "closing.docx"
    dialog.set_format("docx")
    dialog.path_edit.setText(str(out))
    dialog.export_button.click()
    job = exp.job
    assert job is not None and job.isRunning()
    w.close()
    assert not job.isRunning()
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
