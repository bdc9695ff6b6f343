"""The usual spelling of final ى and ة (`app.ner.spelling`): counted from the unlabeled news, and
read before tagging in a document that writes ى for ي (or ه for ة), only there."""

from __future__ import annotations

from app.ner.spelling import (
    MAKSURA_WORDS,
    TEH_MARBUTA_WORDS,
    Spelling,
    count_finals,
    plain,
    usual_spellings,
)

NEWS = [
    "ذهب إلى المدينة على عجل في الصباح",  # standard spelling
    "وقال مصطفى في المستشفى إن الحكومة التي",
    "وصل إلى الحكومة على الفور في موعده",
    "وذكر مصطفى الذي في المدينة إلى الحكومة",
    "فى المدينة",  # one writer's ى for ي: the minority
]


def test_the_usual_spelling_is_the_one_most_lines_write() -> None:
    counts = count_finals(NEWS)
    assert counts.lines == len(NEWS)
    assert counts.seen["في"] == 5 and counts.maksura["في"] == 1
    lists = usual_spellings(counts, min_count=2)
    # على, إلى, مصطفى: written with ى; في with ي (4 of 5); المستشفى seen once only
    assert lists[MAKSURA_WORDS] == sorted(["إلي", "علي", "مصطفي"])  # keeping the hamza
    # المدينة, الحكومة: with ة; موعده ("its time") is seen once, and ends with the pronoun
    assert lists[TEH_MARBUTA_WORDS] == sorted(["الحكومه", "المدينه"])


def _spelling() -> Spelling:
    lists = usual_spellings(count_finals(NEWS), min_count=2)
    return Spelling(lists[MAKSURA_WORDS], lists[TEH_MARBUTA_WORDS])


def test_a_document_that_writes_maksura_for_yeh_is_read_with_yeh() -> None:
    sp = _spelling()
    doc = [["وقال", "الكاظمى", "فى", "بغداد"], ["ذهب", "إلى", "شنغهاى", "على", "عجل"], ["."]]
    out = sp.sentences(doc)
    # ى read as ي, but for the words the news write with ى (إلى, على); unseen words too
    assert out == [["وقال", "الكاظمي", "في", "بغداد"], ["ذهب", "إلى", "شنغهاي", "على", "عجل"], ["."]]
    assert out[2] is doc[2]  # a sentence with nothing to read otherwise is the same list
    assert doc[0][1] == "الكاظمى"  # the document itself is not rewritten


def test_a_document_in_the_standard_spelling_is_left_as_written() -> None:
    sp = _spelling()
    # بنى "built" and روى "narrated" end in ى like an Egyptian writer's ي, but the document writes
    # ي where the news do (في, الذي): a ى here is the writer's and stays
    doc = [
        ["بنى", "الملك", "في", "المدينة", "الذي", "سماه", "الوادي", "الأخضر", "في", "الجنوب"],
        ["روى", "مصطفى", "في", "الحكومة", "التي", "يرأسها", "القاضي", "العربي", "في", "الشمال"],
    ]
    assert sp.sentences(doc) is doc


def test_heh_for_teh_marbuta_is_read_as_teh_marbuta_in_a_document_written_so() -> None:
    sp = _spelling()
    doc = [["في", "المدينه", "قالت", "الحكومه", "إن", "موعده"]]
    assert sp.sentences(doc) == [["في", "المدينة", "قالت", "الحكومة", "إن", "موعده"]]
    # one such word among words spelled with ة is a writer's slip, left alone
    mixed = [["في", "المدينه", "قالت", "الحكومة"], ["في", "المدينة", "الحكومة"]]
    assert sp.sentences(mixed) is mixed


def test_no_lists_no_change() -> None:
    doc = [["فى", "الكاظمى"]]
    assert not Spelling() and Spelling().sentences(doc) is doc


