"""A passage of English prose in an Arabic article is not read as names: the tagger, trained on
Arabic, reads Latin words as organizations (`app.ner.bundled.drop_latin_prose`)."""

from __future__ import annotations

from app.ner.bundled import drop_latin_prose


def _dropped(sentence: str, tags: list[str]) -> list[str]:
    out = [list(tags)]
    drop_latin_prose([sentence.split()], out)
    return out[0]


def test_an_english_sentence_loses_its_names() -> None:
    words = '" We will stand with Ukraine , " Biden wrote on Monday .'
    tagged = ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-PERS", "O", "O", "B-MISC", "O"]
    assert _dropped(words, tagged) == ["O"] * len(tagged)


def test_an_arabic_name_after_the_passage_begins_anew() -> None:
    words = "as long as it takes بايدن جو"
    tagged = ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-PERS"]
    assert _dropped(words, tagged) == ["O"] * 5 + ["B-ORG", "I-PERS"]


def test_names_in_latin_letters_inside_arabic_text_stay() -> None:
    # a gloss, a name with particles, a title of capitalized words, a short phrase
    for words, tagged in (
        ("قال ألبرت أينشتاين ( Albert Einstein )", ["O", "B-PERS", "I-PERS", "O", "B-PERS", "I-PERS", "O"]),
        (
            "منظمة Organization of the Petroleum Exporting Countries في",
            ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
        ),
        ("فيلم Call Me By Your Name للمخرج", ["O", "B-MISC", "I-MISC", "I-MISC", "I-MISC", "I-MISC", "O"]),
        ("شركة Cheese and more في", ["O", "B-ORG", "I-ORG", "I-ORG", "O"]),
    ):
        assert _dropped(words, tagged) == tagged


def test_a_bilingual_article_lists_only_its_names() -> None:
    from app.ner.bundled import BundledRecognizer
    from app.ner.service import analyze

    text = (
        "قال الرئيس الأمريكي جو بايدن إن بلاده ستدعم أوكرانيا.\n"
        '"We will stand with Ukraine as long as it takes," Biden wrote on Monday, adding that the '
        "Pentagon would send new weapons.\n"
        "وأضاف بايدن أن وزير الدفاع لويد أوستن سيزور كييف، بحسب ما نقلت وكالة رويترز."
    )
    names = {(e.name, e.label) for e in analyze(text, BundledRecognizer.load())}
    assert {("جو بايدن", "PERS"), ("لويد أوستن", "PERS"), ("كييف", "LOC"), ("رويترز", "ORG")} <= names
    assert not [n for n, _ in names if any("a" <= c <= "z" for c in n)]  # no English words as names
