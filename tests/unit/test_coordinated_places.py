"""Towns of the name lists joined by و to a place the network tagged are places too
(`coordinated_places`): the network tags some towns of a list and leaves the others out."""

from __future__ import annotations

from app.ner.bundled import coordinated_places
from app.ner.features import FeatureExtractor, Gazetteer, MemoryLexicon


def _lexicon() -> MemoryLexicon:
    gaz = Gazetteer()
    for town in ("صفد", "بعلبك", "عدن", "مآسي"):
        gaz.add(town, "LOC_city")
    gaz.add("حمص", "LOC")
    gaz.add("حمص", "LOC_city_tok")
    for word in ("دعمت", "بقية", "واشنطن", "اشنطن"):  # a list's word alone, however it got there
        gaz.add(word, "LOC")
    gaz.add("بقية", "LOC_city")
    return MemoryLexicon(gazetteer=gaz)


def _tagged(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    lex = _lexicon()
    infos = FeatureExtractor(lex).infos(sentences)
    out = [list(t) for t in tags]
    coordinated_places(sentences, infos, out, lex, common={"بقية"}, rare=set())
    return out


def test_towns_beside_a_tagged_place_are_places_along_the_list() -> None:
    sentences = [
        ["صاروخا", "على", "صفد", "وحيفا", "والناصرة"],
        ["على", "مدينتي", "الهرمل", "وبعلبك", "في"],
        ["مصب", "نهر", "الفرات", "وعدن", ",", "بل"],
        ["بين", "دمشق", "وحمص", "وعدن"],  # one after the other
    ]
    tags = [
        ["O", "O", "O", "B-LOC", "B-LOC"],
        ["O", "O", "B-LOC", "O", "O"],
        ["O", "O", "B-LOC", "O", "O", "O"],
        ["O", "B-LOC", "O", "O"],
    ]
    assert _tagged(sentences, tags) == [
        ["O", "O", "B-LOC", "B-LOC", "B-LOC"],
        ["O", "O", "B-LOC", "B-LOC", "O"],
        ["O", "O", "B-LOC", "B-LOC", "O", "O"],
        ["O", "B-LOC", "B-LOC", "B-LOC"],
    ]


def test_words_that_are_no_towns_there_stay_untagged() -> None:
    sentences = [
        ["ضمت", "روسيا", "القرم", "ودعمت", "الانفصاليين"],  # a verb, one list's word only
        ["بين", "بريطانيا", "وبقية", "دول"],  # a common word
        ["اليمن", "ومآسي", "اليمنيين"],  # a definite word after it: "the tragedies of"
        ["بينما", "صفد", "واشنطن"],  # واشنطن starts with و, but it is no و and اشنطن
    ]
    tags = [
        ["O", "B-LOC", "B-LOC", "O", "O"],
        ["O", "B-LOC", "O", "O"],
        ["B-LOC", "O", "O"],
        ["O", "O", "B-LOC"],
    ]
    assert _tagged(sentences, tags) == tags
