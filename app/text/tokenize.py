"""A tokenizer with exact offsets, splitting like camel-tools' `simple_word_tokenize`.

Whitespace separates tokens; every punctuation mark or symbol is a token of its own; runs of letters,
digits and combining marks (tashkeel) stay whole, so Latin words, numbers and Arabic words with
diacritics are one token each. For every token, `text[token.start:token.end] == token.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.core.models import Token
from app.text.normalize import LETTER_NAMES, is_arabic, normalize

_WORD = r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u200C\u200D])+"
TOKEN_RE = re.compile(rf"{_WORD}|[^\s]")


def iter_tokens(text: str, offset: int = 0) -> Iterator[Token]:
    for m in TOKEN_RE.finditer(text):
        yield Token(m.group(), m.start() + offset, m.end() + offset)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; spans are shifted by `offset` (for a paragraph inside an article)."""
    return list(iter_tokens(text, offset))


_ENDS = frozenset({".", "!", "?", "؟", "…"})
# Longest word before a dot written inside an abbreviation (بي.بي.سي, أ.ف.ب, د.محمد, إتش.إس.بي.سي)
_ABBREVIATION_CHARS = 3


def _inside_a_word(prev: Token, dot: Token, nxt: Token) -> bool:
    """Whether `dot` is written inside a number, an abbreviation or an address, touching the words on
    both sides: 3.5, بي.بي.سي, أ.ف.ب, د.محمد, U.S.A, www.example.com. A dot between two longer
    Arabic words with no space after it (وافقت.وقال) still ends a sentence."""
    if prev.end != dot.start or dot.end != nxt.start or not nxt.text[:1].isalnum():
        return False
    left = prev.text
    return left.isdigit() or left.isascii() or len(left) <= _ABBREVIATION_CHARS


def _letter(word: str) -> bool:
    """Whether `word` is a letter of an acronym as Arabic writes them: one Arabic letter (أ of أ. ف.
    ب) or a Latin letter's Arabic name (بي, سي, إن)."""
    return (len(word) == 1 and is_arabic(word)) or normalize(word) in LETTER_NAMES


def _after_a_letter(prev: Token, dot: Token, nxt: Token) -> bool:
    """Whether `dot` follows a letter of an acronym and another letter follows it, a space after the
    dot (بي. بي. سي, سي. إن. إن, أ. ف. ب), or follows د "Dr." before an Arabic word (د. محمد): no
    sentence ends there. A letter's name ending a sentence (اتصلت بي. "she called me.") still does,
    as does a dot with a space before it (بي . بي)."""
    if prev.end != dot.start:
        return False
    if prev.text == "د":
        return is_arabic(nxt.text)
    return _letter(prev.text) and _letter(nxt.text)


def split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """Group tokens into sentences at . ! ? ؟ … (keeping the punctuation), but not at a dot inside a
    number or an abbreviation (3.5, بي.بي.سي, أ.ف.ب: `_inside_a_word`) nor between an acronym's
    letters written with spaces (بي. بي. سي: `_after_a_letter`)."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    last = len(tokens) - 1
    for i, t in enumerate(tokens):
        cur.append(t)
        if t.text in _ENDS:
            if (
                t.text == "."
                and 0 < i < last
                and (
                    _inside_a_word(tokens[i - 1], t, tokens[i + 1])
                    or _after_a_letter(tokens[i - 1], t, tokens[i + 1])
                )
            ):
                continue
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out
