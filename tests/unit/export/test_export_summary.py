"""The summary builder: plain data with offsets that point at the right words."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.models import Article, Entity, Mention
from app.export.summary import (
    ExportCancelled,
    ExportError,
    NoteView,
    ParagraphNote,
    ParagraphView,
    SpanView,
    Summary,
    SummaryInput,
    build_brief,
    build_summary,
    segments,
    text_direction,
)


def test_entity_index_counts_names_and_forms(seed_summary: Summary, seed_article: Article) -> None:
    index = {e.name: e for e in seed_summary.entity_index}
    text = seed_article.text
    assert index["العراق"].count == text.count("العراق")
    assert index["مصطفى الكاظمي"].label == "PERS"
    # The canonical name is the entity's (after corrections), the forms are how the article writes it.
    assert index["مصطفى الكاظمي"].forms == ("مصطفى الكاظمى", "الكاظمى")
    counts = [e.count for e in seed_summary.entity_index]
    assert counts == sorted(counts, reverse=True)
    assert set(seed_summary.index_by_type()) == {"PERS", "LOC", "ORG"}


def test_paragraph_spans_point_at_their_words(seed_summary: Summary, seed_entities: list[Entity]) -> None:
    surfaces = {m.text for e in seed_entities for m in e.mentions}
    n_spans = 0
    for p in seed_summary.paragraphs:
        for s in p.spans:
            assert p.text[s.start : s.end] in surfaces
            n_spans += 1
    assert n_spans == sum(e.count for e in seed_entities)
    assert [p.number for p in seed_summary.paragraphs] == list(range(1, seed_summary.paragraph_total + 1))
    assert all(p.direction == "rtl" for p in seed_summary.paragraphs)
    assert seed_summary.paragraphs[1].kind == "heading"


def test_notes_go_beside_their_passage(seed_summary: Summary) -> None:
    anchored = [(p.number, n) for p in seed_summary.paragraphs for n in p.notes]
    assert [n.number for _, n in anchored] == [1, 2]
    first_para = next(p for p in seed_summary.paragraphs if p.number == anchored[0][0])
    note = anchored[0][1]
    assert first_para.text[note.start : note.end] == "السفارة الأمريكية" == note.quote
    assert [n.name for n in seed_summary.entity_notes] == ["مصطفى الكاظمي"]
    assert [g.body for g in seed_summary.article_notes] == ["ملاحظة عامة على المقال"]
    assert seed_summary.tags == ("العراق", "أمن")


def test_mention_rows_have_offsets_and_sentence(seed_summary: Summary, seed_article: Article) -> None:
    text = seed_article.text
    assert seed_summary.mentions
    for m in seed_summary.mentions:
        assert text[m.start : m.end] == m.text
        assert m.text in m.sentence
        assert m.sentence in text
        assert "\n" not in m.sentence
    starts = [m.start for m in seed_summary.mentions]
    assert starts == sorted(starts)


def test_key_passages_by_entities(make_summary: Callable[..., Summary]) -> None:
    full = make_summary("full")
    key = make_summary("entities", max_passages=3)
    assert len(key.paragraphs) == 3
    numbers = [p.number for p in key.paragraphs]
    assert numbers == sorted(numbers)
    best = sorted(full.paragraphs, key=lambda p: (-len(p.spans), p.number))[:3]
    assert set(numbers) == {p.number for p in best}
    # A gap is marked wherever paragraphs were left out.
    prev = 0
    for p in key.paragraphs:
        assert p.gap_before == (p.number != prev + 1)
        prev = p.number
    assert key.entity_index == full.entity_index


def test_key_passages_by_notes(make_summary: Callable[..., Summary]) -> None:
    key = make_summary("notes")
    assert key.paragraphs
    assert all(p.notes for p in key.paragraphs)
    assert sum(len(p.notes) for p in key.paragraphs) == 2


def test_article_without_entities_still_summarizes() -> None:
    article = Article.from_paragraphs([("نص قصير بلا أسماء.", "body")])
    s = build_summary(article, [], [])
    assert s.entity_index == () and s.mentions == ()
    assert len(s.paragraphs) == 1
    assert build_summary(article, [], [], passages="entities").paragraphs == ()


def test_stale_and_overlapping_mentions_are_left_out() -> None:
    article = Article.from_paragraphs([("زار جو بايدن بغداد", "body")])
    text = article.text
    good = Mention(text.index("جو"), text.index("جو") + 8, "جو بايدن")
    inner = Mention(text.index("بايدن"), text.index("بايدن") + 5, "بايدن")
    stale = Mention(0, 3, "xyz")
    ents = [Entity("جو بايدن", "PERS", [good, stale], "PERS:a"), Entity("بايدن", "LOC", [inner], "LOC:b")]
    s = build_summary(article, ents, [])
    assert [(m.text, m.label) for m in s.mentions] == [("جو بايدن", "PERS")]
    assert [e.name for e in s.entity_index] == ["جو بايدن"]


def test_unknown_passage_mode_is_a_clear_error(seed_article: Article) -> None:
    with pytest.raises(ExportError, match="passage"):
        build_summary(seed_article, [], [], passages="some")  # type: ignore[arg-type]


def test_text_direction() -> None:
    assert text_direction("  123 العراق") == "rtl"
    # the majority of strong characters decides, as in the reading pane, not the first one
    assert text_direction("C-RAM العراق") == "rtl"
    assert text_direction("Joe Biden said «نعم»") == "ltr"
    assert text_direction("123", "rtl") == "rtl"
    assert text_direction("123", "ltr") == "ltr"


@pytest.mark.parametrize(
    "line",
    ["CNN: قال الرئيس الأمريكي جو بايدن", "The president said «نعم» today", "NATO", "2021 - 123", "ab أب"],
)
def test_export_paragraph_takes_the_reading_panes_direction(line: str) -> None:
    from app.ui.bidi import article_directions

    article = Article.from_paragraphs([(line, "body"), ("قال الرئيس.", "body")], title="t")
    summary = build_summary(article, [], [], passages="full")
    assert [p.direction for p in summary.paragraphs] == article_directions(article)


def test_brief_combines_index_and_reports_progress(
    seed_article: Article, seed_entities: list[Entity]
) -> None:
    other = Article.from_paragraphs([("زار مصطفى الكاظمى واشنطن.", "body")], title="زيارة")
    t = other.text
    ents = [
        Entity(
            "مصطفى الكاظمي",
            "PERS",
            [Mention(t.index("مصطفى"), t.index("مصطفى") + 13, "مصطفى الكاظمى")],
            "PERS:مصطفى الكاظمي",
        ),
        Entity("واشنطن", "LOC", [Mention(t.index("واشنطن"), t.index("واشنطن") + 6, "واشنطن")], "LOC:واشنطن"),
    ]
    seen: list[tuple[int, int]] = []
    brief = build_brief(
        [SummaryInput(seed_article, seed_entities), SummaryInput(other, ents)],
        title="موجز",
        progress=lambda d, n: seen.append((d, n)),
    )
    assert seen == [(1, 2), (2, 2)]
    assert brief.combined
    by_name = {e.name: e for e in brief.entity_index}
    assert [a.number for a in by_name["مصطفى الكاظمي"].articles] == [1, 2]
    assert [a.number for a in by_name["واشنطن"].articles] == [2]
    assert [a.number for a in by_name["العراق"].articles] == [1]
    assert brief.entity_index[0].name == "مصطفى الكاظمي"  # in most articles comes first


def test_brief_cancel_and_empty_selection(seed_article: Article) -> None:
    with pytest.raises(ExportError, match="Nothing to export"):
        build_brief([])
    flag = threading.Event()
    done: list[int] = []

    def progress(d: int, n: int) -> None:
        done.append(d)
        if d == 3:
            flag.set()

    items = [SummaryInput(seed_article, []) for _ in range(10)]
    with pytest.raises(ExportCancelled):
        build_brief(items, progress=progress, cancel=flag)
    assert done == [1, 2, 3]


@st.composite
def _paragraphs(draw: st.DrawFn) -> ParagraphView:
    text = draw(st.text(alphabet="ابت ثج😀a", min_size=1, max_size=40))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans: list[SpanView] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a < b:
            spans.append(SpanView(a, b, draw(st.sampled_from(["PERS", "LOC", "ORG"])), "n", "k"))
    notes: list[ParagraphNote] = []
    for i in range(draw(st.integers(0, 3))):
        s = draw(st.integers(0, len(text) - 1))
        e = draw(st.integers(s + 1, len(text)))
        notes.append(ParagraphNote(i + 1, "b", text[s:e], s, e))
    return ParagraphView(1, text, "rtl", "body", 0, tuple(spans), tuple(notes))


@settings(max_examples=200, deadline=None)
@given(_paragraphs())
def test_segments_cover_the_text_and_keep_mentions_whole(p: ParagraphView) -> None:
    segs = segments(p)
    assert "".join(s.text for s in segs) == p.text
    assert all(s.text for s in segs)
    pos = 0
    whole = {(sp.start, sp.end) for sp in p.spans}
    seen_spans = set()
    for s in segs:
        if s.span is not None:
            assert (pos, pos + len(s.text)) == (s.span.start, s.span.end)
            seen_spans.add((s.span.start, s.span.end))
        pos += len(s.text)
    assert seen_spans == whole
    refs = [r for s in segs for r in s.note_refs]
    assert sorted(refs) == [n.number for n in p.notes]
    for n in p.notes:  # every note covers at least its own anchored characters
        covered = [s for s in segs if n.number in s.notes]
        assert covered


def test_note_outside_the_text_becomes_general(seed_article: Article) -> None:
    n = len(seed_article.text)
    s = build_summary(seed_article, [], [NoteView("بعيد", n + 5, n + 9)])
    assert [g.body for g in s.article_notes] == ["بعيد"]