def test_tashkeel_and_tatweel_are_read_as_the_news_write() -> None:
    assert plain("مُحَمَّدٌ") == "محمد"  # fully vowelled: every mark goes, the tanween too
    assert plain("الرئيـــس") == "الرئيس"
    assert plain("روسياً") == "روسياً"  # only a tanween at its end: indefinite, for drop_tanween
    assert plain("عليَّ") == "عليَّ" and plain("إليّ") == "إليّ"  # "on me", "to me": not علي
    assert plain("ّ") == "ّ"  # nothing left: as written
    doc = [["قال", "مُحَمَّدُ", "بْنُ", "سَلْمانَ"], ["في", "الرياض"]]
    assert Spelling().sentences(doc) == [["قال", "محمد", "بن", "سلمان"], ["في", "الرياض"]]
    assert doc[0][1] == "مُحَمَّدُ"  # the document itself is not rewritten


def test_a_vowelled_name_is_found_as_the_plain_one() -> None:
    from app.ner.bundled import BundledRecognizer

    rec = BundledRecognizer.load()
    plain_doc = [["وقال", "الرئيس", "المصري", "عبد", "الفتاح", "السيسي", "في", "القاهرة", "."]]
    vowelled = [["وَقَالَ", "الرَّئِيسُ", "المِصْرِيُّ", "عَبْدُ", "الفَتَّاحِ", "السِّيسِي", "فِي", "القَاهِرَةِ", "."]]
    assert rec.tag_sentences(vowelled) == rec.tag_sentences(plain_doc)
    assert rec.tag_sentences(plain_doc)[0][3:6] == ["B-PERS", "I-PERS", "I-PERS"]


def test_a_document_typed_on_a_persian_keyboard_is_read_in_arabic_letters() -> None:
    assert plain("کرکوک") == "كركوك" and plain("علی") == "على"  # a final ی read as ى first
    sp = _spelling()
    doc = [["وصل", "الکاظمی", "فی", "الصباح", "إلی", "کرکوک"]]
    # the document then writes ى for ي: ى read as ي but on إلى, which the news write with ى
    assert sp.sentences(doc) == [["وصل", "الكاظمي", "في", "الصباح", "إلى", "كركوك"]]


def test_names_are_shown_in_the_standard_spelling_where_the_document_writes_otherwise() -> None:
    sp = _spelling()
    spelled = sp.names_spelled("وقال الكاظمى فى بغداد، ثم ذهب إلى شنغهاى على عجل.")
    assert spelled is not None
    # ى shown as ي, but on the words the news write with ى (مصطفى keeps its alef maksura)
    assert spelled("مصطفى الكاظمى") == "مصطفى الكاظمي"
    assert spelled("شنغهاى") == "شنغهاي"
    teh = sp.names_spelled("في المدينه قالت الحكومه إن موعده")
    assert teh is not None and teh("الحكومه") == "الحكومة"
    # a document in the standard spelling: names as written (بنى "built" is the writer's)
    assert sp.names_spelled("بنى الملك في المدينة الذي سماه الوادي في الجنوب") is None
    assert Spelling().names_spelled("وقال الكاظمى فى بغداد") is None


def test_an_egyptian_style_article_lists_its_names_in_the_standard_spelling() -> None:
    from app.ner.bundled import BundledRecognizer
    from app.ner.service import analyze

    rec = BundledRecognizer.load()
    text = (
        "قال رئيس الوزراء العراقى مصطفى الكاظمى فى بيان إن الحكومه ستعمل مع جامعه القاهره. "
        "وأضاف الكاظمى أن الرئيس عبد الفتاح السيسى اتصل به."
    )
    by_name = {e.name: e for e in analyze(text, rec)}
    assert {"مصطفى الكاظمي", "عبد الفتاح السيسي", "جامعة القاهرة"} <= set(by_name)
    # the mentions keep the writer's spelling, and so do the offsets into the text
    assert [m.text for m in by_name["مصطفى الكاظمي"].mentions] == ["مصطفى الكاظمى", "الكاظمى"]
    assert all(text[m.start : m.end] == m.text for e in by_name.values() for m in e.mentions)
