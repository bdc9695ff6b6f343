"""Full-text search over Arabic articles: what is indexed, how a query is read, and the snippet.

The FTS5 index (`articles_fts`) holds a *rewritten copy* of each article: normalized (alef forms,
alef maksura, teh marbuta, tashkeel, tatweel), and every word followed by its stems without proclitics
(`بالعراق` is indexed as `بالعراق عراق العراق`). A query word is normalized the same way and looked up as
it is, so `العراق` finds `بالعراق` and `والعراق`, and `واشنطن` finds `لواشنطن`.

A phrase is looked up with NEAR (the stems sit between the words of the copy) and then checked in
Python on the original text, word after word. The snippet and its highlights are cut from the original
article text, through the offsets of the matched words; the index copy is never shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.text.normalize import normalize, normalize_with_offsets, strip_proclitics
from app.text.tokenize import TOKEN_RE

_WORDISH = re.compile(r"[^\W_]", re.UNICODE)
SNIPPET_BEFORE = 60
SNIPPET_AFTER = 140


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: a single word, or a phrase (several words that must follow each other)."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of the original text with the matched words' spans (relative to `text`)."""

    text: str
    highlights: tuple[tuple[int, int], ...]
    start: int  # where `text` starts in the article text

    def marked(self, before: str = "[", after: str = "]") -> str:
        out: list[str] = []
        pos = 0
        for s, e in self.highlights:
            out.append(self.text[pos:s])
            out.append(before + self.text[s:e] + after)
            pos = e
        out.append(self.text[pos:])
        return "".join(out)


def _fold(word: str) -> str:
    """A normalized word as the index sees it (already `normalize`d; case-folded like unicode61)."""
    return word.lower()


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """The forms indexed for one normalized word: itself, then its stems without proclitics."""
    w = _fold(word)
    out = [w]
    for stem in strip_proclitics(w):
        if stem not in out:
            out.append(stem)
    return tuple(out)


def _words(normalized: str) -> list[tuple[str, int, int]]:
    """Word tokens (no punctuation) of a normalized string, with their spans in it."""
    return [
        (m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(normalized) if _WORDISH.search(m.group())
    ]


def index_text(text: str) -> str:
    """The rewritten copy of `text` that goes into the full-text index."""
    parts: list[str] = []
    for w, _, _ in _words(normalize(text)):
        parts.extend(word_forms(w))
    return " ".join(parts)


def parse_query(query: str) -> list[Term]:
    """Terms of a query: `"..."` is a phrase; every other word is a term of its own (all must match)."""
    terms: list[Term] = []
    for m in re.finditer(r'"([^"]*)"?|(\S+)', query):
        chunk = m.group(1) if m.group(1) is not None else m.group(2)
        words = tuple(_fold(w) for w, _, _ in _words(normalize(chunk)))
        if not words:
            continue
        if m.group(1) is not None and len(words) > 1:
            terms.append(Term(words))
        else:
            terms.extend(Term((w,)) for w in words)
    return terms


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts_query(terms: list[Term]) -> str:
    """The FTS5 MATCH expression for `terms` (every term required)."""
    parts: list[str] = []
    for t in terms:
        if t.is_phrase:
            # Each original word becomes up to ~5 indexed forms; NEAR leaves room for them.
            gap = 6 * (len(t.words) - 1)
            parts.append("NEAR(" + " ".join(_quote(w) for w in t.words) + f", {gap})")
        else:
            parts.append(_quote(t.words[0]))
    return " AND ".join(parts)


def find_matches(text: str, terms: list[Term]) -> tuple[list[tuple[int, int]], bool]:
    """Spans in the ORIGINAL `text` matched by `terms`, and whether every term matched."""
    view, offsets = normalize_with_offsets(text)
    words = _words(view)
    forms = [word_forms(w) for w, _, _ in words]
    spans: list[tuple[int, int]] = []
    all_found = True
    for term in terms:
        n = len(term.words)
        found = False
        for i in range(len(words) - n + 1):
            if all(term.words[j] in forms[i + j] for j in range(n)):
                found = True
                start = offsets[words[i][1]]
                end = offsets[words[i + n - 1][2] - 1] + 1
                spans.append((start, end))
        all_found = all_found and found
    return _merge(spans), all_found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_AFTER) -> Snippet:
    """A passage of `text` around the densest group of `spans`, cut at word boundaries."""
    if not spans:
        end = _cut_after(text, min(len(text), width + SNIPPET_BEFORE))
        return Snippet(text[:end].replace("\n", " "), (), 0)
    # The window (from a span's start) that holds the most spans.
    best, best_count = 0, 0
    for i, (s, _) in enumerate(spans):
        line_end = text.find("\n", s)
        limit = s + width if line_end == -1 else min(s + width, line_end)
        count = sum(1 for _, e2 in spans[i:] if e2 <= limit)
        if count > best_count:
            best, best_count = i, count
    anchor = spans[best][0]
    start = _cut_before(text, max(0, anchor - SNIPPET_BEFORE))
    line_start = text.rfind("\n", 0, anchor) + 1
    start = max(start, line_start)
    end = _cut_after(text, min(len(text), anchor + width))
    line_end = text.find("\n", anchor)
    if line_end != -1:
        end = min(end, max(line_end, spans[best][1]))
    end = max(end, spans[best][1])
    chunk = text[start:end]
    highlights = tuple((s - start, e - start) for s, e in spans if s >= start and e <= end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shifted = tuple((s + len(prefix), e + len(prefix)) for s, e in highlights)
    return Snippet(prefix + chunk.replace("\n", " ") + suffix, shifted, start)


def _cut_before(text: str, pos: int) -> int:
    """Move `pos` forward to the start of a word."""
    if pos <= 0:
        return 0
    while pos < len(text) and not text[pos - 1].isspace():
        pos += 1
    return pos


def _cut_after(text: str, pos: int) -> int:
    """Move `pos` back to the end of a word."""
    if pos >= len(text):
        return len(text)
    back = pos
    while back > 0 and not text[back].isspace():
        back -= 1
    return back if back > 0 else pos
