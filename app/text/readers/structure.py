"""Paragraph clean-up and the one heuristic that tells headings from body text in plain text.

Used by the text, paste, docx (when no heading styles are set) and PDF readers, so a subheading is
found the same way whatever the file was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from app.core.models import ParagraphKind

# A line that ends with one of these is a sentence, not a heading.
FINAL_PUNCT = ".!?؟:…،,;؛\"'»”’"
# A line that ends with one of these ends a paragraph (a wrapped line does not).
SENTENCE_END = '.!?؟…:"»”'
HEADING_MAX_WORDS = 12
TITLE_MAX_WORDS = 20
# Bidi controls and invisible marks that PDFs and word processors leave in copied text.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Control characters (Unicode category Cc: U+0000-U+001F and U+007F-U+009F) but the tab.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+")
_HAS_LETTER = re.compile(r"[^\W\d_]")


def clean_paragraph(text: str) -> str:
    """One paragraph as it will be shown: NFC, no control or bidi marks, single spaces, stripped."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()


def split_lines(text: str) -> list[str]:
    """Lines of `text` with CRLF, CR, and Unicode line/paragraph separators all treated as newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return text.replace("\x0b", "\n").replace("\x0c", "\n").replace("\x85", "\n").split("\n")


def ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(tuple(SENTENCE_END))


def is_heading_line(line: str, max_words: int = HEADING_MAX_WORDS) -> bool:
    """A short line with a letter and no final punctuation: a heading if it stands between paragraphs."""
    line = line.strip()
    if not line or not _HAS_LETTER.search(line):
        return False
    if len(line.split()) > max_words:
        return False
    return not line.endswith(tuple(FINAL_PUNCT))


def is_title_line(line: str) -> bool:
    """The first line of an article is its title if it is short and not a sentence."""
    line = line.strip()
    if not line or not _HAS_LETTER.search(line) or len(line.split()) > TITLE_MAX_WORDS:
        return False
    return not line.endswith((".", "،", ",", ":", ";", "؛", "…"))


def mark_headings(paragraphs: Sequence[str]) -> list[tuple[str, ParagraphKind]]:
    """Give each paragraph a kind: the first is a heading if it looks like a title; after that a run of
    one or two short unpunctuated lines followed by body text is a heading. A run of three or more is
    a list, and short lines at the very end (a sign-off, "وكالات") are body text."""
    paras = [p for p in (clean_paragraph(p) for p in paragraphs) if p]
    kinds: list[ParagraphKind] = ["body"] * len(paras)
    if len(paras) > 1 and is_title_line(paras[0]):
        kinds[0] = "heading"
    i = 1
    while i < len(paras):
        if not is_heading_line(paras[i]):
            i += 1
            continue
        j = i
        while j < len(paras) and is_heading_line(paras[j]):
            j += 1
        if j < len(paras) and j - i <= 2:
            for k in range(i, j):
                kinds[k] = "heading"
        i = j
    return list(zip(paras, kinds, strict=True))


def looks_wrapped(lines: Sequence[str]) -> bool:
    """True when the lines of one block are a paragraph hard-wrapped at a fixed width, so they must be
    joined; false for one-paragraph-a-line text (most lines end a sentence) and for lists of short lines."""
    if len(lines) < 2:
        return False
    body = [ln.strip() for ln in lines[:-1]]
    ended = sum(1 for ln in body if ends_sentence(ln))
    if ended * 2 >= len(body):
        return False
    lengths = sorted(len(ln) for ln in body)
    return lengths[len(lengths) // 2] >= 40


def join_wrapped(lines: Sequence[str]) -> str:
    """Join hard-wrapped lines with spaces, undoing "exam-\\nple" hyphenation of Latin words."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if re.search(r"[a-z]-$", out) and line[:1].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}" if out else line
    return out


def block_paragraphs(lines: Sequence[str]) -> list[str]:
    """Paragraphs of plain text: blocks between blank lines; a wrapped block is joined into one
    paragraph, otherwise each non-empty line is a paragraph."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        if looks_wrapped(block):
            out.append(join_wrapped(block))
        else:
            out.extend(block)
        block.clear()

    for raw in lines:
        line = clean_paragraph(raw)
        if line:
            block.append(line)
        else:
            flush()
    flush()
    return out
