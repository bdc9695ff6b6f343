"""The library service: saved articles, their entities, notes, tags, stars, corrections and search.

The window and the command line both call these methods; neither writes SQL of its own. Every method
that changes something is one transaction (`Store.write`), so a crash or a killed process loses nothing
that a method returned from.

    lib = Library.open()                  # --data-dir > $QARI_DATA_DIR > user data folder
    saved = lib.save_article(article)     # deduplicated by content hash
    lib.save_entities(saved.id, entities, recognizer="bundled")
    note = lib.add_note("**check** this", article_id=saved.id, start=10, end=25)
    lib.search("العراق", entity="بغداد")
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.core.errors import StoreError
from app.core.models import ALL_TYPES, Article, Entity, Mention, Paragraph, check_span
from app.ner.grouping import canonical_key, mention_form
from app.store import search as fts
from app.store.db import Store, now_iso

NoteKind = Literal["article", "passage", "entity"]
SortKey = Literal["opened", "added", "title", "date"]
CORRECTION_KINDS: tuple[str, ...] = ("add", "delete", "retype", "merge", "rename")

_ARTICLE_COLUMNS = (
    "id, title, source, url, date, byline, fmt, word_count, added_at, opened_at, starred, deleted_at, "
    "recognizer"
)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """A saved article without its text (for lists)."""

    id: int
    title: str
    source: str
    url: str | None
    date: str | None
    byline: str | None
    fmt: str
    word_count: int
    added_at: str
    opened_at: str | None
    starred: bool
    deleted_at: str | None
    recognizer: str | None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SavedArticle:
    info: ArticleInfo
    article: Article
    created: bool = False  # True when `save_article` added it; False when it was already saved

    @property
    def id(self) -> int:
        return self.info.id


@dataclass(frozen=True, slots=True)
class StoredEntity:
    """An entity of one article, as saved: its library-wide id, key, name, type and mentions here."""

    id: int
    key: str
    name: str
    label: str
    mentions: tuple[Mention, ...]

    @property
    def count(self) -> int:
        return len(self.mentions)

    def to_entity(self) -> Entity:
        return Entity(self.name, self.label, list(self.mentions), self.key)


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    body: str  # plain text with Markdown
    created_at: str
    updated_at: str
    deleted_at: str | None
    article_id: int | None
    entity_id: int | None
    start: int | None
    end: int | None
    quote: str | None  # the passage a passage note is anchored to
    entity_name: str | None = None

    @property
    def kind(self) -> NoteKind:
        if self.entity_id is not None:
            return "entity"
        if self.start is not None:
            return "passage"
        return "article"


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    kind: str
    payload: dict[str, Any]
    article_id: int | None
    entity_id: int | None
    created_at: str
    undone_at: str | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    id: int
    title: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of `snippet` that matched
    score: float  # higher is better (negated bm25); 0 for a search with filters only
    date: str | None
    starred: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
            "score": self.score,
            "date": self.date,
            "starred": self.starred,
        }


@dataclass(frozen=True, slots=True)
class EntitySummary:
    id: int
    key: str
    name: str
    label: str
    articles: int  # how many saved articles mention it
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "type": self.label,
            "articles": self.articles,
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class EntityView:
    """One entity across the library: the articles it appears in and the entities seen with it."""

    entity: EntitySummary
    articles: list[tuple[ArticleInfo, int]] = field(default_factory=list)  # (article, mentions in it)
    co_occurring: list[tuple[EntitySummary, int]] = field(default_factory=list)  # (entity, shared)
    notes: list[Note] = field(default_factory=list)


def _row_info(row: sqlite3.Row, tags: tuple[str, ...] = ()) -> ArticleInfo:
    return ArticleInfo(
        id=row["id"],
        title=row["title"] or "",
        source=row["source"] or "",
        url=row["url"],
        date=row["date"],
        byline=row["byline"],
        fmt=row["fmt"] or "txt",
        word_count=row["word_count"] or 0,
        added_at=row["added_at"],
        opened_at=row["opened_at"],
        starred=bool(row["starred"]),
        deleted_at=row["deleted_at"],
        recognizer=row["recognizer"],
        tags=tags,
    )


def _row_note(row: sqlite3.Row) -> Note:
    keys = row.keys()
    return Note(
        id=row["id"],
        body=row["body"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        deleted_at=row["deleted_at"],
        article_id=row["article_id"],
        entity_id=row["entity_id"],
        start=row["start"],
        end=row["end"],
        quote=row["quote"],
        entity_name=row["entity_name"] if "entity_name" in keys else None,
    )


class Library:
    """The saved articles and everything attached to them, in one SQLite store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None, *, backups: bool = True) -> Library:
        """Open the library in `data_dir` (see app.store.paths); raises StoreError/CorruptStoreError.

        A backup is always made before the schema is upgraded. The daily backup is made here when it
        is due, unless `backups=False` (a window that wants to start fast calls `backup_if_due` from a
        worker later).
        """
        return cls(Store.open(data_dir, backups=backups))

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir

    def close(self) -> None:
        self.store.close()

    def backup_if_due(self) -> Path | None:
        """Make the daily backup if it is due; for a window that opened with `backups=False` to start
        fast and backs up from a worker thread later. The new backup's path, or None."""
        return self.store.backup_if_due()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self, action: str = "saved") -> Iterator[None]:
        """Group several changes into one transaction (nested: a savepoint)."""
        with self.store.write(action):
            yield

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self.store.read() as conn:
            cur = conn.cursor()
            cur.row_factory = sqlite3.Row
            rows: list[sqlite3.Row] = cur.execute(sql, params).fetchall()
            return rows

    def _x(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Execute inside the current write transaction."""
        return self.store.conn.execute(sql, params)

    # ---------------------------------------------------------------------------------------- articles

    def find_by_hash(self, content_hash: str) -> int | None:
        rows = self._q("SELECT id FROM articles WHERE content_hash = ?", [content_hash])
        return int(rows[0]["id"]) if rows else None

    def content_hashes(self) -> frozenset[str]:
        """The content hash of every saved article (deleted ones too)."""
        return frozenset(r[0] for r in self._q("SELECT content_hash FROM articles"))

    def save_article(self, article: Article) -> SavedArticle:
        """Save an opened article, or mark the saved copy opened (same text = same article).

        A deleted copy is restored. Returns the saved article with `created` telling which happened.
        """
        h = article.content_hash
        now = now_iso()
        with self.store.write("saved"):
            row = self._x("SELECT id FROM articles WHERE content_hash = ?", [h]).fetchone()
            if row is not None:
                article_id = int(row[0])
                self.store.db.table("articles").update(article_id, {"opened_at": now, "deleted_at": None})
                created = False
            else:
                table = self.store.db.table("articles")
                table.insert(
                    {
                        "title": article.title,
                        "source": article.source,
                        "url": article.url,
                        "date": article.date,
                        "byline": article.byline,
                        "fmt": article.fmt,
                        "text": article.text,
                        "paragraphs": json.dumps([[p.start, p.end, p.kind] for p in article.paragraphs]),
                        "content_hash": h,
                        "word_count": article.word_count,
                        "added_at": now,
                        "opened_at": now,
                        "starred": 0,
                    }
                )
                article_id = int(table.last_pk)  # type: ignore[arg-type]
                self._x(
                    "INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
                    [article_id, fts.index_text(article.title), fts.index_text(article.text)],
                )
                created = True
        if created:
            info = ArticleInfo(
                article_id,
                article.title,
                article.source,
                article.url,
                article.date,
                article.byline,
                article.fmt,
                article.word_count,
                now,
                now,
                False,
                None,
                None,
            )
            return SavedArticle(info, article, True)
        return self.get_article(article_id)

    def get_article(self, article_id: int) -> SavedArticle:
        rows = self._q(
            f"SELECT {_ARTICLE_COLUMNS}, text, paragraphs FROM articles WHERE id = ?", [article_id]
        )
        if not rows:
            raise StoreError(f"There is no saved article number {article_id} in the library.")
        row = rows[0]
        paras = tuple(Paragraph(int(s), int(e), k) for s, e, k in json.loads(row["paragraphs"] or "[]"))
        article = Article(
            row["text"],
            paras,
            row["title"] or "",
            row["source"] or "",
            row["date"],
            row["url"],
            row["byline"],
            row["fmt"] or "txt",
        )
        return SavedArticle(_row_info(row, self.tags_of(article_id)), article)

    def list_articles(
        self,
        *,
        sort: SortKey = "opened",
        starred: bool | None = None,
        tag: str | None = None,
        deleted: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleInfo]:
        """Saved articles (deleted ones with `deleted=True`), newest opened first by default."""
        where = ["deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"]
        params: list[Any] = []
        if starred is not None:
            where.append("starred = ?")
            params.append(1 if starred else 0)
        if tag:
            where.append(
                "id IN (SELECT article_id FROM article_tags JOIN tags ON tags.id = tag_id "
                "WHERE tags.name = ?)"
            )
            params.append(tag.strip())
        order = {
            "opened": "coalesce(opened_at, added_at) DESC, id DESC",
            "added": "added_at DESC, id DESC",
            "title": "title COLLATE NOCASE, id",
            "date": "coalesce(date, substr(added_at, 1, 10)) DESC, id DESC",
        }[sort]
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {' AND '.join(where)} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self._q(sql, params)
        tags = self._tags_for([r["id"] for r in rows])
        return [_row_info(r, tags.get(r["id"], ())) for r in rows]

    def count_articles(self) -> int:
        return int(self._q("SELECT count(*) FROM articles WHERE deleted_at IS NULL")[0][0])

    def delete_article(self, article_id: int) -> None:
        """Move an article to the bin (undo with `restore_article`); it leaves lists and searches."""
        self._require_article(article_id)
        with self.store.write("deleted"):
            self.store.db.table("articles").update(article_id, {"deleted_at": now_iso()})

    def restore_article(self, article_id: int) -> None:
        self._require_article(article_id)
        with self.store.write("restored"):
            self.store.db.table("articles").update(article_id, {"deleted_at": None})

    def purge_article(self, article_id: int) -> None:
        """Delete an article for good, with its mentions, notes, tags and corrections."""
        self._require_article(article_id)
        with self.store.write("deleted"):
            note_ids = "SELECT id FROM notes WHERE article_id = ?"
            self._x(f"DELETE FROM note_revisions WHERE note_id IN ({note_ids})", [article_id])
            for table in ("mentions", "notes", "article_tags", "corrections"):
                self._x(f"DELETE FROM {table} WHERE article_id = ?", [article_id])
            row = self._x("SELECT title, text FROM articles WHERE id = ?", [article_id]).fetchone()
            # A contentless index forgets a row when told exactly what was indexed for it.
            self._x(
                "INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                [article_id, fts.index_text(row[0] or ""), fts.index_text(row[1])],
            )
            self._x("DELETE FROM articles WHERE id = ?", [article_id])

    def _require_article(self, article_id: int) -> None:
        if not self._q("SELECT 1 FROM articles WHERE id = ?", [article_id]):
            raise StoreError(f"There is no saved article number {article_id} in the library.")

    def set_star(self, article_id: int, starred: bool = True) -> None:
        self._require_article(article_id)
        with self.store.write("starred"):
            self.store.db.table("articles").update(article_id, {"starred": 1 if starred else 0})

    # -------------------------------------------------------------------------------------------- tags

    def add_tag(self, article_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise StoreError("A tag needs a name.")
        self._require_article(article_id)
        with self.store.write("tagged"):
            self._x("INSERT OR IGNORE INTO tags(name) VALUES (?)", [name])
            tag_id = self._x("SELECT id FROM tags WHERE name = ?", [name]).fetchone()[0]
            self.store.db.table("article_tags").insert(
                {"article_id": article_id, "tag_id": tag_id}, ignore=True
            )

    def remove_tag(self, article_id: int, name: str) -> None:
        with self.store.write("untagged"):
            self._x(
                "DELETE FROM article_tags WHERE article_id = ? "
                "AND tag_id IN (SELECT id FROM tags WHERE name = ?)",
                [article_id, " ".join(name.split())],
            )

    def tags_of(self, article_id: int) -> tuple[str, ...]:
        return self._tags_for([article_id]).get(article_id, ())

    def _tags_for(self, ids: list[int]) -> dict[int, tuple[str, ...]]:
        if not ids:
            return {}
        out: dict[int, list[str]] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for r in self._q(
                "SELECT article_id, name FROM article_tags JOIN tags ON tags.id = tag_id "
                f"WHERE article_id IN ({marks}) ORDER BY name",
                part,
            ):
                out.setdefault(r["article_id"], []).append(r["name"])
        return {k: tuple(v) for k, v in out.items()}

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of (not deleted) articles that carry it."""
        rows = self._q(
            "SELECT tags.name, count(articles.id) FROM tags LEFT JOIN article_tags ON tag_id = tags.id "
            "LEFT JOIN articles ON articles.id = article_id AND articles.deleted_at IS NULL "
            "GROUP BY tags.id ORDER BY tags.name"
        )
        return [(r[0], int(r[1])) for r in rows]

    # ---------------------------------------------------------------------------------------- entities

    def save_entities(
        self,
        article_id: int,
        entities: Iterable[Entity],
        *,
        recognizer: str | None = None,
        reload: bool = True,
    ) -> list[StoredEntity]:
        """Replace the saved entities of an article (each mention checked against its text).

        Returns them as saved (`reload=False`: an empty list, for a bulk import that does not need it).
        """
        text_rows = self._q("SELECT text FROM articles WHERE id = ?", [article_id])
        if not text_rows:
            raise StoreError(f"There is no saved article number {article_id} in the library.")
        text = text_rows[0][0]
        items = list(entities)
        for e in items:
            for m in e.mentions:
                check_span(text, m.start, m.end, m.text)
        now = now_iso()
        with self.store.write("saved"):
            self._x("DELETE FROM mentions WHERE article_id = ?", [article_id])
            rows: list[dict[str, Any]] = []
            for e in items:
                key = e.key or canonical_key(e.name, e.label)
                self._x(
                    "INSERT OR IGNORE INTO entities(key, type, name, created_at) VALUES (?, ?, ?, ?)",
                    [key, e.label, e.name, now],
                )
                entity_id = self._x(
                    "SELECT id FROM entities WHERE key = ? AND type = ?", [key, e.label]
                ).fetchone()[0]
                rows.extend(
                    {
                        "article_id": article_id,
                        "entity_id": entity_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                    }
                    for m in e.mentions
                )
            if rows:
                self.store.db.table("mentions").insert_all(rows)
            if recognizer is not None:
                self.store.db.table("articles").update(article_id, {"recognizer": recognizer})
        return self.entities_of(article_id) if reload else []

    def entities_of(self, article_id: int) -> list[StoredEntity]:
        """The saved entities of one article, most mentioned first."""
        rows = self._q(
            'SELECT e.id, e.key, e.name, e.type, m.start, m."end", m.text FROM mentions m '
            'JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start, m."end"',
            [article_id],
        )
        grouped: dict[int, list[sqlite3.Row]] = {}
        for r in rows:
            grouped.setdefault(r["id"], []).append(r)
        out = [
            StoredEntity(
                eid,
                rs[0]["key"],
                rs[0]["name"],
                rs[0]["type"],
                tuple(Mention(r["start"], r["end"], r["text"]) for r in rs),
            )
            for eid, rs in grouped.items()
        ]
        out.sort(key=lambda e: (-e.count, e.name))
        return out

    def entity_ids(self, name: str, label: str | None = None) -> list[int]:
        """Ids of the entities called `name` (any spelling), of type `label` if given.

        An exact name first (through the key index); failing that, every entity whose name contains it.
        """
        form = mention_form(name)
        if not form:
            return []
        labels = [label] if label else list(ALL_TYPES)
        keys = [canonical_key(name, lab) for lab in labels]
        rows = self._q(f"SELECT id FROM entities WHERE key IN ({','.join('?' * len(keys))})", keys)
        if not rows:
            escaped = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            sql = "SELECT id FROM entities WHERE key LIKE ? ESCAPE '\\'"
            args: list[Any] = [f"%:%{escaped}%"]
            if label:
                sql += " AND type = ?"
                args.append(label)
            rows = self._q(sql, args)
        return [int(r[0]) for r in rows]

    def find_entities(self, name: str, label: str | None = None) -> list[EntitySummary]:
        """Entities called `name` (normalized; exact, then containing it), most widespread first."""
        ids = self.entity_ids(name, label)
        return self.entity_overview(ids=ids) if ids else []

    def entity_overview(
        self,
        *,
        label: str | None = None,
        limit: int | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[EntitySummary]:
        """Every entity of the saved articles (or those of `ids`) with its article and mention counts,
        most widespread first."""
        inner = ["article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL)"]
        args: list[Any] = []
        if ids is not None:
            if not ids:
                return []
            inner.append(f"entity_id IN ({','.join('?' * len(ids))})")
            args += list(ids)
        if label:
            inner.append("entity_id IN (SELECT id FROM entities WHERE type = ?)")
            args.append(label)
        sql = (
            "WITH counts AS (SELECT entity_id, count(DISTINCT article_id) AS n_articles, "
            f"count(*) AS n_mentions FROM mentions WHERE {' AND '.join(inner)} GROUP BY entity_id) "
            "SELECT e.id, e.key, e.name, e.type, c.n_articles, c.n_mentions "
            "FROM counts c JOIN entities e ON e.id = c.entity_id "
            "ORDER BY c.n_articles DESC, c.n_mentions DESC, e.name"
        )
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [EntitySummary(r[0], r[1], r[2], r[3], int(r[4]), int(r[5])) for r in self._q(sql, args)]

    def entity_view(
        self, entity_id: int, *, co_limit: int = 10, article_limit: int | None = None
    ) -> EntityView:
        """An entity across the library: its articles (most mentions first) and who appears with it."""
        found = self.entity_overview(ids=[entity_id])
        if not found:
            row = self._q("SELECT id, key, name, type FROM entities WHERE id = ?", [entity_id])
            if not row:
                raise StoreError(f"There is no entity number {entity_id} in the library.")
            summary = EntitySummary(row[0][0], row[0][1], row[0][2], row[0][3], 0, 0)
        else:
            summary = found[0]
        sql = (
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))}, count(*) AS n "
            "FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? AND a.deleted_at IS NULL GROUP BY a.id "
            "ORDER BY n DESC, coalesce(a.opened_at, a.added_at) DESC"
        )
        args: list[Any] = [entity_id]
        if article_limit is not None:
            sql += " LIMIT ?"
            args.append(article_limit)
        arows = self._q(sql, args)
        tags = self._tags_for([r["id"] for r in arows])
        articles = [(_row_info(r, tags.get(r["id"], ())), int(r["n"])) for r in arows]
        co_rows = self._q(
            "WITH mine AS (SELECT DISTINCT m.article_id FROM mentions m "
            "JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? AND a.deleted_at IS NULL) "
            "SELECT e.id, e.key, e.name, e.type, count(DISTINCT m.article_id) AS shared, count(*) AS n "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE m.article_id IN (SELECT article_id FROM mine) AND m.entity_id != ? "
            "GROUP BY e.id ORDER BY shared DESC, n DESC, e.name LIMIT ?",
            [entity_id, entity_id, co_limit],
        )
        co = [(EntitySummary(r[0], r[1], r[2], r[3], int(r[4]), int(r[5])), int(r[4])) for r in co_rows]
        return EntityView(summary, articles, co, self.notes_for_entity(entity_id))

    # ------------------------------------------------------------------------------------------- notes

    def add_note(
        self,
        body: str,
        *,
        article_id: int | None = None,
        start: int | None = None,
        end: int | None = None,
        entity_id: int | None = None,
    ) -> Note:
        """A note on an article, on a passage of it (`start`/`end` into its text), or on an entity.

        An entity note (`entity_id`) is shown wherever the entity appears; `article_id` then only
        records where it was written.
        """
        if not body.strip():
            raise StoreError("A note cannot be empty.")
        quote: str | None = None
        if entity_id is None and article_id is None:
            raise StoreError("A note belongs to an article, a passage or an entity.")
        if entity_id is not None and not self._q("SELECT 1 FROM entities WHERE id = ?", [entity_id]):
            raise StoreError(f"There is no entity number {entity_id} in the library.")
        if (start is None) != (end is None):
            raise StoreError("A passage note needs both the start and the end of the passage.")
        if start is not None and end is not None:
            if article_id is None:
                raise StoreError("A passage note needs the article the passage is in.")
            rows = self._q("SELECT text FROM articles WHERE id = ?", [article_id])
            if not rows:
                raise StoreError(f"There is no saved article number {article_id} in the library.")
            try:
                check_span(rows[0][0], start, end)
            except ValueError as err:
                raise StoreError(f"The passage is not inside the article ({err}).") from err
            quote = rows[0][0][start:end]
        elif article_id is not None:
            self._require_article(article_id)
        now = now_iso()
        with self.store.write("saved"):
            table = self.store.db.table("notes")
            table.insert(
                {
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "start": start,
                    "end": end,
                    "quote": quote,
                    "body": body,
                    "created_at": now,
                    "updated_at": now,
                    "deleted_at": None,
                }
            )
            note_id = int(table.last_pk)  # type: ignore[arg-type]
        return self.get_note(note_id)

    def get_note(self, note_id: int) -> Note:
        rows = self._q(
            "SELECT n.*, e.name AS entity_name FROM notes n LEFT JOIN entities e ON e.id = n.entity_id "
            "WHERE n.id = ?",
            [note_id],
        )
        if not rows:
            raise StoreError(f"There is no note number {note_id}.")
        return _row_note(rows[0])

    def edit_note(self, note_id: int, body: str) -> Note:
        """Change a note's text; the previous text is kept (`undo_note_edit`)."""
        if not body.strip():
            raise StoreError("A note cannot be empty; delete it instead.")
        old = self.get_note(note_id)
        if old.body == body:
            return old
        now = now_iso()
        with self.store.write("saved"):
            self.store.db.table("note_revisions").insert(
                {"note_id": note_id, "body": old.body, "saved_at": now}
            )
            self.store.db.table("notes").update(note_id, {"body": body, "updated_at": now})
        return self.get_note(note_id)

    def undo_note_edit(self, note_id: int) -> Note:
        """Put back the text a note had before its last edit."""
        rows = self._q(
            "SELECT id, body FROM note_revisions WHERE note_id = ? ORDER BY id DESC LIMIT 1", [note_id]
        )
        if not rows:
            raise StoreError("This note has no earlier text to go back to.")
        with self.store.write("saved"):
            self.store.db.table("notes").update(note_id, {"body": rows[0]["body"], "updated_at": now_iso()})
            self._x("DELETE FROM note_revisions WHERE id = ?", [rows[0]["id"]])
        return self.get_note(note_id)

    def delete_note(self, note_id: int) -> None:
        """Move a note to the bin (undo with `restore_note`)."""
        self.get_note(note_id)
        with self.store.write("deleted"):
            self.store.db.table("notes").update(note_id, {"deleted_at": now_iso()})

    def restore_note(self, note_id: int) -> Note:
        self.get_note(note_id)
        with self.store.write("restored"):
            self.store.db.table("notes").update(note_id, {"deleted_at": None})
        return self.get_note(note_id)

    def notes_for_article(self, article_id: int, *, deleted: bool = False) -> list[Note]:
        """The article's own and passage notes, then the notes on every entity that appears in it."""
        cond = "n.deleted_at IS NOT NULL" if deleted else "n.deleted_at IS NULL"
        rows = self._q(
            "SELECT n.*, e.name AS entity_name FROM notes n LEFT JOIN entities e ON e.id = n.entity_id "
            f"WHERE {cond} AND ((n.article_id = ? AND n.entity_id IS NULL) OR n.entity_id IN "
            "(SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?)) "
            "ORDER BY n.entity_id IS NOT NULL, coalesce(n.start, -1), n.created_at, n.id",
            [article_id, article_id],
        )
        return [_row_note(r) for r in rows]

    def notes_for_entity(self, entity_id: int, *, deleted: bool = False) -> list[Note]:
        cond = "n.deleted_at IS NOT NULL" if deleted else "n.deleted_at IS NULL"
        rows = self._q(
            "SELECT n.*, e.name AS entity_name FROM notes n JOIN entities e ON e.id = n.entity_id "
            f"WHERE n.entity_id = ? AND {cond} ORDER BY n.created_at, n.id",
            [entity_id],
        )
        return [_row_note(r) for r in rows]

    # ------------------------------------------------------------------------------------- corrections

    def add_correction(
        self, payload: dict[str, Any], *, article_id: int | None = None, entity_id: int | None = None
    ) -> Correction:
        """Record an analyst's correction; `payload["op"]` is its kind (see app.ner.corrections)."""
        kind = str(payload.get("op", ""))
        if kind not in CORRECTION_KINDS:
            raise StoreError(
                f"Unknown kind of correction {kind!r}; expected one of {', '.join(CORRECTION_KINDS)}."
            )
        with self.store.write("saved"):
            table = self.store.db.table("corrections")
            table.insert(
                {
                    "article_id": article_id,
                    "entity_id": entity_id,
                    "kind": kind,
                    "payload": json.dumps(payload, ensure_ascii=False),
                    "created_at": now_iso(),
                    "undone_at": None,
                }
            )
            cid = int(table.last_pk)  # type: ignore[arg-type]
        return self._correction(cid)

    def _correction(self, cid: int) -> Correction:
        rows = self._q("SELECT * FROM corrections WHERE id = ?", [cid])
        if not rows:
            raise StoreError(f"There is no correction number {cid}.")
        r = rows[0]
        return Correction(
            r["id"],
            r["kind"],
            json.loads(r["payload"]),
            r["article_id"],
            r["entity_id"],
            r["created_at"],
            r["undone_at"],
        )

    def corrections(self, *, article_id: int | None = None, undone: bool = False) -> list[Correction]:
        """Corrections in the order they were made (active ones; undone ones with `undone=True`)."""
        where = ["undone_at IS NOT NULL" if undone else "undone_at IS NULL"]
        params: list[Any] = []
        if article_id is not None:
            where.append("article_id = ?")
            params.append(article_id)
        rows = self._q(f"SELECT id FROM corrections WHERE {' AND '.join(where)} ORDER BY id", params)
        return [self._correction(r[0]) for r in rows]

    def undo_correction(self, correction_id: int | None = None) -> Correction | None:
        """Undo a correction (the latest active one by default); None when there is nothing to undo."""
        if correction_id is None:
            rows = self._q("SELECT id FROM corrections WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1")
            if not rows:
                return None
            correction_id = int(rows[0][0])
        self._correction(correction_id)
        with self.store.write("saved"):
            self.store.db.table("corrections").update(correction_id, {"undone_at": now_iso()})
        return self._correction(correction_id)

    def redo_correction(self, correction_id: int) -> Correction:
        self._correction(correction_id)
        with self.store.write("saved"):
            self.store.db.table("corrections").update(correction_id, {"undone_at": None})
        return self._correction(correction_id)

    # ------------------------------------------------------------------------------------------ search

    def search(
        self,
        query: str = "",
        *,
        entity: str | None = None,
        label: str | None = None,
        tag: str | None = None,
        starred: bool | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 20,
    ) -> list[SearchResult]:
        """Articles matching `query` (all words; `"..."` a phrase) and every filter given, best first.

        `entity` is an entity's name (any spelling), `label` its type (alone: articles with any entity
        of that type); dates are ISO `YYYY-MM-DD`, compared with the article's date (or when it was added).
        """
        terms = fts.parse_query(query)
        where: list[str] = ["a.deleted_at IS NULL"]
        params: list[Any] = []
        if entity:
            ids = self.entity_ids(entity, label)
            if not ids:
                return []
            marks = ",".join("?" * len(ids))
            where.append(f"a.id IN (SELECT article_id FROM mentions WHERE entity_id IN ({marks}))")
            params += ids
        elif label:
            # Checked per candidate article (through the mentions index), not over every mention.
            where.append(
                "EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id "
                "WHERE m.article_id = a.id AND e.type = ?)"
            )
            params.append(label)
        if tag:
            where.append(
                "a.id IN (SELECT article_id FROM article_tags JOIN tags ON tags.id = tag_id "
                "WHERE tags.name = ?)"
            )
            params.append(" ".join(tag.split()))
        if starred is not None:
            where.append("a.starred = ?")
            params.append(1 if starred else 0)
        day = "coalesce(a.date, substr(a.added_at, 1, 10))"
        if date_from:
            where.append(f"{day} >= ?")
            params.append(date_from)
        if date_to:
            where.append(f"substr({day}, 1, 10) <= ?")
            params.append(date_to)
        if not terms:
            sql = (
                "SELECT a.id, a.title, a.date, a.starred, 0.0 AS rank FROM articles a "
                f"WHERE {' AND '.join(where)} ORDER BY coalesce(a.opened_at, a.added_at) DESC LIMIT ?"
            )
            rows = self._q(sql, [*params, limit])
        else:
            has_phrase = any(t.is_phrase for t in terms)
            sql = (
                "SELECT a.id, a.title, a.date, a.starred, bm25(articles_fts, 2.0, 1.0) AS rank "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? AND {' AND '.join(where)} ORDER BY rank LIMIT ?"
            )
            fetch = limit * 4 + 20 if has_phrase else limit
            rows = self._q(sql, [fts.fts_query(terms), *params, fetch])
        out: list[SearchResult] = []
        for r in rows:
            text = self._q("SELECT text FROM articles WHERE id = ?", [r["id"]])[0][0]
            spans, complete = fts.find_matches(text, terms) if terms else ([], True)
            if not complete and not all(
                fts.find_matches(text, [t])[1] or fts.find_matches(r["title"] or "", [t])[1]
                for t in terms
                if t.is_phrase
            ):
                continue  # NEAR found the words close together, but not as the phrase
            snip = fts.make_snippet(text, spans)
            out.append(
                SearchResult(
                    r["id"],
                    r["title"] or "",
                    snip.text,
                    snip.highlights,
                    -float(r["rank"]) or 0.0,
                    r["date"],
                    bool(r["starred"]),
                )
            )
            if len(out) >= limit:
                break
        return out

    def stats(self) -> dict[str, int]:
        """Counts of what the library holds (for `qari entities` and the benchmark)."""
        names = ("articles", "entities", "mentions", "notes", "tags", "corrections")
        out = {n: int(self._q(f"SELECT count(*) FROM {n}")[0][0]) for n in names}
        out["size_bytes"] = sum(
            p.stat().st_size for p in (self.path, self.path.with_name(self.path.name + "-wal")) if p.exists()
        )
        return out
