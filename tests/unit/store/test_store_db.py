"""The library file: creation, pragmas, migrations, backups, damaged files, full disk, read-only folder."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest
import sqlite_utils

from app.core.errors import StoreError
from app.core.models import Article
from app.store import db as storedb
from app.store import paths
from app.store.db import CorruptStoreError, Store, restore_latest_backup, start_new_store
from app.store.library import Library


def _article(text: str, title: str = "") -> Article:
    return Article.from_paragraphs([(line, "body") for line in text.split("\n")], title=title)


def test_data_dir_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QARI_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert paths.data_dir() == tmp_path / "env"
    monkeypatch.delenv("QARI_DATA_DIR")
    assert paths.data_dir().name == "Qari"
    assert paths.db_path(tmp_path) == tmp_path / "library.db"


def test_new_store_is_private_wal_with_foreign_keys(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        path = lib.path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        conn = lib.store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert lib.store.schema_version == storedb.SCHEMA_VERSION
        # A mention pointing at no article is refused by the foreign key.
        with pytest.raises(StoreError), lib.batch():
            lib.store.conn.execute(
                'INSERT INTO mentions(article_id, entity_id, start, "end", text) VALUES (99, 99, 0, 1, "x")'
            )
    # Readable as it is by sqlite-utils (and so Datasette): the tables explain themselves.
    db = sqlite_utils.Database(path)
    names = set(db.table_names())
    assert {"articles", "entities", "mentions", "notes", "tags", "article_tags", "corrections"} <= names
    assert {"articles_fts", "note_revisions", "_sqlite_migrations"} <= names
    assert [c.name for c in db.table("articles").columns][-1] == "text"  # long text last: fast lists
    columns = {c.name for c in db.table("mentions").columns}
    assert columns >= {"article_id", "entity_id", "start", "end", "text"}
    db.close()


def _insert_old_article(db: sqlite_utils.Database, text: str, title: str, **extra: object) -> None:
    """An article row as an older schema's library holds it (written without the Library)."""
    art = _article(text, title)
    db.table("articles").insert(
        {
            "title": art.title,
            "text": art.text,
            "paragraphs": f'[[0, {len(text)}, "body"]]',
            "content_hash": art.content_hash,
            "word_count": art.word_count,
            "added_at": "2024-01-02T00:00:00.000000Z",
            **extra,
        }
    )


def test_upgrade_from_first_schema_version(tmp_path: Path) -> None:
    """A library made by version 1 of the schema is backed up, then upgraded with its data intact."""
    folder = tmp_path / "old"
    folder.mkdir()
    path = folder / paths.DB_NAME
    old = sqlite_utils.Database(path)
    storedb.migrations.apply(old, stop_before="m002_search_index")
    assert [m.name for m in storedb.migrations.applied(old)] == ["m001_initial"]
    text = "قال رئيس الوزراء إن بغداد ستستضيف القمة والعراق مستعد لها"
    _insert_old_article(old, text, "قمة بغداد", starred=1)
    old.table("notes").insert(
        {"article_id": 1, "body": "ملاحظة قديمة", "created_at": "2024-01-02", "updated_at": "2024-01-02"}
    )
    old.close()

    with Library.open(folder) as lib:
        assert lib.store.schema_version == storedb.SCHEMA_VERSION
        saved = lib.get_article(1)
        assert saved.article.text == text
        assert saved.info.starred
        assert saved.info.recognizer is None
        # The search index was built for the article that already existed (m002).
        assert [r.id for r in lib.search("العراق")] == [1]
        note = lib.notes_for_article(1)[0]
        assert note.body == "ملاحظة قديمة"
        edited = lib.edit_note(note.id, "جديدة")
        assert lib.undo_note_edit(edited.id).body == "ملاحظة قديمة"  # note_revisions from m003
    backups = storedb.list_backups(folder)
    assert any("before-migration" in b.name for b in backups)
    # The backup is the version-1 database, untouched.
    bdb = sqlite_utils.Database(next(b for b in backups if "before-migration" in b.name))
    assert [m.name for m in storedb.migrations.applied(bdb)] == ["m001_initial"]
    assert bdb.table("articles").count == 1
    bdb.close()


def test_opening_again_does_not_migrate_or_back_up_twice(tmp_path: Path) -> None:
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("نص أول"))
    with Library.open(tmp_path):
        pass
    first = storedb.list_backups(tmp_path)
    assert [b.name.endswith("-daily.db") for b in first] == [True]  # first open of an existing library
    with Library.open(tmp_path):
        pass
    assert storedb.list_backups(tmp_path) == first  # not due again within a day


def test_backups_keep_the_latest_five(tmp_path: Path) -> None:
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("نص للنسخ الاحتياطي"))
        made = [lib.store.backup("manual") for _ in range(7)]
    kept = storedb.list_backups(tmp_path)
    assert kept == made[-storedb.KEEP_BACKUPS :]
    for b in kept:
        assert stat.S_IMODE(b.stat().st_mode) == 0o600
        assert sqlite_utils.Database(b).table("articles").count == 1


