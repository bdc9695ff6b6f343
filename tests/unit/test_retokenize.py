"""Corpora tokenized otherwise than Qari (`app.ner.retokenize`): a segmented one (و العراق) and one
with punctuation written on its words (بغداد،) are tagged as Qari's tokens, the tags given back."""

from __future__ import annotations

from app.ner.bundled import BundledRecognizer
from app.ner.retokenize import join_proclitics, merge_tags, split_attached, spread_tags


def test_a_segmented_document_is_read_with_its_proclitics_on_their_words() -> None:
    # a corpus segmented as the Penn Arabic Treebank is: و, ب, ل as tokens of their own
    doc = [
        ["و", "قال", "الرئيس", "ل", "الصحفيين", "ب", "بغداد", "إن", "و+", "العراق", "مستعد"],
        ["و", "سافر", "إلى", "واشنطن", "."],
    ]
    joined = join_proclitics(doc)
    assert joined is not None
    words, sizes = joined
    assert words == [
        ["وقال", "الرئيس", "للصحفيين", "ببغداد", "إن", "والعراق", "مستعد"],
        ["وسافر", "إلى", "واشنطن", "."],
    ]
    assert sizes == [[2, 1, 2, 2, 1, 2, 1], [2, 1, 1, 1]]
    tags = [["O", "O", "O", "B-LOC", "O", "B-LOC", "O"], ["O", "O", "B-LOC", "O"]]
    spread = spread_tags(tags, sizes)
    assert spread[0] == ["O", "O", "O", "O", "O", "O", "B-LOC", "O", "O", "B-LOC", "O"]
    assert [len(s) for s in spread] == [len(s) for s in doc]
    # a name that goes on through a joined word keeps the proclitic inside it
    assert spread_tags([["B-ORG", "I-ORG"]], [[1, 2]]) == [["B-ORG", "I-ORG", "I-ORG"]]


def test_a_document_written_as_news_write_is_not_joined() -> None:
    # ANERcorp spaces a و off now and then: a few in a document are left as written
    doc = [["قال", "الرئيس", "إن", "بغداد", "و", "دمشق", "تتفقان"] + ["على", "التعاون"] * 20]
    assert join_proclitics(doc) is None
    assert join_proclitics([[]]) is None


def test_the_recognizer_tags_a_segmented_document_as_the_joined_one() -> None:
    rec = BundledRecognizer.load()
    segmented = [["و", "قال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "ل", "الصحفيين", "في", "ب", "باريس"]]
    joined = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "للصحفيين", "في", "بباريس"]]
    tags = rec.tag_sentences(segmented)
    assert tags == spread_tags(rec.tag_sentences(joined), [[2, 1, 1, 1, 1, 2, 1, 2]])
    assert tags[0][4:6] == ["B-PERS", "I-PERS"] and tags[0][9:] == ["O", "B-LOC"]


def test_punctuation_written_on_a_word_is_read_apart() -> None:
    doc = [["قال", "(رويترز)", "إن", "بغداد،", "ودمشق", "اتفقتا."], ["بلغ", "3.5", "ق.م.", "30%"]]
    split = split_attached(doc)
    assert split is not None
    pieces, sizes = split
    assert pieces[0] == ["قال", "(", "رويترز", ")", "إن", "بغداد", "،", "ودمشق", "اتفقتا", "."]
    # numbers and one-letter abbreviations stay whole, as ANERcorp writes them
    assert pieces[1] == doc[1] and sizes == [[1, 3, 1, 2, 1, 2], [1, 1, 1, 1]]
    tags = [["O", "O", "B-ORG", "O", "O", "B-LOC", "O", "B-LOC", "O", "O"], ["O"] * 4]
    assert merge_tags(tags, sizes)[0] == ["O", "B-ORG", "O", "B-LOC", "B-LOC", "O"]
    # a name over several tokens keeps its I- on the token that carries a comma
    assert merge_tags([["B-PERS", "I-PERS", "O"]], [[1, 2]]) == [["B-PERS", "I-PERS"]]
    assert split_attached([["قال", "الرئيس", "،", "3.5"]]) is None


def test_the_recognizer_tags_an_untokenized_sentence_as_the_tokenized_one() -> None:
    rec = BundledRecognizer.load()
    raw = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون،", "في", "باريس،", "إن", "(الناتو)", "مستعد."]]
    tokenized = [["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "،", "في", "باريس", "،", "إن"]]
    tokenized[0] += ["(", "الناتو", ")", "مستعد", "."]
    tags = rec.tag_sentences(raw)
    assert tags == merge_tags(rec.tag_sentences(tokenized), [[1, 1, 1, 1, 2, 1, 2, 1, 3, 2]])
    assert tags[0][3:5] == ["B-PERS", "I-PERS"] and tags[0][6] == "B-LOC"
