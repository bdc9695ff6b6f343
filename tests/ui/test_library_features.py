"""The library in the window: opening saves (and dedups), entities saved after recognition, the library
window (list, sort, filter, open, delete + undo), search with highlighted snippets, corrections kept in
the SQLite store, a damaged library at start, a read-only library."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.ner.corrections import Delete, LibraryCorrectionsStore, corrections_path, load_corrections
from app.store.library import Library
from app.ui.entity_features import install_entity_features
from app.ui.library_features import CorruptStoreDialog, LibraryFeatures, install_library_features
from app.ui.library_view import COL_ENTITIES, COL_TITLE
from tests.ui.entity_support import SEED_WORDS, StandInRecognizer

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def loader():
    model = StandInRecognizer(SEED_WORDS)  # timing stand-in; the entity tests prove recognition itself
    return lambda _name: model


def make_features(make_window, qtbot, loader, **kwargs) -> LibraryFeatures:
    w = make_window()
    install_entity_features(w, loader=loader)
    f = install_library_features(w, import_recognizer=None, **kwargs)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(f.is_ready, timeout=10_000)  # the library opens in the worker
    return f


def wait_saved(f: LibraryFeatures, qtbot) -> None:
    """Until the article on screen is saved (the save runs in the library worker)."""
    qtbot.waitUntil(lambda: f.current is not None and f.current.article.text == f.window.article.text)


def open_and_settle(f: LibraryFeatures, qtbot, path: Path, names: bool = True) -> None:
    assert f.window.open_path(path)
    wait_saved(f, qtbot)
    qtbot.waitUntil(lambda: f.window.entity_features.settled(), timeout=20_000)
    if not names:
        return
    qtbot.waitUntil(lambda: bool(f.notes.entity_ids), timeout=5_000)  # the entities' save came back


def test_opening_saves_and_reopening_goes_to_the_saved_copy(make_window, qtbot, loader, seed_path) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    first = f.current
    assert first.created
    assert f.saved_label.text().startswith("✓")
    assert f.last_save_ms > 0  # measured in the worker (printed by tests/bench, not asserted here)
    assert f.library.count_articles() == 1
    # the entities the window shows are the ones saved
    shown = {(e.name, e.label, e.count) for e in f.window.entity_features.entities}
    stored = {(e.name, e.label, e.count) for e in f.library.entities_of(first.id)}
    assert shown == stored and shown
    assert f.library.get_article(first.id).info.recognizer == "bundled"

    f.window.open_path(seed_path)
    assert f.current is None  # the save runs in the worker; the window did not wait for it
    wait_saved(f, qtbot)
    assert not f.current.created
    assert f.current.id == first.id
    assert f.library.count_articles() == 1
    assert "saved copy" in f.saved_label.toolTip()  # the status message may be replaced by "names found"


def test_library_window_lists_sorts_filters_opens_and_deletes_with_undo(
    make_window, qtbot, loader, tmp_path
) -> None:
    f = make_features(make_window, qtbot, loader)
    with Library.open(f.data_dir) as lib:
        from app.core.models import Article

        for title, body in [
            ("بغداد اليوم", "خبر عن بغداد"),
            ("أخبار واشنطن", "خبر عن واشنطن"),
            ("زيارة", "نص"),
        ]:
            lib.save_article(Article.from_paragraphs([(title, "heading"), (body, "body")], title=title))
    win = f.show_library("articles")
    assert win is not None
    view = win.articles
    assert view.proxy.rowCount() == 3
    qtbot.waitUntil(lambda: not view.counts_pending)  # entity counts come from a worker
    assert [view.proxy.index(r, COL_ENTITIES).data() for r in range(3)] == ["0", "0", "0"]
    view.table.sortByColumn(COL_TITLE, Qt.SortOrder.AscendingOrder)
    titles = [view.proxy.index(r, COL_TITLE).data() for r in range(3)]
    assert titles == sorted(titles)
    view.filter.setText("واشنطن")
    assert view.proxy.rowCount() == 1
    view.filter.clear()

    target = f.library.list_articles(sort="title")[0]
    row = view.visible_ids().index(target.id)
    cell = view.table.visualRect(view.proxy.index(row, COL_TITLE)).center()
    with qtbot.waitSignal(win.open_article):
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert f.window.article is not None and f.window.article.title == target.title
    wait_saved(f, qtbot)
    assert f.current.id == target.id

    view.select_id(target.id)
    view.confirm_delete = lambda n: False  # type: ignore[method-assign]  # the user says No
    assert view.delete_selected() == []
    assert view.proxy.rowCount() == 3
    view.confirm_delete = lambda n: True  # type: ignore[method-assign]
    assert view.delete_selected() == [target.id]
    assert view.proxy.rowCount() == 2
    assert target.id not in view.visible_ids()
    view.undo_delete()
    assert target.id in view.visible_ids()


def test_search_finds_a_word_with_a_clitic_and_highlights_the_snippet(
    make_window, qtbot, loader, seed_path, tmp_path
) -> None:
    f = make_features(make_window, qtbot, loader)
    other = tmp_path / "other.txt"
    other.write_text("وصل الوفد بالعراق أمس\nثم غادر إلى عمّان", encoding="utf-8")
    open_and_settle(f, qtbot, other, names=False)
    open_and_settle(f, qtbot, seed_path)
    win = f.show_library("search")
    assert win is not None
    win.search.query.setText("العراق")
    qtbot.waitUntil(lambda: bool(win.search.results), timeout=3_000)
    assert len(win.search.results) == 2
    result = next(r for r in win.search.results if "بالعراق" in r.snippet)
    marked = [result.snippet[s:e] for s, e in result.highlights]
    assert any("العراق" in m for m in marked), marked
    assert 'dir="rtl"' in __import__("app.ui.search_view", fromlist=["x"]).results_html([result])
    page = win.search.view.toHtml()
    assert "background-color:#ffd54f" in page
    assert win.search.view.document().toPlainText().count("العراق") >= 1
    # a phrase: the words together, in that order
    win.search.query.setText('"وصل الوفد"')
    assert [r.snippet.count("وصل الوفد") > 0 for r in win.search.run()] == [True]
    win.search.query.setText('"الوفد وصل"')
    assert win.search.run() == []
    win.search.query.setText("")
    # filters: an entity and its type; a tag; starred
    win.search.entity.setText("بغداد")
    assert win.search.run()
    win.search.starred.setChecked(True)
    assert win.search.run() == []
    f.notes.star_button.click()
    assert win.search.run()
    win.search.date_from.setText("not a date")
    win.search.run()
    assert "YYYY-MM-DD" in win.search.count.text()


def test_entity_view_across_the_library(make_window, qtbot, loader, seed_path) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    win = f.show_library("entities")
    assert win is not None
    qtbot.waitUntil(lambda: not win.articles.counts_pending)
    assert win.articles.proxy.index(0, COL_ENTITIES).data() == str(len(f.library.entities_of(f.current.id)))
    ev = win.entities
    assert ev.table.rowCount() > 0
    names = [ev.table.item(r, 0).text() for r in range(ev.table.rowCount())]
    assert "بغداد" in names
    row = names.index("بغداد")
    page = ev.show_entity(int(ev.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 1)))
    assert f"article:{f.current.id}" in page
    assert "Seen with" in page


def test_corrections_are_kept_in_sqlite_survive_a_restart_and_hold_in_a_second_article(
    make_window, qtbot, loader, seed_path, tmp_path
) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    ef = f.window.entity_features
    assert isinstance(ef.corrections_store, LibraryCorrectionsStore)
    target = next(e for e in ef.entities if e.name == "واشنطن")
    ef.push([Delete.of(target)], "delete")
    qtbot.waitUntil(lambda: ef.settled() and ef.entity(target.key) is None, timeout=10_000)
    assert [c.kind for c in f.library.corrections()] == ["delete"]
    # the store is what is read: without the JSON copy the correction is still there
    corrections_path(f.data_dir).unlink()
    f.window.close()

    g = make_features(make_window, qtbot, loader)
    assert [type(op).__name__ for op in g.window.entity_features.corrections] == ["Delete"]
    assert [type(op).__name__ for op in load_corrections(g.data_dir)] == ["Delete"]  # what `extract` reads
    second = tmp_path / "second.txt"
    second.write_text("زار الرئيس واشنطن ثم بغداد\nوعاد إلى واشنطن", encoding="utf-8")
    g.window.open_path(second)
    qtbot.waitUntil(lambda: g.window.entity_features.settled(), timeout=10_000)
    names = {e.name for e in g.window.entity_features.entities}
    assert "بغداد" in names and "واشنطن" not in names


def test_old_corrections_json_is_imported_once(make_window, qtbot, loader, data_dir) -> None:
    from app.ner.corrections import Corrections

    Corrections([Delete("LOC:واشنطن", ("واشنطن",))]).save(corrections_path(data_dir))
    f = make_features(make_window, qtbot, loader)
    assert len(f.library.corrections()) == 1
    assert len(f.window.entity_features.corrections) == 1
    LibraryCorrectionsStore(data_dir).load()
    assert len(f.library.corrections()) == 1  # not imported twice


@pytest.mark.parametrize("choice", ["restore", "new"])
def test_a_damaged_library_at_start_asks_and_fixes(
    make_window, qtbot, loader, data_dir, seed_path, monkeypatch, choice
) -> None:
    from app.store.paths import db_path

    with Library.open(data_dir) as lib:
        from app.text.readers import read_path

        lib.save_article(read_path(seed_path))
        lib.store.backup("test")
    raw = bytearray(db_path(data_dir).read_bytes())
    raw[:100] = b"x" * 100  # the header is gone: not a database any more
    db_path(data_dir).write_bytes(bytes(raw))
    for side in ("-wal", "-shm"):
        p = db_path(data_dir).with_name("library.db" + side)
        if p.exists():
            p.unlink()

    asked: list[str] = []

    def fake_exec(self: CorruptStoreDialog) -> int:
        asked.append(self.text())
        (self.restore_button if choice == "restore" else self.new_button).click()
        return 0

    monkeypatch.setattr(CorruptStoreDialog, "exec", fake_exec)
    f = make_features(make_window, qtbot, loader)
    assert asked and "damaged" in asked[0]
    assert f.library is not None
    assert f.library.count_articles() == (1 if choice == "restore" else 0)
    assert list(data_dir.glob("library*damaged*")) or len(list(data_dir.glob("library.db.*"))) >= 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_library_gets_a_clear_message(make_window, qtbot, loader, data_dir, seed_path) -> None:
    Library.open(data_dir).close()
    f = make_features(make_window, qtbot, loader)
    assert f.library is not None
    mode = data_dir.stat().st_mode
    db = data_dir / "library.db"
    db_mode = db.stat().st_mode
    f.library.close()
    try:
        db.chmod(stat.S_IRUSR)
        data_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
        from app.store.library import Library as Lib

        try:
            f.library = Lib.open(data_dir, backups=False)
        except Exception:
            f.library = None
        f.window.errors.clear()
        if f.library is None:
            pytest.skip("a read-only library cannot even be opened here")
        f.window.open_path(seed_path)
        assert f.window.errors, "no message shown"
        title, message = f.window.errors[-1]
        assert "library" in (title + message).lower()
        assert "locked" not in message.lower()
    finally:
        data_dir.chmod(mode)
        db.chmod(db_mode)
        shutil.rmtree(data_dir / "backups", ignore_errors=True)


def test_two_windows_on_one_library(make_window, qtbot, loader, seed_path) -> None:
    a = make_features(make_window, qtbot, loader)
    b = make_features(make_window, qtbot, loader)
    open_and_settle(a, qtbot, seed_path)
    open_and_settle(b, qtbot, seed_path)
    assert a.current.id == b.current.id
    a.notes.add_note("article", body="من النافذة الأولى")
    b.notes.add_note("article", body="من النافذة الثانية")
    b.notes.reload()
    assert {n.body for n in b.notes.notes} >= {"من النافذة الأولى", "من النافذة الثانية"}
    assert not a.window.errors and not b.window.errors


def test_undoing_a_correction_marks_it_undone_in_the_store(make_window, qtbot, loader, seed_path) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    ef = f.window.entity_features
    target = next(e for e in ef.entities if e.name == "بغداد")
    ef.push([Delete.of(target)], "delete")
    qtbot.waitUntil(lambda: ef.settled() and ef.entity(target.key) is None, timeout=10_000)
    ef.undo_stack.undo()
    qtbot.waitUntil(lambda: ef.settled() and ef.entity(target.key) is not None, timeout=10_000)
    assert f.library.corrections() == []
    assert [c.kind for c in f.library.corrections(undone=True)] == ["delete"]
    ef.undo_stack.redo()
    assert [c.kind for c in f.library.corrections()] == ["delete"]


def test_a_failed_save_is_told_in_words_and_the_window_goes_on(
    make_window, qtbot, loader, seed_path, monkeypatch
) -> None:
    from app.core.errors import StoreError

    f = make_features(make_window, qtbot, loader)

    def full_disk(article):
        raise StoreError("The library could not be saved: the disk is full. Free some space and try again.")

    monkeypatch.setattr(f.library, "save_article", full_disk)
    f.window.open_path(seed_path)
    qtbot.waitUntil(lambda: bool(f.window.errors), timeout=5_000)
    title, message = f.window.errors[-1]
    assert title == "Not saved to the library" and "disk is full" in message
    assert f.window.article is not None  # the article is still shown
    assert f.current is None and f.saved_label.text() == ""


def test_library_shortcuts_clash_with_no_other_action(make_window, qtbot, loader) -> None:
    from PySide6.QtGui import QAction

    f = make_features(make_window, qtbot, loader)
    seen: dict[str, str] = {}
    for action in f.window.findChildren(QAction):
        for seq in action.shortcuts():
            key = seq.toString()
            assert key not in seen or seen[key] == action.text(), (key, seen.get(key), action.text())
            seen[key] = action.text()
    for key in ("Ctrl+L", "Ctrl+K", "Ctrl+I", "Ctrl+Shift+N"):
        assert key in seen


def test_another_process_writing_to_the_library_meanwhile(
    make_window, qtbot, loader, seed_path, data_dir
) -> None:
    import subprocess
    import sys

    script = (
        "import sys; from app.store.library import Library; from app.core.models import Article\n"
        "lib = Library.open(sys.argv[1], backups=False)\n"
        "a = lib.save_article(Article.from_paragraphs([('من عملية أخرى', 'body')], title='other'))\n"
        "for i in range(150): lib.add_note(f'note {i}', article_id=a.id)\n"
        "print('done')\n"
    )
    f = make_features(make_window, qtbot, loader)
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    open_and_settle(f, qtbot, seed_path)
    for i in range(20):
        f.notes.add_note("article", body=f"ملاحظة {i}")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.strip() == "done", err
    assert not f.window.errors
    assert len(f.library.notes_for_article(f.current.id)) == 20
    assert f.library.stats()["notes"] == 170


def test_export_scopes_offered_by_the_library(make_window, qtbot, loader, seed_path) -> None:
    f = make_features(make_window, qtbot, loader)
    open_and_settle(f, qtbot, seed_path)
    sources = f.window.export_sources
    assert sources["selected"]() == [] and sources["search"]() == []
    win = f.show_library("articles")
    win.articles.select_id(f.current.id)
    assert sources["selected"]() == [f.current.id]
    win.show_tab("search")
    win.search.query.setText("بغداد")
    assert win.search.run()
    assert sources["search"]() == [f.current.id]
    # the export of search results repeats the search that found them
    assert f.window.export_queries["search"]() == "“بغداد”"
    win.search.starred.setChecked(True)
    win.search.date_from.setText("2021-01-01")
    win.search.run()
    assert f.window.export_queries["search"]() == "“بغداد” · starred · dates: 2021-01-01 – …"


def test_the_window_does_not_wait_for_the_library_and_an_early_article_is_saved(
    make_window, qtbot, loader, seed_path
) -> None:
    w = make_window()
    install_entity_features(w, loader=loader)
    f = install_library_features(w, import_recognizer=None)
    assert f.library is None  # opening (and checking) the file runs in the worker
    w.open_path(seed_path)  # an article opened before the library is ready...
    qtbot.waitUntil(f.is_ready, timeout=10_000)
    wait_saved(f, qtbot)  # ...is saved once it is
    assert f.current.created
    qtbot.waitUntil(lambda: bool(f.notes.entity_ids), timeout=20_000)


def test_library_corrections_store_saves_the_difference_and_keeps_a_json_copy(data_dir) -> None:
    from app.ner.corrections import Add, Corrections, Rename

    a = Add("منظومة", "ORG")
    b = Delete("LOC:واشنطن", ("واشنطن",))
    c = Rename("LOC:العراق", ("العراق",), "جمهورية العراق")
    with Library.open(data_dir) as lib:
        store = LibraryCorrectionsStore(data_dir, lib)
        store.save(Corrections([a, b]))
        store.save(Corrections([a, c]))  # b undone, c added; a untouched
        assert [x.kind for x in lib.corrections()] == ["add", "rename"]
        assert [x.kind for x in lib.corrections(undone=True)] == ["delete"]
        assert store.load().ops == [a, c]
    assert Corrections.load(corrections_path(data_dir)).ops == [a, c]  # the readable copy
    assert LibraryCorrectionsStore(data_dir).load().ops == [a, c]  # its own connection


def test_extract_applies_corrections_kept_only_in_the_library(data_dir, seed_path) -> None:
    import subprocess
    import sys

    from app.ner.corrections import Corrections

    with Library.open(data_dir) as lib:
        LibraryCorrectionsStore(data_dir, lib).save(Corrections([Delete("LOC:بغداد", ("بغداد",))]))
    corrections_path(data_dir).unlink()  # only the library has it now
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--data-dir",
            str(data_dir),
            "extract",
            "--format",
            "json",
            str(seed_path),
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0 and "model" in run.stderr.lower():
        pytest.skip(f"the bundled recognizer is not available: {run.stderr.strip()}")
    assert run.returncode == 0, run.stderr
    assert "بغداد" not in run.stdout and "العراق" in run.stdout
