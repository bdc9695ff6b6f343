"""The library database: opening, pragmas, schema migrations, write transactions and backups.

One SQLite file (`library.db`) in the data folder, made with mode 0600, in WAL mode with foreign keys
on. The schema is a `sqlite_utils.Migrations` set; a backup (SQLite's online backup API) is taken
before any migration runs and once a day, keeping the latest `KEEP_BACKUPS`.

Every write is one `BEGIN IMMEDIATE` transaction: a second process waits for the first (busy timeout,
then a few retries) instead of failing with "database is locked", and nothing that was committed is
lost when the process dies. SQLite and OS errors a person can act on (disk full, read-only folder,
damaged file, library busy) become `StoreError`s with a sentence that says what to do.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import sqlite_utils

from app.core.errors import StoreError
from app.store import paths
from app.text.normalize import PERSIAN_KAF, PERSIAN_LETTERS, PERSIAN_YEH

log = logging.getLogger(__name__)

KEEP_BACKUPS = 5
BACKUP_EVERY = dt.timedelta(days=1)
BUSY_TIMEOUT_S = 5.0
# After the busy timeout, BEGIN IMMEDIATE is retried this long before the user is told.
RETRY_FOR_S = 30.0

migrations = sqlite_utils.Migrations("qari")


class CorruptStoreError(StoreError):
    """The library file is damaged. Choose `restore_latest_backup` or `start_new_store`."""

    def __init__(self, path: Path, latest_backup: Path | None, detail: str = "") -> None:
        self.path = path
        self.latest_backup = latest_backup
        self.detail = detail
        if latest_backup is not None:
            choice = (
                f"restore the latest backup ({latest_backup.name}, saved "
                f"{_mtime_text(latest_backup)}) or start a new, empty library"
            )
        else:
            choice = "start a new, empty library (there is no backup to restore)"
        super().__init__(
            f"The library file {path} is damaged and cannot be opened; {choice}. "
            "The damaged file is kept, renamed, either way."
        )


class TransactionLost(StoreError):
    """SQLite rolled back a whole transaction (on a full disk, say); nothing of it was saved."""


def _is_sql(err: BaseException) -> bool:
    return isinstance(err, sqlite3.Error)


def now_iso() -> str:
    """UTC timestamp with microseconds, sortable as text."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _mtime_text(p: Path) -> str:
    try:
        return dt.datetime.fromtimestamp(p.stat().st_mtime, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    except OSError:
        return "at an unknown time"


def store_error(err: BaseException, path: Path, action: str = "saved") -> StoreError:
    """A `StoreError` a person can act on, for an SQLite or OS error on the library at `path`."""
    text = str(err).lower()
    code = getattr(err, "errno", None)
    folder = path.parent
    if "disk is full" in text or "database or disk is full" in text or code == errno.ENOSPC:
        msg = (
            f"The disk that holds the library ({folder}) is full, so this could not be {action}. "
            "Free some space and try again; everything saved before is kept."
        )
    elif (
        "readonly" in text
        or "read-only" in text
        or code in (errno.EROFS, errno.EACCES, errno.EPERM)
        or isinstance(err, PermissionError)
    ):
        msg = (
            f"The library folder {folder} is read-only, so this could not be {action}. "
            "Make the folder writable (or choose another one with --data-dir) and try again; "
            "everything saved before is kept."
        )
    elif "locked" in text or "busy" in text:
        msg = (
            f"The library ({path}) is busy in another Qari window or process, so this could not be "
            f"{action}. Try again in a moment."
        )
    elif "unable to open" in text:
        msg = (
            f"The library file {path} could not be opened. Check that the folder {folder} exists "
            "and is writable, or choose another one with --data-dir."
        )
    else:
        msg = f"The library ({path}) could not be {action}: {err}."
    out = StoreError(msg)
    out.__cause__ = err
    return out


def _is_busy(err: sqlite3.Error) -> bool:
    text = str(err).lower()
    return "locked" in text or "busy" in text


_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def _is_corrupt(err: BaseException) -> bool:
    code = getattr(err, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    text = str(err).lower()
    return "not a database" in text or "malformed" in text


# --------------------------------------------------------------------------------------------- schema


@migrations(name="m001_initial")
def _m001_initial(db: sqlite_utils.Database) -> None:
    # The text comes last: SQLite reads a row's columns in order, and a long text spills into overflow
    # pages that would be walked to reach any column after it (lists and search filters).
    db.table("articles").create(
        {
            "id": int,
            "title": str,
            "source": str,
            "url": str,
            "date": str,
            "byline": str,
            "fmt": str,
            "content_hash": str,
            "word_count": int,
            "added_at": str,
            "opened_at": str,
            "starred": int,
            "deleted_at": str,
            "recognizer": str,  # which recognizer found the saved entities
            "paragraphs": str,  # JSON: [[start, end, kind], ...] into `text`
            "text": str,
        },
        pk="id",
        not_null=["text", "content_hash", "added_at", "starred"],
        defaults={"starred": 0, "title": "", "source": "", "fmt": "txt"},
    )
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("articles").create_index(["opened_at"])
    db.table("entities").create(
        {"id": int, "key": str, "type": str, "name": str, "created_at": str},
        pk="id",
        not_null=["key", "type", "name"],
    )
    db.table("entities").create_index(["key", "type"], unique=True)
    db.table("mentions").create(
        {"id": int, "article_id": int, "entity_id": int, "start": int, "end": int, "text": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        not_null=["article_id", "entity_id", "start", "end", "text"],
    )
    db.table("mentions").create_index(["article_id", "entity_id"])
    db.table("mentions").create_index(["entity_id", "article_id"])
    db.table("notes").create(
        {
            "id": int,
            "article_id": int,
            "entity_id": int,
            "start": int,
            "end": int,
            "quote": str,  # the passage text a passage note is anchored to
            "body": str,
            "created_at": str,
            "updated_at": str,
            "deleted_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        not_null=["body", "created_at", "updated_at"],
    )
    db.table("notes").create_index(["article_id"])
    db.table("notes").create_index(["entity_id"])
    db.table("tags").create({"id": int, "name": str}, pk="id", not_null=["name"])
    db.table("tags").create_index(["name"], unique=True)
    db.table("article_tags").create(
        {"article_id": int, "tag_id": int},
        pk=("article_id", "tag_id"),
        foreign_keys=[("article_id", "articles", "id"), ("tag_id", "tags", "id")],
    )
    db.table("article_tags").create_index(["tag_id"])
    db.table("corrections").create(
        {
            "id": int,
            "article_id": int,
            "entity_id": int,
            "kind": str,  # add, delete, retype, merge, rename
            "payload": str,  # JSON
            "created_at": str,
            "undone_at": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("entity_id", "entities", "id")],
        not_null=["kind", "payload", "created_at"],
    )
    db.table("corrections").create_index(["article_id"])


@migrations(name="m002_search_index")
def _m002_search_index(db: sqlite_utils.Database) -> None:
    """Full-text index over a normalized, clitic-split copy of each article (see app.store.search)."""
    _build_search_index(db)


def _build_search_index(db: sqlite_utils.Database) -> None:
    """`articles_fts`, made and filled from the articles as `app.store.search` indexes them now."""
    from app.store.search import index_text

    # sqlite-utils' enable_fts indexes columns as they are; this index holds a rewritten copy, and
    # only the index of it (content=''): snippets are cut from articles.text, so the copy is not kept.
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    for row in db.query("SELECT id, title, text FROM articles"):
        db.execute(
            "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
            [row["id"], index_text(row["title"] or ""), index_text(row["text"])],
        )


@migrations(name="m003_note_revisions")
def _m003_note_revisions(db: sqlite_utils.Database) -> None:
    """Previous bodies of edited notes, so an edit can be undone."""
    db.table("note_revisions").create(
        {"id": int, "note_id": int, "body": str, "saved_at": str},
        pk="id",
        foreign_keys=[("note_id", "notes", "id")],
        not_null=["note_id", "body", "saved_at"],
    )
    db.table("note_revisions").create_index(["note_id"])


@migrations(name="m004_search_index_persian_letters")
def _m004_search_index_persian_letters(db: sqlite_utils.Database) -> None:
    """The search index made again: normalization now reads the yeh and kaf of a Persian keyboard
    (ی, ک) as Arabic's ي and ك, and the index of an article written with them kept them apart, so a
    search would no longer have found it. The index holds no copy of the text (content=''), so it is
    rebuilt from the articles, where one has those letters (a library without any is left as it is:
    its index is the same under either normalization)."""
    persian = (
        "SELECT 1 FROM articles WHERE instr(text, ?) OR instr(text, ?) OR instr(title, ?) OR instr(title, ?)"
    )
    if db.execute(persian + " LIMIT 1", [PERSIAN_YEH, PERSIAN_KAF] * 2).fetchone() is None:
        return
    db.execute("DROP TABLE articles_fts")
    _build_search_index(db)


@migrations(name="m005_entity_keys_persian_letters")
def _m005_entity_keys_persian_letters(db: sqlite_utils.Database) -> None:
    """Entities saved with the Persian keyboard's yeh and kaf in their key or name (PERS:عبد اللهیان)
    keyed and named as now (PERS:عبد اللهيان), so that an article saved since, a search and the
    entity's notes find the same entity. Where the library already holds the entity under its new
    key, the old one's mentions, notes and corrections move to it and the old row goes."""
    from app.ner.grouping import canonical_key

    arabic = str.maketrans(PERSIAN_LETTERS)
    rows = db.execute(
        "SELECT id, key, type, name FROM entities "
        "WHERE instr(key, ?) OR instr(key, ?) OR instr(name, ?) OR instr(name, ?)",
        [PERSIAN_YEH, PERSIAN_KAF] * 2,
    ).fetchall()
    for entity_id, key, kind, name in rows:
        label, sep, form = key.partition(":")
        new_key = canonical_key(form, label) if sep and form else key
        same = db.execute(
            "SELECT id FROM entities WHERE key = ? AND type = ? AND id != ?", [new_key, kind, entity_id]
        ).fetchone()
        if same is None:
            db.execute(
                "UPDATE entities SET key = ?, name = ? WHERE id = ?",
                [new_key, name.translate(arabic), entity_id],
            )
            continue
        for table in ("mentions", "notes", "corrections"):
            db.execute(f"UPDATE {table} SET entity_id = ? WHERE entity_id = ?", [same[0], entity_id])
        db.execute("DELETE FROM entities WHERE id = ?", [entity_id])


SCHEMA_VERSION = len(migrations._migrations)


# --------------------------------------------------------------------------------------------- backups


def list_backups(data_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Backups of the library, oldest first."""
    folder = paths.backup_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("library-*.db"))


def latest_backup(data_dir: str | os.PathLike[str] | None = None) -> Path | None:
    found = list_backups(data_dir)
    return found[-1] if found else None


def _touch_private(path: Path) -> None:
    """Create `path` empty with mode 0600 (only the owner can read it), unless it exists."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def backup(conn: sqlite3.Connection, data_dir: Path, reason: str) -> Path:
    """Copy the open database to `backups/library-<UTC time>-<reason>.db`; keep the latest few."""
    folder = data_dir / paths.BACKUP_DIR
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"library-{stamp}-{reason}.db"
    _touch_private(target)
    try:
        dest = sqlite3.connect(target)
        try:
            conn.backup(dest)
        finally:
            dest.close()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()  # never leave half a backup to be restored later
        raise
    for old in list_backups(data_dir)[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()
    log.info("library backed up to %s", target)
    return target


def _backup_is_due(data_dir: Path) -> bool:
    last = latest_backup(data_dir)
    if last is None:
        return True
    try:
        age = time.time() - last.stat().st_mtime
    except OSError:
        return True
    return age >= BACKUP_EVERY.total_seconds()


# --------------------------------------------------------------------------------------------- recovery


def _aside_name(path: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.name}.damaged-{stamp}")


def _move_aside(path: Path) -> Path | None:
    """Rename the library file (and its -wal/-shm) out of the way; the renamed file, if any."""
    if not path.exists():
        return None
    target = _aside_name(path)
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def start_new_store(data_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """Rename a damaged library aside so the next open starts an empty one; the renamed path."""
    path = paths.db_path(data_dir)
    try:
        return _move_aside(path)
    except OSError as err:
        raise store_error(err, path, "renamed") from err


def restore_latest_backup(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Replace a damaged library with its latest good backup (the damaged file is kept, renamed).

    Returns the backup used. Raises StoreError when there is no usable backup.
    """
    path = paths.db_path(data_dir)
    for candidate in reversed(list_backups(data_dir)):
        if _check_file(candidate, library=True) is not None:
            log.warning("backup %s is damaged or empty; trying an older one", candidate)
            continue
        try:
            _move_aside(path)
            _touch_private(path)
            src = sqlite3.connect(candidate)
            dest = sqlite3.connect(path)
            try:
                src.backup(dest)
            finally:
                src.close()
                dest.close()
        except (OSError, sqlite3.Error) as err:
            raise store_error(err, path, "restored") from err
        return candidate
    raise StoreError(
        f"There is no usable backup of the library in {paths.backup_dir(data_dir)}; "
        "start a new library instead."
    )


def _check_file(path: Path, *, library: bool = False) -> str | None:
    """None when `path` is a healthy SQLite file (with `library`: one holding a library), else why not."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as err:
        return str(err)
    if [r[0] for r in rows] != ["ok"]:
        return "; ".join(str(r[0]) for r in rows[:3])
    if library and not {"articles", migrations.migrations_table} <= tables:
        return "it holds no library"
    return None


# --------------------------------------------------------------------------------------------- store


class Store:
    """One open connection to the library, with a lock so one thread writes at a time."""

    def __init__(self, db: sqlite_utils.Database, path: Path, data_dir: Path) -> None:
        self.db = db
        self.conn = db.conn
        self.path = path
        self.data_dir = data_dir
        self.lock = threading.RLock()
        self._depth = 0
        self._sp = 0

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None, *, backups: bool = True) -> Store:
        """Open (creating if needed) the library in `data_dir`, migrating it to the current schema.

        A backup is made before any migration; `backups` is the daily one, when due.

        Raises CorruptStoreError when the file is damaged, StoreError when it cannot be opened.
        """
        folder = paths.data_dir(data_dir)
        path = folder / paths.DB_NAME
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as err:
            raise store_error(err, path, "created") from err
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            problem = _check_file(path)
            if problem is not None and not _is_busy_text(problem):
                raise CorruptStoreError(path, latest_backup(folder), problem)
        else:
            try:
                _touch_private(path)
            except OSError as err:
                raise store_error(err, path, "created") from err
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        except sqlite3.Error as err:
            raise store_error(err, path, "opened") from err
        try:
            store = cls(sqlite_utils.Database(conn, execute_plugins=False), path, folder)
            store._configure()
            store._migrate()
            if backups and existed and _backup_is_due(folder):
                try:
                    backup(conn, folder, "daily")
                except (OSError, sqlite3.Error):
                    # A full disk must not keep the library from opening; tried again next time.
                    log.warning("the daily backup of %s failed", path, exc_info=True)
        except sqlite3.DatabaseError as err:
            conn.close()
            if _is_corrupt(err):
                raise CorruptStoreError(path, latest_backup(folder), str(err)) from err
            raise store_error(err, path, "opened") from err
        except OSError as err:
            conn.close()
            raise store_error(err, path, "opened") from err
        except BaseException:
            conn.close()
            raise
        return store

    def _configure(self) -> None:
        c = self.conn
        c.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        c.execute("PRAGMA foreign_keys = ON")
        mode = c.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            self._retry_busy(lambda: self.db.enable_wal())
        # FULL: a committed transaction is on disk, even after a power cut (WAL makes this cheap).
        c.execute("PRAGMA synchronous = FULL")

    def _migrate(self) -> None:
        if not migrations.pending(self.db):
            return
        fresh = not self.db.table("_sqlite_migrations").exists() and not self.db.table("articles").exists()
        if not fresh:
            backup(self.conn, self.data_dir, "before-migration")
        with self.write("upgraded"):
            # Re-checked under the write lock: another process may have migrated meanwhile.
            migrations.apply(self.db)

    def _retry_busy(self, fn: Callable[[], object]) -> None:
        deadline = time.monotonic() + RETRY_FOR_S
        delay = 0.05
        while True:
            try:
                fn()
                return
            except sqlite3.OperationalError as err:
                if not _is_busy(err) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    @property
    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

    @contextlib.contextmanager
    def write(self, action: str = "saved") -> Iterator[sqlite_utils.Database]:
        """One write transaction (`BEGIN IMMEDIATE`); nested calls become savepoints.

        SQLite errors raised inside are rolled back and turned into StoreError. When SQLite itself
        rolls the whole transaction back (it may, on a full disk), `TransactionLost` goes up to the
        outermost call, so nothing after it runs outside the transaction.
        """
        with self.lock:
            if self._depth > 0:
                yield from self._savepoint(action)
                return
            try:
                self._retry_busy(lambda: self.conn.execute("BEGIN IMMEDIATE"))
            except sqlite3.Error as err:
                raise store_error(err, self.path, action) from err
            self._depth = 1
            try:
                yield self.db
                if not self.conn.in_transaction:
                    raise TransactionLost(f"The library could not be {action}: the change was interrupted.")
                self.conn.execute("COMMIT")
            except sqlite3.Error as err:
                self._rollback()
                if _is_corrupt(err):
                    raise CorruptStoreError(self.path, latest_backup(self.data_dir), str(err)) from err
                raise store_error(err, self.path, action) from err
            except BaseException:
                self._rollback()
                raise
            finally:
                self._depth = 0

    def _savepoint(self, action: str) -> Iterator[sqlite_utils.Database]:
        if not self.conn.in_transaction:
            raise TransactionLost(f"The library could not be {action}: the change was interrupted.")
        self._sp += 1
        name = f"qari_sp_{self._sp}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.db
        except BaseException as err:
            if not self.conn.in_transaction:
                # SQLite undid the whole transaction: the outermost write must fail too.
                lost = TransactionLost(str(store_error(err, self.path, action)) if _is_sql(err) else str(err))
                raise lost from err
            self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            if isinstance(err, sqlite3.Error):
                raise store_error(err, self.path, action) from err
            raise
        else:
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            self._depth -= 1

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, for reading under the lock; SQLite errors become StoreError."""
        with self.lock:
            try:
                yield self.conn
            except sqlite3.Error as err:
                if _is_corrupt(err):
                    raise CorruptStoreError(self.path, latest_backup(self.data_dir), str(err)) from err
                raise store_error(err, self.path, "read") from err

    def backup_if_due(self) -> Path | None:
        """The daily backup, if the latest is a day old (for a caller that opened with backups=False)."""
        with self.lock:
            if not _backup_is_due(self.data_dir):
                return None
        return self.backup("daily")

    def backup(self, reason: str = "manual") -> Path:
        with self.lock:
            try:
                return backup(self.conn, self.data_dir, reason)
            except (OSError, sqlite3.Error) as err:
                raise store_error(err, self.path, "backed up") from err

    def close(self) -> None:
        with self.lock:
            # Keep the query planner's statistics fresh (bounded, so closing stays quick).
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA analysis_limit = 400")
                self.conn.execute("PRAGMA optimize")
            self.conn.close()


def _is_busy_text(problem: str) -> bool:
    return "locked" in problem.lower() or "busy" in problem.lower()
