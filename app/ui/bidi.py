"""Paragraph direction for the reading pane (pure; no Qt).

A paragraph is right-to-left when it has more strong right-to-left characters (Arabic, Hebrew, Syriac,
Thaana...) than strong left-to-right ones; on a tie, the first strong character decides (Unicode's P2/P3
rule), and a paragraph without any strong character is left-to-right. Counting instead of only taking the
first strong character keeps an Arabic paragraph that happens to start with a Latin name ("CNN: ...")
right-to-left, which is what an Arabic reader expects. Only the first SCAN_LIMIT characters are counted,
so very long paragraphs cost no more than short ones.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from app.core.models import Article

Direction = Literal["rtl", "ltr"]

SCAN_LIMIT = 2000  # characters looked at; a paragraph's direction is clear long before that
_RTL = frozenset({"R", "AL"})


def paragraph_direction(text: str) -> Direction:
    """Return "rtl" for a right-to-left-dominant paragraph, else "ltr"."""
    rtl = ltr = 0
    first: Direction | None = None
    for kind in map(unicodedata.bidirectional, text[:SCAN_LIMIT]):
        if kind in _RTL:
            rtl += 1
            first = first or "rtl"
        elif kind == "L":
            ltr += 1
            first = first or "ltr"
    if rtl != ltr:
        return "rtl" if rtl > ltr else "ltr"
    return first or "ltr"


def article_directions(article: Article) -> list[Direction]:
    """The direction of every paragraph (pure; the background reader computes it for big files)."""
    return [paragraph_direction(article.paragraph_text(p)) for p in article.paragraphs]
