"""CSV and JSON exports of entities and their mentions.

CSV: UTF-8 with a byte order mark (so spreadsheet programs pick the encoding), one row a mention, columns
`article, entity, type, mention text, start, end, sentence` (see `CSV_COLUMNS`); `start`/`end` are code point
offsets into the article's text. A text cell that a spreadsheet would read as a formula (starting with
`= + - @`, a tab or a carriage return) gets a leading apostrophe, the usual CSV-injection guard.

JSON: the same data grouped by article and entity, with the entity index (counts, canonical names) and tags:
`{"format": "qari-entities", "version": 1, "articles": [{"id", "title", ..., "entities": [{"name",
"type", "count", "mentions": [{"text", "start", "end", "sentence"}]}]}]}`. Text is stored as is
(`ensure_ascii=False`), in logical order.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from app.export.files import write_text
from app.export.summary import Brief, CancelFlag, Progress, Summary, as_brief, check_cancel, printable

CSV_COLUMNS: tuple[str, ...] = ("article", "entity", "type", "mention text", "start", "end", "sentence")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(text: str) -> str:
    text = printable(text).replace("\n", " ")
    return "'" + text if text.startswith(_FORMULA_START) else text


def article_label(s: Summary, number: int) -> str:
    """How a row names its article: the library id when there is one, else its position, then the title."""
    ident = s.article_id if s.article_id else str(number)
    return f"{ident}: {s.title}" if s.title else ident


def render_csv(
    doc: Summary | Brief, *, progress: Progress | None = None, cancel: CancelFlag | None = None
) -> str:
    """The CSV text (without the BOM; `write_csv` adds it)."""
    b = as_brief(doc)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    total = len(b.summaries)
    for number, s in enumerate(b.summaries, start=1):
        check_cancel(cancel)
        label = _safe_cell(article_label(s, number))
        for m in s.mentions:
            row = [label, _safe_cell(m.entity), m.label, _safe_cell(m.text), m.start, m.end]
            writer.writerow([*row, _safe_cell(m.sentence)])
        if progress is not None:
            progress(number, total)
    return buf.getvalue()


def to_json_data(
    doc: Summary | Brief, *, progress: Progress | None = None, cancel: CancelFlag | None = None
) -> dict[str, Any]:
    b = as_brief(doc)
    articles: list[dict[str, Any]] = []
    total = len(b.summaries)
    for number, s in enumerate(b.summaries, start=1):
        check_cancel(cancel)
        by_key: dict[str, list[dict[str, Any]]] = {}
        for m in s.mentions:
            by_key.setdefault(m.key, []).append(
                {"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence}
            )
        articles.append(
            {
                "number": number,
                "id": s.article_id,
                "title": s.title,
                "source": s.source,
                "date": s.date,
                "url": s.url,
                "direction": s.direction,
                "word_count": s.word_count,
                "tags": list(s.tags),
                "entities": [
                    {
                        "key": e.key,
                        "name": e.name,
                        "type": e.label,
                        "count": e.count,
                        "forms": list(e.forms),
                        "mentions": by_key.get(e.key, []),
                    }
                    for e in s.entity_index
                ],
            }
        )
        if progress is not None:
            progress(number, total)
    data: dict[str, Any] = {
        "format": "qari-entities",
        "version": 1,
        "title": b.title,
        "created_at": b.created_at,
        "query": b.query,
        "articles": articles,
    }
    if b.combined:
        data["entity_index"] = [
            {
                "key": e.key,
                "name": e.name,
                "type": e.label,
                "count": e.count,
                "articles": [{"number": a.number, "count": a.count} for a in e.articles],
            }
            for e in b.entity_index
        ]
    return data


def render_json(
    doc: Summary | Brief, *, progress: Progress | None = None, cancel: CancelFlag | None = None
) -> str:
    data = to_json_data(doc, progress=progress, cancel=cancel)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_csv(
    doc: Summary | Brief, path: Path, *, progress: Progress | None = None, cancel: CancelFlag | None = None
) -> Path:
    return write_text(Path(path), render_csv(doc, progress=progress, cancel=cancel), encoding="utf-8-sig")


def write_json(
    doc: Summary | Brief, path: Path, *, progress: Progress | None = None, cancel: CancelFlag | None = None
) -> Path:
    return write_text(Path(path), render_json(doc, progress=progress, cancel=cancel))
