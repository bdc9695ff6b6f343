"""Paragraph direction for the reading pane (pure; no Qt).

A paragraph is right-to-left when it has more strong right-to-left characters (Arabic, Hebrew, Syriac,
Thaana...) than strong left-to-right ones; on a tie, the first strong character decides (Unicode's P2/P3
rule), and a paragraph without any strong character is left-to-right. Counting instead of only taking the
first strong character keeps an Arabic paragraph that happens to start with a Latin name ("CNN: ...")
right-to-left, which is what an Arabic reader expects.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

Direction = Literal["rtl", "ltr"]

_RTL = frozenset({"R", "AL"})
_LTR = frozenset({"L"})


def paragraph_direction(text: str) -> Direction:
    """Return "rtl" for a right-to-left-dominant paragraph, else "ltr"."""
    rtl = ltr = 0
    first: Direction | None = None
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            rtl += 1
            first = first or "rtl"
        elif kind in _LTR:
            ltr += 1
            first = first or "ltr"
    if rtl != ltr:
        return "rtl" if rtl > ltr else "ltr"
    return first or "ltr"
