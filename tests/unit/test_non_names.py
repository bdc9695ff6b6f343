"""Spellings the training corpus shows as never a name are never a one-word person name.

Normalizing ى to ي makes the preposition على the name علي to the tagger; in recent news the network
called about one على in 50 a person on its own, and propagation spread the surname of محمد علي to
every على of the article.
"""

from __future__ import annotations

import pytest

from app.ner.bundled import NON_NAME_WORDS, BundledRecognizer, drop_one_word_persons
from app.ner.train import non_name_words


def test_non_name_words_are_frequent_and_almost_never_in_a_name() -> None:
    sentences = (
        [[("على", "O"), ("الحدود", "O")]] * 60  # frequent, never a name: in
        + [[("علي", "B-PERS"), ("قال", "O")]] * 2  # قال 60 times, never a name: in
        + [[("علي", "O"), ("قال", "O")]] * 58  # علي: 2 of 60 in a name (3%): out
        + [[("بيت", "O")]] * 49  # 49 times only: out
        + [[("الشرق", "B-MISC"), ("كأس", "I-MISC")]] * 50  # MISC is not a name here: both in
        + [[("دولار", "O")]] * 199
        + [[("دولار", "B-ORG")]]  # 1 in 200 (0.5%): in
    )
    assert non_name_words(sentences) == sorted(["على", "الحدود", "قال", "الشرق", "كأس", "دولار"])
    assert "علي" in non_name_words(sentences, max_share=0.05)
    assert "بيت" in non_name_words(sentences, min_count=49)


def test_only_one_word_person_names_are_dropped() -> None:
    words = frozenset({"على"})
    sentences = [
        ["وأكد", "على", "ضرورة"],
        ["محمد", "على", "قال"],
        ["على", "جمعة", "قال"],
        ["مدينة", "على"],
        ["قال", "علي"],
        ["على"],
    ]
    tags = [
        ["O", "B-PERS", "O"],
        ["B-PERS", "I-PERS", "O"],  # the end of a longer name: kept
        ["B-PERS", "I-PERS", "O"],  # the start of one: kept
        ["O", "B-LOC"],  # not a person: kept
        ["O", "B-PERS"],  # علي, spelled with ي: not in the list
        ["B-PERS"],
    ]
    want = [["O", "O", "O"], *[list(t) for t in tags[1:5]], ["O"]]
    drop_one_word_persons(sentences, tags, words)
    assert tags == want


def test_the_shipped_model_never_makes_the_preposition_a_person() -> None:
    rec = BundledRecognizer.load()
    if not rec.non_name_words:
        pytest.skip("the bundled model has no non-name words")
    assert "على" in rec.non_name_words and "علي" not in rec.non_name_words
    assert NON_NAME_WORDS in rec.meta
    doc = [
        ["التقى", "الرئيس", "محمد", "علي", "بالوزير", "أمس", "."],
        ["وأكد", "الوزير", "على", "ضرورة", "الحوار", "."],
        ["وقال", "علي", "إن", "الاجتماع", "كان", "مثمرا", "."],
    ]
    for propagate in (False, True):
        rec.propagate = propagate
        tags = rec.tag_sentences(doc)
        assert tags[0][2:4] == ["B-PERS", "I-PERS"]
        assert tags[1][2] == "O"
    assert tags[2][1] == "B-PERS"  # Ali, the surname, found again by propagation
    rec.non_name_words = frozenset()  # what the list prevents: على made Ali by propagation
    assert rec.tag_sentences(doc)[1][2] == "B-PERS"
