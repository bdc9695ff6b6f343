"""A verb follows a relative pronoun, never a name (`drop_after_relatives`): ANERcorp train has no
name after any of its 1,386 relatives, and the network took جمعه, أشرف after them for persons."""

from __future__ import annotations

from app.ner.bundled import drop_after_relatives


def _dropped(sentences: list[list[str]], tags: list[list[str]]) -> list[list[str]]:
    out = [list(t) for t in tags]
    drop_after_relatives(sentences, out)
    return out


def test_a_one_word_name_after_a_relative_is_a_verb() -> None:
    sentences = [
        ["الاجتماع", "الذي", "جمعه", "بالأمين", "العام"],
        ["الصفقة", "التى", "اشرف", "عليها"],  # التي as Egyptian papers write it
        ["أطفالهم", "،", "الذين", "يستأنسون", "بهذا"],
    ]
    tags = [
        ["O", "O", "B-PERS", "O", "O"],
        ["O", "O", "B-PERS", "O"],
        ["O", "O", "O", "B-PERS", "O"],
    ]
    assert _dropped(sentences, tags) == [["O"] * len(s) for s in sentences]


def test_names_elsewhere_and_longer_names_are_kept() -> None:
    sentences = [
        ["الاجتماع", "الذي", "جمعه", "بنور", "الدين", "الطبوبي"],  # the name after the verb stays
        ["قال", "جمعه", "إن"],  # not after a relative
        ["التي", "سانت", "لوسيا"],  # a longer name is for other rules
    ]
    tags = [
        ["O", "O", "O", "B-PERS", "I-PERS", "I-PERS"],
        ["O", "B-PERS", "O"],
        ["O", "B-LOC", "I-LOC"],
    ]
    assert _dropped(sentences, tags) == tags
