"""Markdown export: highlights, index tables, notes, and escaping."""

from __future__ import annotations

import re
from pathlib import Path

from app.core.models import Article, Entity, Mention
from app.export.markdown import escape_md, render_markdown, write_markdown
from app.export.summary import NoteView, Summary, build_summary


def test_markdown_highlights_in_order(tmp_path: Path, seed_summary: Summary) -> None:
    out = write_markdown(seed_summary, tmp_path / "a.md")
    md = out.read_text(encoding="utf-8")
    text_part = md.split("## النص كاملًا", 1)[1].split("## ملاحظات على الكيانات", 1)[0]
    bold = re.findall(r"\*\*(.+?)\*\*", text_part)
    # Notes use bold for their numbers ("**1.**"); the rest are the entities, in text order.
    mentions = [b for b in bold if not re.fullmatch(r"\d+\.", b)]
    assert mentions == [m.text for m in seed_summary.mentions]
    assert "\\[1\\]" in text_part and "> **1.** «السفارة الأمريكية»" in text_part
    assert "\\<script\\>" in md and "<script>" not in md


def test_markdown_index_tables(seed_summary: Summary) -> None:
    md = render_markdown(seed_summary)
    rows = re.findall(r"^\| (.+?) \| (\d+) \| (.+) \|$", md, re.MULTILINE)
    assert {(name, int(count)) for name, count, _ in rows} == {
        (e.name, e.count) for e in seed_summary.entity_index
    }
    assert "### أشخاص (2)" in md and "| --- | ---: | --- |" in md
    assert "## ملاحظات على الكيانات" in md


def test_markdown_mark_style() -> None:
    article = Article.from_paragraphs([("زار جو بايدن بغداد", "body")])
    t = article.text
    ents = [Entity("جو بايدن", "PERS", [Mention(t.index("جو"), t.index("جو") + 8, "جو بايدن")], "k")]
    md = render_markdown(build_summary(article, ents, []), style="mark")
    assert "زار ==جو بايدن== بغداد" in md


def test_escape_md_neutralizes_markup() -> None:
    assert escape_md("a*b_c [x](y) <b> | = #") == "a\\*b\\_c \\[x\\](y) \\<b\\> \\| \\= \\#"
    assert escape_md("- item\n1. one") == "\\- item\n1\\. one"
    assert escape_md("&amp;") == "\\&amp;"


def test_markdown_table_cell_with_pipe_and_newline() -> None:
    article = Article.from_paragraphs([("شركة أ|ب تعمل", "body")])
    t = article.text
    ents = [Entity("أ|ب", "ORG", [Mention(t.index("أ|ب"), t.index("أ|ب") + 3, "أ|ب")], "k")]
    md = render_markdown(build_summary(article, ents, [NoteView("سطر\nثان", None, None, None, "")]))
    assert "| أ\\|ب | 1 | أ\\|ب |" in md
    assert "- سطر ثان" in md
