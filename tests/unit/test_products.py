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
