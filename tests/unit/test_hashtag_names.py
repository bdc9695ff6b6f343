"""Names written as hashtags (`#شيرين_عبد_الوهاب`) are one name, grouped with the name spelled
with spaces.

Some news sites tag people this way in the text itself; the tokenizer splits at `_` (as camel-tools'
`simple_word_tokenize` does), and the tagger, which never saw `_` inside a name, listed شيرين, عبد
and الوهاب as three persons.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from app.ner.bundled import BundledRecognizer, hashtag_marks, tag_around_joiners
from app.ner.grouping import group_mentions, mention_form


def test_joiners_are_left_out_of_tagging_and_put_back_inside_the_name() -> None:
    seen: list[list[str]] = []

    def tagger(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        seen.extend(list(s) for s in sentences)
        # a name wherever two Arabic words follow the #; each Latin word and a lone word are O
        out = []
        for s in sentences:
            tags = ["O"] * len(s)
            for i in range(1, len(s)):
                if s[i - 1] == "#":
                    tags[i] = "B-PERS"
                elif tags[i - 1] in ("B-PERS", "I-PERS") and s[i] not in ("#", "و"):
                    tags[i] = "I-PERS"
            out.append(tags)
        return out

    sentences = [
        ["#", "شيرين", "_", "عبد", "_", "الوهاب", "و", "#", "محمد", "_", "_", "صلاح"],
        ["snake", "_", "case", "و", "دمشق", "_"],  # not between two Arabic words: kept
        ["قال", "ترامب"],  # no joiner: tagged as it is
    ]
    tags = tag_around_joiners(sentences, tagger)
    assert seen[0] == ["#", "شيرين", "عبد", "الوهاب", "و", "#", "محمد", "صلاح"]
    assert seen[1] == sentences[1] and seen[2] == sentences[2]
    assert tags[0] == ["O", "B-PERS", *["I-PERS"] * 4, "O", "O", "B-PERS", "I-PERS", "I-PERS", "I-PERS"]
    assert [len(t) for t in tags] == [len(s) for s in sentences]


def test_a_joiner_between_two_names_stays_outside_both() -> None:
    def tagger(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        return [["B-LOC"] * len(s) for s in sentences]  # every word a place of its own

    assert tag_around_joiners([["دمشق", "_", "حلب"]], tagger) == [["B-LOC", "O", "B-LOC"]]


def test_the_mark_of_a_hashtag_is_left_out_and_put_back_inside_a_name() -> None:
    sent = ["قال", "الرئيس", "دونالد", "#", "ترمب", "و", "#", "بوتين", "#", "2018", "#", "Trump"]
    # before an Arabic word only: not before a number or a Latin word
    assert hashtag_marks(sent) == [3, 6]
    seen: list[list[str]] = []

    def tagger(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        seen.extend(list(s) for s in sentences)
        return [["O", "O", "B-PERS", "I-PERS", "O", "B-PERS", "O", "O", "O", "O"]]

    assert tag_around_joiners([sent], tagger, [[3, 6]]) == [
        ["O", "O", "B-PERS", "I-PERS", "I-PERS", "O", "O", "B-PERS", "O", "O", "O", "O"]
    ]
    assert seen == [["قال", "الرئيس", "دونالد", "ترمب", "و", "بوتين", "#", "2018", "#", "Trump"]]


def test_a_place_after_a_hashtag_mark_is_found() -> None:
    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    text = "وتقدمت القوات باتجاه مدينة #الحديدة التي باتت على مشارفها، في عدد من مديريات محافظة #البيضاء ."
    places = {text[s.start : s.end] for s in rec.recognize(text) if s.label == "LOC"}
    assert {"الحديدة", "البيضاء"} <= places


def test_the_shipped_model_keeps_a_name_with_a_hash_inside_whole() -> None:
    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    text = "وأعلن الرئيس التركي رجب طيب # أردوغان الأحد أن # تركيا ستشن عملية عسكرية ."
    spans = {(text[s.start : s.end], s.label) for s in rec.recognize(text)}
    assert ("رجب طيب # أردوغان", "PERS") in spans
    assert mention_form("رجب طيب # أردوغان") == mention_form("رجب طيب أردوغان")


def test_a_hashtag_is_one_person_grouped_with_the_spaced_name() -> None:
    assert mention_form("#شيرين_عبد_الوهاب"[1:]) == mention_form("شيرين عبد الوهاب")
    rec = BundledRecognizer.load()
    if rec.network is None:
        pytest.skip("the bundled model has no network")
    text = (
        "وأعلن الفنان #أحمد_الفيشاوي عن ارتباطه، وقال أحمد الفيشاوي إنه سعيد. ووجهت الفنانة "
        "#شيرين_عبد_الوهاب رسالة إلى اللاعب #محمد_صلاح لاعب نادي ليفربول."
    )
    spans = {text[s.start : s.end] for s in rec.recognize(text) if s.label == "PERS"}
    assert {"أحمد_الفيشاوي", "شيرين_عبد_الوهاب", "محمد_صلاح"} <= spans
    assert not spans & {"شيرين", "عبد", "الوهاب", "محمد", "صلاح"}
    people = {e.name: len(e.mentions) for e in group_mentions(text, rec.recognize(text)) if e.label == "PERS"}
    assert people["أحمد الفيشاوي"] == 2
    assert {"شيرين عبد الوهاب", "محمد صلاح"} <= set(people)
