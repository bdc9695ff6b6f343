"""Arabic normalization views and their offsets back into the original text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.text.normalize import (
    fold_presentation_forms,
    is_arabic,
    normalize,
    normalize_keep_hamza,
    normalize_with_offsets,
    strip_proclitics,
    view_span_to_original,
)

ALPHABET = (
    [chr(c) for c in range(0x0621, 0x064B)]
    + [chr(c) for c in range(0x064B, 0x0653)]
    + ["\u0670", "\u0640", "ٱ", "\u06d6", "\u0610"]
    + list("٠١٢٣٤٥٦٧٨٩۰۱۲۳0123456789 abcXYZ.,،\n")
    + ["😀", "é"]
)
texts = st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أحمد إبراهيم آل ٱلله", "احمد ابراهيم ال الله"),
        ("مصطفى الكاظمى", "مصطفي الكاظمي"),
        ("السفارة الأمريكية", "السفاره الامريكيه"),
        ("وَقَالَ الرَّئِيسُ", "وقال الرئيس"),
        ("بـــغـداد", "بغداد"),
        ("عام ٢٠٢١ و۱۴۰۰", "عام 2021 و1400"),
        ("C-RAM 85%", "C-RAM 85%"),
        ("علی کرکوک", "علي كركوك"),  # typed on a Persian keyboard: its yeh and kaf
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@settings(max_examples=300, deadline=None)
@given(texts)
def test_offsets_map_every_view_character_back(text: str) -> None:
    view, offsets = normalize_with_offsets(text)
    assert view == normalize(text)
    assert len(offsets) == len(view)
    assert all(a < b for a, b in itertools.pairwise(offsets))
    for i, orig in enumerate(offsets):
        assert normalize(text[orig]) == view[i]
    kept = set(offsets)
    # Whatever was dropped normalizes to nothing (tashkeel, tatweel, Quranic marks).
    assert all(normalize(ch) == "" for i, ch in enumerate(text) if i not in kept)


@settings(max_examples=200, deadline=None)
@given(texts, st.data())
def test_view_spans_map_to_original_spans(text: str, data: st.DataObject) -> None:
    view, offsets = normalize_with_offsets(text)
    if not view:
        return
    start = data.draw(st.integers(min_value=0, max_value=len(view) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(view)))
    o_start, o_end = view_span_to_original(offsets, start, end)
    assert 0 <= o_start < o_end <= len(text)
    assert normalize(text[o_start:o_end]) == view[start:end]


def test_view_span_to_original_finds_the_name_in_the_original() -> None:
    text = "قال الرَّئيسُ الأمريكيُّ جو بايدن"
    view, offsets = normalize_with_offsets(text)
    start = view.index("الامريكي")
    o_start, o_end = view_span_to_original(offsets, start, start + len("الامريكي"))
    assert text[o_start:o_end] == "الأمريكي"  # the trailing marks are not part of the span
    with pytest.raises(ValueError):
        view_span_to_original(offsets, 3, 3)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("لواشنطن", "واشنطن"),
        ("والعراق", "العراق"),
        ("بالعراق", "العراق"),
        ("والعراق", "عراق"),
        ("وبالعراق", "العراق"),
        ("للامم", "الامم"),
        ("فالحكومه", "الحكومه"),
        ("وبغداد", "بغداد"),
    ],
)
def test_strip_proclitics(word: str, stem: str) -> None:
    assert stem in strip_proclitics(word)


def test_strip_proclitics_keeps_short_stems_whole() -> None:
    assert strip_proclitics("وب") == []
    assert strip_proclitics("بان", min_stem=3) == []


@pytest.mark.parametrize(
    ("shaped", "plain"),
    [
        ("\ufe8d\ufedf\ufecc\ufeae\ufe8d\ufed5", "العراق"),  # isolated/initial/medial/final forms
        ("\ufefb", "لا"),  # lam-alef ligature: two letters
        ("\ufef5", "لآ"),  # lam-alef with madda
        ("\ufdf2", "الله"),
        ("\ufe91\ufe8e\ufe8f\ufe70", "باب\u064b"),  # isolated fathatan: the mark, no space before it
        ("C-RAM \ufeff", "C-RAM \ufeff"),  # outside the ranges: untouched (U+FEFF is not a form)
    ],
)
def test_fold_presentation_forms(shaped: str, plain: str) -> None:
    assert fold_presentation_forms(shaped) == plain


def test_is_arabic() -> None:
    assert is_arabic("NATO حلف")
    assert not is_arabic("NATO 2021 ٢٠٢١")


def test_normalize_keep_hamza_folds_all_but_the_hamza() -> None:
    assert normalize_keep_hamza("بِأَوَّلِ") == "بأول"  # "at the first": not the name باول (Powell)
    assert normalize_keep_hamza("مُصْطَفَى") == "مصطفي"
    assert normalize_keep_hamza("القاهرة ٢٠٢١") == "القاهره 2021"
    assert normalize(normalize_keep_hamza("إبراهيم")) == normalize("إبراهيم") == "ابراهيم"
