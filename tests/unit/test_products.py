"""Products (آيفون, غالاكسي نوت) are MISC, as ANERcorp tags them, and so stay out of the panel."""

from __future__ import annotations

from app.ner.bundled import BundledRecognizer


def test_products_are_misc_not_persons_or_organizations() -> None:
    from app.ner.bundled import products_are_misc

    rec = BundledRecognizer.load()
    sentences = [
        ["أن", "هاتف", "آيفون", "الجديد"],
        ["هاتفيها", "غالاكسي", "نوت", "9"],
        ["فريق", "لوس", "أنجلوس", "غالاكسي"],
    ]
    tags = [["O", "O", "B-PERS", "O"], ["O", "B-ORG", "I-ORG", "O"], ["O", "B-ORG", "I-ORG", "I-ORG"]]
    products_are_misc(rec.extractor.infos(sentences), tags)
    assert tags == [
        ["O", "O", "B-MISC", "O"],
        ["O", "B-MISC", "I-MISC", "O"],
        ["O", "B-ORG", "I-ORG", "I-ORG"],
    ]


def test_copa_america_is_a_tournament_not_two_places() -> None:
    from app.ner.bundled import products_are_misc

    rec = BundledRecognizer.load()
    sentences = [
        ["بطل", "كوبا", "أميركا", "2015"],
        ["البرازيل", "وكوبا", "أمريكا", "عامي"],
        ["زار", "كوبا", "وأمريكا", "اللاتينية"],  # Cuba and Latin America
    ]
    tags = [["O", "B-LOC", "B-LOC", "O"], ["B-LOC", "B-LOC", "B-LOC", "O"], ["O", "B-LOC", "B-LOC", "I-LOC"]]
    out = [list(t) for t in tags]
    products_are_misc(rec.extractor.infos(sentences), out)
    assert out == [["O", "B-MISC", "I-MISC", "O"], ["B-LOC", "B-MISC", "I-MISC", "O"], tags[2]]


def test_the_suez_canal_is_a_place_not_a_television_channel() -> None:
    from app.ner.bundled import canals_are_places

    rec = BundledRecognizer.load()
    sentences = [
        ["وبلغت", "إيرادات", "قناة", "السويس", "435"],
        ["عبور", "قناة", "السويس"],
        ["رئيس", "هيئة", "قناة", "السويس", "قال"],  # the authority, tagged whole: kept
        ["قناة", "الجزيرة", "القطرية"],  # a channel: no canal
        ["قناة", "السويس", "الجديدة"],  # a longer name: kept
    ]
    tags = [
        ["O", "O", "O", "B-ORG", "O"],
        ["O", "O", "O"],
        ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "B-ORG", "O"],
        ["O", "B-ORG", "I-ORG"],
    ]
    out = [list(t) for t in tags]
    canals_are_places(rec.extractor.infos(sentences), out)
    assert out == [["O", "O", "O", "B-LOC", "O"], ["O", "O", "B-LOC"], tags[2], tags[3], tags[4]]


def test_the_name_after_a_rocket_word_is_the_weapon() -> None:
    from app.ner.bundled import products_are_misc

    rec = BundledRecognizer.load()
    sentences = [
        ["بصاروخين", "كاتيوشا", "."],  # the seed article's Katyusha rockets, a person to the network
        ["صاروخين", "من", "طراز", "كاتيوشا"],
        ["صواريخ", "كروز", "،"],
        ["صاروخ", "بوتين", "الذي"],  # Putin's missile: a listed person stays
        ["مستهدفة", "الصواريخ", "إسرائيل"],  # "the rockets": the place after it stays
        ["وصاروخي", "للتحالف", "استهدف"],  # a proclitic: whose rocket
    ]
    tags = [
        ["O", "B-PERS", "O"],
        ["O", "O", "O", "B-PERS"],
        ["O", "B-LOC", "O"],
        ["O", "B-PERS", "O"],
        ["O", "O", "B-LOC"],
        ["O", "B-ORG", "O"],
    ]
    out = [list(t) for t in tags]
    products_are_misc(rec.extractor.infos(sentences), out)
    assert out == [["O", "B-MISC", "O"], ["O", "O", "O", "B-MISC"], ["O", "B-MISC", "O"], *tags[3:]]


def test_the_seed_article_lists_no_rocket_as_a_person() -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_a8c034b26b330cb6.txt"
    text = seed.read_text(encoding="utf-8")
    spans = BundledRecognizer.load().recognize(text)
    assert "كاتيوشا" in text
    assert spans and all(s.label != "PERS" or "كاتيوشا" not in text[s.start : s.end] for s in spans)
