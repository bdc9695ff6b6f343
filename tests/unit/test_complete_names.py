"""A name tagged in part where the same document has it whole is completed by propagation
(`app.ner.bundled._complete_names`): the headline's لبنى [سليمان العليان] of an article that
names لبنى سليمان العليان in its text, or [أميركا] اللاتينية."""

from __future__ import annotations

from app.ner.bundled import propagate
from app.ner.features import FeatureExtractor


def _propagated(doc: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    return propagate(doc, [list(t) for t in tags], FeatureExtractor())


def test_a_name_tagged_in_part_takes_the_whole_name_the_document_has() -> None:
    doc = [
        ["من", "هي", "لبنى", "سليمان", "العليان", "؟"],
        ["عينت", "سيدة", "الأعمال", "لبنى", "سليمان", "العليان", "رئيسة"],
        ["دول", "أميركا", "اللاتينية", "وأميركا", "اللاتينية"],
    ]
    tags = [
        ["O", "O", "O", "B-PERS", "I-PERS", "O"],
        ["O", "O", "O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-LOC", "O", "B-LOC", "I-LOC"],
    ]
    out = _propagated(doc, tags)
    assert out[0] == ["O", "O", "B-PERS", "I-PERS", "I-PERS", "O"]
    assert out[2] == ["O", "B-LOC", "I-LOC", "B-LOC", "I-LOC"]


def test_no_completion_across_another_name_a_place_head_or_another_type() -> None:
    doc = [
        ["وفي", "محافظة", "تعز", "قتل"],  # the network put the head in the name here
        ["في", "محافظة", "تعز", "."],
        ["وقال", "مدرب", "ليفربول", "يورغن", "كلوب"],
        ["وقال", "كلوب", "إن"],
        ["فريق", "يورغن", "كلوب"],  # a person: kept apart from the organization before it
    ]
    tags = [
        ["O", "B-LOC", "I-LOC", "O"],
        ["O", "O", "B-LOC", "O"],
        ["O", "O", "B-ORG", "B-PERS", "I-PERS"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS"],
    ]
    out = _propagated(doc, tags)
    assert out[1] == ["O", "O", "B-LOC", "O"]
    assert out[3] == ["O", "B-PERS", "O"]
    assert out[4] == tags[4]


def test_a_name_tagged_only_without_the_article_is_not_given_to_a_word_with_it() -> None:
    doc = [
        ["وصلنا", "إلى", "مشهد", "أمس"],  # Mashhad
        ["على", "ذلك", "المشهد", "المثير"],  # "the scene"
        ["قال", "الأسد", "إن"],
        ["وأكد", "بشار", "الأسد", "أن", "الأسد"],
    ]
    tags = [
        ["O", "O", "B-LOC", "O"],
        ["O", "O", "O", "O"],
        ["O", "B-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "O", "O"],
    ]
    out = _propagated(doc, tags)
    assert out[1] == ["O", "O", "O", "O"]
    assert out[3][4] == "B-PERS"  # tagged with the article: given to mentions with it
