"""ANERcorp tags the place after an administrative head, not the head (`drop_place_heads`): the
network put محافظة in محافظة لحج in recent news."""

from __future__ import annotations

from app.ner.bundled import drop_place_heads
from app.ner.features import FeatureExtractor, MemoryLexicon


def _dropped(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    lex = MemoryLexicon()
    infos = FeatureExtractor(lex).infos(sentences)
    out = [list(t) for t in tags]
    drop_place_heads(infos, out, lex)
    return out


def test_a_head_without_the_article_is_left_out_of_the_place() -> None:
    sentences = [
        ["في", "محافظة", "لحج", "."],
        ["بولاية", "سيدي", "بوزيد", "،"],
        ["بمنطقة", "جازان"],
    ]
    tags = [
        ["O", "B-LOC", "I-LOC", "O"],
        ["B-LOC", "I-LOC", "I-LOC", "O"],
        ["B-LOC", "I-LOC"],
    ]
    assert _dropped(sentences, tags) == [
        ["O", "O", "B-LOC", "O"],
        ["O", "B-LOC", "I-LOC", "O"],
        ["O", "B-LOC"],
    ]


def test_a_definite_head_or_another_head_is_part_of_the_name() -> None:
    sentences = [
        ["في", "المدينة", "المنورة"],
        ["بالمنطقة", "الشرقية"],
        ["مضيق", "جبل", "طارق"],  # جبل: not an administrative head
        ["البحر", "الأحمر"],
    ]
    tags = [
        ["O", "B-LOC", "I-LOC"],
        ["B-LOC", "I-LOC"],
        ["O", "B-LOC", "I-LOC"],
        ["B-LOC", "I-LOC"],
    ]
    assert _dropped(sentences, tags) == tags


def test_square_alone_before_a_word_is_no_place_but_the_city_medan_is() -> None:
    sentences = [
        ["نصبت", "في", "ميدان", "الكونكورد"],
        ["تجمهر", "بميدان", "رابعة", "العدوية"],
        ["شرطة", "مدينة", "ميدان", "،"],  # the Indonesian city
        ["احتشدوا", "في", "ميدان", "،"],  # alone before punctuation: kept
    ]
    tags = [
        ["O", "O", "B-LOC", "O"],
        ["O", "B-LOC", "O", "O"],
        ["O", "O", "B-LOC", "O"],
        ["O", "O", "B-LOC", "O"],
    ]
    assert _dropped(sentences, tags) == [["O", "O", "O", "O"], ["O", "O", "O", "O"], tags[2], tags[3]]


def test_an_honorific_after_a_holy_city_is_no_part_of_it() -> None:
    from app.ner.bundled import BundledRecognizer

    rec = BundledRecognizer.load()
    sentences = [
        ["في", "منطقة", "مكة", "المكرمة", "."],
        ["فعاليات", "العيد", "بمكة", "المكرمة"],
        ["في", "النجف", "الأشرف"],
        ["مدينة", "مزار", "الشريف", "بعد"],  # Mazar-i-Sharif: a city of both words
    ]
    tags = [["O", "O", "B-LOC", "I-LOC", "O"], ["O", "O", "B-LOC", "I-LOC"], ["O", "B-LOC", "I-LOC"]]
    tags.append(["O", "B-LOC", "I-LOC", "O"])
    out = [list(t) for t in tags]
    drop_place_heads(rec.extractor.infos(sentences), out, rec.extractor.lex)
    assert out == [["O", "O", "B-LOC", "O", "O"], ["O", "O", "B-LOC", "O"], ["O", "B-LOC", "O"], tags[3]]
