"""Turning articles into plain data for export, separate from rendering (displaCy style).

`build_summary(article, entities, notes, tags)` gives a `Summary`: title, source, date, URL, the entity
index, the paragraphs (all of them, or the key passages only) with their entity spans and anchored notes,
the entity notes, and every mention with its sentence (for CSV/JSON). `build_brief(items)` combines many
summaries under one entity index that says which article each entity appears in.

Offsets: `Summary.mentions` keep code point offsets into `Article.text`; `ParagraphView.spans` are offsets
into the paragraph's own text (`ParagraphView.offset` is where it starts in the article). Writers render from
these objects only and escape every fragment they write; `segments(paragraph)` cuts a paragraph into the
pieces they render.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Protocol, TypeVar

from app.core.errors import QariError
from app.core.models import ENTITY_TYPES, Article, Entity
from app.ner.grouping import canonical_key
from app.text.bidi import Direction, document_direction, paragraph_direction
from app.text.tokenize import split_sentences, tokenize

log = logging.getLogger(__name__)

Passages = Literal["full", "entities", "notes"]
PASSAGE_MODES: tuple[Passages, ...] = ("full", "entities", "notes")
DEFAULT_KEY_PASSAGES = 5
QUOTE_LIMIT = 160  # characters of anchored text quoted beside a note


class ExportError(QariError):
    """An export could not be made or written; the message says what to do."""


class ExportCancelled(ExportError):
    """The person cancelled an export; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled; no file was written.")


class CancelFlag(Protocol):
    """Anything with `is_set()`; a `threading.Event` is one."""

    def is_set(self) -> bool: ...


Progress = Callable[[int, int], None]  # (done, total)


