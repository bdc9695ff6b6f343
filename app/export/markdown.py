"""Markdown export: entities as **bold** (or ==mark==), entity index as tables, notes as quotes.

Markdown has no direction of its own; the text is stored in logical order and viewers that follow the
first strong character (GitHub, most editors) show Arabic paragraphs right to left. Every fragment is
escaped (`escape_md`), so a `*`, `|` or `<` in an article never turns into markup; table cells also have
their `|` escaped and their line breaks removed. A note's marker `[n]` follows the words it anchors and the
note follows the paragraph as a block quote.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from app.export.files import write_text
from app.export.summary import (
    Brief,
    CancelFlag,
    ParagraphView,
    Progress,
    Summary,
    as_brief,
    check_cancel,
    labels,
    no_passages_message,
    printable,
    segments,
    type_name,
)

HighlightStyle = Literal["bold", "mark"]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|=~&])")
_LINE_START = re.compile(r"^(\s*)(?:([-+])|(\d+)([.)]))", re.MULTILINE)


def escape_md(text: str) -> str:
    """Backslash-escape every character that Markdown (CommonMark, GFM, ==mark==) could read as markup."""
    text = printable(text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    if m.group(2):
        return f"{m.group(1)}\\{m.group(2)}"
    return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"


def _cell(text: str) -> str:
    return escape_md(" ".join(str(text).split()))


def _inline(text: str) -> str:
    return escape_md(" ".join(text.split()))


def _paragraph(p: ParagraphView, style: HighlightStyle) -> list[str]:
    parts: list[str] = []
    for seg in segments(p):
        piece = escape_md(seg.text)
        if seg.span is not None:
            # Markers must touch the text: keep edge spaces outside them.
            core = seg.text.strip()
            lead = seg.text[: len(seg.text) - len(seg.text.lstrip())]
            trail = seg.text[len(seg.text.rstrip()) :]
            mark = "**" if style == "bold" else "=="
            piece = f"{lead}{mark}{escape_md(core)}{mark}{trail}" if core else piece
        parts.append(piece)
        for ref in seg.note_refs:
            parts.append(f"\\[{ref}\\]")
    line = "".join(parts).replace("\n", " ")
    out = [f"### {line}" if p.kind == "heading" else line, ""]
    for n in p.notes:
        out.append(f"> **{n.number}.** «{_inline(n.quote)}»")
        for body_line in n.body.splitlines() or [""]:
            out.append(f"> {escape_md(body_line)}")
        if n.created_at:
            out.append(f"> — {escape_md(n.created_at)}")
        out.append("")
    return out


def _summary(s: Summary, art: int, lang: str, style: HighlightStyle, in_brief: bool) -> list[str]:
    lab = labels(lang)
    h = "##" if in_brief else "#"
    prefix = f"{art}. " if in_brief else ""
    out = [f"{h} {escape_md(prefix)}{_inline(s.title)}", ""]
    if s.source:
        out.append(f"- **{lab['source']}:** {_inline(s.source)}")
    if s.byline:
        out.append(f"- **{lab['byline']}:** {_inline(s.byline)}")
    if s.date:
        out.append(f"- **{lab['date']}:** {_inline(s.date)}")
    if s.url:
        url = s.url.replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")
        out.append(f"- **{lab['url']}:** <{url}>")
    out.append(f"- **{lab['words']}:** {s.word_count}")
    if s.tags:
        out.append(f"- **{lab['tags']}:** " + "، ".join(_inline(t) for t in s.tags))
    out.append("")

    if s.show_index:
        out += [f"{h}# {lab['entity_index']}", ""]
        if not s.entity_index:
            out += [f"_{lab['no_entities']}_", ""]
        for label, entries in s.index_by_type().items():
            out += [f"{h}## {type_name(label, lang)} ({len(entries)})", ""]
            out.append(f"| {lab['name']} | {lab['count']} | {lab['forms']} |")
            out.append("| --- | ---: | --- |")
            for e in entries:
                out.append(f"| {_cell(e.name)} | {e.count} | {'، '.join(_cell(f) for f in e.forms)} |")
            out.append("")

    heading = lab["text_full"] if s.passages == "full" else lab["text_key"]
    out += [f"{h}# {heading}", ""]
    message = no_passages_message(s, lang)
    if message:
        out += [f"_{message}_", ""]
    for p in s.paragraphs:
        if p.gap_before:
            out += [escape_md(lab["omitted"]), ""]
        out += _paragraph(p, style)
    if s.paragraphs and s.passages != "full" and s.paragraphs[-1].number < s.paragraph_total:
        out += [escape_md(lab["omitted"]), ""]

    if s.entity_notes:
        out += [f"{h}# {lab['entity_notes']}", ""]
        for en in s.entity_notes:
            when = f" ({escape_md(en.created_at)})" if en.created_at else ""
            kind = type_name(en.label, lang, False)
            out.append(f"- **{_inline(en.name)}** ({kind}): {_inline(en.body)}{when}")
        out.append("")
    if s.article_notes:
        out += [f"{h}# {lab['article_notes']}", ""]
        for g in s.article_notes:
            when = f" ({escape_md(g.created_at)})" if g.created_at else ""
            out.append(f"- {_inline(g.body)}{when}")
        out.append("")
    return out


def render_markdown(
    doc: Summary | Brief,
    *,
    lang: str = "ar",
    style: HighlightStyle = "bold",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> str:
    b = as_brief(doc)
    lab = labels(lang)
    out: list[str] = []
    if b.combined:
        out += [f"# {_inline(b.title or lab['brief'])}", ""]
        out.append(f"- **{lab['created']}:** {escape_md(b.created_at)}")
        if b.query:
            out.append(f"- **{lab['query']}:** {_inline(b.query)}")
        out.append(f"- **{lab['articles']}:** {len(b.summaries)}")
        out.append("")
        for i, s in enumerate(b.summaries, start=1):
            out.append(f"{i}. {_inline(s.title)}")
        if b.show_index:
            out += ["", f"## {lab['combined_index']}", ""]
            if not b.entity_index:
                out += [f"_{lab['no_entities']}_", ""]
            for label, entries in b.index_by_type().items():
                out += [f"### {type_name(label, lang)} ({len(entries)})", ""]
                out.append(f"| {lab['name']} | {lab['count']} | {lab['in_articles']} |")
                out.append("| --- | ---: | --- |")
                for e in entries:
                    where = "، ".join(f"{a.number} ({a.count})" for a in e.articles)
                    out.append(f"| {_cell(e.name)} | {e.count} | {where} |")
                out.append("")
    total = len(b.summaries)
    for i, s in enumerate(b.summaries, start=1):
        check_cancel(cancel)
        if b.combined:
            out += ["---", ""]
        out += _summary(s, i, lang, style, b.combined)
        if progress is not None:
            progress(i, total)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def write_markdown(
    doc: Summary | Brief,
    path: Path,
    *,
    lang: str = "ar",
    style: HighlightStyle = "bold",
    progress: Progress | None = None,
    cancel: CancelFlag | None = None,
) -> Path:
    text = render_markdown(doc, lang=lang, style=style, progress=progress, cancel=cancel)
    return write_text(Path(path), text)