def test_daily_backup_when_the_last_is_old(tmp_path: Path) -> None:
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("نص"))
        b = lib.store.backup("manual")
    old = time.time() - 2 * 86400
    os.utime(b, (old, old))
    with Library.open(tmp_path):
        pass
    names = [p.name for p in storedb.list_backups(tmp_path)]
    assert len(names) == 2 and names[-1].endswith("-daily.db")


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:100] = b"\x00garbage" * 12 + b"\x00\x00\x00\x00"
    path.write_bytes(bytes(data))


def _checkpoint(lib: Library) -> None:
    lib.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_corrupt_file_is_detected_and_a_backup_restored(tmp_path: Path) -> None:
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("مقال محفوظ قبل التلف"))
        backup = lib.store.backup("manual")
        _checkpoint(lib)
    _damage(tmp_path / paths.DB_NAME)
    with pytest.raises(CorruptStoreError) as info:
        Library.open(tmp_path)
    err = info.value
    assert isinstance(err, StoreError)
    assert err.path == tmp_path / paths.DB_NAME
    assert err.latest_backup == backup
    assert "damaged" in str(err) and backup.name in str(err)

    used = restore_latest_backup(tmp_path)
    assert used == backup
    with Library.open(tmp_path) as lib:
        assert [a.title for a in lib.list_articles()] == ["مقال محفوظ قبل التلف"]
    assert list(tmp_path.glob("library.db.damaged-*")), "the damaged file is kept aside"


def test_corrupt_file_start_new_store(tmp_path: Path) -> None:
    (tmp_path / paths.DB_NAME).write_bytes(b"this is not a database at all, just some text " * 200)
    with pytest.raises(CorruptStoreError) as info:
        Library.open(tmp_path)
    assert info.value.latest_backup is None
    assert "no backup" in str(info.value)
    with pytest.raises(StoreError, match="no usable backup"):
        restore_latest_backup(tmp_path)
    aside = start_new_store(tmp_path)
    assert aside is not None and aside.exists()
    assert aside.read_bytes().startswith(b"this is not a database")
    with Library.open(tmp_path) as lib:
        assert lib.count_articles() == 0


def test_full_disk_gives_a_store_error_and_loses_nothing(tmp_path: Path) -> None:
    with Library.open(tmp_path) as lib:
        kept = lib.save_article(_article("مقال محفوظ قبل امتلاء القرص"))
        note = lib.add_note("ملاحظة محفوظة", article_id=kept.id)
        pages = lib.store.conn.execute("PRAGMA page_count").fetchone()[0]
        # The disk is "full": SQLite may not grow the file any more (SQLITE_FULL, as on a full disk).
        lib.store.conn.execute(f"PRAGMA max_page_count = {pages}")
        big = "\n".join(f"فقرة طويلة رقم {i} " * 40 for i in range(200))
        with pytest.raises(StoreError, match="full") as info:
            lib.save_article(_article(big))
        assert "kept" in str(info.value)
        # The connection is still usable and nothing saved is lost.
        assert lib.count_articles() == 1
    with Library.open(tmp_path) as lib:
        assert lib.get_article(kept.id).article.text == "مقال محفوظ قبل امتلاء القرص"
        assert lib.get_note(note.id).body == "ملاحظة محفوظة"


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match=r"could not be created|read-only|could not be opened"):
        Library.open(blocker / "sub")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        saved = lib.save_article(_article("مقال قبل منع الكتابة"))
        _checkpoint(lib)
    folder = tmp_path / "lib"
    os.chmod(folder / paths.DB_NAME, 0o400)
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(StoreError, match="read-only"):
            lib = Library.open(folder, backups=False)
            lib.save_article(_article("مقال جديد"))
    finally:
        os.chmod(folder, 0o700)
        os.chmod(folder / paths.DB_NAME, 0o600)
    with Library.open(folder) as lib:
        assert lib.get_article(saved.id).info.title == "مقال قبل منع الكتابة"


def test_read_only_database_gives_a_store_error(tmp_path: Path) -> None:
    """A library SQLite can only read (here: opened read-only) refuses writes with a clear StoreError."""
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("مقال"))
    conn = sqlite3.connect(f"file:{tmp_path / paths.DB_NAME}?mode=ro", uri=True, check_same_thread=False)
    store = Store(sqlite_utils.Database(conn), tmp_path / paths.DB_NAME, tmp_path)
    lib = Library(store)
    with pytest.raises(StoreError, match="read-only"):
        lib.save_article(_article("مقال آخر"))
    assert lib.count_articles() == 1
    lib.close()


def test_folder_names_with_spaces_hash_question_mark_and_arabic(tmp_path: Path) -> None:
    folder = tmp_path / "مكتبة قارئ #1 ?"
    with Library.open(folder) as lib:
        lib.save_article(_article("نص في مجلد باسم غريب"))
    with Library.open(folder) as lib:  # opened again: checked, backed up, read
        assert lib.count_articles() == 1
    assert storedb.list_backups(folder)


