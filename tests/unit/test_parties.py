"""A party named after حزب is an organization with its head (`parties_by_their_names`), as ANERcorp
tags 101 of its 104 حزب: the network had left 223 of 831 untagged in recent news."""

from __future__ import annotations

from app.ner.bundled import parties_by_their_names
from app.ner.features import FeatureExtractor, MemoryLexicon


def _tagged(sentences: list[list[str]], tags: list[list[str]] | None = None) -> list[list[str]]:
    infos = FeatureExtractor(MemoryLexicon()).infos(sentences)
    out = [list(t) for t in tags] if tags else [["O"] * len(s) for s in sentences]
    parties_by_their_names(infos, out)
    return out


def test_a_party_and_its_name_are_one_organization() -> None:
    sentences = [
        ["نواب", "انشقوا", "عن", "حزب", "الحركة", "القومية", "."],
        ["وكيل", "مؤسسي", "حزب", "العيش", "والحرية", "،"],
        ["في", "حزب", "المؤتمر", "الشعبي", "العام", "."],
        ["لدعم", "حزب", "العمال", "المعارض", "والذي"],  # "the opposition": not of the name
    ]
    assert _tagged(sentences) == [
        ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "B-ORG", "I-ORG", "O", "O"],
    ]


def test_no_party_where_no_name_follows() -> None:
    sentences = [
        ["عدم", "الإنتماء", "لحزب", "سياسي"],  # "a political party"
        ["وهو", "حزب", "المعارضة", "الرئيسي"],  # "the main opposition party"
        ["بوجه", "حزب", "الرئيس", "التركي"],  # "the Turkish president's party"
        ["فتح", "عناصر", "من", "حزب", "العمال", "الكردستاني", "النار", "على"],  # "opened fire"
    ]
    out = _tagged(sentences)
    assert out[:3] == [["O"] * len(s) for s in sentences[:3]]
    assert out[3] == ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]
