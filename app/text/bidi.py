"""The direction of text: one rule for the reading pane and every export (pure).

A paragraph is right-to-left when it has more strong right-to-left characters (Arabic, Hebrew, Syriac,
Thaana...) than strong left-to-right ones; on a tie, the first strong character decides (Unicode's P2/P3
rule), and a paragraph without any strong character (only digits and punctuation) takes the direction
of the document around it (`document_direction`). Counting instead of only taking the first strong
character keeps an Arabic paragraph that happens to start with a Latin name ("CNN: ...") right-to-left,
which is what an Arabic reader expects. Only the first SCAN_LIMIT characters of a paragraph are counted,
so very long paragraphs cost no more than short ones.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

Direction = Literal["rtl", "ltr"]

SCAN_LIMIT = 2000  # characters of a paragraph looked at; its direction is clear long before that
DOCUMENT_SCAN_LIMIT = 20_000  # the same for a whole document
_RTL = frozenset({"R", "AL"})


def _count(text: str) -> tuple[int, int, Direction | None]:
    """(strong right-to-left characters, strong left-to-right ones, the first strong one's direction)."""
    rtl = ltr = 0
    first: Direction | None = None
    for kind in map(unicodedata.bidirectional, text):
        if kind in _RTL:
            rtl += 1
            first = first or "rtl"
        elif kind == "L":
            ltr += 1
            first = first or "ltr"
    return rtl, ltr, first


def paragraph_direction(text: str, default: Direction = "ltr") -> Direction:
    """ "rtl" for a right-to-left-dominant paragraph, "ltr" for a left-to-right one, `default` when it
    has no strong character at all."""
    rtl, ltr, first = _count(text[:SCAN_LIMIT])
    if rtl != ltr:
        return "rtl" if rtl > ltr else "ltr"
    return first or default


def document_direction(text: str) -> Direction:
    """The direction most strong characters of a document (its start) have; right-to-left, Qari's
    default, on a tie or when there is none."""
    rtl, ltr, _ = _count(text[:DOCUMENT_SCAN_LIMIT])
    return "ltr" if ltr > rtl else "rtl"