def test_daily_backup_can_wait_for_a_worker(tmp_path: Path) -> None:
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("نص"))
    with Library.open(tmp_path, backups=False) as lib:  # a window starting fast
        assert storedb.list_backups(tmp_path) == []
        made = lib.backup_if_due()
        assert made is not None and made.name.endswith("-daily.db")
        assert lib.backup_if_due() is None  # not due again today


def test_restore_skips_a_damaged_or_empty_backup(tmp_path: Path) -> None:
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("المقال الوحيد"))
        good = lib.store.backup("manual")
        _checkpoint(lib)
    time.sleep(0.01)
    empty = storedb.paths.backup_dir(tmp_path) / "library-99990101T000000000000Z-manual.db"
    empty.write_bytes(b"")  # newest, but holds no library
    _damage(tmp_path / paths.DB_NAME)
    with pytest.raises(CorruptStoreError):
        Library.open(tmp_path)
    assert restore_latest_backup(tmp_path) == good
    with Library.open(tmp_path) as lib:
        assert lib.count_articles() == 1


def test_a_failed_daily_backup_does_not_keep_the_library_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(tmp_path) as lib:
        lib.save_article(_article("نص"))

    def full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storedb, "backup", full)
    with Library.open(tmp_path) as lib:
        assert lib.count_articles() == 1
    assert storedb.list_backups(tmp_path) == []


def test_upgrade_reindexes_articles_written_with_persian_letters(tmp_path: Path) -> None:
    """m004: an article typed on a Persian keyboard (کرکوک) was indexed with its yeh and kaf apart;
    normalization now reads them as Arabic's, and so does the rebuilt index."""
    folder = tmp_path / "old"
    folder.mkdir()
    old = sqlite_utils.Database(folder / paths.DB_NAME)
    storedb.migrations.apply(old, stop_before="m004_search_index_persian_letters")
    text = "وصل الوفد إلى کرکوک أمس"
    _insert_old_article(old, text, "کرکوک")
    # indexed as the normalization of before did: the Persian letters as written
    old.execute("INSERT INTO articles_fts(rowid, title, body) VALUES (1, ?, ?)", ["کرکوک", text])
    old.close()
    with Library.open(folder) as lib:
        assert lib.store.schema_version == storedb.SCHEMA_VERSION
        assert [r.id for r in lib.search("كركوك")] == [1]
        assert [r.id for r in lib.search("کرکوک")] == [1]  # typed on a Persian keyboard too


def test_upgrade_rekeys_entities_saved_with_persian_letters(tmp_path: Path) -> None:
    """m005: an entity saved with the Persian keyboard's letters in its key (PERS:عبد اللهیان) is keyed
    as now, so that a search finds it and an article saved since adds to it, notes and all; where the
    library already has the new key, the two become one."""
    folder = tmp_path / "old"
    folder.mkdir()
    old = sqlite_utils.Database(folder / paths.DB_NAME)
    storedb.migrations.apply(old, stop_before="m005_entity_keys_persian_letters")
    text = "قال عبد اللهیان في کابل وقال عبد اللهيان"
    _insert_old_article(old, text, "")
    created = "2024-01-02T00:00:00.000000Z"
    old.table("entities").insert_all(
        [
            {
                "id": 1,
                "key": "PERS:عبد اللهیان",
                "type": "PERS",
                "name": "عبد اللهیان",
                "created_at": created,
            },
            {"id": 2, "key": "LOC:کابل", "type": "LOC", "name": "کابل", "created_at": created},
            {
                "id": 3,
                "key": "PERS:عبد اللهيان",
                "type": "PERS",
                "name": "عبد اللهيان",
                "created_at": created,
            },
        ]
    )
    old.table("mentions").insert_all(
        [
            {"article_id": 1, "entity_id": 1, "start": 4, "end": 15, "text": "عبد اللهیان"},
            {"article_id": 1, "entity_id": 2, "start": 19, "end": 23, "text": "کابل"},
            {"article_id": 1, "entity_id": 3, "start": 29, "end": 40, "text": "عبد اللهيان"},
        ]
    )
    old.table("notes").insert(
        {"entity_id": 1, "body": "وزير الخارجية", "created_at": created, "updated_at": created}
    )
    old.close()
    with Library.open(folder) as lib:
        assert lib.store.schema_version == storedb.SCHEMA_VERSION
        rows = {r["id"]: (r["key"], r["name"]) for r in lib.store.db.query("SELECT * FROM entities")}
        assert rows == {2: ("LOC:كابل", "كابل"), 3: ("PERS:عبد اللهيان", "عبد اللهيان")}
        assert lib.entity_ids("كابل") == [2]
        view = lib.entity_view(3)
        assert view.entity.mentions == 2 and [n.body for n in view.notes] == ["وزير الخارجية"]
