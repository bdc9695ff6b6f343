"""A tokenizer with exact offsets, splitting like camel-tools' `simple_word_tokenize`.

Whitespace separates tokens; every punctuation mark or symbol is a token of its own; runs of letters,
digits and combining marks (tashkeel) stay whole, so Latin words, numbers and Arabic words with
diacritics are one token each. For every token, `text[token.start:token.end] == token.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.core.models import Token

_WORD = r"(?:[^\W_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u200C\u200D])+"
TOKEN_RE = re.compile(rf"{_WORD}|[^\s]")


def iter_tokens(text: str, offset: int = 0) -> Iterator[Token]:
    for m in TOKEN_RE.finditer(text):
        yield Token(m.group(), m.start() + offset, m.end() + offset)


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; spans are shifted by `offset` (for a paragraph inside an article)."""
    return list(iter_tokens(text, offset))


def split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """Group tokens into sentences at . ! ? ؟ and newlines-free boundaries (keeps the punctuation)."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    for t in tokens:
        cur.append(t)
        if t.text in (".", "!", "?", "؟", "…"):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out
