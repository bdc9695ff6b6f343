"""The surname after a given name: where the decoder favours going on with a person's name.

The network left the surname after a given name untagged more often than ANERcorp's annotators do
(دونالد ترمب with only دونالد a person); `SURNAME_BIAS` is added to I-PERS at the `surname_slots`.
"""

from __future__ import annotations

from app.ner import bundled
from app.ner.bundled import BundledRecognizer, chunks, surname_slots


def _slots(rec: BundledRecognizer, sentences: list[list[str]]) -> list[int]:
    return surname_slots(
        sentences,
        rec.extractor.infos(sentences),
        rec.extractor.lex,
        rec._common_words,
        rec.rare_name_words,
    )


def test_slots_follow_listed_given_names_only() -> None:
    rec = BundledRecognizer.load()
    # ترمب after دونالد (a listed name) is a slot; the words after ترمب are not: على is common, and
    # ترمب itself is not in the lists
    assert _slots(rec, [["الرئيس", "دونالد", "ترمب", "على", "الصلب"]]) == [2]
    # counted over the sentences: the second sentence starts at token 3
    assert _slots(rec, [["قال", "مسؤول", "أمس"], ["دونالد", "ترمب"]]) == [4]
    # not after a title or a speech verb, and not a word the lists do not know as a name
    assert _slots(rec, [["وقال", "الرئيس", "الأميركي"]]) == []


def test_no_slot_for_a_clitic_word_or_a_rare_word() -> None:
    rec = BundledRecognizer.load()
    # لواشنطن "to Washington" after ماكرون: a preposition on a known word, not a surname
    assert _slots(rec, [["أجراها", "ماكرون", "لواشنطن"]]) == []
    # بري (Berri) starts with ب but is a listed name: a slot after نبيه
    assert _slots(rec, [["حليفه", "نبيه", "بري"]]) == [2]
    # a word the recognizer names under 15% of the time in the unlabeled news (البيان "the
    # statement") is never a slot
    assert "البيان" in rec.rare_name_words
    assert _slots(rec, [["محمد", "البيان"]]) == []


def test_the_bias_joins_a_surname_the_network_left_out(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rec = BundledRecognizer.load()

    def persons(text: str) -> list[str]:
        # the network's labels, before the rules (the list of well-known persons would tag
        # معمر القذافي whatever the bias)
        sentences = [text.split()]
        (tags,) = rec._tag_with_network(rec.extractor.infos(sentences), sentences)
        return [" ".join(sentences[0][a:b]) for a, b, k in chunks(tags) if k == "PERS"]

    libya = "عن الزعيم الليبي السابق معمر القذافي يحمل اسم عاصفة الرمال"
    goal = "وتقدم أرسنال بهدف سجله ألكسندر لاكازيت في الدقيقة 14"
    monkeypatch.setattr(bundled, "SURNAME_BIAS", 0.0)
    assert persons(libya) == ["معمر"]
    assert persons(goal) == ["ألكسندر", "لاكازيت"]
    monkeypatch.setattr(bundled, "SURNAME_BIAS", 0.3)
    assert persons(libya) == ["معمر القذافي"]
    assert persons(goal) == ["ألكسندر لاكازيت"]


def test_a_word_run_into_a_name_the_document_also_has_without_it_goes() -> None:
    from app.ner.bundled import trim_name_tails

    rec = BundledRecognizer.load()

    def trimmed(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
        trim_name_tails(rec.extractor.infos(sentences), tags, rec.extractor.lex)
        return tags

    salah = ["أكد", "المدرب", "أن", "محمد", "صلاح", "سيتعافى", "قريبا"]
    person3 = ["O", "O", "O", "B-PERS", "I-PERS", "I-PERS", "O"]
    # "Salah will recover": the verb goes, since the article names محمد صلاح without it
    assert trimmed(
        [["قال", "محمد", "صلاح", "ذلك"], salah], [["O", "B-PERS", "I-PERS", "O"], list(person3)]
    ) == [
        ["O", "B-PERS", "I-PERS", "O"],
        ["O", "O", "O", "B-PERS", "I-PERS", "O", "O"],
    ]
    # not when the article never names him without it
    assert trimmed([["قال", "المدرب", "ذلك"], salah], [["O"] * 3, list(person3)])[1] == person3
    # nor a surname after a given name of two words (عبد الحميد اليوسف beside عبد الحميد)
    words = ["فقد", "عبد", "الحميد", "اليوسف", "زوجته"]
    tags = ["O", "B-PERS", "I-PERS", "I-PERS", "O"]
    assert trimmed([["قال", "عبد", "الحميد"], words], [["O", "B-PERS", "I-PERS"], list(tags)])[1] == tags
    # nor a word the name lists have as a person's (a second surname, here ترامب)
    words = ["قال", "دونالد", "جون", "ترامب", "أمس"]
    tags = ["O", "B-PERS", "I-PERS", "I-PERS", "O"]
    assert trimmed([["وقال", "دونالد", "جون"], words], [["O", "B-PERS", "I-PERS"], list(tags)])[1] == tags
