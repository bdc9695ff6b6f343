"""Plain text (.txt), Markdown (.md) and pasted text."""

from __future__ import annotations

import re

from app.core.models import Article, ParagraphKind
from app.text.readers.structure import (
    block_paragraphs,
    clean_paragraph,
    join_wrapped,
    mark_headings,
    split_lines,
)


def text_article(text: str, *, source: str, fmt: str, encoding: str | None = None) -> Article:
    """An article from plain text: one paragraph a line (or a joined hard-wrapped block); headings found
    by `mark_headings`. `encoding`: the codec the text was decoded from, if any."""
    return Article.from_paragraphs(
        mark_headings(block_paragraphs(split_lines(text))), source=source, fmt=fmt, encoding=encoding
    )


_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__)(\S(?:.*?\S)?)\1")
_EMPH1 = re.compile(r"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")


def strip_inline_markdown(text: str) -> str:
    """Remove Markdown markup that is not shown: images, link targets, emphasis markers, code ticks."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _EMPH.sub(r"\2", text)
    text = _EMPH1.sub(r"\1", text)
    return clean_paragraph(text)


def markdown_article(text: str, *, source: str, encoding: str | None = None) -> Article:
    """`#` and underlined (setext) headings become headings with their markers removed; blank lines
    separate paragraphs, list items are paragraphs of their own. With no Markdown headings at all the
    plain-text heading heuristic is used instead."""
    out: list[tuple[str, ParagraphKind | None]] = []
    block: list[str] = []
    in_fence = False
    in_item = False  # the block is one list item and its continuation lines

    def flush() -> None:
        nonlocal in_item
        if in_item:
            out.append((strip_inline_markdown(join_wrapped(block)), "body"))
        else:
            for para in block_paragraphs(block):
                out.append((strip_inline_markdown(para), None))
        block.clear()
        in_item = False

    for line in split_lines(text):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            block.append(line)
            continue
        if not line.strip():
            flush()
            continue
        setext = _SETEXT.match(line)
        if setext and len(block) == 1 and not in_item:
            out.append((strip_inline_markdown(block[0]), "heading"))
            block.clear()
            continue
        if _RULE.match(line):
            flush()
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            out.append((strip_inline_markdown(atx.group(2) or ""), "heading"))
            continue
        line = _QUOTE.sub("", line)
        item = _ITEM.match(line)
        if item:
            flush()
            block.append(item.group(1))
            in_item = True
            continue
        block.append(line)
    flush()

    if any(kind == "heading" for _, kind in out):
        pairs: list[tuple[str, ParagraphKind]] = [(t, kind or "body") for t, kind in out]
    else:
        pairs = mark_headings([t for t, _ in out])
    return Article.from_paragraphs(pairs, source=source, fmt="md", encoding=encoding)
