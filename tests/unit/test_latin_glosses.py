"""A name in Latin letters in brackets right after a person or an organization is that name, as
ANERcorp tags it (ألبرت أينشتاين (Albert Einstein)); a place's is mostly the news source (CNN)."""

from __future__ import annotations

from app.ner.bundled import latin_glosses


def _glossed(sentence: str, tags: list[str]) -> list[str]:
    words = sentence.split()
    out = [list(tags)]
    latin_glosses([words], out)
    return out[0]


def test_a_persons_and_an_organizations_gloss_take_their_type() -> None:
    person = ["O", "B-PERS", "I-PERS", "O", "O", "O", "O", "O"]
    expected = ["O", "B-PERS", "I-PERS", "O", "B-PERS", "I-PERS", "O", "O"]
    assert _glossed("قال ألبرت أينشتاين ( Albert Einstein ) إن", person) == expected
    # after the quote that closes the name
    org = ["O", "O", "B-ORG", "O", "O", "O", "O", "O"]
    glossed = ["O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O"]
    assert _glossed('جامعة " سيمبيوسيس " ( Symbiosis ) في', org) == glossed


def test_no_gloss_after_a_place_nor_of_lowercase_words_nor_beyond_the_bracket() -> None:
    dateline = ["B-LOC", "O", "B-LOC", "I-LOC", "I-LOC", "O", "O", "O", "O"]
    assert _glossed("دبي ، الإمارات العربية المتحدة ( CNN ) --", dateline) == dateline
    lowercase = ["B-PERS", "O", "O", "O"]
    assert _glossed("بجماليون ( pygmalion )", lowercase) == lowercase
    unclosed = ["B-ORG", "O", "O", "O"]
    assert _glossed("ناسا ( NASA قالت", unclosed) == unclosed
    mixed = ["B-ORG", "O", "O", "O", "O"]
    assert _glossed("ناسا ( NASA 2020 )", mixed) == mixed


def test_a_gloss_the_tagger_gave_another_type_takes_the_names() -> None:
    # the network reads Latin words as organizations, as ANERcorp's BBC
    tagged = ["O", "B-PERS", "I-PERS", "O", "B-ORG", "I-ORG", "O", "O"]
    expected = ["O", "B-PERS", "I-PERS", "O", "B-PERS", "I-PERS", "O", "O"]
    assert _glossed("قال ألبرت أينشتاين ( Albert Einstein ) إن", tagged) == expected
    # but not two names inside the brackets
    two = ["O", "B-PERS", "I-PERS", "O", "B-ORG", "B-LOC", "O", "O"]
    assert _glossed("قال ألبرت أينشتاين ( Albert Einstein ) إن", two) == two
