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

from app.text.normalize import normalize, strip_proclitics
from app.text.tokenize import _WORD, TOKEN_RE

_WORDISH = re.compile(r"[^\W_]", re.UNICODE)
_WORD_RE = re.compile(_WORD)  # a word as app.text.tokenize cuts it
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


# `app.text.normalize.normalize` works character by character (drop marks, fold letters and digits, all
# in the Arabic block); the same as one `str.translate` table normalizes a whole article at C speed.
_TABLE: dict[int, str | None] = {
    cp: (normalize(chr(cp)) or None) for cp in range(0x0600, 0x0700) if normalize(chr(cp)) != chr(cp)
}


_DROPPED = frozenset(chr(k) for k, v in _TABLE.items() if v is None)


def fast_normalize(text: str) -> str:
    """Same as `app.text.normalize.normalize`, faster."""
    return text.translate(_TABLE)


@lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """The forms indexed for one normalized word: itself, then its stems without proclitics."""
    w = word.lower()
    out = [w]
    for stem in strip_proclitics(w):
        if stem not in out:
            out.append(stem)
    return tuple(out)


def _words(text: str) -> list[tuple[str, int, int]]:
    """Words of `text` (no punctuation), normalized, with their spans in `text` itself.

    Normalization only drops marks that sit inside words and folds one character to one, so the
    words of the original, normalized one by one, are the words of the normalized text.
    """
    out: list[tuple[str, int, int]] = []
    for m in TOKEN_RE.finditer(text):
        w = m.group().translate(_TABLE)
        if w and _WORDISH.search(w):
            out.append((w, m.start(), m.end()))
    return out


def index_text(text: str) -> str:
    """The rewritten copy of `text` that goes into the full-text index.

    Same words as `_words(text)` (a test checks it), but the text is normalized in one go.
    """
    parts: list[str] = []
    for w in TOKEN_RE.findall(fast_normalize(text)):
        if w.isalnum() or _WORDISH.search(w):
            parts.extend(word_forms(w))
    return " ".join(parts)


def parse_query(query: str) -> list[Term]:
    """Terms of a query: `"..."` is a phrase; every other word is a term of its own (all must match)."""
    terms: list[Term] = []
    for m in re.finditer(r'"([^"]*)"?|(\S+)', query):
        chunk = m.group(1) if m.group(1) is not None else m.group(2)
        words = tuple(w.lower() for w, _, _ in _words(chunk))
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
    """Spans in the ORIGINAL `text` matched by `terms`, and whether every term matched.

    Each term's core is looked for in the original text with a regular expression that accepts every
    spelling normalization folds together (and marks between letters); only the words around a hit are
    normalized and checked. `_find_matches_by_word` is the plain definition (a test compares them).
    """
    if len(text.lower()) != len(text):
        return _find_matches_by_word(text, terms)  # lower() changes lengths (İ): the plain way
    spans: list[tuple[int, int]] = []
    all_found = True
    for term in terms:
        first = term.words[0]
        found = False
        checked: set[int] = set()
        for hit in _core_pattern(_core(first)).finditer(text):
            start = hit.start()
            while start > 0 and _is_word_char(text[start - 1]):
                start -= 1
            if start in checked:
                continue
            checked.add(start)
            m = _WORD_RE.match(text, start)
            if m is None or first not in word_forms(_norm(m.group())):
                continue
            last = m.end()
            for w in term.words[1:]:
                nxt = _next_word(text, last)
                if nxt is None or w not in word_forms(_norm(nxt.group())):
                    break
                last = nxt.end()
            else:
                found = True
                spans.append((start, last))
        all_found = all_found and found
    return _merge(spans), all_found


def _core(word: str) -> str:
    """A part every indexed form of a word containing `word` holds: itself, or without a leading ال."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _norm(word: str) -> str:
    return word.translate(_TABLE).lower()


# For each character of a normalized word, every original character normalization turns into it.
_SPELLINGS: dict[str, str] = {}
for _k, _v in _TABLE.items():
    if _v:
        _SPELLINGS[_v] = _SPELLINGS.get(_v, _v) + chr(_k)


@lru_cache(maxsize=1024)
def _core_pattern(core: str) -> re.Pattern[str]:
    marks = "[" + "".join(sorted(_DROPPED)) + "]*"
    parts = ["[" + re.escape(_SPELLINGS[ch]) + "]" if ch in _SPELLINGS else re.escape(ch) for ch in core]
    return re.compile(marks.join(parts), re.IGNORECASE)


def _is_word_char(ch: str) -> bool:
    """A character the tokenizer keeps inside a word (letters, digits, tashkeel, ZWJ/ZWNJ)."""
    return _WORD_RE.fullmatch(ch) is not None


def _next_word(text: str, pos: int) -> re.Match[str] | None:
    """The next word of `text` after `pos`, skipping spaces, punctuation and mark-only runs (as `_words`)."""
    m = _WORD_RE.search(text, pos)
    while m is not None and not _WORDISH.search(_norm(m.group())):
        m = _WORD_RE.search(text, m.end())
    return m


def _find_matches_by_word(text: str, terms: list[Term]) -> tuple[list[tuple[int, int]], bool]:
    words = _words(text)
    forms = [word_forms(w) for w, _, _ in words]
    spans: list[tuple[int, int]] = []
    all_found = True
    for term in terms:
        n = len(term.words)
        first = term.words[0]
        found = False
        for i in range(len(words) - n + 1):
            if first in forms[i] and all(term.words[j] in forms[i + j] for j in range(1, n)):
                found = True
                spans.append((words[i][1], words[i + n - 1][2]))
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
