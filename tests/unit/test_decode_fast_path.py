"""The fast check for valid UTF-8 (no control characters) agrees with the full count in `_score`."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import ReadError
from app.text.decode import _NOT_CONTROL, _no_control_characters, _score, decode_bytes

# Arabic text with what real files carry: direction marks, ZWNJ, no-break and thin spaces, a BOM
# inside, tabs, CRLF; and what `_score` does count: C0/C1 controls, private use, unassigned.
PLAIN = "قال الرئيس\u200f إن\u00a0العراق\u200c\tمهم\r\nThe end.\u2009\ufeff"
COUNTED = ["\x00", "\x07", "\x1b", "\x85", "\ue000", "\U000f0000", "\u0378", "\ufffd", "\ud800"]


def test_no_character_it_skips_counts_as_control() -> None:
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if _NOT_CONTROL.fullmatch(ch) and ch not in "\t\n\r":
            assert unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn"), hex(cp)


def test_plain_text_takes_the_fast_path() -> None:
    assert _no_control_characters(PLAIN)
    assert _score(PLAIN)[2] == 0
    assert decode_bytes(PLAIN.encode("utf-8")) == (PLAIN, "utf-8")


@pytest.mark.parametrize("ch", COUNTED)
def test_a_control_character_is_not_missed(ch: str) -> None:
    text = PLAIN + ch
    assert not _no_control_characters(text)
    assert _score(text)[2] > 0


def test_many_control_characters_are_still_refused() -> None:
    with pytest.raises(ReadError):
        decode_bytes(("\x01\x02\x03 abc" * 50).encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_fast_answer_implies_no_control_characters(text: str) -> None:
    if _no_control_characters(text):
        assert _score(text)[2] == 0
