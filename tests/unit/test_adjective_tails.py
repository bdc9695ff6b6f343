"""A common adjective in ية after a person's first word ends the person: the network tags the
person inside an institution named after him with the institution's adjective (مؤسسة الملك خالد
الخيرية, كلية الملك فهد الأمنية). A surname in ية that is no common word (العطية) stays."""

from __future__ import annotations

from app.ner.bundled import drop_adjective_tails
from app.ner.features import FeatureExtractor, Gazetteer, MemoryLexicon

COMMON = frozenset({"الأمنية", "للمقبولين"})  # as written
RARE = frozenset({"الخيريه"})  # normalize_keep_hamza


def _dropped(
    sentences: list[list[str]], tags: list[list[str]], lex: MemoryLexicon | None = None
) -> list[list[str]]:
    lex = lex or MemoryLexicon()
    infos = FeatureExtractor(lex).infos(sentences)
    out = [list(t) for t in tags]
    drop_adjective_tails(sentences, infos, out, lex, COMMON, RARE)
    return out


def test_the_institution_s_adjective_is_no_part_of_the_person() -> None:
    sentences = [
        ["مع", "مؤسسة", "الملك", "خالد", "الخيرية", "وبدعم"],
        ["لكلية", "الملك", "فهد", "الأمنية", "للمقبولين", "أنه"],
        ["مؤسسة", "محمد", "بن", "سلمان", "الخيرية", "("],
    ]
    tags = [
        ["O", "O", "O", "B-PERS", "I-PERS", "O"],
        ["O", "O", "B-PERS", "I-PERS", "I-PERS", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "I-PERS", "O"],
    ]
    assert _dropped(sentences, tags) == [
        ["O", "O", "O", "B-PERS", "O", "O"],
        ["O", "O", "B-PERS", "O", "O", "O"],
        ["O", "B-PERS", "I-PERS", "I-PERS", "O", "O"],
    ]


def test_surnames_in_iya_and_lone_words_stay() -> None:
    sentences = [
        ["وقال", "خالد", "العطية", "وزير"],  # العطية is no common word
        ["وقال", "الخيرية", "إن"],  # one word: not this rule's
        ["وقال", "خالد", "الأمنية"],  # a person's name in the lists
    ]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "B-PERS", "O"], ["O", "B-PERS", "I-PERS"]]
    gaz = Gazetteer()
    gaz.add("الأمنية", "PERS_last")
    assert _dropped(sentences, tags, MemoryLexicon(gazetteer=gaz)) == tags