def check_cancel(cancel: CancelFlag | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled()


@dataclass(frozen=True, slots=True)
class NoteView:
    """An analyst's note as the exporter sees it.

    Anchored to the article text when `start`/`end` are set (code point offsets into `Article.text`),
    else to an entity when `entity_key` is set, else to the article as a whole.
    """

    body: str
    start: int | None = None
    end: int | None = None
    entity_key: str | None = None
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class SpanView:
    """An entity mention inside one paragraph: `paragraph.text[start:end]`."""

    start: int
    end: int
    label: str
    name: str  # the entity's canonical name
    key: str


@dataclass(frozen=True, slots=True)
class ParagraphNote:
    """A note anchored in a paragraph: `number` is its marker, `quote` the anchored text."""

    number: int
    body: str
    quote: str
    start: int  # into the paragraph text
    end: int
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class ParagraphView:
    number: int  # 1-based position in the article
    text: str
    direction: Direction
    kind: str  # "heading" | "body"
    offset: int  # where the paragraph starts in Article.text
    spans: tuple[SpanView, ...] = ()
    notes: tuple[ParagraphNote, ...] = ()
    gap_before: bool = False  # key passages: paragraphs were left out before this one


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One entity in an article's index."""

    key: str
    name: str
    label: str
    count: int
    forms: tuple[str, ...]  # the distinct ways the article writes it, in order of appearance


@dataclass(frozen=True, slots=True)
class EntityNote:
    key: str
    name: str
    label: str
    body: str
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class GeneralNote:
    body: str
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One mention, for the CSV and JSON exports; offsets into `Article.text`."""

    entity: str
    label: str
    key: str
    text: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything one article's export shows, as plain data."""

    title: str
    source: str
    date: str | None
    url: str | None
    byline: str | None
    direction: Direction
    word_count: int
    passages: Passages
    paragraph_total: int
    entity_index: tuple[IndexEntry, ...]
    paragraphs: tuple[ParagraphView, ...]
    mentions: tuple[MentionRow, ...]
    tags: tuple[str, ...] = ()
    entity_notes: tuple[EntityNote, ...] = ()
    article_notes: tuple[GeneralNote, ...] = ()
    article_id: str | None = None
    show_index: bool = True  # False: writers leave the entity index out (the export dialog's choice)

    def index_by_type(self) -> dict[str, list[IndexEntry]]:
        """Index entries grouped by type, in `ENTITY_TYPES` order (then any other type)."""
        return _by_type(self.entity_index)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class BriefArticle:
    number: int  # 1-based position of the article in the brief
    count: int  # mentions in that article


@dataclass(frozen=True, slots=True)
class BriefEntry:
    """One entity across a brief: its total count and the articles it appears in."""

    key: str
    name: str
    label: str
    count: int
    articles: tuple[BriefArticle, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """Many articles' summaries with a combined entity index.

    A single article's export is a `Brief` with one summary and `combined=False` (no combined index).
    """

    title: str
    created_at: str
    summaries: tuple[Summary, ...]
    entity_index: tuple[BriefEntry, ...] = ()
    combined: bool = True
    query: str | None = None
    show_index: bool = True  # False: no combined entity index

    def index_by_type(self) -> dict[str, list[BriefEntry]]:
        return _by_type(self.entity_index)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SummaryInput:
    """What `build_brief` needs for one article."""

    article: Article
    entities: Sequence[Entity]
    notes: Sequence[NoteView] = ()
    tags: Sequence[str] = ()
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a paragraph: plain text or one entity mention (`span`).

    `notes` are the numbers of the notes whose anchored text covers this piece; `note_refs` the numbers
    of the notes whose anchor ends here (writers put the note marker after the piece).
    """

    text: str
    span: SpanView | None = None
    notes: tuple[int, ...] = ()
    note_refs: tuple[int, ...] = field(default_factory=tuple)


_E = TypeVar("_E", "IndexEntry", "BriefEntry")

# --- text helpers ------------------------------------------------------------------------------------

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` with characters no document format can hold (C0 controls...) replaced by U+FFFD.

    One character for one, so offsets still hold.
    """
    return _CONTROL_RE.sub("\ufffd", text)


def text_direction(text: str, default: Direction = "rtl") -> Direction:
    """The direction of a paragraph or a name: the reading pane's rule
    (`app.text.bidi.paragraph_direction`: the majority of strong characters), `default` without any."""
    return paragraph_direction(text, default)


def entity_key(entity: Entity) -> str:
    """The entity's key, or `LABEL:normalized name` when it has none (what grouping uses)."""
    return entity.key or canonical_key(entity.name, entity.label)


def short_time(stamp: str) -> str:
    """An ISO timestamp as `YYYY-MM-DD HH:MM` (UTC kept as written); anything else unchanged."""
    try:
        when = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if len(stamp.strip()) <= 10:
        return when.strftime("%Y-%m-%d")
    return when.strftime("%Y-%m-%d %H:%M")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def _by_type(entries: Iterable[_E]) -> dict[str, list[_E]]:
    groups: dict[str, list[_E]] = {}
    for label in ENTITY_TYPES:
        groups[label] = []
    for e in entries:
        groups.setdefault(e.label, []).append(e)
    return {k: v for k, v in groups.items() if v}


def _sentence_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of `text[start:end]` as (start, end) offsets into `text`."""
    tokens = tokenize(text[start:end], start)
    return [(s[0].start, s[-1].end) for s in split_sentences(tokens) if s]


# --- building --------------------------------------------------------------------------------------------


def build_summary(
    article: Article,
    entities: Sequence[Entity],
    notes: Sequence[NoteView] = (),
    tags: Sequence[str] = (),
    *,
    passages: Passages = "full",
    max_passages: int = DEFAULT_KEY_PASSAGES,
    article_id: str | None = None,
) -> Summary:
    """The plain-data summary of one article.

    `passages`: "full" keeps every paragraph; "entities" keeps the `max_passages` paragraphs with the most
    entity mentions; "notes" keeps the paragraphs that anchored notes point into. Kept paragraphs stay in
    article order and `gap_before` marks where paragraphs were left out. Mentions whose offsets do not
    match the text (a stale record) are left out and logged.
    """
    if passages not in PASSAGE_MODES:
        raise ExportError(f"Unknown passage choice {passages!r}; use one of: {', '.join(PASSAGE_MODES)}.")
    text = article.text
    direction = document_direction(text)

    # Valid, non-overlapping mentions, in text order.
    flat: list[tuple[int, int, str, Entity]] = []
    for ent in entities:
        for m in ent.mentions:
            if not (0 <= m.start < m.end <= len(text)) or text[m.start : m.end] != m.text:
                log.warning("skipping mention %r (%d, %d): not in the text", m.text, m.start, m.end)
                continue
            flat.append((m.start, m.end, entity_key(ent), ent))
    flat.sort(key=lambda t: (t[0], -t[1]))
    kept: list[tuple[int, int, str, Entity]] = []
    for item in flat:
        if kept and item[0] < kept[-1][1]:
            continue  # overlaps the previous mention
        kept.append(item)

    # Entity index: entities that have at least one kept mention; most mentioned first.
    per_key: dict[str, list[tuple[int, int, str, Entity]]] = defaultdict(list)
    for item in kept:
        per_key[item[2]].append(item)
    index: list[IndexEntry] = []
    for key, items in per_key.items():
        ent = items[0][3]
        forms = tuple(dict.fromkeys(" ".join(text[s:e].split()) for s, e, _, _ in items))
        index.append(IndexEntry(key, ent.name, ent.label, len(items), forms))
    first_pos = {key: items[0][0] for key, items in per_key.items()}
    index.sort(key=lambda e: (-e.count, first_pos[e.key]))

    # Sentences of every paragraph, for the mention rows.
    mentions: list[MentionRow] = []
    para_bounds = [(p.start, p.end) for p in article.paragraphs] or [(0, len(text))]
    sentences: list[tuple[int, int]] = []
    for ps, pe in para_bounds:
        sentences.extend(_sentence_bounds(text, ps, pe))
    si = 0
    for start, end, key, ent in kept:
        while si < len(sentences) and sentences[si][1] <= start:
            si += 1
        if si < len(sentences) and sentences[si][0] <= start:
            sent = text[sentences[si][0] : max(sentences[si][1], end)]
        else:
            sent = text[start:end]
        mentions.append(MentionRow(ent.name, ent.label, key, text[start:end], start, end, sent))

    # Notes: anchored ones go to their paragraph, entity notes and general notes to their own lists.
    names = {entity_key(e): e for e in entities}
    anchored: list[NoteView] = []
    entity_notes: list[EntityNote] = []
    general: list[GeneralNote] = []
    for note in notes:
        if note.start is not None and note.end is not None and 0 <= note.start < len(text):
            anchored.append(note)
        elif note.entity_key:
            ent_opt = names.get(note.entity_key)
            label = ent_opt.label if ent_opt else note.entity_key.partition(":")[0]
            name = ent_opt.name if ent_opt else note.entity_key.partition(":")[2] or note.entity_key
            entity_notes.append(
                EntityNote(note.entity_key, name, label, note.body, short_time(note.created_at))
            )
        else:
            general.append(GeneralNote(note.body, short_time(note.created_at)))
    anchored.sort(key=lambda n: (n.start or 0, n.end or 0))

    paragraphs: list[ParagraphView] = []
    number = 0
    ki = 0
    for pi, (ps, pe) in enumerate(para_bounds):
        kind = article.paragraphs[pi].kind if article.paragraphs else "body"
        ptext = text[ps:pe]
        spans: list[SpanView] = []
        while ki < len(kept) and kept[ki][0] < pe:
            s, e, key, ent = kept[ki]
            if s >= ps:
                spans.append(SpanView(s - ps, min(e, pe) - ps, ent.label, ent.name, key))
            ki += 1
        pnotes: list[ParagraphNote] = []
        for note in anchored:
            assert note.start is not None and note.end is not None
            if ps <= note.start < pe or (note.start == pe and ps == pe):
                number += 1
                s = note.start - ps
                e = max(s + 1, min(note.end, pe) - ps) if pe > ps else s
                quote = _quote(ptext[s:e])
                pnotes.append(ParagraphNote(number, note.body, quote, s, e, short_time(note.created_at)))
        paragraphs.append(
            ParagraphView(
                number=pi + 1,
                text=ptext,
                direction=text_direction(ptext, direction),
                kind=kind,
                offset=ps,
                spans=tuple(spans),
                notes=tuple(pnotes),
            )
        )
    # A note anchored past the last paragraph (text changed since) still shows, as a general note.
    placed = sum(len(p.notes) for p in paragraphs)
    if placed < len(anchored):
        placed_keys = {(p.offset + n.start, n.body) for p in paragraphs for n in p.notes}
        for note in anchored:
            if (note.start, note.body) not in placed_keys:
                general.append(GeneralNote(note.body, short_time(note.created_at)))

    chosen = _choose(paragraphs, passages, max_passages)
    return Summary(
        title=article.title,
        source=article.source,
        date=article.date,
        url=article.url,
        byline=article.byline,
        direction=direction,
        word_count=article.word_count,
        passages=passages,
        paragraph_total=len(article.paragraphs),
        entity_index=tuple(index),
        paragraphs=chosen,
        mentions=tuple(mentions),
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
        entity_notes=tuple(entity_notes),
        article_notes=tuple(general),
        article_id=article_id,
    )


def _choose(paragraphs: list[ParagraphView], passages: Passages, limit: int) -> tuple[ParagraphView, ...]:
    if passages == "full":
        return tuple(paragraphs)
    if passages == "entities":
        ranked = sorted(
            (p for p in paragraphs if p.spans),
            key=lambda p: (-len(p.spans), -len({s.key for s in p.spans}), p.number),
        )
        keep = {p.number for p in ranked[: max(1, limit)]}
    else:
        keep = {p.number for p in paragraphs if p.notes}
    out: list[ParagraphView] = []
    prev = 0
    for p in paragraphs:
        if p.number in keep:
            gap = p.number != prev + 1
            out.append(ParagraphView(p.number, p.text, p.direction, p.kind, p.offset, p.spans, p.notes, gap))
            prev = p.number
    return tuple(out)


def build_brief(
    items: Iterable[SummaryInput],
    *,
    title: str = "",
    query: str | None = None,
    passages: Passages = "full",
    max_passages: int = DEFAULT_KEY_PASSAGES,
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
    total: int | None = None,
) -> Brief:
    """A brief of many articles: each one's summary plus a combined entity index.

    `progress(done, total)` is called after each article; `cancel.is_set()` is checked before each one
    and raises `ExportCancelled`. An empty selection raises `ExportError`.
    """
    summaries: list[Summary] = []
    seq = list(items)
    n = total if total is not None else len(seq)
    for item in seq:
        check_cancel(cancel)
        summaries.append(
            build_summary(
                item.article,
                item.entities,
                item.notes,
                item.tags,
                passages=passages,
                max_passages=max_passages,
                article_id=item.article_id,
            )
        )
        if progress is not None:
            progress(len(summaries), n)
    return combine(summaries, title=title, query=query)


def combine(summaries: Sequence[Summary], *, title: str = "", query: str | None = None) -> Brief:
    """Put summaries together under a combined entity index (most articles, then most mentions)."""
    if not summaries:
        raise ExportError("Nothing to export: choose at least one article (or a search that finds some).")
    totals: dict[str, list[tuple[int, IndexEntry]]] = defaultdict(list)
    for number, s in enumerate(summaries, start=1):
        for entry in s.entity_index:
            totals[entry.key].append((number, entry))
    entries = [
        BriefEntry(
            key=key,
            name=found[0][1].name,
            label=found[0][1].label,
            count=sum(e.count for _, e in found),
            articles=tuple(BriefArticle(n, e.count) for n, e in found),
        )
        for key, found in totals.items()
    ]
    entries.sort(key=lambda e: (-len(e.articles), -e.count, e.name))
    return Brief(
        title=title or (summaries[0].title if len(summaries) == 1 else ""),
        created_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        summaries=tuple(summaries),
        entity_index=tuple(entries),
        combined=len(summaries) > 1,
        query=query,
    )


def as_brief(doc: Summary | Brief) -> Brief:
    """Writers work on briefs; one summary is a brief of one article without a combined index."""
    if isinstance(doc, Brief):
        return doc
    return Brief(
        title=doc.title,
        created_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        summaries=(doc,),
        combined=False,
    )


# --- rendering helpers -------------------------------------------------------------------------------


def segments(paragraph: ParagraphView) -> list[Segment]:
    """Cut a paragraph at entity and note boundaries.

    A note boundary that falls inside a mention is moved to the mention's edge, so a mention is never
    split. Every character of the paragraph is in exactly one segment, in order.
    """
    text = paragraph.text
    span_at: dict[int, SpanView] = {s.start: s for s in paragraph.spans}
    inside: list[tuple[int, int]] = [(s.start, s.end) for s in paragraph.spans]

    def snap(pos: int, to_end: bool) -> int:
        for s, e in inside:
            if s < pos < e:
                return e if to_end else s
        return pos

    note_ranges: list[tuple[int, int, int]] = []
    for n in paragraph.notes:
        s = snap(n.start, False)
        e = snap(max(n.end, n.start + 1), True)
        note_ranges.append((n.number, s, min(max(e, s + 1), len(text))))
    cuts = {0, len(text)}
    for s, e in inside:
        cuts.update((s, e))
    for _, s, e in note_ranges:
        cuts.update((s, e))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[Segment] = []
    for a, b in itertools.pairwise(points):
        if a == b:
            continue
        span = span_at.get(a)
        if span is not None and span.end != b:
            span = None  # cannot happen: spans are whole between cuts
        covered = tuple(num for num, s, e in note_ranges if s <= a and b <= e)
        refs = tuple(num for num, _, e in note_ranges if e == b)
        out.append(Segment(text[a:b], span, covered, refs))
    return out


# --- labels ---------------------------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "ar": {
        "brief": "موجز",
        "articles": "المقالات",
        "article": "مقال",
        "source": "المصدر",
        "date": "التاريخ",
        "url": "الرابط",
        "byline": "الكاتب",
        "tags": "الوسوم",
        "words": "عدد الكلمات",
        "entity_index": "فهرس الكيانات",
        "combined_index": "فهرس الكيانات المجمّع",
        "name": "الاسم",
        "type": "النوع",
        "count": "المرات",
        "forms": "الصيغ في النص",
        "in_articles": "في المقالات",
        "text_full": "النص كاملًا",
        "text_key": "مقاطع رئيسية",
        "notes": "ملاحظات",
        "note": "ملاحظة",
        "entity_notes": "ملاحظات على الكيانات",
        "article_notes": "ملاحظات عامة",
        "no_entities": "لم يُعثر على كيانات (أشخاص أو أماكن أو منظمات) في هذا المقال.",
        "no_passages_entities": "لا توجد مقاطع رئيسية: لم يُعثر على كيانات في هذا المقال.",
        "no_passages_notes": "لا توجد مقاطع رئيسية: لا ملاحظات مرتبطة بالنص في هذا المقال.",
        "omitted": "[…]",
        "query": "البحث",
        "created": "أُنشئ في",
        "paragraph": "الفقرة",
        "legend": "دليل الألوان",
    },
    "en": {
        "brief": "Brief",
        "articles": "Articles",
        "article": "Article",
        "source": "Source",
        "date": "Date",
        "url": "URL",
        "byline": "Author",
        "tags": "Tags",
        "words": "Words",
        "entity_index": "Entity index",
        "combined_index": "Combined entity index",
        "name": "Name",
        "type": "Type",
        "count": "Count",
        "forms": "Forms in the text",
        "in_articles": "In articles",
        "text_full": "Full text",
        "text_key": "Key passages",
        "notes": "Notes",
        "note": "Note",
        "entity_notes": "Entity notes",
        "article_notes": "General notes",
        "no_entities": "No entities (people, places or organizations) were found in this article.",
        "no_passages_entities": "No key passages: no entities were found in this article.",
        "no_passages_notes": "No key passages: this article has no notes anchored in its text.",
        "omitted": "[…]",
        "query": "Search",
        "created": "Created",
        "paragraph": "Paragraph",
        "legend": "Colors",
    },
}


def labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["ar"])


def type_name(label: str, lang: str, plural: bool = True) -> str:
    from app.core.palette import colors

    c = colors(label)
    if lang == "en":
        return c["name_en"] if plural else c["one_en"]
    return c["name_ar"] if plural else c["one_ar"]


def no_passages_message(summary: Summary, lang: str) -> str | None:
    """What to say when the chosen passages are empty (None when there are passages)."""
    if summary.paragraphs:
        return None
    lab = labels(lang)
    if summary.passages == "notes":
        return lab["no_passages_notes"]
    return lab["no_passages_entities"]
